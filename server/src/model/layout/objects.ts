// A description of Python objects to size: a tagged union whose JavaScript identity is the Python object's identity
// (two references to one description are one object, as the deep size needs). The heap simulator and the
// ground-truth case evaluator build these; `shallowSize` gives sys.getsizeof of one.
import type { PythonVersion } from '../../analysis/python-version';
import { dictKeysSize, dictObjectSize } from './dict';
import type { SharedKeys } from './instance';
import { bytesSize, complexSize, floatSize, intSize, OBJECT_HEADER, strSizeOfShape, strShape, utf8Length } from './scalars';
import { listSizeForCapacity, tupleSize } from './sequences';
import { setSize } from './set';
import { instanceDictSize as keysDictSize, slottedInstanceSize } from './instance';
import { versionFacts } from './version-facts';

/** Ints made at run time by `range` and stored without being touched: summarised so that `list(range(10**7))`
 *  needs no ten million objects. `start + i*step` for i < count; each value outside the small-int cache is a distinct
 *  object. */
export interface IntRun {
  kind: 'int-run';
  start: number;
  step: number;
  count: number;
}

/** One object repeated `count` times (`[x] * n`): n references, one object. */
export interface RepeatRun {
  kind: 'repeat';
  item: PyObject;
  count: number;
}

export type Items = PyObject[] | IntRun | RepeatRun;

export interface ClassInfo {
  name: string;
  /** Names in `__slots__` (undefined: instances have a `__dict__`). */
  slots?: string[];
  /** `'__weakref__'` is in `__slots__`. */
  weakrefSlot?: boolean;
  sharedKeys?: SharedKeys;
}

