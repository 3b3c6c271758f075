// Functions and classes in the heap simulator: `def` (defaults, closures), calls (arguments, generators, lru_cache),
// `class` (bases, `__slots__`, dataclasses, NamedTuple), decorators and instantiation. Free functions over the
// interpreter so interpreter.ts stays about statements and expressions.
import type { SyntaxNode } from '../../parse/python-parser';
import { SharedKeys } from '../layout/instance';
import type { ClassInfo, DictObject, InstanceObject, PyObject } from '../layout/objects';
import { EXCEPTION_NAMES, iterateValue } from './builtins';
import { MAX_CALL_DEPTH, MAX_FOR, newFrame, type Interpreter } from './interpreter';
import { BudgetExceeded, ReturnSignal, PyRaise } from './signals';
import { asItem, type CellValue, type ClassValue, type Frame, type FunctionValue, type OpaqueValue, type Value } from './values';

// ---- functions -------------------------------------------------------------------------------------------------
export function decorated(ip: Interpreter, s: SyntaxNode): void {
  const def = ip.syn.field(s, 'definition')!;
  const decorators = ip.syn.kids(s).filter((c) => c.type === 'decorator').map((d) => ip.syn.kids(d)[0]!);
  const name = ip.syn.text(ip.syn.field(def, 'name')!);
  if (def.type === 'class_definition') {
    ip.storeName(name, defineClass(ip, def, decorators));
    return;
  }
  let v: Value = defineFunction(ip, def);
  // Decorators apply bottom-up.
  for (const d of [...decorators].reverse()) v = applyDecorator(ip, d, v);
  ip.storeName(name, v);
}

export function applyDecorator(ip: Interpreter, d: SyntaxNode, fn: Value): Value {
  const text = ip.syn.text(d);
  if (fn.kind === 'function' && (text === 'staticmethod' || text === 'classmethod' || text === 'property')) {
    fn.wrapsClassMethod = text;
    return fn;
  }
  if (fn.kind === 'function' && /\.setter$|\.deleter$/.test(text)) return ip.frame.vars.get(text.split('.')[0]!) ?? fn;
  const deco = ip.eval(d.type === 'call' ? ip.syn.field(d, 'function')! : d);
  if (deco.kind === 'builtin' && fn.kind === 'function' && (deco.name === 'functools.lru_cache' || deco.name === 'functools.cache')) {
    // `Modules/_functoolsmodule.c` `lru_cache_wrapper`: a dict maps the call's key to its result, keeping both
    // alive (for a method, `self` too) until evicted; modelled as an unbounded dict (maxsize is not modelled).
    fn.cache = ip.alloc(ip.containers.newDict(), d);
    return fn;
  }
  if (deco.kind === 'builtin' && fn.kind === 'function' && deco.name === 'functools.cached_property') {
    // `Lib/functools.py` `cached_property.__get__`: the first read stores the result in the instance's __dict__.
    fn.wrapsClassMethod = 'cached_property';
    return fn;
  }
  if (deco.kind === 'function') return callFunction(ip, deco, [fn], new Map(), d);
  if (deco.kind === 'builtin' && (deco.name === 'functools.wraps' || deco.name === 'functools.total_ordering')) return fn;
  ip.diagnose(`decorator ${text} is not modelled: the function is kept undecorated`, d);
  return fn;
}

export function defineFunction(ip: Interpreter, node: SyntaxNode): FunctionValue {
  const name = node.type === 'lambda' ? '<lambda>' : ip.syn.text(ip.syn.field(node, 'name')!);
  const fn: FunctionValue = {
    kind: 'function',
    name,
    node,
    defaultByName: new Map(),
    closure: new Map(),
    globals: ip.module,
    isGenerator: node.type !== 'lambda' && ip.scopes.containsYield(ip.syn, node),
  };
  // Defaults are evaluated once, when `def` runs, into `__defaults__` (`Python/ceval.c` MAKE_FUNCTION).
  const params = ip.syn.field(node, 'parameters');
  const positional: Value[] = [];
  for (const p of params ? ip.syn.kids(params) : []) {
    if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const v = ip.eval(ip.syn.field(p, 'value')!);
      fn.defaultByName.set(ip.syn.text(ip.syn.field(p, 'name')!), v);
      positional.push(v);
    }
  }
  if (positional.length) fn.defaults = ip.alloc({ kind: 'tuple', items: positional.map(asItem) } as PyObject, node);
  captureClosure(ip, fn);
  return ip.alloc(fn, node);
}


/** The free variables of a nested function become cells shared with the enclosing frame
 *  (`Objects/funcobject.c` `func_closure`, `Python/symtable.c` free/cell analysis, simplified: every name the
 *  inner function reads that the enclosing function binds). */
