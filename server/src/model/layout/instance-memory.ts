// The memory instances of a plain class really occupy, as tracemalloc reports it: every block an instance owns (the
// object with its GC header and pre-header, its values array or inline values, its dict object and dict keys when it
// has them), in the sizes CPython requests from the allocator (tracemalloc traces requested sizes, not pymalloc's
// 8/16-byte-rounded blocks). Unlike `sys.getsizeof`, an instance whose `__dict__` is never read has no dict object on
// 3.11+: its attributes live in a values array (3.11/3.12) or inline after the object (3.13+).
//
// Not counted: the class's own shared keys when they exist before the first instance (3.8-3.10: 8 slots, 3.11+: a
// 64-slot str-keys table of 768 bytes, `_PyDict_NewKeysForClass`), shared by all instances; 3.8-3.10 count the bigger
// shared keys the first instance grows them to, as part of that instance.
//
// Checked against test/ground-truth/instance-memory-3.X.json (scripts/measure-instance-memory.py), which makes N
// instances of a fresh class and counts what stays allocated. The simulation follows the instances one by one because
// each one changes the class's shared keys (3.11+ reserve one value slot less for each new instance, 3.8-3.10 grow or
// abandon the shared keys).
import type { PythonVersion } from '../../analysis/python-version';
import { dictKeysSize, dictObjectSize, dictUsable } from './dict';
import { roundUp8, versionFacts } from './version-facts';

export interface InstanceMemoryShape {
  /** Attribute names `__init__` sets, in order. */
  attributes: readonly string[];
  /** Names set on each instance from outside after `__init__` returns, in order. */
  later?: readonly string[];
  slots: boolean;
  /** How many instances the program makes, one after the other, from a class that has made none yet; default 1. */
  instances?: number;
  /** Every second instance sets its `__init__` attributes in the reverse order. */
  insertionOrderVaries?: boolean;
  /** Each instance's `__dict__` is read (after `later` is set): `vars(o)`, `o.__dict__`, some pickling. */
  readDict?: boolean;
}

export interface MemoryPart {
  label: string;
  bytes: number;
}

export interface InstanceMemory {
  /** Bytes allocated by all `instances` instances, including what the class's shared keys allocate while they are
   *  made (3.8-3.10 grow them in the first instance; 3.11+ allocate them with the class, not counted). */
  total: number;
  /** Bytes the last instance adds: the cost of one more instance once the class has made `instances - 1`. */
  last: number;
  /** What `last` is made of. */
  lastParts: MemoryPart[];
}

/** After this many instances every version's shared-keys state has stopped changing (3.11+ reserve one value slot less
 *  per instance, from at most 30 down to 1), so later instances cost what the last simulated one cost. */
const STEADY_AFTER = 40;

/** 3.11+ `Include/internal/pycore_dict.h` `SHARED_KEYS_MAX_SIZE`: `_PyDict_NewKeysForClass` allocates a 64-slot keys
 *  table and sets `dk_usable` to 30, so a class shares at most 30 attribute names. */
const SHARED_KEYS_MAX = 30;

/** 3.11/3.12 `Objects/dictobject.c` `new_values(size)`: `PyMem_Malloc(prefix + size * 8)` where the prefix, which
 *  holds the insertion order, is `_Py_SIZE_ROUND_UP(size + 2, sizeof(PyObject *))`. */
export function valuesArraySize(slots: number): number {
  return roundUp8(slots + 2) + 8 * slots;
}

/** 3.13+ `Include/internal/pycore_dict.h` `_PyInlineValuesSize(tp)`: the object is allocated with room for the values
 *  after it (`Objects/typeobject.c` `_PyType_AllocNoTrack`): `_Py_SIZE_ROUND_UP(size, 8) + (size + 1) * 8`. */
export function inlineValuesSize(slots: number): number {
  return roundUp8(slots) + 8 * (slots + 1);
}

/** The `insertion_resize` table of a dict that holds `used` items and needs room for one more: `GROWTH_RATE(d)` =
 *  `used * 3`, to a power of two (3.8-3.10 `dictresize`: the smallest >= it; 3.11+ `calculate_log2_keysize`:
 *  `_Py_bit_length(minsize | 7)`, the smallest > it, which differs only for powers of two, never a multiple of 3). */
function grownTable(used: number): number {
  return Math.max(8, 2 ** Math.ceil(Math.log2(Math.max(1, used * 3))));
}

/** A combined (ordinary) dict table after inserting one more key into `table` holding `used`. */
function afterInsert(table: number, used: number): number {
  if (table === 0) return 8; // `insert_to_emptydict`: the first key allocates a PyDict_MINSIZE table
  return used + 1 > dictUsable(table) ? grownTable(used) : table;
}

