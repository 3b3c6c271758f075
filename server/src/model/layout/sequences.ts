// tuple and list: `Objects/tupleobject.c`, `Objects/listobject.c`.
import type { PythonVersion } from '../../analysis/python-version';
import { VAR_HEADER } from './scalars';
import { versionFacts } from './version-facts';

/** `Objects/tupleobject.c` `tuple___sizeof__` (basicsize + 8 per item) + GC header; 3.14 adds `ob_hash`. */
export function tupleSize(python: PythonVersion, length: number): number {
  const f = versionFacts(python);
  return VAR_HEADER + f.tupleHashCache + f.gcHeader + 8 * length;
}

/** How a list was built decides its capacity (over-allocation). */
export type ListConstruction =
  | 'literal' //          `[1, 2, 3]`: a display of constants (folded to a tuple + LIST_EXTEND from 3.9)
  | 'literal-names' //    `[a, b, c]`: a display with at least one non-constant item
  | 'list-call' //        `list(x)` where x has a length (list, tuple, range, dict, set, str)
  | 'range-list' //       `list(range(n))`
  | 'comprehension' //    `[... for ...]`: LIST_APPEND per item
  | 'append' //           append loop from empty
  | 'extend' //           `lst.extend(x)` into an empty list, `[*x]`, `sorted(x)`
  | 'repeat' //           `[x] * n`
  | 'copy'; //            `y[:]`, `y.copy()`, `list(y)` on 3.8/3.9

/** `Objects/listobject.c` `list_resize`: the capacity after resizing a list of `oldLen` items and capacity
 *  `oldCap` to `newLen` items. */
export function listResize(python: PythonVersion, oldCap: number, oldLen: number, newLen: number): number {
  if (oldCap >= newLen && newLen >= oldCap >> 1) return oldCap;
  if (newLen === 0) return 0;
  if (!versionFacts(python).listGrowthV39) return newLen + (newLen >> 3) + (newLen < 9 ? 3 : 6);
  // 3.9+: "Add padding to make the allocated size multiple of 4", and do not over-allocate a big jump.
  let cap = (newLen + (newLen >> 3) + 6) & ~3;
  if (newLen - oldLen > cap - newLen) cap = (newLen + 3) & ~3;
  return cap;
}

/** Capacity after appending `length` items one by one to an empty list (`list_append` -> `app1` -> `list_resize`).
 *  Only full lists resize, so this walks capacities, not items. */
export function appendGrowthCapacity(python: PythonVersion, length: number): number {
  let cap = 0;
  while (cap < length) cap = listResize(python, cap, cap, cap + 1);
  return cap;
}

/** `Objects/listobject.c` `list_preallocate_exact`: exact on 3.8/3.9, rounded up to even on 3.10+. */
export function preallocCapacity(python: PythonVersion, length: number): number {
  return versionFacts(python).listPreallocEven ? (length + 1) & ~1 : length;
}

/** Capacity of a list of `length` items built the way `built` says. */
export function listCapacity(python: PythonVersion, length: number, built: ListConstruction): number {
  const minor = python.minor;
  switch (built) {
    case 'repeat':
    case 'copy':
      // `list_repeat` / `list_slice` / `list_copy` allocate exactly (`list_new_prealloc`).
      return length;
    case 'literal':
      // `Python/compile.c` `starunpack_helper`: 3.9+ folds >2 constant items into a tuple and emits
      // BUILD_LIST 0 + LIST_EXTEND (list_extend -> list_resize on 3.9, preallocate on 3.10+). 3.14's
      // `Python/codegen.c` `starunpack_helper` only folds up to STACK_USE_GUIDELINE (30) items; longer
      // constant displays are BUILD_LIST 0 + LIST_APPEND per item (derived from the 3.14 source).
      if (minor < 9 || length <= 2) return length;
      if (minor >= 14 && length > 30) return appendGrowthCapacity(python, length);
      return minor === 9 ? listResize(python, 0, 0, length) : preallocCapacity(python, length);
    case 'literal-names':
      // 3.10+ `starunpack_helper`: more than STACK_USE_GUIDELINE (30) items are appended one by one.
      if (minor >= 10 && length > 30) return appendGrowthCapacity(python, length);
      return length;
    case 'list-call':
    case 'range-list':
      // `list___init___impl`: `list_preallocate_exact` when the iterable has a length (3.8+).
      return preallocCapacity(python, length);
    case 'extend':
      // `list_extend` into an empty list: `list_resize(self, n)` on 3.8/3.9; 3.10+ preallocates (rounded to even).
      return minor < 10 ? listResize(python, 0, 0, length) : preallocCapacity(python, length);
    case 'comprehension':
    case 'append':
      return appendGrowthCapacity(python, length);
  }
}

/** `Objects/listobject.c` `list___sizeof___impl` (40 + 8 * allocated) + GC header. */
export function listSizeForCapacity(python: PythonVersion, capacity: number): number {
  return 40 + versionFacts(python).gcHeader + 8 * capacity;
}

export function listSize(python: PythonVersion, length: number, built: ListConstruction): number {
  return listSizeForCapacity(python, listCapacity(python, length, built));
}

/** Capacity after `list.extend(iterable)` (also `+=`, and `list(iterable)` of an iterable without a length) on a list
 *  of `len` items and capacity `cap` (`Objects/listobject.c` `list_extend`): into an empty list the 'extend' rule
 *  above; otherwise `list_resize(len + n)` for a sized iterable. An iterable without `__len__` or
 *  `__length_hint__` (a generator) is sized with the default hint of 8, appended item by item, and the list is
 *  shrunk at the end (`list_resize(len)` keeps the capacity unless it is less than half used). */
export function extendCapacity(python: PythonVersion, cap: number, len: number, added: number, sized: boolean): number {
  if (sized) {
    if (len === 0 && cap === 0) return listCapacity(python, added, 'extend');
    return listResize(python, cap, len, len + added);
  }
  let c = listResize(python, cap, len, len + 8);
  let size = len;
  for (let i = 0; i < added; i++) {
    if (size === c) c = listResize(python, c, size, size + 1);
    size++;
  }
  return listResize(python, c, size, size);
}
