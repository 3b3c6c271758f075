// The builtins, container methods and modelled stdlib calls of the heap simulator. Every size rule is the layout
// model's (list growth, dict/set tables, deque blocks, array buffers); this file decides which rule a call uses.
// Anything not listed returns an unknown object with the reason.
import type { SyntaxNode } from '../../parse/python-parser';
import { ARRAY_ITEM_SIZES, arrayAppendCapacity } from '../layout/collections';
import { dictTableSize } from '../layout/dict';
import { pythonSubclassExtra, type DictObject, type IntRun, type PyObject } from '../layout/objects';
import { extendCapacity, listCapacity, listResize } from '../layout/sequences';
import { type Interpreter, SUMMARY_THRESHOLD } from './interpreter';
import { reprOf } from './operators';
import { sizeOf } from './graph';
import { asItem, type BuiltinValue, type ClassValue, type OpaqueValue, type RangeValue, type Value } from './values';

export const BUILTIN_NAMES = new Set([
  'range', 'len', 'list', 'tuple', 'dict', 'set', 'frozenset', 'str', 'int', 'float', 'bool', 'repr', 'sorted',
  'reversed', 'enumerate', 'zip', 'map', 'filter', 'sum', 'min', 'max', 'abs', 'iter', 'next', 'print', 'isinstance',
  'id', 'hash', 'type', 'object', 'chr', 'ord', 'bytes', 'bytearray', 'memoryview', 'super', 'getattr', 'setattr',
  'hasattr', 'open', 'input', 'slice', 'callable', 'any', 'all', 'divmod', 'round', 'format', 'vars',
  'staticmethod', 'classmethod', 'property', 'issubclass',
]);

export const EXCEPTION_NAMES = new Set([
  'BaseException', 'Exception', 'ValueError', 'KeyError', 'IndexError', 'TypeError', 'RuntimeError', 'AttributeError',
  'StopIteration', 'ZeroDivisionError', 'NotImplementedError', 'OSError', 'IOError', 'LookupError', 'ArithmeticError',
  'AssertionError', 'NameError', 'FileNotFoundError', 'PermissionError', 'TimeoutError', 'MemoryError', 'KeyboardInterrupt',
]);

/** Module members the simulator models (`import collections` then `collections.deque`, or `from ... import`). */
export const MODULE_MEMBERS = new Set([
  'collections.deque', 'collections.defaultdict', 'collections.OrderedDict', 'collections.Counter', 'collections.namedtuple',
  'dataclasses.dataclass', 'dataclasses.field',
  'typing.NamedTuple', 'typing.Any', 'typing.Optional', 'typing.List', 'typing.Dict', 'typing.Set', 'typing.Tuple',
  'typing.ClassVar', 'typing.Generic', 'typing.Protocol', 'typing.Union', 'typing.Callable', 'typing.TypeVar',
  'array.array', 'weakref.ref', 'weakref.proxy',
  'functools.lru_cache', 'functools.cache', 'functools.cached_property', 'functools.partial', 'functools.wraps', 'functools.reduce', 'functools.total_ordering',
  'gc.collect', 'gc.disable', 'gc.enable', 'sys.getsizeof', 'sys.getrefcount',
]);

type ListObj = PyObject & { kind: 'list' };
type SetObj = PyObject & { kind: 'set' };

/** How many items iterating the value yields, when known without iterating. */
export function lengthOf(v: Value): number | undefined {
  switch (v.kind) {
    case 'range':
      return Math.max(0, Math.ceil((v.stop - v.start) / v.step));
    case 'list':
    case 'tuple':
    case 'set':
    case 'deque':
      return Array.isArray(v.items) ? v.items.length : (v.items as { count: number }).count;
    case 'dict':
      return v.keys.length;
    case 'str':
      return [...v.value].length;
    case 'bytes':
      return v.length;
    case 'instance-dict':
      return v.owner.attrs.size;
    default:
      return undefined;
  }
}

function rangeLength(r: RangeValue): number {
  return Math.max(0, Math.ceil((r.stop - r.start) / r.step));
}

/** Containers and ranges bigger than this are not iterated item by item (unless summarised). */
export const MAX_ITERATE = 200_000;

/** The items iterating `v` yields, or undefined when the model cannot iterate it. With `limit`, at most that many
 *  (the caller handles the rest); without, values of more than MAX_ITERATE items are not iterated at all. */
export function iterateValue(ip: Interpreter, v: Value, node?: SyntaxNode, limit?: number): Value[] | undefined {
  const n = lengthOf(v);
  if (limit === undefined && n !== undefined && n > MAX_ITERATE) {
    ip.diagnose(`iterating ${n} items one by one is not simulated`, node);
    return undefined;
  }
  return iterateAll(ip, v, node, limit ?? MAX_ITERATE);
}

