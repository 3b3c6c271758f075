// Instances of Python classes: plain (a `__dict__`), `__slots__`, and the key-sharing dicts of `Objects/dictobject.c`
// (PEP 412) whose size depends on how many instances and attribute names a class has seen. `instanceCost` gives both
// the `sys.getsizeof` view (object + dict) and the memory an instance really occupies (`allocated`, from
// instance-memory.ts), which on 3.11+ has no dict object until something reads `__dict__`.
import type { PythonVersion } from '../../analysis/python-version';
import { dictSize, dictTableSize, dictUsable, splitDictSize } from './dict';
import { instanceMemory } from './instance-memory';
import { versionFacts } from './version-facts';

export interface InstanceShape {
  attributes: readonly string[];
  slots: boolean;
  /** How many instances of this class exist (for key-sharing); default 1. */
  instances?: number;
}

export interface InstanceCost {
  /** `sys.getsizeof(instance)`. */
  object: number;
  /** `sys.getsizeof(instance.__dict__)` once it exists (on 3.11+ only after something reads it). */
  dict: number;
  /** object + dict: the `sys.getsizeof` view, which on 3.11+ counts a dict object most instances never have. */
  perInstance: number;
  parts: Array<{ label: string; bytes: number }>;
  /** Bytes one instance really occupies once the class has made `instances - 1` others, `__dict__` never read: every
   *  block it owns in the sizes CPython requests (what tracemalloc reports; pymalloc then rounds each block of up to
   *  512 bytes to a multiple of 16).
   *  The figure to show users. See instance-memory.ts. */
  allocated: number;
  /** What `allocated` is made of (sums to it). */
  allocatedParts: Array<{ label: string; bytes: number }>;
  /** The same after the instance's `__dict__` was read (`vars()`, `o.__dict__`): 3.11+ then add a dict object. */
  allocatedWithDict: number;
  allocatedWithDictParts: Array<{ label: string; bytes: number }>;
}

/** 3.11+ `SHARED_KEYS_MAX_SIZE` in `Objects/dictobject.c`: a class's shared keys hold at most 30 names. */
const SHARED_KEYS_MAX = 30;

/** `__slots__` instance: `PyObject_HEAD` + one pointer per slot + GC header (`Objects/typeobject.c`
 *  `type_new_descriptors`). A `__weakref__` slot is a pointer up to 3.11; 3.12+ keeps the weakref list in the
 *  pre-header (`Py_TPFLAGS_MANAGED_WEAKREF`), which getsizeof counts as 16. */
export function slottedInstanceSize(python: PythonVersion, slots: number, weakrefSlot = false): number {
  const f = versionFacts(python);
  const weakref = weakrefSlot ? (python.minor >= 12 ? 16 : 8) : 0;
  return 16 + 8 * slots + f.gcHeader + weakref;
}

/** The state of one class's shared keys: the names it holds and how many more it may take. */
export class SharedKeys {
  readonly names: string[] = [];
  /** 3.11+: `dk_usable` of the shared keys object. 3.8-3.10: unused (the table grows like a dict). */
  usable: number;
  /** 3.14: the class has more static attributes than shared keys hold, so its instances get ordinary dicts.
   *  (3.8-3.10 also stop sharing, `CACHED_KEYS(tp) = NULL`, when a second instance outgrows full shared keys or
   *  inserts names in another order; that path is not modelled and no case exercises it.) */
  disabled = false;

  constructor(readonly python: PythonVersion, staticAttributes: readonly string[] = []) {
    this.usable = SHARED_KEYS_MAX;
    // 3.14 `Objects/dictobject.c` `_PyDict_NewKeysForClass(PyHeapTypeObject *cls)` (declared in
    // `Include/internal/pycore_dict.h`): the names of `__static_attributes__` (every `self.x = ...` in the class
    // body's methods) are inserted when the class is created. A class with more static attributes than the shared
    // keys hold gets no key-sharing: each instance has an ordinary dict. Derived from the 3.14 source and
    // ../shared/CPYTHON-SIZES.md (measured on a 3.14.7 build); there is no 3.14 interpreter here.
    if (python.minor >= 14) {
      const distinct = [...new Set(staticAttributes)];
      if (distinct.length > SHARED_KEYS_MAX) this.disabled = true;
      else
        for (const name of distinct) {
          this.names.push(name);
          this.usable--;
        }
    }
  }

  /** 3.11+ `_PyObject_InitInlineValues` / `init_inline_values`: each new instance reserves room
   *  (`if (keys->dk_usable > 1) keys->dk_usable--`). */
  instanceCreated(): void {
    if (this.python.minor >= 11 && this.usable > 1) this.usable--;
  }

