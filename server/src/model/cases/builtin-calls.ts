// The builtins, stdlib constructors and container methods the case evaluator knows, each sized by the CPython rule
// it follows. Anything else is `Unsupported`: the model never pretends a call happened.
import { arrayAppendCapacity, ARRAY_ITEM_SIZES } from '../layout/collections';
import { pythonSubclassExtra, type PyObject } from '../layout/objects';
import { dictTableSize } from '../layout/dict';
import { fixedSize, weakrefTypeName } from '../layout/fixed';
import { extendCapacity, listCapacity, listResize, preallocCapacity } from '../layout/sequences';
import { PythonError, Unsupported, type BuiltinVal, type Val } from './case-values';
import type { CaseEvaluator } from './evaluate-case';

export function callBuiltin(ev: CaseEvaluator, fn: BuiltinVal, args: Val[], kwargs: Map<string, Val>): Val {
  const py = ev.python;
  const num = (v: Val | undefined): number => {
    if (!v || v.kind !== 'int') throw new Unsupported('expected int');
    return Number(v.value);
  };
  const self = fn.self;
  if (self) {
    const method = fn.name.slice(1);
    if (self.kind === 'list' && Array.isArray(self.items)) {
      const items = self.items;
      switch (method) {
        case 'append':
          self.capacity = listResize(py, self.capacity, items.length, items.length + 1);
          items.push(args[0] as PyObject);
          return ev.none();
        case 'pop':
          self.capacity = listResize(py, self.capacity, items.length, items.length - 1);
          return items.pop()!;
        case 'clear':
          self.items = [];
          self.capacity = 0;
          return ev.none();
        case 'extend':
          ev.extendList(self, args[0]!);
          return ev.none();
        case 'copy':
          return ev.list([...items], items.length);
        case 'insert': {
          // `ins1` -> `list_resize(n + 1)`, like append.
          self.capacity = listResize(py, self.capacity, items.length, items.length + 1);
          const at = Number((args[0] as { value: bigint }).value);
          items.splice(at < 0 ? Math.max(0, items.length + at) : Math.min(at, items.length), 0, args[1] as PyObject);
          return ev.none();
        }
        case 'remove': {
          const k = ev.containers.keyOf(args[0] as PyObject);
          const at = items.findIndex((x) => ev.containers.keyOf(x) === k);
          if (at < 0) throw new PythonError('ValueError');
          ev.listDeleteAt(self, at);
          return ev.none();
        }
      }
    }
    if (self.kind === 'set' && method === 'add') {
      ev.containers.setAdd(self, args[0] as PyObject);
      return ev.none();
    }
    if (self.kind === 'bytearray' && method === 'append') {
      // `Objects/bytearrayobject.c` `PyByteArray_Resize`: grow to size + size/8 + (3 or 6) when it outgrows alloc.
      const size = self.length + 1;
      if (size + 1 > self.allocated) {
        const over = size + (size >> 3) + (size < 9 ? 3 : 6);
        self.allocated = size <= self.allocated * 1.125 ? over : size + 1;
      }
      self.length = size;
      return ev.none();
    }
    if (self.kind === 'dict' && method === 'copy') {
      const d = ev.containers.newDict();
      d.table = self.keys.length === 0 ? 0 : dictTableSize(self.keys.length);
      d.unicode = self.unicode;
      d.keys = [...self.keys];
      d.values = [...self.values];
      d.nentries = self.keys.length;
      return d;
    }
    if (self.kind === 'str' && method === 'join' && args[0]) {
      const parts = [...ev.iterate(args[0])].map((p) => (p.kind === 'str' ? p.value : ''));
      return ev.str(parts.join(self.value));
    }
    if (self.kind === 'str' && method === 'upper') return ev.str(self.value.toUpperCase());
    if (self.kind === 'builtin' && self.name === 'dict' && method === 'fromkeys') {
      const d = ev.containers.newDict('dict', 0, true);
      for (const k of ev.iterate(args[0]!)) ev.containers.dictSet(d, k, ev.none());
      return d;
    }
    if (self.kind === 'deque' && Array.isArray(self.items) && (method === 'append' || method === 'appendleft')) {
      if (method === 'append') self.items.push(args[0] as PyObject);
      else {
        self.items.unshift(args[0] as PyObject);
        // `deque_appendleft`: a new block is linked only when the left block is full (leftindex == 0).
        self.leftIndex = self.leftIndex === 0 ? 63 : self.leftIndex - 1;
      }
      return ev.none();
    }
    if (self.kind === 'array' && method === 'append') {
      self.allocated = arrayAppendCapacity(self.allocated, self.length);
      self.length++;
      return ev.none();
    }
    if (self.kind === 'dict' && (method === 'clear' || method === 'pop')) {
      if (method === 'clear') {
        // `dict_clear` -> `PyDict_Clear`: back to the shared empty keys.
        ev.containers.clearDict(self);
        return ev.none();
      }
      const at = ev.containers.findKey(self, args[0] as PyObject);
      if (at < 0) throw new PythonError('KeyError');
      const v = self.values[at]!;
      ev.containers.dictDelete(self, args[0] as PyObject);
      return v;
    }
    if (self.kind === 'set' && method === 'discard') {
      // `set_discard_entry` leaves a dummy: the table and `fill` do not change.
      const items = self.items as PyObject[];
      const k = ev.containers.keyOf(args[0] as PyObject);
      const at = items.findIndex((x) => ev.containers.keyOf(x) === k);
      if (at >= 0) items.splice(at, 1);
      ev.containers.setIndex.delete(self);
      return ev.none();
    }
    // Anything else is not modelled: never pretend a call happened.
    throw new Unsupported(`method ${method} of ${self.kind}`);
  }
  switch (fn.name) {
    case 'range': {
      const [a, b, c] = args.map(num);
      return args.length === 1 ? { kind: 'range', start: 0, stop: a!, step: 1 } : { kind: 'range', start: a!, stop: b!, step: c ?? 1 };
    }
    case 'list': {
      if (args.length === 0) return ev.list([], 0);
      const len = ev.lengthOf(args[0]!);
      if (len === undefined) {
        if (args[0]!.kind !== 'other' || !args[0]!.items) throw new Unsupported('list() of an unsized iterable');
        const items = [...args[0]!.items];
        return ev.list(items, extendCapacity(py, 0, 0, items.length, false));
      }
      return ev.list(ev.itemsOf(args[0]!), preallocCapacity(py, len));
    }
    case 'sorted': {
      const len = ev.lengthOf(args[0]!);
      if (len === undefined) throw new Unsupported('sorted() of an unsized iterable');
      // `PySequence_List` -> `list_extend` into a new empty list.
      return ev.list(ev.itemsOf(args[0]!), listCapacity(py, len, 'extend'));
    }
    case 'tuple':
      if (args.length === 0) return ev.constant({ consts: ev.boolCache }, '()', () => ({ kind: 'tuple', items: [] }));
      return { kind: 'tuple', items: ev.itemsOf(args[0]!) };
    case 'set':
    case 'frozenset': {
      const frozen = fn.name === 'frozenset';
      if (args.length === 0) return { kind: 'set', frozen, items: [], table: 8, fill: 0 };
      const src = args[0]!;
      // `set_update_internal`: sets and dicts presize; other iterables add one by one.
      return ev.containers.newSet(frozen, [...ev.iterate(src)], src.kind === 'set' || src.kind === 'dict');
    }
    case 'dict': {
      const d = ev.containers.newDict('dict', 0, true);
      if (args[0]) for (const pair of ev.iterate(args[0])) {
        if (pair.kind !== 'tuple' || !Array.isArray(pair.items)) throw new Unsupported('dict() of non-pairs');
        ev.containers.dictSet(d, pair.items[0]!, pair.items[1]!);
      }
      // `dict(**kw)`: the keyword dict is merged into the new dict (presized copy).
      if (kwargs.size) {
        for (const [k, v] of kwargs) ev.containers.dictSet(d, ev.internStr(k), v as PyObject);
      }
      return d;
    }
    case 'zip':
      return { kind: 'other', typeName: 'zip', iterable: args };
    case 'str': {
      const v = args[0];
      if (v?.kind === 'int') return ev.str(v.value.toString());
      throw new Unsupported('str() form');
    }
    case 'float': {
      const v = args[0];
      if (v?.kind === 'int') return { kind: 'float', value: Number(v.value) };
      throw new Unsupported('float() form');
    }
    case 'type': {
      // `type(name, bases, dict)`: `type_new` reads the name with `PyUnicode_AsUTF8AndSize`, which caches the UTF-8
      // form in a non-ASCII str (`Objects/unicodeobject.c` `unicode_fill_utf8`).
      const name = args[0];
      if (args.length !== 3 || name?.kind !== 'str') throw new Unsupported('type() form');
      if ([...name.value].some((ch) => ch.codePointAt(0)! >= 128)) name.utf8Cached = true;
      return { kind: 'other', typeName: 'type' };
    }
    case 'chr':
      return ev.str(String.fromCodePoint(num(args[0])));
    case 'bytes':
      return { kind: 'bytes', length: num(args[0]) };
    case 'bytearray': {
      if (args.length === 0) return { kind: 'bytearray', length: 0, allocated: 0 };
      const a = args[0]!;
      const len = a.kind === 'int' ? Number(a.value) : a.kind === 'bytes' ? a.length : undefined;
      if (len === undefined) throw new Unsupported('bytearray() form');
      // `bytearray___init___impl`: `PyByteArray_Resize(n)` allocates n + 1 (nothing when empty).
      return { kind: 'bytearray', length: len, allocated: len === 0 ? 0 : len + 1 };
    }
    case 'object':
      return { kind: 'singleton', typeName: 'object' };
    case 'iter': {
      const a = args[0]!;
      return { kind: 'other', typeName: a.kind === 'range' ? 'range_iterator' : a.kind === 'list' ? 'list_iterator' : 'iterator' };
    }
    case 'enumerate':
      return { kind: 'other', typeName: 'enumerate' };
    case 'map':
      return { kind: 'other', typeName: 'map' };
    case 'slice':
      return { kind: 'other', typeName: 'slice' };
    case 'memoryview':
      return { kind: 'other', typeName: 'memoryview' };
    case 'abs':
    case 'len':
      if (args.length === 0) throw new Unsupported('builtin call');
      throw new Unsupported(`${fn.name}() result`);
    case 'collections.deque': {
      // `deque_new`: one block, leftindex = CENTER + 1 = 32; `deque_extend` into an empty deque first moves
      // leftindex to 1 ("space saving heuristic").
      return { kind: 'deque', items: args[0] ? ev.itemsOf(args[0]) : [], leftIndex: args[0] ? 1 : 32 };
    }
    case 'collections.defaultdict': {
      // `Modules/_collectionsmodule.c` `defdictobject`: a dict + `default_factory`.
      const d = ev.containers.newDict('defaultdict', 8);
      if (args[0]) ev.defaultFactories.set(d, args[0]);
      return d;
    }
    case 'collections.OrderedDict':
      // `Objects/odictobject.c` `PyODictObject`: 8 more pointers; nodes are not modelled beyond empty.
      const od = ev.containers.newDict('OrderedDict', 64);
      if (args[0]) for (const pair of ev.iterate(args[0])) {
        if (pair.kind !== 'tuple' || !Array.isArray(pair.items)) throw new Unsupported('OrderedDict() of non-pairs');
        ev.containers.dictSet(od, pair.items[0]!, pair.items[1]!);
      }
      return od;
    case 'collections.Counter': {
      const d = ev.containers.newDict('Counter', pythonSubclassExtra(py));
      if (args[0]) for (const k of ev.iterate(args[0])) {
        const at = ev.containers.findKey(d, k);
        ev.containers.dictSet(d, k, at >= 0 ? ev.int((d.values[at] as { value: bigint }).value + 1n) : ev.int(1));
      }
      return d;
    }
    case 'collections.namedtuple': {
      const fieldsArg = args[1];
      if (!fieldsArg || fieldsArg.kind !== 'list' || !Array.isArray(fieldsArg.items)) throw new Unsupported('namedtuple fields');
      const name = args[0]?.kind === 'str' ? args[0].value : 'P';
      return { kind: 'class', info: { name }, methods: new Map(), namedTuple: { fields: fieldsArg.items.map((i) => (i.kind === 'str' ? i.value : '')), defaults: new Map() } };
    }
    case 'weakref.ref':
    case 'weakref.proxy': {
      const target = args[0];
      if (!target || args.length > 1 || kwargs.size > 0) throw new Unsupported('weak reference with a callback');
      const proxy = fn.name === 'weakref.proxy';
      const basic = proxy ? ev.basicProxies : ev.basicWeakrefs;
      const referent = ev.stored(target);
      let made = basic.get(referent);
      if (!made) {
        const typeName = weakrefTypeName(py, proxy);
        basic.set(referent, (made = { kind: 'fixed', typeName, size: fixedSize(py, typeName)!, opaque: false }));
      }
      return made;
    }
    case 'array.array': {
      const tc = args[0]?.kind === 'str' ? args[0].value : '';
      const itemSize = ARRAY_ITEM_SIZES[tc];
      if (!itemSize) throw new Unsupported('array typecode');
      if (!args[1]) return { kind: 'array', typecode: tc, itemSize, length: 0, allocated: 0 };
      const src = args[1];
      const len = ev.lengthOf(src)!;
      if (src.kind === 'list' || src.kind === 'tuple') return { kind: 'array', typecode: tc, itemSize, length: len, allocated: len };
      // `Modules/arraymodule.c` `array_resize` per appended item: newsize + newsize/16 + (3 or 7).
      let allocated = 0;
      for (let size = 0; size < len; size++) allocated = arrayAppendCapacity(allocated, size);
      return { kind: 'array', typecode: tc, itemSize, length: len, allocated };
    }
    default:
      if (fn.name.startsWith('.')) throw new Unsupported(`method ${fn.name}`);
      throw new Unsupported(`builtin ${fn.name}`);
  }
}