export function captureClosure(ip: Interpreter, fn: FunctionValue): void {
  const outer = ip.frame;
  if (outer.kind !== 'function' || !outer.fn) return;
  const free = ip.scopes.freeNames(ip.syn, fn.node);
  const outerLocals = ip.scopes.localNames(ip.syn, outer.fn.node);
  for (const name of free) {
    if (outer.globalNames.has(name)) continue;
    let cell = outer.cells.get(name) ?? outer.fn.closure.get(name);
    if (!cell && (outerLocals.has(name) || outer.vars.has(name))) {
      cell = ip.alloc<CellValue>({ kind: 'cell', name, contents: outer.vars.get(name) }, fn.node);
      outer.vars.delete(name);
      outer.cells = new Map(outer.cells).set(name, cell);
    }
    if (cell) fn.closure.set(name, cell);
  }
}

export function callFunction(ip: Interpreter, fn: FunctionValue, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  if (fn.cache) return cachedCall(ip, fn, args, kwargs, node);
  if (ip.stack.length > MAX_CALL_DEPTH) return ip.unknown(`call depth over ${MAX_CALL_DEPTH} (recursion) is not simulated`, node);
  const frame = newFrame(fn.name, 'function');
  frame.fn = fn;
  if (fn.isGenerator) return runGenerator(ip, fn, frame, args, kwargs, node);
  bindArguments(ip, fn, frame, args, kwargs, node);
  // Names the body's nested functions capture start as cells.
  ip.stack.push(frame);
  try {
    if (fn.node.type === 'lambda') return ip.eval(ip.syn.field(fn.node, 'body')!);
    ip.execBlock(ip.body(fn.node));
    return ip.f.none;
  } catch (e) {
    if (e instanceof ReturnSignal) return e.value;
    if (e instanceof PyRaise) ip.addTraceback(e.exception, ip.stack[ip.stack.length - 2]!, node);
    throw e;
  } finally {
    ip.stack.pop();
  }
}

/** A generator function runs to completion when called (its side effects happen then, not as it is consumed);
 *  the generator object yields what the body yielded. Its own size depends on its frame: unknown. */
export function runGenerator(ip: Interpreter, fn: FunctionValue, frame: Frame, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  frame.yields = [];
  bindArguments(ip, fn, frame, args, kwargs, node);
  ip.stack.push(frame);
  try {
    ip.execBlock(ip.body(fn.node));
  } catch (e) {
    if (e instanceof BudgetExceeded && e.message.startsWith('generator')) ip.diagnose(e.message, node);
    else if (!(e instanceof ReturnSignal)) throw e;
  } finally {
    ip.stack.pop();
  }
  return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: 'generator', refs: [], items: frame.yields, unknownSize: "a generator's size depends on its frame" }, node);
}

export function yieldValue(ip: Interpreter, n: SyntaxNode): Value {
  const frame = ip.frame;
  if (!frame.yields) return ip.unknown('yield outside a generator the model runs', n);
  const inner = ip.syn.kids(n)[0];
  const isFrom = n.children.some((c) => c?.type === 'from');
  if (frame.yields.length > MAX_FOR) throw new BudgetExceeded(`generator stopped after ${MAX_FOR} items`);
  if (isFrom && inner) {
    const items = iterateValue(ip, ip.eval(inner), n);
    if (items) frame.yields.push(...items);
    else frame.yields.push(ip.unknown('yield from a value the model cannot iterate', n));
  } else frame.yields.push(inner ? ip.eval(inner) : ip.f.none);
  return ip.f.none;
}

export function cachedCall(ip: Interpreter, fn: FunctionValue, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  const cache = fn.cache as DictObject;
  // The key is a tuple of the arguments (`_make_key`; a single int/str argument is its own key, simplified).
  const key = args.length === 1 && kwargs.size === 0 && (args[0]!.kind === 'int' || args[0]!.kind === 'str') ? args[0]! : ip.alloc({ kind: 'tuple', items: args.map(asItem) } as PyObject, node);
  const at = ip.containers.findKey(cache, asItem(key));
  if (at >= 0) return cache.values[at] as Value;
  const result = callFunction(ip, { ...fn, cache: undefined }, args, kwargs, node);
  ip.containers.dictSet(cache, asItem(key), asItem(result));
  return result;
}

