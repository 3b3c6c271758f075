// dict: `Objects/dictobject.c` (`_PyDict_SizeOf`, `new_keys_object`, `dictresize`, `_PyDict_NewPresized`).
import type { PythonVersion } from '../../analysis/python-version';
import { versionFacts } from './version-facts';

/** `PyDict_MINSIZE`. */
export const DICT_MIN_SIZE = 8;

/** `USABLE_FRACTION(n)` = (n << 1) / 3: how many entries a table of `size` index slots holds. */
export function dictUsable(size: number): number {
  return Math.floor((size * 2) / 3);
}

/** The table size for `n` items: the smallest power of two (at least 8) whose usable fraction holds them. Presizing
 *  (`_PyDict_NewPresized`: ESTIMATE_SIZE = (3n+1)/2) and growth on insertion (`insertion_resize` with
 *  GROWTH_RATE = used*3, `calculate_log2_keysize`) land on the same size for every n. */
export function dictTableSize(n: number): number {
  let size = DICT_MIN_SIZE;
  while (dictUsable(size) < n) size *= 2;
  return size;
}

/** Bytes per index slot (`DK_IXSIZE` / `dk_log2_index_bytes`). */
function indexBytes(size: number): number {
  return size <= 0x80 ? 1 : size <= 0x8000 ? 2 : size <= 0x80000000 ? 4 : 8;
}

/** `new_keys_object`: header + indices + usable entries. 3.11+ str-only tables use 16-byte `PyDictUnicodeEntry`. */
export function dictKeysSize(python: PythonVersion, size: number, strKeysOnly: boolean): number {
  const f = versionFacts(python);
  const entry = f.dictUnicodeEntries && strKeysOnly ? 16 : 24;
  return f.dictKeysHeader + size * indexBytes(size) + dictUsable(size) * entry;
}

/** `sizeof(PyDictObject)` + GC header. */
export function dictObjectSize(python: PythonVersion): number {
  return 48 + versionFacts(python).gcHeader;
}

/** A combined-table dict: the object plus its keys object (counted when the dict owns it, `dk_refcnt == 1`); the empty
 *  dict shares the static `Py_EMPTY_KEYS` and counts only the object. `tableSize` overrides the usual size for dicts
 *  that kept a bigger table (after deletions) or grew a step further. */
export function dictSize(python: PythonVersion, items: number, strKeysOnly: boolean, tableSize?: number): number {
  const size = tableSize ?? (items === 0 ? 0 : dictTableSize(items));
  if (size === 0) return dictObjectSize(python);
  return dictObjectSize(python) + dictKeysSize(python, size, strKeysOnly);
}

/** A split (key-sharing) instance dict: the object plus one value pointer per usable shared-key slot
 *  (`_PyDict_SizeOf`: 3.8-3.10 `USABLE_FRACTION(DK_SIZE(keys))`, 3.11+ `shared_keys_usable_size` =
 *  dk_nentries + dk_usable). The shared keys belong to the class and are not counted. */
export function splitDictSize(python: PythonVersion, valueSlots: number): number {
  return dictObjectSize(python) + 8 * valueSlots;
}