  /** Adds a name; returns false when it does not fit (the instance then needs a combined dict). */
  addName(name: string): boolean {
    if (this.disabled) return false;
    if (this.names.includes(name)) return true;
    if (this.python.minor >= 11) {
      if (this.usable <= 0) return false;
      this.usable--;
    }
    this.names.push(name);
    return true;
  }

  /** Value slots a split dict reports (`_PyDict_SizeOf`). */
  valueSlots(): number {
    if (this.python.minor >= 11) return this.names.length + this.usable;
    return dictUsable(dictTableSize(this.names.length));
  }
}

/** The table an instance dict gets when an attribute does not fit its class's shared keys (3.11+): the values
 *  already stored are copied into a new dict (`make_dict_from_instance_attributes`) and the insertion that did not
 *  fit resizes it (`insertion_resize`, GROWTH_RATE = used*3, to the next power of two). A class without key-sharing
 *  (3.14, too many static attributes) starts an ordinary dict at 8 slots. */
export function overflowTable(python: PythonVersion, keys: SharedKeys, usedBefore: number): number {
  if (keys.disabled && python.minor >= 14) return dictTableSize(usedBefore + 1);
  return Math.max(8, 2 ** Math.ceil(Math.log2(Math.max(1, usedBefore * 3))));
}

/** The table of a combined instance dict after one more insertion (`insertion_resize` when full). */
export function growCombinedTable(table: number, used: number): number {
  return used + 1 > dictUsable(table) ? Math.max(8, 2 ** Math.ceil(Math.log2(used * 3))) : table;
}

/** sys.getsizeof of an instance dict whose class has the given shared keys and which holds `ownNames` names;
 *  `combinedTable` is set when the instance overflowed the shared keys and has a combined table. */
export function instanceDictSize(python: PythonVersion, keys: SharedKeys, ownNames: number, combinedTable?: number): number {
  if (combinedTable === undefined) return splitDictSize(python, keys.valueSlots());
  return dictSize(python, ownNames, true, combinedTable);
}

/** Per-instance cost of a class, excluding the attribute values themselves. Instances are assumed to set all their
 *  attributes in `__init__`, one instance after the other. */
export function instanceCost(python: PythonVersion, shape: InstanceShape): InstanceCost {
  const f = versionFacts(python);
  const memoryShape = { attributes: shape.attributes, slots: shape.slots, instances: shape.instances };
  const allocated = instanceMemory(python, memoryShape);
  const withDict = shape.slots ? allocated : instanceMemory(python, { ...memoryShape, readDict: true });
  const memory = {
    allocated: allocated.last,
    allocatedParts: allocated.lastParts,
    allocatedWithDict: withDict.last,
    allocatedWithDictParts: withDict.lastParts,
  };
  if (shape.slots) {
    const object = slottedInstanceSize(python, shape.attributes.length);
    return {
      object,
      dict: 0,
      perInstance: object,
      parts: [
        { label: 'object header', bytes: 16 },
        { label: `${shape.attributes.length} slot pointers`, bytes: 8 * shape.attributes.length },
        { label: 'GC header', bytes: f.gcHeader },
      ],
      ...memory,
    };
  }
  const instances = Math.max(1, shape.instances ?? 1);
  const keys = new SharedKeys(python, shape.attributes);
  let combined: number | undefined;
  let used = 0;
  // Instances set their attributes in `__init__` one after the other; the first instance decides key-sharing.
  keys.instanceCreated();
  for (const name of shape.attributes) {
    if (combined === undefined && !keys.addName(name)) combined = overflowTable(python, keys, used);
    else if (combined !== undefined) combined = growCombinedTable(combined, used);
    used++;
  }
  for (let i = 1; i < instances && keys.usable > 1; i++) keys.instanceCreated();
  const object = f.plainInstance;
  const split = combined === undefined;
  const dict = instanceDictSize(python, keys, shape.attributes.length, combined);
  const parts: Array<{ label: string; bytes: number }> = [];
  if (python.minor >= 11) parts.push({ label: 'pre-header (managed dict, weakref)', bytes: f.managedPreHeader });
  parts.push({ label: 'GC header', bytes: f.gcHeader });
  parts.push({ label: 'object', bytes: object - f.gcHeader - f.managedPreHeader });
  parts.push({ label: split ? '__dict__ (key-sharing)' : '__dict__', bytes: dict });
  return { object, dict, perInstance: object + dict, parts, ...memory };
}