export function bindArguments(ip: Interpreter, fn: FunctionValue, frame: Frame, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): void {
  const params = ip.syn.field(fn.node, 'parameters');
  let i = 0;
  let keywordOnly = false;
  for (const p of params ? ip.syn.kids(params) : []) {
    switch (p.type) {
      case 'identifier':
      case 'typed_parameter':
      case 'default_parameter':
      case 'typed_default_parameter': {
        if (p.type === 'typed_parameter' && ip.syn.kids(p)[0]?.type !== 'identifier') {
          bindSplat(ip, ip.syn.kids(p)[0]!, frame, args, i, kwargs, node);
          if (ip.syn.kids(p)[0]!.type === 'list_splat_pattern') {
            i = args.length;
            keywordOnly = true;
          }
          break;
        }
        const nameNode = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? ip.syn.kids(p)[0]! : ip.syn.field(p, 'name')!;
        const name = ip.syn.text(nameNode);
        let v: Value | undefined;
        if (!keywordOnly && i < args.length) v = args[i++];
        else if (kwargs.has(name)) {
          v = kwargs.get(name);
          kwargs.delete(name);
        } else v = fn.defaultByName.get(name);
        frame.vars.set(name, v ?? ip.unknown(`missing argument '${name}'`, node));
        break;
      }
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
        bindSplat(ip, p, frame, args, i, kwargs, node);
        if (p.type === 'list_splat_pattern') {
          i = args.length;
          keywordOnly = true;
        }
        break;
      case 'keyword_separator':
        keywordOnly = true;
        break;
      default:
        break;
    }
  }
}

export function bindSplat(ip: Interpreter, p: SyntaxNode, frame: Frame, args: Value[], from: number, kwargs: Map<string, Value>, node: SyntaxNode): void {
  const name = ip.syn.text(ip.syn.kids(p)[0]!);
  if (p.type === 'list_splat_pattern') {
    const rest = args.slice(from);
    frame.vars.set(name, rest.length ? ip.alloc({ kind: 'tuple', items: rest.map(asItem) } as PyObject, node) : ip.f.emptyTuple);
  } else {
    const d = ip.alloc(ip.containers.newDict(), node);
    for (const [k, v] of kwargs) ip.containers.dictSet(d, ip.f.intern(k), asItem(v));
    frame.vars.set(name, d);
  }
}

// ---- classes ---------------------------------------------------------------------------------------------------
export function defineClass(ip: Interpreter, node: SyntaxNode, decorators: SyntaxNode[]): ClassValue {
  const name = ip.syn.text(ip.syn.field(node, 'name')!);
  const info: ClassInfo = { name };
  const cls: ClassValue = { kind: 'class', info, attrs: new Map(), instances: 0 };
  ip.classOf.set(info, cls);
  const supers = ip.syn.field(node, 'superclasses');
  const baseNodes = supers ? ip.syn.kids(supers).filter((k) => k.type !== 'keyword_argument') : [];
  for (const b of baseNodes) {
    const base = ip.eval(b);
    if (base.kind === 'class' && !cls.base) cls.base = base;
    else if (base.kind === 'builtin' && base.name === 'typing.NamedTuple') cls.namedTupleFields = [];
    else if (base.kind === 'builtin' && EXCEPTION_NAMES.has(base.name)) ip.exceptionBases.set(name, base.name);
    else if (base.kind === 'builtin' && (base.name === 'object' || base.name === 'typing.Generic' || base.name === 'typing.Protocol')) continue;
    else cls.unknownBase = ip.syn.text(b);
  }
  if (cls.base && ip.exceptionBases.has(cls.base.info.name)) ip.exceptionBases.set(name, cls.base.info.name);
  // The class body runs in its own namespace.
  const frame = newFrame(name, 'class');
  ip.stack.push(frame);
  const annotated: Array<{ name: string; default?: Value; factory?: Value }> = [];
  try {
    for (const st of ip.body(node)) {
      const a = st.type === 'expression_statement' ? ip.syn.kids(st)[0] : undefined;
      if (a?.type === 'assignment' && ip.syn.field(a, 'type') && ip.syn.field(a, 'left')!.type === 'identifier') {
        const right = ip.syn.field(a, 'right');
        const fieldName = ip.syn.text(ip.syn.field(a, 'left')!);
        if (/^ClassVar\b|\.ClassVar\b/.test(ip.syn.text(ip.syn.field(a, 'type')!))) {
          if (right) frame.vars.set(fieldName, ip.eval(right));
          continue;
        }
        const entry: { name: string; default?: Value; factory?: Value } = { name: fieldName };
        if (right) {
          const factory = fieldFactory(ip, right);
          if (factory) entry.factory = factory;
          else entry.default = ip.eval(right);
        }
        annotated.push(entry);
        if (entry.default) frame.vars.set(fieldName, entry.default);
        continue;
      }
      ip.exec(st);
    }
  } catch (e) {
    ip.stopped(e, node);
  } finally {
    ip.stack.pop();
  }
  for (const [k, v] of frame.vars) {
    cls.attrs.set(k, v);
    if (v.kind === 'function') v.ownerClass = cls;
  }
  const slots = frame.vars.get('__slots__');
  if (slots) {
    const names = slots.kind === 'str' ? [slots.value] : (iterateValue(ip, slots, node) ?? []).map((s) => (s.kind === 'str' ? s.value : ''));
    info.weakrefSlot = names.includes('__weakref__');
    if (!names.includes('__dict__')) info.slots = [...(cls.base?.info.slots ?? []), ...names.filter((n) => n !== '__weakref__')];
    if (cls.base && !cls.base.info.slots) info.slots = undefined; // a slotted subclass of a dict-based class keeps a __dict__
  }
  if (cls.namedTupleFields) cls.namedTupleFields = annotated.map((f) => f.name);
  for (const d of decorators) classDecorator(ip, d, cls, annotated);
  if (!info.slots && !cls.namedTupleFields) info.sharedKeys = new SharedKeys(ip.python, cls.dataclassFields ? cls.dataclassFields.map((f) => f.name) : ip.scopes.staticAttributes(ip.syn, node));
  return ip.alloc(cls, node);
}