function iterateAll(ip: Interpreter, v: Value, node: SyntaxNode | undefined, limit: number): Value[] | undefined {
  switch (v.kind) {
    case 'range': {
      const n = Math.min(rangeLength(v), limit);
      const out: Value[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = ip.alloc(ip.f.int(v.start + i * v.step), node);
      return out;
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'deque': {
      const items = v.items as PyObject[] | IntRun | { kind: string; count: number; item?: PyObject };
      if (Array.isArray(items)) return items.slice(0, Math.min(items.length, limit)) as Value[];
      const n = Math.min(items.count, limit);
      if (items.kind === 'repeat') return new Array(n).fill(items.item);
      if (items.kind === 'int-run') {
        const run = items as IntRun;
        return Array.from({ length: n }, (_, i) => ip.f.int(run.start + i * run.step));
      }
      return undefined;
    }
    case 'dict':
      return v.keys.slice(0, Math.min(v.keys.length, limit)) as Value[];
    case 'instance-dict':
      return [...v.owner.names.values()] as Value[];
    case 'str':
      return [...v.value].slice(0, Math.min(v.value.length, limit)).map((c) => ip.f.str(c));
    case 'opaque':
      return v.items?.slice(0, Math.min(v.items.length, limit));
    default:
      return undefined;
  }
}

/** A list built from `items` of an iterable that may be summarised. */
function listFrom(ip: Interpreter, src: Value, node: SyntaxNode, sized: 'list-call' | 'extend' | 'copy'): Value {
  const len = lengthOf(src);
  const run = bigRun(src);
  if (run && len !== undefined) return ip.alloc({ kind: 'list', items: run, capacity: listCapacity(ip.python, len, sized) } as PyObject, node);
  const items = iterateValue(ip, src, node);
  if (!items) return ip.unknown(`list() of a value the model cannot iterate`, node);
  if (len === undefined) return ip.newList(items, extendCapacity(ip.python, 0, 0, items.length, false), node);
  return ip.newList(items, listCapacity(ip.python, items.length, sized), node);
}

/** The items of a big range or summarised container, kept summarised. */
function bigRun(src: Value): PyObject[] | IntRun | { kind: 'repeat'; item: PyObject; count: number } | undefined {
  if (src.kind === 'range' && rangeLength(src) > SUMMARY_THRESHOLD) return { kind: 'int-run', start: src.start, step: src.step, count: rangeLength(src) };
  if ((src.kind === 'list' || src.kind === 'tuple' || src.kind === 'deque') && !Array.isArray(src.items)) return src.items as IntRun;
  return undefined;
}

function materialize(ip: Interpreter, list: { items: unknown }, node: SyntaxNode): PyObject[] | undefined {
  if (Array.isArray(list.items)) return list.items as PyObject[];
  const n = (list.items as { count: number }).count;
  if (n > 200_000) {
    ip.diagnose('changing a summarised container of more than 200,000 items is not simulated', node);
    return undefined;
  }
  const items = iterateValue(ip, list as Value, node);
  if (!items) return undefined;
  list.items = items.map(asItem);
  return list.items as PyObject[];
}

function num(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'int') return Number(v.value);
  if (v.kind === 'bool') return v.value ? 1 : 0;
  return undefined;
}

function newDictOf(ip: Interpreter, typeName: string, node: SyntaxNode): DictObject {
  // Subclass instances: `defaultdict` adds `default_factory` (8), `OrderedDict` its links (`Objects/odictobject.c`),
  // Counter is a Python subclass (pre-header).
  const extra = typeName === 'defaultdict' ? 8 : typeName === 'OrderedDict' ? 64 : typeName === 'Counter' ? pythonSubclassExtra(ip.python) : 0;
  return ip.alloc(ip.containers.newDict(typeName, extra, true), node);
}

function insertPairs(ip: Interpreter, d: DictObject, src: Value, node: SyntaxNode): boolean {
  if (src.kind === 'dict') {
    src.keys.forEach((k, i) => ip.containers.dictSet(d, k, src.values[i]!));
    return true;
  }
  const pairs = iterateValue(ip, src, node);
  if (!pairs) return false;
  for (const p of pairs) {
    const kv = iterateValue(ip, p, node);
    if (!kv || kv.length !== 2) return false;
    ip.containers.dictSet(d, asItem(kv[0]!), asItem(kv[1]!));
  }
  return true;
}

function exception(ip: Interpreter, name: string, args: Value[], node: SyntaxNode): Value {
  const tuple = args.length ? ip.alloc({ kind: 'tuple', items: args.map(asItem) } as PyObject, node) : ip.f.emptyTuple;
  return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: name, refs: [{ label: 'args', target: tuple }] }, node);
}

