// One table of the CPython facts that object sizes depend on, per minor version, for 64-bit (x86_64, GIL) builds.
// 3.8 to 3.13 are checked against the recorded ground truth (test/ground-truth/cpython-3.X.json); 3.14 has no
// interpreter on the build machines, so its column is derived from CPython 3.14's source (cited per fact).
import type { PythonVersion } from '../../analysis/python-version';

export interface VersionFacts {
  minor: number;
  /** `Include/internal/pycore_gc.h` `PyGC_Head`: two pointers (3.8+; 3.6/3.7 had a 32-byte union). */
  gcHeader: number;
  /** Managed-dict pre-header before the object (`Include/internal/pycore_object.h` `_PyObject_ManagedDictPointer`),
   *  3.11+: dict pointer and values pointer (3.11) / dict pointer and weakref list (3.12+). */
  managedPreHeader: number;
  /** `Include/cpython/unicodeobject.h`: `sizeof(PyASCIIObject)` and `sizeof(PyCompactUnicodeObject)`. 3.12 removed
   *  `wstr` (and `wstr_length`), shrinking them from 48/72 to 40/56. */
  strAsciiHeader: number;
  strCompactHeader: number;
  /** 3.14 `Include/cpython/tupleobject.h` `PyTupleObject.ob_hash`: the tuple caches its hash (+8). */
  tupleHashCache: number;
  /** `Objects/longobject.c`: 0 has one (zero) digit from 3.11 on (`_PyLong_New(0)` became ndigits=1). */
  zeroIntHasDigit: boolean;
  /** `Objects/dictobject.c` `_PyDict_SizeOf` / `PyDictKeysObject`: keys header, and whether str-only dicts use
   *  16-byte `PyDictUnicodeEntry` (3.11+) instead of 24-byte `PyDictKeyEntry`. */
  dictKeysHeader: number;
  dictUnicodeEntries: boolean;
  /** `Objects/listobject.c` `list_resize`: the 3.9 growth formula rounds to multiples of 4. */
  listGrowthV39: boolean;
  /** `Objects/listobject.c` `list_preallocate_exact`: 3.10+ rounds the exact size up to even. */
  listPreallocEven: boolean;
  /** Plain instance `sys.getsizeof` (object header + dict/weakref slots + GC + pre-header). */
  plainInstance: number;
}

const GC = 16;

function factsFor(minor: number): VersionFacts {
  return {
    minor,
    gcHeader: GC,
    managedPreHeader: minor >= 11 ? 16 : 0,
    strAsciiHeader: minor >= 12 ? 40 : 48,
    strCompactHeader: minor >= 12 ? 56 : 72,
    tupleHashCache: minor >= 14 ? 8 : 0,
    zeroIntHasDigit: minor >= 11,
    dictKeysHeader: minor >= 11 ? 32 : 40,
    dictUnicodeEntries: minor >= 11,
    listGrowthV39: minor >= 9,
    listPreallocEven: minor >= 10,
    // 3.8-3.10: PyObject_HEAD + __dict__ + __weakref__ slots (32) + GC. 3.11: basicsize 24 (weakref slot; the dict
    // moved to the pre-header) + 16 pre-header + GC. 3.12+: basicsize 16 (weakref moved to the pre-header too).
    // `Objects/typeobject.c` `type_new_descriptors` / `type_new_set_attrs`, `object___sizeof___impl` +
    // `Python/sysmodule.c` `_PySys_GetSizeOf` (adds the GC header and the pre-header).
    plainInstance: minor >= 12 ? 48 : minor === 11 ? 56 : 48,
  };
}

const TABLE = new Map<number, VersionFacts>([8, 9, 10, 11, 12, 13, 14].map((m) => [m, factsFor(m)]));

export function versionFacts(python: PythonVersion): VersionFacts {
  return TABLE.get(python.minor) ?? factsFor(python.minor);
}

/** The deep-size convention (DESIGN.md): every object's getsizeof is rounded up to a multiple of 8. */
export function roundUp8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