export function fieldFactory(ip: Interpreter, right: SyntaxNode): Value | undefined {
  if (right.type !== 'call') return undefined;
  const fn = ip.eval(ip.syn.field(right, 'function')!);
  if (fn.kind !== 'builtin' || fn.name !== 'dataclasses.field') return undefined;
  for (const a of ip.syn.kids(ip.syn.field(right, 'arguments')!)) {
    if (a.type === 'keyword_argument' && ip.syn.text(ip.syn.field(a, 'name')!) === 'default_factory') return ip.eval(ip.syn.field(a, 'value')!);
  }
  return undefined;
}

export function classDecorator(ip: Interpreter, d: SyntaxNode, cls: ClassValue, annotated: Array<{ name: string; default?: Value; factory?: Value }>): void {
  const fn = ip.eval(d.type === 'call' ? ip.syn.field(d, 'function')! : d);
  if (fn.kind !== 'builtin' || fn.name !== 'dataclasses.dataclass') {
    ip.diagnose(`class decorator ${ip.syn.text(d)} is not modelled`, d);
    return;
  }
  const inherited = cls.base?.dataclassFields ?? [];
  cls.dataclassFields = [...inherited.filter((f) => !annotated.some((a) => a.name === f.name)), ...annotated];
  if (d.type !== 'call') return;
  for (const a of ip.syn.kids(ip.syn.field(d, 'arguments')!)) {
    if (a.type !== 'keyword_argument' || ip.syn.text(ip.syn.field(a, 'name')!) !== 'slots') continue;
    if (ip.truth(ip.eval(ip.syn.field(a, 'value')!)) !== true) continue;
    // `dataclasses.dataclass(slots=True)` (3.10+) makes a new class with `__slots__` = the field names.
    if (ip.python.minor < 10) ip.raise('TypeError', "dataclass() got an unexpected keyword argument 'slots'", a);
    cls.info.slots = cls.dataclassFields.map((f) => f.name);
  }
}

export function instantiate(ip: Interpreter, cls: ClassValue, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
  if (cls.namedTupleFields) {
    const fields = cls.namedTupleFields;
    const defaults = cls.attrs;
    const items = fields.map((f, i) => args[i] ?? kwargs.get(f) ?? defaults.get(f) ?? ip.unknown(`NamedTuple field ${f} missing`, node));
    return ip.alloc({ kind: 'tuple', items: items.map(asItem), typeName: cls.info.name } as PyObject, node);
  }
  if (ip.exceptionBases.has(cls.info.name)) {
    const exc = ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: cls.info.name, refs: [], unknownSize: 'user exception instances are not in the layout model' }, node);
    const init = ip.classAttr(cls, '__init__');
    if (init?.kind === 'function') callFunction(ip, init, [exc, ...args], kwargs, node);
    else exc.refs.push({ label: 'args', target: args.length ? ip.alloc({ kind: 'tuple', items: args.map(asItem) } as PyObject, node) : ip.f.emptyTuple });
    return exc;
  }
  if (cls.unknownBase) return ip.unknown(`instances of ${cls.info.name} (base ${cls.unknownBase}) are not modelled`, node);
  const obj = ip.alloc<InstanceObject>({ kind: 'instance', cls: cls.info, attrs: new Map(), names: new Map() }, node);
  cls.instances++;
  cls.info.sharedKeys?.instanceCreated();
  if (cls.dataclassFields) {
    cls.dataclassFields.forEach((f, i) => {
      let v = args[i] ?? kwargs.get(f.name) ?? f.default;
      if (!v && f.factory) v = ip.callValue(f.factory, [], new Map(), node);
      ip.setInstanceAttribute(obj, f.name, v ?? ip.unknown(`dataclass field ${f.name} has no value`, node), node);
    });
    const post = ip.classAttr(cls, '__post_init__');
    if (post?.kind === 'function') callFunction(ip, post, [obj], new Map(), node);
    return obj;
  }
  const init = ip.classAttr(cls, '__init__');
  if (init?.kind === 'function') callFunction(ip, init, [obj, ...args], kwargs, node);
  return obj;
}