/** Memory of `shape.instances` instances (see the file comment); parts of the last one. */
export function instanceMemory(python: PythonVersion, shape: InstanceMemoryShape): InstanceMemory {
  const instances = Math.max(1, Math.floor(shape.instances ?? 1));
  if (shape.slots) {
    // `__slots__`: one block, the object; no dict and no values (`Objects/typeobject.c` `type_new_descriptors`).
    const f = versionFacts(python);
    const object = f.gcHeader + 16 + 8 * shape.attributes.length;
    const lastParts = [
      { label: 'GC header', bytes: f.gcHeader },
      { label: 'object header', bytes: 16 },
      { label: `${shape.attributes.length} slot pointers`, bytes: 8 * shape.attributes.length },
    ];
    return { total: object * instances, last: object, lastParts };
  }
  const sim = python.minor >= 11 ? new ManagedDictClass(python, shape) : new SplitDictClass(python, shape);
  let total = 0;
  let lastParts: MemoryPart[] = [];
  const simulated = Math.min(instances, STEADY_AFTER);
  for (let i = 0; i < simulated; i++) {
    lastParts = sim.makeInstance(i);
    total += sum(lastParts);
  }
  const last = sum(lastParts);
  total += (instances - simulated) * last;
  return { total, last, lastParts };
}

function sum(parts: readonly MemoryPart[]): number {
  return parts.reduce((s, p) => s + p.bytes, 0);
}

/** The object's own block: GC header, the managed pre-header (3.11+, `Include/internal/pycore_object.h`
 *  `_PyType_PreHeaderSize`) and the object (`tp_basicsize`: header plus the `__dict__`/`__weakref__` pointers it
 *  still holds). */
function objectParts(python: PythonVersion): MemoryPart[] {
  const f = versionFacts(python);
  const parts: MemoryPart[] = [{ label: 'GC header', bytes: f.gcHeader }];
  if (f.managedPreHeader > 0) {
    const holds = python.minor === 11 ? 'dict and values pointers' : 'dict and weakref pointers';
    parts.push({ label: `pre-header (${holds})`, bytes: f.managedPreHeader });
  }
  const body = f.plainInstance - f.gcHeader - f.managedPreHeader;
  const holds = python.minor <= 10 ? 'header, __dict__ and __weakref__ pointers' : python.minor === 11 ? 'header, __weakref__ pointer' : 'header';
  parts.push({ label: `object (${holds})`, bytes: body });
  return parts;
}

function namesOf(shape: InstanceMemoryShape, index: number): string[] {
  const own = shape.insertionOrderVaries && index % 2 === 1 ? [...shape.attributes].reverse() : [...shape.attributes];
  return [...new Set([...own, ...(shape.later ?? [])])];
}

/** 3.8-3.10: the instance has a `__dict__` pointer (and a weakref pointer) in the object; its dict is made at the first
 *  attribute store or `__dict__` read (`Objects/dictobject.c` `_PyObjectDict_SetItem` / `PyObject_GenericGetDict`). */
class SplitDictClass {
  /** The class's shared keys (`CACHED_KEYS(tp)`, made by `_PyDict_NewKeysForClass` with 8 slots); undefined once the
   *  class stopped sharing. */
  private keys: { names: string[]; table: number } | undefined = { names: [], table: 8 };

  constructor(private readonly python: PythonVersion, private readonly shape: InstanceMemoryShape) {}

  makeInstance(index: number): MemoryPart[] {
    const parts = objectParts(this.python);
    const names = namesOf(this.shape, index);
    if (names.length === 0 && !this.shape.readDict) return parts;
    const dictObject = dictObjectSize(this.python);
    let combined: number | undefined; // this instance's own (combined) table, once it has one
    let newSharedKeys: number | undefined; // the table of shared keys this instance made
    let used = 0;
    if (!this.keys) combined = 0; // `PyDict_New()`: an empty dict on the static empty keys
    for (const name of names) {
      if (combined !== undefined) {
        combined = afterInsert(combined, used);
      } else {
        const keys = this.keys!;
        const at = keys.names.indexOf(name);
        // `insertdict`: a split table takes a key only in the shared insertion order (`ix == mp->ma_used`, or a new key
        // when `ma_used == dk_nentries`) and while the keys have room; otherwise `insertion_resize` makes this dict
        // combined.
        const inOrder = at === used || (at < 0 && used === keys.names.length);
        if (inOrder && (at >= 0 || keys.names.length < dictUsable(keys.table))) {
          if (at < 0) keys.names.push(name);
        } else {
          const table = grownTable(used);
          // `_PyObjectDict_SetItem`: the keys changed; if no other instance's dict shares them (`dk_refcnt == 1`,
          // only the first instance can be alone), `make_keys_shared` makes the grown table the class's new shared
          // keys; otherwise the class stops sharing (`CACHED_KEYS(tp) = NULL`) and this dict stays combined.
          if (index === 0 && inOrder) {
            keys.names.push(name);
            keys.table = table;
            newSharedKeys = table;
          } else {
            this.keys = undefined;
            combined = table;
          }
        }
      }
      used++;
    }
    parts.push({ label: 'dict object (GC header + PyDictObject)', bytes: dictObject });
    if (combined !== undefined) {
      if (combined > 0) parts.push({ label: `dict keys (${combined} slots, own)`, bytes: dictKeysSize(this.python, combined, false) });
    } else {
      const table = this.keys!.table;
      // `new_dict_with_shared_keys` / `make_keys_shared`: one value pointer per usable slot of the shared keys.
      parts.push({ label: `values array (${dictUsable(table)} slots)`, bytes: 8 * dictUsable(table) });
      if (newSharedKeys !== undefined) {
        parts.push({ label: `shared keys of the class (${newSharedKeys} slots, grown by this instance)`, bytes: dictKeysSize(this.python, newSharedKeys, false) });
      }
    }
    return parts;
  }
}

