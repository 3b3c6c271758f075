// Objects whose size does not depend on their contents, per minor version (3.8 ... 3.14). 3.8-3.13 are measured
// (test/ground-truth); 3.14 comes from its source and ../shared/CPYTHON-SIZES.md (no 3.14 interpreter here).
import type { PythonVersion } from '../../analysis/python-version';
import { dictKeysSize, dictTableSize } from './dict';
import type { ClassInfo } from './objects';

type PerVersion = readonly [number, number, number, number, number, number, number]; // 3.8 .. 3.14

const FIXED: Record<string, { sizes: PerVersion; where: string }> = {
  range: { sizes: [48, 48, 48, 48, 48, 48, 48], where: 'Objects/rangeobject.c rangeobject' },
  slice: { sizes: [56, 56, 56, 56, 56, 56, 56], where: 'Include/sliceobject.h PySliceObject (GC)' },
  list_iterator: { sizes: [48, 48, 48, 48, 48, 48, 48], where: 'Objects/listobject.c listiterobject (GC)' },
  // 3.12 `Objects/rangeobject.c` `_PyRangeIterObject` dropped a field.
  range_iterator: { sizes: [48, 48, 48, 48, 40, 40, 40], where: 'Objects/rangeobject.c _PyRangeIterObject' },
  enumerate: { sizes: [64, 64, 64, 72, 72, 72, 72], where: 'Objects/enumobject.c enumobject (3.11 + one_index)' },
  zip: { sizes: [56, 56, 64, 64, 64, 64, 64], where: 'Python/bltinmodule.c zipobject (3.10 + strict)' },
  map: { sizes: [48, 48, 48, 48, 48, 48, 56], where: 'Python/bltinmodule.c mapobject (3.14 + strict)' },
  // `Include/cpython/funcobject.h` PyFunctionObject grew: 3.10 func_builtins, 3.11 func_qualname/version,
  // 3.12 func_typeparams, 3.14 func_annotate.
  function: { sizes: [136, 136, 144, 152, 160, 160, 168], where: 'Include/cpython/funcobject.h PyFunctionObject' },
  method: { sizes: [64, 64, 64, 64, 64, 64, 64], where: 'Include/cpython/classobject.h PyMethodObject' },
  builtin_function_or_method: { sizes: [72, 72, 72, 72, 72, 72, 72], where: 'Include/cpython/methodobject.h PyCFunctionObject' },
  memoryview: { sizes: [184, 184, 184, 184, 184, 184, 184], where: 'Include/memoryobject.h PyMemoryViewObject' },
  cell: { sizes: [40, 40, 40, 40, 40, 40, 40], where: 'Include/cpython/cellobject.h PyCellObject' },
  // `Include/cpython/weakrefobject.h` PyWeakReference (GC): 3.11 added `vectorcall`. A proxy is the same struct.
  // The type is named weakref/weakproxy up to 3.9 and ReferenceType/ProxyType from 3.10; 3.14 from CPYTHON-SIZES.md.
  weakref: { sizes: [72, 72, 72, 80, 80, 80, 80], where: 'Include/cpython/weakrefobject.h PyWeakReference' },
  weakproxy: { sizes: [72, 72, 72, 80, 80, 80, 80], where: 'Include/cpython/weakrefobject.h PyWeakReference' },
  ReferenceType: { sizes: [72, 72, 72, 80, 80, 80, 80], where: 'Include/cpython/weakrefobject.h PyWeakReference' },
  ProxyType: { sizes: [72, 72, 72, 80, 80, 80, 80], where: 'Include/cpython/weakrefobject.h PyWeakReference' },
};

/** type(weakref.ref(x)).__name__ and type(weakref.proxy(x)).__name__ on this version. */
export function weakrefTypeName(python: PythonVersion, proxy: boolean): string {
  if (python.minor >= 10) return proxy ? 'ProxyType' : 'ReferenceType';
  return proxy ? 'weakproxy' : 'weakref';
}

/** sys.getsizeof of a fixed-size object of the named type, or undefined when the model does not know it. */
export function fixedSize(python: PythonVersion, typeName: string): number | undefined {
  const row = FIXED[typeName];
  if (!row) return undefined;
  return row.sizes[Math.min(Math.max(python.minor, 8), 14) - 8];
}

/** A generator expression `(x for x in <iterable>)` over one `for` with a plain name element. Up to 3.10 the frame is
 *  a separate object; from 3.11 `Include/internal/pycore_genobject.h` embeds it (`_PyGenObject_HEAD` + the frame's
 *  locals and stack), so the size depends on the code object: only this simple shape is known. */
export function simpleGenexprSize(python: PythonVersion): number {
  return ([112, 112, 104, 200, 192, 192, 200] as const)[Math.min(Math.max(python.minor, 8), 14) - 8];
}

/** `sizeof(PyHeapTypeObject)` per version (3.8 ... 3.14); 3.14 from `Include/cpython/object.h` and the 3.14.7 notes
 *  (empty class 1720 = 952 + 768). */
const HEAP_TYPE: PerVersion = [896, 896, 904, 920, 936, 944, 952];

/** `Objects/typeobject.c` `type___sizeof___impl`: the heap type plus the shared keys it caches for its instances
 *  (`ht_cached_keys`, `_PyDict_KeysSize`). 3.8-3.10 the keys grow with the attribute names instances have set
 *  (a combined-layout keys object: 24-byte entries); 3.11+ `_PyDict_NewKeysForClass` makes a fixed 64-slot str table
 *  (32 + 64 + 42*16 = 768). Classes with `__slots__` (and no `__dict__`) cache no keys. */
export function classObjectSize(python: PythonVersion, cls: ClassInfo): number | undefined {
  const base = HEAP_TYPE[Math.min(Math.max(python.minor, 8), 14) - 8];
  if (cls.slots) return base;
  const keys = cls.sharedKeys;
  if (!keys || keys.disabled) return undefined;
  if (python.minor >= 11) return base + dictKeysSize(python, 64, true);
  return base + dictKeysSize(python, dictTableSize(keys.names.length), false);
}