export function callBuiltin(ip: Interpreter, fn: BuiltinValue, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  if (fn.self) return callMethod(ip, fn.name.slice(1), fn.self, args, kwargs, node);
  if (EXCEPTION_NAMES.has(fn.name)) return exception(ip, fn.name, args, node);
  const py = ip.python;
  const a0 = args[0];
  switch (fn.name) {
    case 'range': {
      const ns = args.map(num);
      if (ns.some((x) => x === undefined) || ns.length === 0) return ip.unknown('range() of values the model does not know', node);
      const [x, y, z] = ns as number[];
      return ip.alloc<RangeValue>(args.length === 1 ? { kind: 'range', start: 0, stop: x!, step: 1 } : { kind: 'range', start: x!, stop: y!, step: z ?? 1 }, node);
    }
    case 'len': {
      const n = a0 ? lengthOf(a0) : undefined;
      return n === undefined ? ip.unknown('len() of a value the model does not know', node) : ip.alloc(ip.f.int(n), node);
    }
    case 'list':
      if (!a0) return ip.newList([], 0, node);
      // `list(list)` on 3.8/3.9 is a copy (`list_preallocate_exact` from 3.10 rounds up to even).
      return listFrom(ip, a0, node, 'list-call');
    case 'sorted': {
      if (!a0) return ip.unknown('sorted()', node);
      // `PySequence_List` -> `list_extend` into a new empty list.
      return listFrom(ip, a0, node, 'extend');
    }
    case 'tuple': {
      if (!a0) return ip.f.emptyTuple;
      if (a0.kind === 'tuple') return a0;
      const run = bigRun(a0);
      if (run) return ip.alloc({ kind: 'tuple', items: run } as PyObject, node);
      const items = iterateValue(ip, a0, node);
      if (!items) return ip.unknown('tuple() of a value the model cannot iterate', node);
      return items.length === 0 ? ip.f.emptyTuple : ip.alloc({ kind: 'tuple', items: items.map(asItem) } as PyObject, node);
    }
    case 'set':
    case 'frozenset': {
      const frozen = fn.name === 'frozenset';
      if (!a0) return ip.alloc({ kind: 'set', frozen, items: [], table: 8, fill: 0 } as PyObject, node);
      const items = iterateValue(ip, a0, node);
      if (!items) return ip.unknown(`${fn.name}() of a value the model cannot iterate`, node);
      // `set_update_internal`: sets and dicts presize; other iterables add one by one.
      return ip.alloc(ip.containers.newSet(frozen, items.map(asItem), a0.kind === 'set' || a0.kind === 'dict'), node);
    }
    case 'dict': {
      const d = newDictOf(ip, 'dict', node);
      if (a0 && !insertPairs(ip, d, a0, node)) return ip.unknown('dict() of a value the model cannot iterate', node);
      for (const [k, v] of kwargs) ip.containers.dictSet(d, ip.f.intern(k), asItem(v));
      return d;
    }
    case 'str':
    case 'repr': {
      if (!a0) return ip.f.str('');
      if (a0.kind === 'str' && fn.name === 'str') return a0;
      const s = reprOf(a0, fn.name === 'str');
      return s === undefined ? ip.unknown(`${fn.name}() of ${a0.kind} is not modelled`, node) : ip.alloc(ip.f.str(s), node);
    }
    case 'int': {
      if (!a0) return ip.f.int(0);
      if (a0.kind === 'int') return a0;
      if (a0.kind === 'float') return ip.alloc(ip.f.int(Math.trunc(a0.value)), node);
      if (a0.kind === 'str' && /^\s*[-+]?\d+\s*$/.test(a0.value)) return ip.alloc(ip.f.int(BigInt(a0.value.trim())), node);
      return ip.unknown('int() of this value is not modelled', node);
    }
    case 'float': {
      const v = a0 ? (a0.kind === 'int' ? Number(a0.value) : a0.kind === 'float' ? a0.value : a0.kind === 'str' ? Number(a0.value) : NaN) : 0;
      if (a0?.kind === 'float') return a0;
      return Number.isNaN(v) ? ip.unknown('float() of this value is not modelled', node) : ip.alloc({ kind: 'float', value: v } as PyObject, node);
    }
    case 'bool': {
      const t = a0 ? ip.truth(a0) : false;
      return t === undefined ? ip.unknown('bool() of an unknown value', node) : ip.f.bool(t);
    }
    case 'chr': {
      const c = num(a0);
      return c === undefined ? ip.unknown('chr() of an unknown value', node) : ip.alloc(ip.f.str(String.fromCodePoint(c)), node);
    }
    case 'ord':
      return a0?.kind === 'str' ? ip.f.int(a0.value.codePointAt(0) ?? 0) : ip.unknown('ord()', node);
    case 'abs': {
      if (a0?.kind === 'int') return ip.alloc(ip.f.int(a0.value < 0n ? -a0.value : a0.value), node);
      return ip.unknown('abs() of this value', node);
    }
    case 'sum': {
      const items = a0 ? iterateValue(ip, a0, node) : undefined;
      if (!items || items.some((i) => i.kind !== 'int')) return ip.unknown('sum() of values the model does not know', node);
      return ip.alloc(ip.f.int(items.reduce((s, i) => s + (i as { value: bigint }).value, 0n)), node);
    }
    case 'min':
    case 'max': {
      const items = args.length === 1 && a0 ? iterateValue(ip, a0, node) : args;
      if (!items || items.length === 0 || items.some((i) => i.kind !== 'int')) return ip.unknown(`${fn.name}() of values the model does not know`, node);
      const values = items as Array<{ value: bigint }>;
      return values.reduce((m, v) => ((fn.name === 'min' ? v.value < m.value : v.value > m.value) ? v : m)) as Value;
    }
    case 'print':
    case 'object.__init__':
      return ip.f.none;
    case 'any':
    case 'all': {
      const items = a0 ? iterateValue(ip, a0, node) : undefined;
      const truths = items?.map((x) => ip.truth(x));
      if (!truths || truths.includes(undefined)) return ip.unknown(`${fn.name}() of values the model does not know`, node);
      return ip.f.bool(fn.name === 'any' ? truths.includes(true) : !truths.includes(false));
    }
    case 'isinstance':
    case 'issubclass':
    case 'hasattr':
    case 'callable':
      return ip.unknown(`${fn.name}() is not decided by the model`, node);
    case 'super': {
      // `super()` in a method: lookups start at the base of the class that defined the method.
      const frame = ip.frame;
      const owner = frame.fn?.ownerClass;
      const first = frame.fn ? ip.scopes.localNames(ip.syn, frame.fn.node) : undefined;
      const params = frame.fn ? ip.syn.field(frame.fn.node, 'parameters') : null;
      const selfNode = params ? ip.syn.kids(params)[0] : undefined;
      const selfName = selfNode ? ip.syn.text(selfNode.type === 'identifier' ? selfNode : ip.syn.kids(selfNode)[0] ?? selfNode) : undefined;
      const self = selfName && first ? frame.vars.get(selfName) : undefined;
      if (!owner || !self) return ip.unknown('super() outside a method the model runs', node);
      return { kind: 'builtin', name: 'super', self, owner };
    }
    case 'id':
    case 'hash':
      return ip.unknown(`${fn.name}() value is not modelled`, node);
    case 'iter': {
      if (!a0) return ip.unknown('iter()', node);
      const typeName = a0.kind === 'range' ? 'range_iterator' : a0.kind === 'list' ? 'list_iterator' : a0.kind === 'tuple' ? 'tuple_iterator' : 'iterator';
      return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName, refs: [{ label: 'it_seq', target: a0 }], items: iterateValue(ip, a0, node) }, node);
    }
    case 'reversed': {
      const items = a0 ? iterateValue(ip, a0, node) : undefined;
      return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: 'list_reverseiterator', refs: a0 ? [{ label: 'seq', target: a0 }] : [], items: items?.slice().reverse() }, node);
    }
    case 'enumerate':
    case 'zip': {
      const lists = args.map((a) => iterateValue(ip, a, node));
      let items: Value[] | undefined;
      if (lists.every((l) => l)) {
        if (fn.name === 'enumerate') items = lists[0]!.map((x, i) => ip.alloc({ kind: 'tuple', items: [ip.f.int(i), asItem(x)] } as PyObject, node));
        else {
          const n = Math.min(...lists.map((l) => l!.length));
          items = Array.from({ length: n }, (_, i) => ip.alloc({ kind: 'tuple', items: lists.map((l) => asItem(l![i]!)) } as PyObject, node));
        }
      }
      return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: fn.name, refs: args.map((a, i) => ({ label: `iterable ${i}`, target: a })), items }, node);
    }
    case 'map':
    case 'filter': {
      const items = args[1] ? iterateValue(ip, args[1], node) : undefined;
      let out: Value[] | undefined;
      if (items && a0) {
        out = [];
        for (const x of items) {
          const r = ip.callValue(a0, [x], new Map(), node);
          if (fn.name === 'map') out.push(r);
          else if (ip.truth(r) !== false) out.push(x);
        }
      }
      return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: fn.name, refs: args.map((a, i) => ({ label: i === 0 ? 'function' : 'iterable', target: a })), items: out }, node);
    }
    case 'next': {
      if (a0?.kind === 'opaque' && a0.items && a0.items.length) return a0.items.shift()!;
      return args[1] ?? ip.unknown('next() of an iterator the model does not know', node);
    }
    case 'object':
      return ip.alloc({ kind: 'singleton', typeName: 'object' } as PyObject, node);
    case 'bytes': {
      const n = num(a0);
      if (a0?.kind === 'bytes') return a0;
      return n === undefined ? ip.unknown('bytes() of this value', node) : n === 0 ? ip.f.emptyBytes : ip.alloc({ kind: 'bytes', length: n } as PyObject, node);
    }
    case 'bytearray': {
      const n = a0 ? (a0.kind === 'bytes' ? a0.length : num(a0)) : 0;
      // `bytearray___init___impl`: `PyByteArray_Resize(n)` allocates n + 1 (nothing when empty).
      return n === undefined ? ip.unknown('bytearray() of this value', node) : ip.alloc({ kind: 'bytearray', length: n, allocated: n === 0 ? 0 : n + 1 } as PyObject, node);
    }
    case 'type':
      if (args.length === 1 && a0) return ip.unknown(`type() of a value is not modelled as an object`, node);
      return ip.unknown('type() with three arguments makes a class the model does not follow', node);
    case 'getattr': {
      const name = args[1];
      if (a0 && name?.kind === 'str') return ip.getAttribute(a0, name.value, node);
      return args[2] ?? ip.unknown('getattr() of an unknown name', node);
    }
    case 'setattr': {
      const name = args[1];
      if (a0 && name?.kind === 'str' && args[2]) ip.setAttribute(a0, name.value, args[2], node);
      return ip.f.none;
    }
    case 'vars':
      return a0 ? ip.getAttribute(a0, '__dict__', node) : ip.unknown('vars()', node);
    case 'open':
    case 'input':
      return ip.unknown(`${fn.name}() does I/O the model does not run`, node);
    // ---- modelled stdlib ----
    case 'collections.deque': {
      // `deque_new`: one block, leftindex = CENTER + 1 = 32; `deque_extend` into an empty deque first moves leftindex
      // to 1 ("space saving heuristic"). `maxlen` is not modelled.
      if (kwargs.has('maxlen') || args.length > 1) return ip.unknown('deque(maxlen=...) is not modelled', node);
      if (!a0) return ip.alloc({ kind: 'deque', items: [], leftIndex: 32 } as PyObject, node);
      const items = bigRun(a0) ?? iterateValue(ip, a0, node);
      if (!items) return ip.unknown('deque() of a value the model cannot iterate', node);
      return ip.alloc({ kind: 'deque', items: Array.isArray(items) ? items.map((x) => asItem(x as Value)) : items, leftIndex: 1 } as PyObject, node);
    }
    case 'collections.defaultdict': {
      const d = newDictOf(ip, 'defaultdict', node);
      if (a0) ip.defaultFactories.set(d, a0);
      if (args[1] && !insertPairs(ip, d, args[1], node)) return ip.unknown('defaultdict() of a value the model cannot iterate', node);
      return d;
    }
    case 'collections.OrderedDict': {
      const d = newDictOf(ip, 'OrderedDict', node);
      if (a0 && !insertPairs(ip, d, a0, node)) return ip.unknown('OrderedDict() of a value the model cannot iterate', node);
      return d;
    }
    case 'collections.Counter': {
      const d = newDictOf(ip, 'Counter', node);
      const items = a0 ? iterateValue(ip, a0, node) : [];
      if (!items) return ip.unknown('Counter() of a value the model cannot iterate', node);
      for (const k of items) {
        const at = ip.containers.findKey(d, asItem(k));
        const count = at >= 0 ? (d.values[at] as { value: bigint }).value + 1n : 1n;
        ip.containers.dictSet(d, asItem(k), ip.f.int(count));
      }
      return d;
    }
    case 'collections.namedtuple': {
      const name = a0?.kind === 'str' ? a0.value : 'namedtuple';
      const fieldsArg = args[1];
      const fields = fieldsArg?.kind === 'str' ? fieldsArg.value.split(/[\s,]+/).filter(Boolean) : fieldsArg ? (iterateValue(ip, fieldsArg, node) ?? []).map((f) => (f.kind === 'str' ? f.value : '?')) : [];
      const cls: ClassValue = { kind: 'class', info: { name }, attrs: new Map(), namedTupleFields: fields, instances: 0 };
      ip.classOf.set(cls.info, cls);
      return ip.alloc(cls, node);
    }
    case 'array.array': {
      const tc = a0?.kind === 'str' ? a0.value : '';
      const itemSize = ARRAY_ITEM_SIZES[tc];
      if (!itemSize) return ip.unknown(`array typecode ${tc || '?'} is not modelled`, node);
      const src = args[1];
      if (!src) return ip.alloc({ kind: 'array', typecode: tc, itemSize, length: 0, allocated: 0 } as PyObject, node);
      const len = lengthOf(src);
      if (len === undefined) return ip.unknown('array() of a value without a length', node);
      // `array_new`: lists and tuples are copied exactly; other iterables append one by one (`array_resize`).
      if (src.kind === 'list' || src.kind === 'tuple') return ip.alloc({ kind: 'array', typecode: tc, itemSize, length: len, allocated: len } as PyObject, node);
      let allocated = 0;
      for (let size = 0; size < len; size++) allocated = arrayAppendCapacity(allocated, size);
      return ip.alloc({ kind: 'array', typecode: tc, itemSize, length: len, allocated } as PyObject, node);
    }
    case 'weakref.ref':
    case 'weakref.proxy': {
      if (!a0) return ip.unknown('weakref of nothing', node);
      const proxy = fn.name === 'weakref.proxy';
      // `Objects/weakrefobject.c`: the types were renamed from weakref/weakproxy in 3.10 (measured).
      const typeName = ip.python.minor >= 10 ? (proxy ? 'ProxyType' : 'ReferenceType') : proxy ? 'weakproxy' : 'weakref';
      const refs: OpaqueValue['refs'] = [{ label: proxy ? 'proxy of' : 'referent', target: a0, weak: true }];
      if (args[1]) refs.push({ label: 'callback', target: args[1] });
      return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName, refs }, node);
    }
    case 'functools.partial':
      return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: 'functools.partial', refs: args.map((a, i) => ({ label: i === 0 ? 'func' : `args[${i - 1}]`, target: a })) }, node);
    case 'functools.lru_cache':
    case 'functools.cache':
      // `@lru_cache(maxsize=...)` called with options: the decorator itself (applied by the caller).
      return { kind: 'builtin', name: 'functools.lru_cache' };
    case 'functools.reduce':
      return ip.unknown('functools.reduce() is not modelled', node);
    case 'gc.collect':
      ip.collectGarbage?.();
      return ip.unknown('gc.collect() returns how many objects it found; the count is not modelled', node);
    case 'gc.disable':
    case 'gc.enable':
      return ip.f.none;
    case 'sys.getsizeof': {
      const size = a0 ? sizeOf(ip.python, a0) : undefined;
      return typeof size === 'number' ? ip.alloc(ip.f.int(size), node) : ip.unknown('sys.getsizeof of a value the model cannot size', node);
    }
    case 'dataclasses.field':
      return args[0] ?? kwargs.get('default') ?? ip.unknown('dataclasses.field() without a default', node);
    default:
      if (fn.name.startsWith('typing.')) return ip.unknown(`${fn.name}(...) is not modelled`, node);
      return ip.unknown(`${fn.name}() is not modelled`, node);
  }
}