export type PyObject =
  | { kind: 'singleton'; typeName: 'NoneType' | 'ellipsis' | 'NotImplementedType' | 'object' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex' }
  | { kind: 'str'; value: string; utf8Cached?: boolean }
  | { kind: 'bytes'; length: number }
  | { kind: 'bytearray'; length: number; allocated: number }
  | { kind: 'tuple'; items: Items; typeName?: string }
  | { kind: 'list'; items: Items; capacity: number }
  | DictObject
  | { kind: 'set'; frozen: boolean; items: Items; table: number; fill: number }
  | { kind: 'deque'; items: Items; leftIndex: number }
  | { kind: 'array'; typecode: string; itemSize: number; length: number; allocated: number }
  | InstanceObject
  | InstanceDictObject
  | { kind: 'fixed'; typeName: string; size: number; opaque: boolean }
  | { kind: 'unknown'; reason: string };

/** dict and its C/Python subclasses. `extra` is the subclass's basicsize beyond `PyDictObject` (+ pre-header). */
export interface DictObject {
  kind: 'dict';
  typeName: string;
  keys: PyObject[];
  values: PyObject[];
  /** Index slots of the combined table (0 while it shares the static empty keys). */
  table: number;
  /** Entries used in the table, deleted ones included (`dk_nentries`). */
  nentries: number;
  /** 3.11+: the table is a `PyDictUnicodeEntry` table (every key inserted so far was an exact str). */
  unicode: boolean;
  extra: number;
  /** Non-empty instance `__dict__` of a Python subclass (e.g. Counter) - rarely present. */
  instanceDict?: DictObject;
  /** Extra bytes `__sizeof__` adds for the subclass's own tables (OrderedDict nodes). */
  tablesExtra?: number;
}

export interface InstanceObject {
  kind: 'instance';
  cls: ClassInfo;
  /** Attribute values in insertion order (the `__dict__`), or slot values. */
  attrs: Map<string, PyObject>;
  /** Interned attribute-name strings, the `__dict__` keys. */
  names: Map<string, PyObject>;
  /** The instance overflowed its class's shared keys and owns a combined dict of this many slots. */
  combinedTable?: number;
  /** Its `__dict__` as an object, once something (the deep size, `o.__dict__`) has read it. */
  dictObject?: InstanceDictObject;
}

/** An instance's `__dict__` (3.11+: created when first read, `_PyObject_MaterializeManagedDict`). Its size follows
 *  the owner's state: key-sharing dicts report the class's shared-keys capacity at the time of measuring. */
export interface InstanceDictObject {
  kind: 'instance-dict';
  owner: InstanceObject;
}

/** The one `__dict__` object of an instance without `__slots__`. */
export function instanceDictOf(o: InstanceObject): InstanceDictObject {
  return (o.dictObject ??= { kind: 'instance-dict', owner: o });
}

export function isSmallInt(v: number | bigint): boolean {
  return v >= -5 && v <= 256;
}

export function itemCount(items: Items): number {
  return Array.isArray(items) ? items.length : items.count;
}

/** Bytes the managed pre-header / extra slots add to an instance of a Python subclass of a builtin container
 *  (`Objects/typeobject.c` `type_new_descriptors`): 3.8-3.10 `__dict__` + `__weakref__` pointers; 3.11 the weakref
 *  pointer + the 16-byte pre-header; 3.12+ only the pre-header (`Py_TPFLAGS_MANAGED_DICT | MANAGED_WEAKREF`). */
export function pythonSubclassExtra(python: PythonVersion): number {
  return python.minor >= 12 ? 16 : python.minor === 11 ? 24 : 16;
}

function dictSizeOf(python: PythonVersion, d: DictObject): number {
  const own = d.table === 0 ? dictObjectSize(python) : dictObjectSize(python) + dictKeysSize(python, d.table, d.unicode);
  // `Objects/odictobject.c` `odict_sizeof`: an OrderedDict adds its fast-nodes index (one pointer per dict index
  // slot, sized on first use) and one `_ODictNode` (next, prev, key, hash: 32 bytes) per item.
  const odict = d.typeName === 'OrderedDict' && d.keys.length > 0 ? 8 * d.table + 32 * d.keys.length : 0;
  return own + d.extra + odict + (d.tablesExtra ?? 0);
}

/** sys.getsizeof of one object. */
export function shallowSize(python: PythonVersion, o: PyObject): number | { unknown: string } {
  const f = versionFacts(python);
  switch (o.kind) {
    case 'singleton':
      return OBJECT_HEADER;
    case 'bool':
      return intSize(python, o.value ? 1 : 0);
    case 'int':
      return intSize(python, o.value);
    case 'float':
      return floatSize(python);
    case 'complex':
      return complexSize(python);
    case 'str':
      return strSizeOfShape(python, strShape(o.value), o.utf8Cached ? utf8Length(o.value) : undefined);
    case 'bytes':
      return bytesSize(python, o.length);
    case 'bytearray':
      // `Objects/bytearrayobject.c` `bytearray___sizeof___impl`: basicsize (56) + ob_alloc.
      return 56 + o.allocated;
    case 'tuple':
      return tupleSize(python, itemCount(o.items));
    case 'list':
      return listSizeForCapacity(python, o.capacity);
    case 'dict':
      return dictSizeOf(python, o);
    case 'set':
      return setSize(python, o.table);
    case 'deque': {
      // `Modules/_collectionsmodule.c` `deque___sizeof___impl`: `dequeobject` (80) + GC header, plus one block
      // (64 item pointers + 2 links = 528 bytes) per block spanned from leftindex. 3.11 added the block cache
      // (`numfreeblocks` + `freeblocks[16]`, +136) to the object.
      const blocks = Math.floor((o.leftIndex + itemCount(o.items) + 63) / 64);
      return 80 + f.gcHeader + (python.minor >= 11 ? 136 : 0) + 528 * blocks;
    }
    case 'array':
      // `Modules/arraymodule.c` `array_array___sizeof___impl`: `arrayobject` (64) + allocated * itemsize. From 3.10
      // the array type is a GC heap type (multi-phase init), so getsizeof adds the GC header.
      return 64 + (python.minor >= 10 ? f.gcHeader : 0) + o.allocated * o.itemSize;
    case 'instance':
      if (o.cls.slots) return slottedInstanceSize(python, o.cls.slots.length, o.cls.weakrefSlot);
      return f.plainInstance;
    case 'instance-dict':
      return instanceDictSize(python, o.owner);
    case 'fixed':
      return o.size;
    case 'unknown':
      return { unknown: o.reason };
  }
}

/** sys.getsizeof of an instance's `__dict__` as the deep size reads it (3.11+: reading creates it). */
export function instanceDictSize(python: PythonVersion, o: InstanceObject): number {
  return keysDictSize(python, o.cls.sharedKeys!, o.attrs.size, o.combinedTable);
}
