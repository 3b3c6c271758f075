// set / frozenset: `Objects/setobject.c` (`set_add_entry`, `set_table_resize`, `set_update_internal`, `set_sizeof`).
import type { PythonVersion } from '../../analysis/python-version';
import { versionFacts } from './version-facts';

/** `PySet_MINSIZE`: the small table lives inside the object. */
export const SET_MIN_SIZE = 8;

/** `set_table_resize(so, minused)`: the smallest power of two above `minused`, at least 8. */
function resizeTo(minused: number): number {
  let size = SET_MIN_SIZE;
  while (size <= minused) size *= 2;
  return size;
}

/** Table size after adding `n` distinct items one by one to an empty set (`set_add_entry`: resize when
 *  fill*5 >= mask*3, to used*4 (used*2 above 50000)). Jumps from resize to resize instead of walking items. */
export function setTableIncremental(n: number): number {
  let size = SET_MIN_SIZE;
  let used = 0;
  while (used < n) {
    const mask = size - 1;
    // The add that makes fill*5 >= mask*3 triggers the resize.
    const trigger = Math.ceil((mask * 3) / 5);
    if (n < trigger) break;
    used = trigger;
    size = resizeTo(used > 50000 ? used * 2 : used * 4);
  }
  return size;
}

/** Table size of a set filled from another set, frozenset or dict of `n` items into an empty set
 *  (`set_update_internal` / `set_merge`: presize to (used + n)*2 when (fill + n)*5 >= mask*3). */
export function setTablePresized(n: number): number {
  return n * 5 >= (SET_MIN_SIZE - 1) * 3 ? resizeTo(n * 2) : SET_MIN_SIZE;
}

/** `set___sizeof___impl`: `sizeof(PySetObject)` (200) + the table when it is not the small table, + GC header. */
export function setSize(python: PythonVersion, tableSize: number): number {
  return 200 + versionFacts(python).gcHeader + (tableSize > SET_MIN_SIZE ? 16 * tableSize : 0);
}

export type SetConstruction = 'incremental' | 'presized' | 'literal';

/** Table size of a set of `n` items built the way `built` says. Constant set displays of more than 2 items are
 *  built from a frozenset constant on 3.9+ (`starunpack_helper`: BUILD_SET 0 + SET_UPDATE), presized; 3.14 folds
 *  at most 30 items (`Python/codegen.c`, derived from source), longer displays are added item by item. */
export function setTable(python: PythonVersion, n: number, built: SetConstruction, constantItems = true): number {
  if (built === 'presized') return setTablePresized(n);
  if (built === 'literal' && constantItems && python.minor >= 9 && n > 2 && !(python.minor >= 14 && n > 30)) {
    return setTablePresized(n);
  }
  return setTableIncremental(n);
}