// ---- methods -------------------------------------------------------------------------------------------------------
function callMethod(ip: Interpreter, method: string, self: Value, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  const a0 = args[0];
  switch (self.kind) {
    case 'list':
      return listMethod(ip, method, self, args, kwargs, node);
    case 'tuple':
      if (method === '__getitem__') return indexItem(ip, self, a0, node);
      if (method === '__getslice__') return sliceOf(ip, self, args, kwargs, node);
      if (method === '__add__' && a0?.kind === 'tuple') {
        const items = [...(iterateValue(ip, self, node) ?? []), ...(iterateValue(ip, a0, node) ?? [])];
        return ip.alloc({ kind: 'tuple', items: items.map(asItem) } as PyObject, node);
      }
      break;
    case 'dict':
      return dictMethod(ip, method, self, args, kwargs, node);
    case 'instance-dict':
      if (method === '__getitem__' && a0?.kind === 'str') return (self.owner.attrs.get(a0.value) as Value) ?? ip.unknown('missing key', node);
      break;
    case 'set':
      return setMethod(ip, method, self, args, node);
    case 'deque':
      return dequeMethod(ip, method, self, args, node);
    case 'str':
      return strMethod(ip, method, self, args, node);
    case 'array':
      if (method === 'append') {
        self.allocated = arrayAppendCapacity(self.allocated, self.length);
        self.length++;
        return ip.f.none;
      }
      break;
    case 'bytearray':
      if (method === 'append') {
        // `Objects/bytearrayobject.c` `PyByteArray_Resize`: grow to size + size/8 + (3 or 6) when it outgrows alloc.
        const size = self.length + 1;
        if (size + 1 > self.allocated) self.allocated = size <= self.allocated * 1.125 ? size + (size >> 3) + (size < 9 ? 3 : 6) : size + 1;
        self.length = size;
        return ip.f.none;
      }
      break;
    case 'function':
      if (method === 'cache_clear' && self.cache) {
        ip.containers.clearDict(self.cache as DictObject);
        return ip.f.none;
      }
      break;
    case 'builtin':
      if (self.name === 'dict' && method === 'fromkeys' && a0) {
        const d = newDictOf(ip, 'dict', node);
        for (const k of iterateValue(ip, a0, node) ?? []) ip.containers.dictSet(d, asItem(k), asItem(args[1] ?? ip.f.none));
        return d;
      }
      break;
    case 'unknown':
      return ip.unknown(`method ${method} of an unknown value`, node);
    default:
      break;
  }
  if (method === '__getitem__' || method === '__setitem__' || method === '__delitem__') return ip.unknown(`item access on ${self.kind} is not modelled`, node);
  return ip.unknown(`method ${method}() of ${self.kind} is not modelled`, node);
}