/** 3.11+: managed dict (`Py_TPFLAGS_MANAGED_DICT`). The object has a pre-header with the dict pointer; its values
 *  live in a values array (3.11/3.12, `Objects/dictobject.c` `init_inline_values`, called by `object_new` through
 *  `_PyObject_InitializeDict`) or inline after the object (3.13+, `_PyObject_InitInlineValues`), sized from the
 *  class's shared keys: `shared_keys_usable_size(keys)` = `dk_nentries + dk_usable`. Each new instance reserves one
 *  slot less (`if (keys->dk_usable > 1) keys->dk_usable--`), so the first instances of a class carry up to 30 value
 *  slots and later ones one more than the class's attribute count. */
class ManagedDictClass {
  private readonly names: string[] = [];
  private usable = SHARED_KEYS_MAX;
  /** 3.14: more than 30 static attributes, no key-sharing (see `SharedKeys` in instance.ts). */
  private readonly sharing: boolean = true;

  constructor(private readonly python: PythonVersion, private readonly shape: InstanceMemoryShape) {
    if (python.minor >= 14) {
      // 3.14 `_PyDict_NewKeysForClass(cls)` inserts the class's `__static_attributes__` when the class is made.
      const statics = [...new Set(shape.attributes)];
      if (statics.length > SHARED_KEYS_MAX) this.sharing = false;
      else for (const name of statics) this.addName(name);
    }
  }

  private addName(name: string): void {
    this.names.push(name);
    this.usable--;
  }

  makeInstance(index: number): MemoryPart[] {
    const inline = this.python.minor >= 13;
    const parts = objectParts(this.python);
    let values: MemoryPart | undefined;
    let combined: number | undefined;
    let dict = false;
    if (!this.sharing) {
      // Derived, not measured (no 3.14 interpreter here): without shared keys the type has no inline values and each
      // instance gets an ordinary dict at its first attribute.
      combined = 0;
    } else if (inline) {
      // `_PyType_AllocNoTrack` sizes the inline values before `_PyObject_InitInlineValues` decrements `dk_usable`.
      const capacity = this.names.length + this.usable;
      values = { label: `inline values, part of the object (${capacity} slots)`, bytes: inlineValuesSize(capacity) };
      if (this.usable > 1) this.usable--;
    } else {
      if (this.usable > 1) this.usable--;
      const capacity = this.names.length + this.usable;
      values = { label: `values array (${capacity} slots)`, bytes: valuesArraySize(capacity) };
    }
    if (values) parts.push(values);
    let used = 0;
    for (const name of namesOf(this.shape, index)) {
      if (combined !== undefined) {
        combined = afterInsert(combined, used);
      } else if (!this.names.includes(name)) {
        if (this.usable > 0) {
          // `insert_into_dictkeys`: a new name joins the shared keys while `dk_usable > 0`.
          this.addName(name);
        } else {
          // The shared keys are full: `make_dict_from_instance_attributes` makes the instance's dict (split, on its
          // values), then `insertdict` -> `insertion_resize` turns it into a combined dict of str keys. 3.11/3.12 free
          // the values array (`free_values`); 3.13+ inline values stay part of the object.
          combined = grownTable(used);
          dict = true;
          if (!inline && values) parts.splice(parts.indexOf(values), 1);
        }
      }
      used++;
    }
    if (combined === 0) combined = undefined; // an ordinary dict that never got a key: the static empty keys
    if (this.shape.readDict || combined !== undefined) dict = true;
    if (dict) parts.push({ label: 'dict object (GC header + PyDictObject)', bytes: dictObjectSize(this.python) });
    if (combined !== undefined) parts.push({ label: `dict keys (${combined} slots, own)`, bytes: dictKeysSize(this.python, combined, true) });
    return parts;
  }
}