function normIndex(i: number, len: number): number {
  return i < 0 ? len + i : i;
}

function indexItem(ip: Interpreter, seq: PyObject & { items: unknown }, key: Value | undefined, node: SyntaxNode): Value {
  const i = num(key);
  if (i === undefined) return ip.unknown('index the model does not know', node);
  const items = seq.items;
  if (Array.isArray(items)) {
    const item = items[normIndex(i, items.length)];
    return item ? (item as Value) : ip.raise('IndexError', 'index out of range', node);
  }
  const r = items as IntRun | { kind: 'repeat'; item: PyObject; count: number };
  const at = normIndex(i, r.count);
  if (at < 0 || at >= r.count) return ip.raise('IndexError', 'index out of range', node);
  if (r.kind === 'repeat') return r.item as Value;
  if (r.kind === 'int-run') return ip.alloc(ip.f.int(r.start + at * r.step), node);
  return ip.unknown('an item of a summarised container', node);
}

function sliceOf(ip: Interpreter, seq: PyObject & { items: unknown }, parts: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  const text = (kwargs.get('text') as { value: string } | undefined)?.value ?? '';
  const items = iterateValue(ip, seq as Value, node);
  if (!items) return ip.unknown('slice of a summarised container', node);
  // Which of start:stop:step are given, from the slice's text.
  const [startText, stopText, stepText] = text.split(':').map((s) => s.trim());
  const values = [...parts];
  const pick = (given: string | undefined): number | undefined => (given ? num(values.shift()) : undefined);
  const start = pick(startText);
  const stop = pick(stopText);
  const step = pick(stepText) ?? 1;
  if (step !== 1) return ip.unknown('slices with a step are not modelled', node);
  const len = items.length;
  const lo = Math.max(0, Math.min(len, start === undefined ? 0 : normIndex(start, len)));
  const hi = Math.max(lo, Math.min(len, stop === undefined ? len : normIndex(stop, len)));
  const out = items.slice(lo, hi);
  // `list_slice` / `tuple_slice` allocate exactly; a full slice of a tuple is the tuple itself.
  if (seq.kind === 'tuple') return lo === 0 && hi === len ? (seq as Value) : out.length === 0 ? ip.f.emptyTuple : ip.alloc({ kind: 'tuple', items: out.map(asItem) } as PyObject, node);
  if (seq.kind === 'str') return ip.unknown('str slices', node);
  return ip.newList(out, out.length, node);
}

function listMethod(ip: Interpreter, method: string, self: ListObj, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  const py = ip.python;
  const a0 = args[0];
  if (method === '__getitem__') return indexItem(ip, self, a0, node);
  if (method === '__getslice__') return sliceOf(ip, self, args, kwargs, node);
  if (method === '__add__') {
    if (a0?.kind !== 'list') return ip.unknown('list + non-list', node);
    // `list_concat`: exactly len(a) + len(b) items.
    const items = [...(iterateValue(ip, self, node) ?? []), ...(iterateValue(ip, a0, node) ?? [])];
    return ip.newList(items, items.length, node);
  }
  if (method === '__mul__') {
    const times = Math.max(0, num(a0) ?? -1);
    if (num(a0) === undefined) return ip.unknown('list * unknown count', node);
    // `list_repeat`: exactly len*n items; one repeated item stays summarised.
    const src = iterateValue(ip, self, node);
    if (!src) return ip.unknown('repeat of a summarised list', node);
    if (src.length === 1 && times > SUMMARY_THRESHOLD) return ip.alloc({ kind: 'list', items: { kind: 'repeat', item: asItem(src[0]!), count: times }, capacity: times } as PyObject, node);
    if (src.length * times > 2_000_000) return ip.unknown('repeat of a list too large to simulate', node);
    const items: Value[] = [];
    for (let t = 0; t < times; t++) items.push(...src);
    return ip.newList(items, items.length, node);
  }
  if (method === 'copy') return listFrom(ip, self, node, 'copy');
  if (method === 'index' || method === 'count') return ip.unknown(`list.${method}() result`, node);
  const items = materialize(ip, self, node);
  if (!items) return ip.unknown(`list.${method}() on a summarised list`, node);
  switch (method) {
    case 'append':
      self.capacity = listResize(py, self.capacity, items.length, items.length + 1);
      items.push(asItem(a0 ?? ip.f.none));
      return ip.f.none;
    case 'insert': {
      // `ins1` -> `list_resize(n + 1)`, like append.
      self.capacity = listResize(py, self.capacity, items.length, items.length + 1);
      const at = num(a0) ?? items.length;
      items.splice(at < 0 ? Math.max(0, items.length + at) : Math.min(at, items.length), 0, asItem(args[1] ?? ip.f.none));
      return ip.f.none;
    }
    case 'extend': {
      if (!a0) return ip.f.none;
      const len = lengthOf(a0);
      const run = bigRun(a0);
      if (run && items.length === 0) {
        self.capacity = extendCapacity(py, self.capacity, 0, len!, true);
        self.items = run;
        return ip.f.none;
      }
      const added = iterateValue(ip, a0, node);
      if (!added) return ip.unknown('list.extend() of a value the model cannot iterate', node);
      self.capacity = extendCapacity(py, self.capacity, items.length, added.length, len !== undefined);
      items.push(...added.map(asItem));
      return ip.f.none;
    }
    case 'pop': {
      if (items.length === 0) return ip.raise('IndexError', 'pop from empty list', node);
      const at = a0 ? normIndex(num(a0) ?? -1, items.length) : items.length - 1;
      // `list_pop_impl`: the last item shrinks through `list_resize(n - 1)`; others through `list_ass_slice`.
      self.capacity = listResize(py, self.capacity, items.length, items.length - 1);
      return items.splice(at, 1)[0] as Value;
    }
    case 'remove': {
      const key = ip.containers.keyOf(asItem(a0 ?? ip.f.none));
      const at = items.findIndex((x) => x === a0 || ip.containers.keyOf(x) === key);
      if (at < 0) return ip.raise('ValueError', 'list.remove(x): x not in list', node);
      self.capacity = listResize(py, self.capacity, items.length, items.length - 1);
      items.splice(at, 1);
      return ip.f.none;
    }
    case '__delitem__': {
      const i = num(a0);
      if (i === undefined) return ip.unknown('del of an unknown index', node);
      const at = normIndex(i, items.length);
      if (at < 0 || at >= items.length) return ip.raise('IndexError', 'list assignment index out of range', node);
      // 3.13+ `list_ass_item_lock_held` shifts without `list_resize`; earlier `list_ass_slice` shrinks.
      if (py.minor < 13) self.capacity = listResize(py, self.capacity, items.length, items.length - 1);
      items.splice(at, 1);
      return ip.f.none;
    }
    case '__setitem__': {
      const i = num(a0);
      if (i === undefined) return ip.unknown('item assignment at an unknown index', node);
      const at = normIndex(i, items.length);
      if (at < 0 || at >= items.length) return ip.raise('IndexError', 'list assignment index out of range', node);
      items[at] = asItem(args[1]!);
      return ip.f.none;
    }
    case 'clear':
      // `list_clear` frees the item array.
      self.items = [];
      self.capacity = 0;
      return ip.f.none;
    case 'sort':
    case 'reverse':
      if (method === 'reverse') items.reverse();
      return ip.f.none;
    default:
      return ip.unknown(`list.${method}() is not modelled`, node);
  }
}

function dictMethod(ip: Interpreter, method: string, self: DictObject, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  const c = ip.containers;
  const a0 = args[0];
  switch (method) {
    case '__getitem__':
    case 'get':
    case 'setdefault': {
      const at = a0 ? c.findKey(self, asItem(a0)) : -1;
      if (at >= 0) return self.values[at] as Value;
      if (method === 'get') return args[1] ?? ip.f.none;
      if (method === 'setdefault') {
        const v = args[1] ?? ip.f.none;
        c.dictSet(self, asItem(a0!), asItem(v));
        return v;
      }
      const factory = ip.defaultFactories.get(self);
      if (factory && a0) {
        // `defdict_missing`: calls the factory and stores its result.
        const made = ip.callValue(factory, [], new Map(), node);
        c.dictSet(self, asItem(a0), asItem(made));
        return made;
      }
      if (self.typeName === 'Counter') return ip.f.int(0);
      return ip.raise('KeyError', a0 ? (reprOf(a0) ?? 'key') : 'key', node);
    }
    case '__setitem__':
      c.dictSet(self, asItem(a0!), asItem(args[1]!));
      return ip.f.none;
    case '__delitem__':
    case 'pop': {
      const at = a0 ? c.findKey(self, asItem(a0)) : -1;
      if (at < 0) return args[1] ?? ip.raise('KeyError', a0 ? (reprOf(a0) ?? 'key') : 'key', node);
      const v = self.values[at] as Value;
      // `delitem_common` leaves a dummy entry: the table keeps its size (and `dk_nentries`).
      c.dictDelete(self, asItem(a0!));
      return method === 'pop' ? v : ip.f.none;
    }
    case 'update': {
      if (a0 && !insertPairs(ip, self, a0, node)) return ip.unknown('dict.update() of a value the model cannot iterate', node);
      for (const [k, v] of kwargs) c.dictSet(self, ip.f.intern(k), asItem(v));
      return ip.f.none;
    }
    case 'clear':
      c.clearDict(self);
      return ip.f.none;
    case 'copy': {
      // `PyDict_Copy` of a combined table: a fresh table sized for the items (`clone_combined_dict_keys` keeps the
      // same size when the table is dense; modelled as the fitting size).
      const d = ip.alloc(c.newDict(), node);
      d.table = self.keys.length === 0 ? 0 : dictTableSize(self.keys.length);
      d.unicode = self.unicode;
      d.keys = [...self.keys];
      d.values = [...self.values];
      d.nentries = self.keys.length;
      return d;
    }
    case 'keys':
    case 'values':
    case 'items': {
      const items = method === 'keys' ? (self.keys as Value[]) : method === 'values' ? (self.values as Value[]) : self.keys.map((k, i) => ip.alloc({ kind: 'tuple', items: [k, self.values[i]!] } as PyObject, node));
      return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: `dict_${method}`, refs: [{ label: 'mapping', target: self }], items }, node);
    }
    case '__|__': {
      const d = dictMethod(ip, 'copy', self, [], new Map(), node) as DictObject;
      if (a0) insertPairs(ip, d, a0, node);
      return d;
    }
    case 'most_common':
      return ip.unknown('Counter.most_common() is not modelled', node);
    default:
      return ip.unknown(`dict.${method}() is not modelled`, node);
  }
}

function setMethod(ip: Interpreter, method: string, self: SetObj, args: Value[], node: SyntaxNode): Value {
  const c = ip.containers;
  const a0 = args[0];
  switch (method) {
    case 'add':
      if (a0) c.setAdd(self, asItem(a0));
      return ip.f.none;
    case 'update':
    case '__|__': {
      const target = method === 'update' ? self : (ip.alloc(c.newSet(false, [...(self.items as PyObject[])], true), node) as SetObj);
      for (const a of args) {
        const items = iterateValue(ip, a, node);
        if (!items) return ip.unknown('set.update() of a value the model cannot iterate', node);
        for (const x of items) c.setAdd(target, asItem(x));
      }
      return method === 'update' ? ip.f.none : target;
    }
    case 'discard':
    case 'remove': {
      // `set_discard_entry` leaves a dummy: the table and `fill` do not change.
      const items = self.items as PyObject[];
      const key = c.keyOf(asItem(a0 ?? ip.f.none));
      const at = items.findIndex((x) => x === a0 || c.keyOf(x) === key);
      if (at >= 0) items.splice(at, 1);
      else if (method === 'remove') return ip.raise('KeyError', 'set.remove', node);
      c.setIndex.delete(self);
      return ip.f.none;
    }
    case 'clear':
      // `set_clear_internal`: back to the small table.
      self.items = [];
      self.table = 8;
      self.fill = 0;
      c.setIndex.delete(self);
      return ip.f.none;
    case 'copy':
      return ip.alloc(c.newSet(self.frozen, [...(self.items as PyObject[])], true), node);
    default:
      return ip.unknown(`set.${method}() is not modelled`, node);
  }
}

function dequeMethod(ip: Interpreter, method: string, self: PyObject & { kind: 'deque' }, args: Value[], node: SyntaxNode): Value {
  const items = materialize(ip, self, node);
  if (!items) return ip.unknown(`deque.${method}() on a summarised deque`, node);
  switch (method) {
    case 'append':
      items.push(asItem(args[0] ?? ip.f.none));
      return ip.f.none;
    case 'appendleft':
      items.unshift(asItem(args[0] ?? ip.f.none));
      // `deque_appendleft`: a new block is linked only when the left block is full (leftindex == 0).
      self.leftIndex = self.leftIndex === 0 ? 63 : self.leftIndex - 1;
      return ip.f.none;
    case 'pop':
      return (items.pop() as Value) ?? ip.raise('IndexError', 'pop from an empty deque', node);
    case 'popleft': {
      const v = items.shift();
      if (!v) return ip.raise('IndexError', 'pop from an empty deque', node);
      // `deque_popleft`: leftindex moves right; an emptied block is freed (the next block starts at 0).
      self.leftIndex = self.leftIndex === 63 ? 0 : self.leftIndex + 1;
      if (items.length === 0) self.leftIndex = 32;
      return v as Value;
    }
    case 'extend':
      for (const x of iterateValue(ip, args[0] ?? ip.f.emptyTuple, node) ?? []) items.push(asItem(x));
      return ip.f.none;
    default:
      return ip.unknown(`deque.${method}() is not modelled`, node);
  }
}

function strMethod(ip: Interpreter, method: string, self: PyObject & { kind: 'str' }, args: Value[], node: SyntaxNode): Value {
  const s = self.value;
  const str = (v: string): Value => (v === s ? self : ip.alloc(ip.f.str(v), node));
  switch (method) {
    case 'upper':
      return str(s.toUpperCase());
    case 'lower':
      return str(s.toLowerCase());
    case 'strip':
      return str(s.trim());
    case 'join': {
      const parts = args[0] ? iterateValue(ip, args[0], node) : undefined;
      if (!parts || parts.some((p) => p.kind !== 'str')) return ip.unknown('str.join() of values the model does not know', node);
      if (parts.length === 1) return parts[0]!;
      return ip.alloc(ip.f.str(parts.map((p) => (p as { value: string }).value).join(s)), node);
    }
    case 'split': {
      const sep = args[0]?.kind === 'str' ? args[0].value : undefined;
      const maxsplit = num(args[1]) ?? -1;
      let pieces = sep === undefined ? s.split(/\s+/).filter(Boolean) : s.split(sep);
      if (maxsplit >= 0 && pieces.length > maxsplit + 1) pieces = [...pieces.slice(0, maxsplit), pieces.slice(maxsplit).join(sep ?? ' ')];
      // `Objects/stringlib/split.h`: the list starts with PREALLOC_SIZE(maxsplit) slots (at most MAX_PREALLOC = 12),
      // appends beyond them (`list_resize`), and only sets the size at the end (`FIX_PREALLOC_SIZE`).
      // 3.12+ `Objects/unicodeobject.c` `split` first bounds maxsplit by what the string can hold (len/2 + 1 words
      // for whitespace, len/len(sep) + 1 otherwise): measured on 3.12 and 3.13 (`'a b'.split()` has 3 slots).
      const bound = ip.python.minor >= 12 ? Math.floor([...s].length / (sep === undefined ? 2 : Math.max(1, [...sep].length))) + 1 : Infinity;
      const limit = Math.min(maxsplit >= 0 ? maxsplit : Infinity, bound);
      let cap = limit < 12 ? limit + 1 : 12;
      for (let len = cap; len < pieces.length; len++) if (len === cap) cap = listResize(ip.python, cap, len, len + 1);
      return ip.newList(pieces.map((p) => (p.length === 1 ? ip.f.str(p) : ip.alloc(ip.f.str(p), node))), cap, node);
    }
    case '__getitem__': {
      const i = num(args[0]);
      const chars = [...s];
      if (i === undefined) return ip.unknown('str index the model does not know', node);
      const ch = chars[normIndex(i, chars.length)];
      return ch === undefined ? ip.raise('IndexError', 'string index out of range', node) : ip.f.str(ch);
    }
    default:
      return ip.unknown(`str.${method}() is not modelled`, node);
  }
}
