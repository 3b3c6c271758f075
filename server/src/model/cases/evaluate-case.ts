// Evaluates a ground-truth case ({setup, expr}: Python source) into the layout model's object description, so the
// model can be checked against what real interpreters recorded. A deliberately small interpreter for the forms
// scripts/measure-cases/generate.mjs writes (literals, comprehensions and loops over ranges, container methods,
// classes with __init__, dataclasses, NamedTuple, collections, array); anything else is 'unknown', never guessed.
// The heap simulator (model/heap) is the general one.
import type { PythonVersion } from '../../analysis/python-version';
import { parseCached, type CachedNode as SyntaxNode } from './cached-syntax';
import { classObjectSize, fixedSize, simpleGenexprSize } from '../layout/fixed';
import { growCombinedTable, overflowTable, SharedKeys } from '../layout/instance';
import { instanceDictOf, isSmallInt, type DictObject, type InstanceObject, type Items, type PyObject } from '../layout/objects';
import { appendGrowthCapacity, extendCapacity, listCapacity, listResize } from '../layout/sequences';
import { setTable } from '../layout/set';
import { callBuiltin } from './builtin-calls';
import { PythonError, ReturnSignal, Unsupported, type ClassVal, type FuncVal, type Scope, type Unit, type Val } from './case-values';
import { ContainerState } from './container-state';

export { PythonError, Unsupported } from './case-values';

const NAME_CHARS = /^[A-Za-z0-9_]*$/;
const BIG_RANGE = 5000;

export class CaseEvaluator {
  readonly smallInts = new Map<number, PyObject>();
  readonly interned = new Map<string, PyObject>();
  readonly globals: Scope = { vars: new Map() };
  steps = 0;

  readonly containers: ContainerState;
  /** The callback-less weak reference (and proxy) of each object: CPython hands out the same one again
   *  (`Objects/weakrefobject.c` `get_basic_refs`, `weakref___new__`, `PyWeakref_NewProxy`). */
  readonly basicWeakrefs = new Map<PyObject, PyObject>();
  readonly basicProxies = new Map<PyObject, PyObject>();

  constructor(readonly python: PythonVersion) {
    this.containers = new ContainerState(python);
  }

  run(setup: string, expr: string): PyObject {
    this.exec(parseCached(setup), this.globals, { consts: new Map() });
    const tree = parseCached(expr);
    const stmt = tree.namedChildren[0];
    if (!stmt || stmt.type !== 'expression_statement' || tree.namedChildren.length !== 1) throw new Unsupported('expr is not one expression');
    return this.toObject(this.eval(stmt.namedChildren[0]!, this.globals, { consts: new Map() }));
  }

  // ---- objects -------------------------------------------------------------------------------------------------
  int(v: bigint | number): PyObject {
    const b = BigInt(v);
    if (isSmallInt(b)) {
      const n = Number(b);
      let o = this.smallInts.get(n);
      if (!o) this.smallInts.set(n, (o = { kind: 'int', value: b }));
      return o;
    }
    return { kind: 'int', value: b };
  }
  /** A str made at run time: '' and the 1-char Latin-1 strings are singletons (`get_latin1_char`). */
  str(value: string): PyObject {
    const cp = value.codePointAt(0) ?? 0;
    if (value === '' || (value.length === 1 && cp < 256)) return this.internStr(value);
    return { kind: 'str', value };
  }
  internStr(value: string): PyObject {
    let o = this.interned.get(value);
    if (!o) {
      const cp = value.codePointAt(0) ?? 0;
      // 3.12+ the 1-char Latin-1 singletons are static and carry their UTF-8 form (`_Py_LATIN1_CHR`).
      const utf8Cached = this.python.minor >= 12 && value.length === 1 && cp >= 128 && cp < 256;
      this.interned.set(value, (o = utf8Cached ? { kind: 'str', value, utf8Cached } : { kind: 'str', value }));
    }
    return o;
  }
  constant(unit: Unit, key: string, make: () => PyObject): PyObject {
    let o = unit.consts.get(key);
    if (!o) unit.consts.set(key, (o = make()));
    return o;
  }
  list(items: Items, capacity: number): PyObject {
    return { kind: 'list', items, capacity };
  }
  /** A value as it is stored in a container or an attribute: functions, classes, bound methods and builtins become
   *  the objects they are (opaque for deep size), so containers only ever hold PyObjects. */
  stored(v: Val): PyObject {
    switch (v.kind) {
      case 'range':
      case 'function':
      case 'class':
      case 'builtin':
      case 'other':
      case 'bound':
        return this.toObject(v);
      default:
        return v;
    }
  }
  toObject(v: Val): PyObject {
    switch (v.kind) {
      case 'range':
        return { kind: 'fixed', typeName: 'range', size: fixedSize(this.python, 'range')!, opaque: false };
      case 'function':
        return { kind: 'fixed', typeName: 'function', size: fixedSize(this.python, 'function')!, opaque: true };
      case 'bound':
        return { kind: 'fixed', typeName: 'method', size: fixedSize(this.python, 'method')!, opaque: true };
      case 'builtin':
        return { kind: 'fixed', typeName: 'builtin_function_or_method', size: fixedSize(this.python, 'builtin_function_or_method')!, opaque: true };
      case 'class': {
        if (v.namedTuple || v.fields) return { kind: 'unknown', reason: 'class objects made by NamedTuple/dataclass are not modelled' };
        const size = classObjectSize(this.python, v.info);
        return size === undefined ? { kind: 'unknown', reason: 'class without key-sharing (3.14, > 30 static attributes)' } : { kind: 'fixed', typeName: 'type', size, opaque: true };
      }
      case 'other': {
        if (v.typeName === 'generator') {
          if (!v.simple) return { kind: 'unknown', reason: 'generator size depends on its code object (3.11+ embeds the frame)' };
          return { kind: 'fixed', typeName: 'generator', size: simpleGenexprSize(this.python), opaque: false };
        }
        const size = fixedSize(this.python, v.typeName);
        return size === undefined ? { kind: 'unknown', reason: `no size for ${v.typeName}` } : { kind: 'fixed', typeName: v.typeName, size, opaque: false };
      }
      default:
        return v;
    }
  }

  // ---- statements ----------------------------------------------------------------------------------------------
  exec(block: SyntaxNode, scope: Scope, unit: Unit): void {
    for (const stmt of block.namedChildren) this.execStatement(stmt!, scope, unit);
  }

  execStatement(s: SyntaxNode, scope: Scope, unit: Unit): void {
    if (++this.steps > 5_000_000) throw new Unsupported('too many steps');
    switch (s.type) {
      case 'comment':
      case 'pass_statement':
        return;
      case 'expression_statement': {
        const e = s.namedChildren[0]!;
        if (e.type === 'assignment') return this.assign(e, scope, unit);
        if (e.type === 'augmented_assignment') {
          const target = this.eval(e.childForFieldName('left')!, scope, unit);
          const op = e.childForFieldName('operator')!.text;
          if (target.kind === 'list' && op === '+=') {
            // `list_inplace_concat` is `list_extend`.
            this.extendList(target, this.eval(e.childForFieldName('right')!, scope, unit));
            return;
          }
          throw new Unsupported(`augmented assignment ${op}`);
        }
        this.eval(e, scope, unit);
        return;
      }
      case 'for_statement':
        return this.forStatement(s, scope, unit);
      case 'class_definition':
        scope.vars.set(s.childForFieldName('name')!.text, this.classDef(s, [], scope, unit));
        return;
      case 'decorated_definition': {
        const def = s.childForFieldName('definition')!;
        const decorators = s.namedChildren.filter((c) => c!.type === 'decorator').map((d) => d!.namedChildren[0]!);
        if (def.type !== 'class_definition') throw new Unsupported('decorated function');
        scope.vars.set(def.childForFieldName('name')!.text, this.classDef(def, decorators, scope, unit));
        return;
      }
      case 'function_definition':
        scope.vars.set(s.childForFieldName('name')!.text, { kind: 'function', node: s, scope, unit });
        return;
      case 'return_statement': {
        const e = s.namedChildren[0];
        throw new ReturnSignal(e ? this.eval(e, scope, unit) : this.none());
      }
      case 'import_from_statement':
      case 'import_statement':
        return this.importStatement(s, scope);
      case 'delete_statement': {
        const target = s.namedChildren[0]!;
        if (target.type !== 'subscript') throw new Unsupported('del of non-subscript');
        const d = this.eval(target.childForFieldName('value')!, scope, unit);
        const key = this.stored(this.eval(target.childForFieldName('subscript')!, scope, unit));
        if (d.kind === 'list' && Array.isArray(d.items) && key.kind === 'int') {
          const i = Number(key.value);
          const at = i < 0 ? d.items.length + i : i;
          // 3.13+ `Objects/listobject.c` `list_ass_item_lock_held` deletes one item by shifting the rest and
          // setting the size, without `list_resize`; earlier versions go through `list_ass_slice` (shrinks).
          if (this.python.minor >= 13) d.items.splice(at, 1);
          else this.listDeleteAt(d, at);
          return;
        }
        if (d.kind !== 'dict') throw new Unsupported('del on non-dict');
        this.containers.dictDelete(d, key);
        return;
      }
      default:
        throw new Unsupported(`statement ${s.type}`);
    }
  }

  none(): PyObject {
    return this.internSingleton('NoneType');
  }
  readonly singletons = new Map<string, PyObject>();
  internSingleton(typeName: 'NoneType' | 'ellipsis' | 'NotImplementedType'): PyObject {
    let o = this.singletons.get(typeName);
    if (!o) this.singletons.set(typeName, (o = { kind: 'singleton', typeName }));
    return o;
  }

  importStatement(s: SyntaxNode, scope: Scope): void {
    if (s.type === 'import_statement') throw new Unsupported('import statement');
    const module = s.childForFieldName('module_name')!.text;
    for (const n of s.namedChildren.slice(1)) {
      const name = n!.type === 'aliased_import' ? n!.childForFieldName('name')!.text : n!.text;
      const alias = n!.type === 'aliased_import' ? n!.childForFieldName('alias')!.text : name;
      if (!['collections', 'dataclasses', 'typing', 'array', 'weakref'].includes(module)) throw new Unsupported(`module ${module}`);
      scope.vars.set(alias, { kind: 'builtin', name: `${module}.${name}` });
    }
  }

  assign(a: SyntaxNode, scope: Scope, unit: Unit): void {
    const left = a.childForFieldName('left')!;
    const right = a.childForFieldName('right');
    if (!right) throw new Unsupported('annotation without value');
    const value = this.eval(right, scope, unit);
    this.store(left, value, scope, unit);
  }

  store(target: SyntaxNode, value: Val, scope: Scope, unit: Unit): void {
    if (target.type === 'identifier') {
      scope.vars.set(target.text, value);
      return;
    }
    if (target.type === 'attribute') {
      const obj = this.eval(target.childForFieldName('object')!, scope, unit);
      if (obj.kind !== 'instance') throw new Unsupported('attribute store on non-instance');
      this.setAttribute(obj, target.childForFieldName('attribute')!.text, this.stored(value));
      return;
    }
    if (target.type === 'subscript') {
      const obj = this.eval(target.childForFieldName('value')!, scope, unit);
      const key = this.stored(this.eval(target.childForFieldName('subscript')!, scope, unit));
      if (obj.kind !== 'dict') throw new Unsupported('item store on non-dict');
      this.containers.dictSet(obj, key, this.stored(value));
      return;
    }
    throw new Unsupported(`store to ${target.type}`);
  }

  forStatement(s: SyntaxNode, scope: Scope, unit: Unit): void {
    const left = s.childForFieldName('left')!;
    const body = s.childForFieldName('body')!;
    const iterable = this.eval(s.childForFieldName('right')!, scope, unit);
    // Fast path: `for i in range(n): x.append(i)` appends the run of ints without unrolling it.
    if (iterable.kind === 'range' && iterable.step === 1 && left.type === 'identifier' && body.namedChildren.length === 1) {
      const call = body.namedChildren[0]!.namedChildren[0];
      const fn = call?.type === 'call' ? call.childForFieldName('function') : undefined;
      const args = call?.childForFieldName('arguments')?.namedChildren ?? [];
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')!.text === 'append' && args.length === 1 && args[0]!.text === left.text) {
        const target = this.eval(fn.childForFieldName('object')!, scope, unit);
        const count = Math.max(0, iterable.stop - iterable.start);
        if (target.kind === 'list' && Array.isArray(target.items) && target.items.length === 0 && count > BIG_RANGE) {
          target.items = { kind: 'int-run', start: iterable.start, step: 1, count };
          target.capacity = appendGrowthCapacity(this.python, count);
          return;
        }
      }
    }
    for (const item of this.iterate(iterable)) {
      this.store(left, item, scope, unit);
      this.exec(body, scope, unit);
    }
  }

  // ---- classes -------------------------------------------------------------------------------------------------
  classDef(node: SyntaxNode, decorators: SyntaxNode[], scope: Scope, unit: Unit): ClassVal {
    const name = node.childForFieldName('name')!.text;
    const bases = node.childForFieldName('superclasses')?.namedChildren.map((b) => b!.text) ?? [];
    const body = node.childForFieldName('body')!;
    const cls: ClassVal = { kind: 'class', info: { name }, methods: new Map() };
    const annotated: Array<{ name: string; default?: Val }> = [];
    const staticAttributes: string[] = [];
    for (const st of body.namedChildren) {
      if (st!.type === 'function_definition') {
        const fn: FuncVal = { kind: 'function', node: st!, scope, unit };
        cls.methods.set(st!.childForFieldName('name')!.text, fn);
        // `__static_attributes__` (3.13+): every `self.<name> = ...` in the class body's methods.
        const selfName = st!.childForFieldName('parameters')!.namedChildren[0]?.text;
        const stack: SyntaxNode[] = [st!.childForFieldName('body')!];
        while (stack.length) {
          const n = stack.pop()!;
          if (n.type === 'assignment') {
            const l = n.childForFieldName('left')!;
            if (l.type === 'attribute' && l.childForFieldName('object')!.text === selfName) {
              const attr = l.childForFieldName('attribute')!.text;
              if (!staticAttributes.includes(attr)) staticAttributes.push(attr);
            }
          }
          for (const c of n.namedChildren) stack.push(c!);
        }
      } else if (st!.type === 'expression_statement' && st!.namedChildren[0]!.type === 'assignment') {
        const a = st!.namedChildren[0]!;
        const left = a.childForFieldName('left')!.text;
        const right = a.childForFieldName('right');
        if (left === '__slots__') {
          const v = this.eval(right!, scope, unit);
          // `__slots__` may be one string or a sequence of strings (`Objects/typeobject.c` `type_new_slots`).
          const items = v.kind === 'str' ? [v] : (v.kind === 'tuple' || v.kind === 'list') && Array.isArray(v.items) ? v.items : undefined;
          if (!items) throw new Unsupported('__slots__ form');
          const names = items.map((i) => (i.kind === 'str' ? i.value : ''));
          if (names.includes('__dict__')) throw new Unsupported("'__dict__' in __slots__");
          cls.info.weakrefSlot = names.includes('__weakref__');
          cls.info.slots = names.filter((x) => x !== '__weakref__');
        } else if (a.childForFieldName('type')) {
          annotated.push({ name: left, default: right ? this.eval(right, scope, unit) : undefined });
        } else if (a.childForFieldName('left')!.type === 'identifier' && right) {
          // A class attribute lives in the class's own dict, not in the instances.
          this.eval(right, scope, unit);
        } else throw new Unsupported('class body assignment');
      } else if (st!.type !== 'pass_statement' && st!.type !== 'comment') throw new Unsupported(`class body ${st!.type}`);
    }
    if (bases.includes('NamedTuple')) {
      cls.namedTuple = { fields: annotated.map((f) => f.name), defaults: new Map(annotated.filter((f) => f.default).map((f) => [f.name, f.default!])) };
      return cls;
    }
    if (bases.length > 0) throw new Unsupported('class with bases');
    for (const d of decorators) {
      const fn = d.type === 'call' ? d.childForFieldName('function')!.text : d.text;
      const target = scope.vars.get(fn) ?? this.globals.vars.get(fn);
      if (target?.kind !== 'builtin' || target.name !== 'dataclasses.dataclass') throw new Unsupported(`decorator ${d.text}`);
      cls.fields = annotated;
      if (d.type === 'call') {
        const kw = d.childForFieldName('arguments')!.namedChildren.map((k) => k!.text.replace(/\s/g, ''));
        if (kw.includes('slots=True')) {
          // `dataclasses.dataclass` grew `slots=` in 3.10.
          if (this.python.minor < 10) throw new PythonError("TypeError: dataclass() got an unexpected keyword argument 'slots'");
          cls.info.slots = annotated.map((f) => f.name);
        } else if (kw.length) throw new Unsupported('dataclass options');
      }
    }
    if (!cls.info.slots) cls.info.sharedKeys = new SharedKeys(this.python, cls.fields ? [] : staticAttributes);
    return cls;
  }

  instantiate(cls: ClassVal, args: Val[]): PyObject {
    if (cls.namedTuple) {
      const items = cls.namedTuple.fields.map((f, i) => (args[i] ?? cls.namedTuple!.defaults.get(f)) as PyObject);
      if (items.some((i) => i === undefined)) throw new Unsupported('missing NamedTuple field');
      return { kind: 'tuple', items, typeName: cls.info.name };
    }
    const obj: InstanceObject = { kind: 'instance', cls: cls.info, attrs: new Map(), names: new Map() };
    cls.info.sharedKeys?.instanceCreated();
    if (cls.fields) {
      // The generated `__init__` assigns every field in order.
      cls.fields.forEach((f, i) => {
        const v = args[i] ?? f.default;
        if (!v) throw new Unsupported('dataclass field without value');
        this.setAttribute(obj, f.name, this.stored(v));
      });
      return obj;
    }
    const init = cls.methods.get('__init__');
    if (init) this.callFunction(init, [obj, ...args]);
    else if (args.length) throw new PythonError('TypeError: C() takes no arguments');
    return obj;
  }

  setAttribute(obj: InstanceObject, name: string, value: PyObject): void {
    if (obj.cls.slots) {
      if (!obj.cls.slots.includes(name)) throw new PythonError(`AttributeError: ${name}`);
      obj.attrs.set(name, value);
      return;
    }
    if (!obj.attrs.has(name)) {
      obj.names.set(name, this.internStr(name));
      const keys = obj.cls.sharedKeys!;
      if (obj.combinedTable === undefined && !keys.addName(name)) obj.combinedTable = overflowTable(this.python, keys, obj.attrs.size);
      else if (obj.combinedTable !== undefined) obj.combinedTable = growCombinedTable(obj.combinedTable, obj.attrs.size);
    }
    obj.attrs.set(name, value);
  }

  callFunction(fn: FuncVal, args: Val[]): Val {
    const params = fn.node.childForFieldName('parameters')!.namedChildren;
    const scope: Scope = { vars: new Map(), parent: fn.scope };
    params.forEach((p, i) => {
      if (p!.type === 'identifier') {
        if (args[i] === undefined) throw new Unsupported('missing argument');
        scope.vars.set(p!.text, args[i]!);
      } else throw new Unsupported(`parameter ${p!.type}`);
    });
    try {
      this.exec(fn.node.childForFieldName('body')!, scope, fn.unit);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    }
    return this.none();
  }

  // ---- iteration -----------------------------------------------------------------------------------------------
  *iterate(v: Val): Generator<PyObject> {
    switch (v.kind) {
      case 'range':
        for (let i = v.start; v.step > 0 ? i < v.stop : i > v.stop; i += v.step) yield this.int(i);
        return;
      case 'list':
      case 'tuple':
      case 'set':
      case 'deque':
        if (!Array.isArray(v.items)) {
          const run = v.items;
          if (run.kind === 'repeat') for (let i = 0; i < run.count; i++) yield run.item;
          else for (let i = 0; i < run.count; i++) yield this.int(run.start + i * run.step);
          return;
        }
        yield* [...v.items];
        return;
      case 'dict':
        yield* [...v.keys];
        return;
      case 'str':
        for (const ch of v.value) yield this.str(ch);
        return;
      case 'other':
        if (v.items) {
          yield* v.items;
          return;
        }
        if (v.typeName === 'zip' && v.iterable) {
          const its = v.iterable.map((i) => this.iterate(i));
          for (;;) {
            const row = its.map((it) => it.next());
            if (row.some((r) => r.done)) return;
            yield { kind: 'tuple', items: row.map((r) => r.value as PyObject) };
          }
        }
        break;
      default:
        break;
    }
    throw new Unsupported(`iterate over ${v.kind}`);
  }
  lengthOf(v: Val): number | undefined {
    if (v.kind === 'range') return Math.max(0, Math.ceil((v.stop - v.start) / v.step));
    if (v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set' || v.kind === 'deque') return Array.isArray(v.items) ? v.items.length : v.items.count;
    if (v.kind === 'dict') return v.keys.length;
    if (v.kind === 'str') return [...v.value].length;
    return undefined;
  }
  /** Items of an iterable, keeping big int ranges summarised. */
  itemsOf(v: Val): Items {
    if (v.kind === 'range' && v.step === 1 && v.stop - v.start > BIG_RANGE) return { kind: 'int-run', start: v.start, step: 1, count: v.stop - v.start };
    if ((v.kind === 'list' || v.kind === 'tuple' || v.kind === 'deque') && !Array.isArray(v.items)) return v.items;
    return [...this.iterate(v)];
  }

  // ---- expressions ---------------------------------------------------------------------------------------------
  lookup(name: string, scope: Scope): Val {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    if (name === 'NotImplemented') return this.internSingleton('NotImplementedType');
    if (BUILTINS.has(name)) return { kind: 'builtin', name };
    throw new Unsupported(`name ${name}`);
  }

  /** The compile-time constant value of an expression (`Python/ast_opt.c` folding), or undefined. */
  constantOf(n: SyntaxNode, unit: Unit): PyObject | undefined {
    const c = this.foldConstant(n);
    if (c === undefined) return undefined;
    if (typeof c === 'bigint') return isSmallInt(c) ? this.int(c) : this.constant(unit, `i${c}`, () => ({ kind: 'int', value: c }));
    if (typeof c === 'number') return this.constant(unit, `f${c}`, () => ({ kind: 'float', value: c }));
    if (typeof c === 'string') {
      // `Objects/codeobject.c` `intern_string_constants`: constants made of name characters are interned.
      if (NAME_CHARS.test(c) || (c.length === 1 && c.codePointAt(0)! < 256)) return this.internStr(c);
      return this.constant(unit, `s${c}`, () => ({ kind: 'str', value: c }));
    }
    return undefined;
  }
  foldConstant(n: SyntaxNode): bigint | number | string | undefined {
    // Folding depends only on the source, so it is remembered per (cached, shared) node.
    if (FOLDED.has(n)) return FOLDED.get(n);
    const v = this.foldConstantUncached(n);
    FOLDED.set(n, v);
    return v;
  }
  foldConstantUncached(n: SyntaxNode): bigint | number | string | undefined {
    switch (n.type) {
      case 'integer': {
        const t = n.text.replace(/_/g, '').toLowerCase();
        if (t.endsWith('j')) return undefined;
        return BigInt(t);
      }
      case 'float':
        return Number(n.text.replace(/_/g, ''));
      case 'string': {
        if (n.namedChildren.some((c) => c!.type === 'interpolation')) return undefined;
        const start = n.namedChildren.find((c) => c!.type === 'string_start')?.text ?? '';
        if (/[bBfF]/.test(start)) return undefined;
        const body = n.namedChildren.filter((c) => c!.type === 'string_content').map((c) => c!.text).join('');
        if (n.namedChildren.some((c) => c!.type === 'escape_sequence')) return undefined;
        return body;
      }
      case 'parenthesized_expression':
        return this.foldConstant(n.namedChildren[0]!);
      case 'unary_operator': {
        const v = this.foldConstant(n.childForFieldName('argument')!);
        const op = n.childForFieldName('operator')!.text;
        if (op === '-' && typeof v === 'bigint') return -v;
        if (op === '-' && typeof v === 'number') return -v;
        return undefined;
      }
      case 'binary_operator': {
        const a = this.foldConstant(n.childForFieldName('left')!);
        const b = this.foldConstant(n.childForFieldName('right')!);
        const op = n.childForFieldName('operator')!.text;
        if (typeof a !== 'bigint' || typeof b !== 'bigint') return undefined;
        let r: bigint;
        if (op === '**') {
          if (b < 0n || b > 4096n) return undefined;
          r = a ** b;
        } else if (op === '+') r = a + b;
        else if (op === '-') r = a - b;
        else if (op === '*') r = a * b;
        else return undefined;
        // `Python/ast_opt.c` `safe_power` / `safe_multiply`: results over 128 bits are left to run time.
        const bits = (r < 0n ? -r : r).toString(2).length;
        return bits <= 128 ? r : undefined;
      }
      default:
        return undefined;
    }
  }

  isConstantExpr(n: SyntaxNode): boolean {
    if (['true', 'false', 'none', 'ellipsis'].includes(n.type)) return true;
    if (n.type === 'tuple') return n.namedChildren.every((c) => this.isConstantExpr(c!));
    return this.foldConstant(n) !== undefined;
  }

  eval(n: SyntaxNode, scope: Scope, unit: Unit): Val {
    const c = this.constantOf(n, unit);
    if (c) return c;
    switch (n.type) {
      case 'identifier':
        return this.lookup(n.text, scope);
      case 'true':
      case 'false': {
        const key = n.type;
        return this.constant({ consts: this.boolCache }, key, () => ({ kind: 'bool', value: key === 'true' }));
      }
      case 'none':
        return this.none();
      case 'ellipsis':
        return this.internSingleton('ellipsis');
      case 'parenthesized_expression':
        return this.eval(n.namedChildren[0]!, scope, unit);
      case 'integer':
      case 'float':
        if (/[jJ]$/.test(n.text)) return this.constant(unit, `c${n.text}`, () => ({ kind: 'complex' }));
        throw new Unsupported(`number ${n.text}`);
      case 'string': {
        const start = n.namedChildren.find((c) => c!.type === 'string_start')?.text ?? '';
        const body = n.namedChildren.filter((c) => c!.type === 'string_content').map((c) => c!.text).join('');
        if (/[bB]/.test(start) && !n.namedChildren.some((c) => c!.type === 'escape_sequence')) {
          return body.length === 0 ? this.constant({ consts: this.boolCache }, 'b', () => ({ kind: 'bytes', length: 0 })) : this.constant(unit, `b${body}`, () => ({ kind: 'bytes', length: body.length }));
        }
        throw new Unsupported('string form');
      }
      case 'unary_operator': {
        const v = this.eval(n.childForFieldName('argument')!, scope, unit);
        if (v.kind === 'int' && n.childForFieldName('operator')!.text === '-') return this.int(-v.value);
        throw new Unsupported('unary operator');
      }
      case 'binary_operator': {
        const l = this.eval(n.childForFieldName('left')!, scope, unit);
        const r = this.eval(n.childForFieldName('right')!, scope, unit);
        // `(1.5+2j)` folds to one complex constant.
        if ((l.kind === 'complex' || r.kind === 'complex') && this.isNumericConst(n)) return this.constant(unit, `c${n.text}`, () => ({ kind: 'complex' }));
        return this.binary(n, l, r);
      }
      case 'tuple': {
        if (n.namedChildren.length === 0) return this.constant({ consts: this.boolCache }, '()', () => ({ kind: 'tuple', items: [] }));
        const items = n.namedChildren.map((c) => this.stored(this.eval(c!, scope, unit)));
        if (this.isConstantExpr(n)) return this.constant(unit, `t${n.text}`, () => ({ kind: 'tuple', items }));
        return { kind: 'tuple', items };
      }
      case 'list':
        return this.listDisplay(n, scope, unit);
      case 'dictionary': {
        const pairs = n.namedChildren.filter((c) => c!.type === 'pair');
        if (pairs.length !== n.namedChildren.filter((c) => c!.type !== 'comment').length) throw new Unsupported('dict display form');
        const kv = pairs.map((p) => [this.stored(this.eval(p!.childForFieldName('key')!, scope, unit)), this.stored(this.eval(p!.childForFieldName('value')!, scope, unit))] as const);
        const d = this.containers.presizedDict(kv.length, kv.every(([k]) => k.kind === 'str'));
        for (const [k, v] of kv) this.containers.dictSet(d, k, v);
        return d;
      }
      case 'set': {
        const items = n.namedChildren.map((c) => this.stored(this.eval(c!, scope, unit)));
        const constant = n.namedChildren.every((c) => this.isConstantExpr(c!));
        const table = setTable(this.python, items.length, 'literal', constant);
        const s = this.containers.newSet(false, items, false);
        if (s.kind === 'set') s.table = table;
        return s;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.comprehension(n, scope, unit);
      case 'call':
        return this.call(n, scope, unit);
      case 'subscript': {
        const v = this.eval(n.childForFieldName('value')!, scope, unit);
        const sub = n.childForFieldName('subscript')!;
        if (sub.type === 'slice' && sub.namedChildren.length === 0 && v.kind === 'list') {
          return this.list(Array.isArray(v.items) ? [...v.items] : v.items, this.lengthOf(v)!);
        }
        const idx = this.eval(sub, scope, unit);
        if (v.kind === 'dict') {
          const at = this.containers.findKey(v, idx as PyObject);
          if (at >= 0) return v.values[at]!;
          const factory = this.defaultFactories.get(v);
          if (!factory) throw new PythonError('KeyError');
          // `defdict_missing`: calls the factory and stores its result.
          const made = this.callNode(factory, n, { vars: new Map() }, unit) as PyObject;
          this.containers.dictSet(v, idx as PyObject, made);
          return made;
        }
        if ((v.kind === 'list' || v.kind === 'tuple') && Array.isArray(v.items) && idx.kind === 'int') {
          const i = Number(idx.value);
          const item = v.items[i < 0 ? v.items.length + i : i];
          if (!item) throw new PythonError('IndexError');
          return item;
        }
        throw new Unsupported('subscript form');
      }
      case 'attribute': {
        const obj = this.eval(n.childForFieldName('object')!, scope, unit);
        const attr = n.childForFieldName('attribute')!.text;
        if (obj.kind === 'instance') {
          if (attr === '__dict__' && !obj.cls.slots) return instanceDictOf(obj);
          const v = obj.attrs.get(attr);
          if (v) return v;
          const cls = [...this.classes(scope)].find((c) => c.info === obj.cls);
          const m = cls?.methods.get(attr);
          if (m) return { kind: 'bound', fn: m, self: obj };
          throw new Unsupported('attribute');
        }
        return { kind: 'builtin', name: `.${attr}`, self: obj };
      }
      case 'lambda':
        return { kind: 'function', node: n, scope, unit };
      case 'comparison_operator':
        return this.compare(n, scope, unit);
      default:
        throw new Unsupported(`expression ${n.type}`);
    }
  }
  readonly boolCache = new Map<string, PyObject>();
  readonly defaultFactories = new WeakMap<DictObject, Val>();

  *classes(scope: Scope): Generator<ClassVal> {
    for (let s: Scope | undefined = scope; s; s = s.parent) for (const v of s.vars.values()) if (v.kind === 'class') yield v;
  }

  listDisplay(n: SyntaxNode, scope: Scope, unit: Unit): PyObject {
    const elems = n.namedChildren.filter((c) => c!.type !== 'comment');
    // tree-sitter-python reads `[*f(x)]` as a call whose function is `*f`.
    const splatCall = elems.length === 1 && elems[0]!.type === 'call' && elems[0]!.childForFieldName('function')!.type === 'list_splat';
    if (splatCall || (elems.length === 1 && elems[0]!.type === 'list_splat')) {
      // `[*it]`: BUILD_LIST 0 + LIST_EXTEND (3.9+), BUILD_LIST_UNPACK (3.8): both `list_extend` into an empty list.
      const it = splatCall
        ? this.callNode(this.eval(elems[0]!.childForFieldName('function')!.namedChildren[0]!, scope, unit), elems[0]!, scope, unit)
        : this.eval(elems[0]!.namedChildren[0]!, scope, unit);
      const len = this.lengthOf(it);
      if (len === undefined) throw new Unsupported('splat of unsized');
      return this.list(this.itemsOf(it), listCapacity(this.python, len, 'extend'));
    }
    if (elems.some((e) => e!.type === 'list_splat')) throw new Unsupported('mixed splat');
    const items = elems.map((e) => this.stored(this.eval(e!, scope, unit)));
    const constant = elems.every((e) => this.isConstantExpr(e!));
    return this.list(items, listCapacity(this.python, items.length, constant ? 'literal' : 'literal-names'));
  }

  /** Python truthiness of the values conditions produce here. */
  truth(v: Val): boolean {
    if (v.kind === 'bool') return v.value;
    if (v.kind === 'int') return v.value !== 0n;
    if (v.kind === 'singleton') return v.typeName !== 'NoneType';
    if (v.kind === 'str') return v.value.length > 0;
    const len = this.lengthOf(v);
    if (len !== undefined) return len > 0;
    throw new Unsupported(`truth of ${v.kind}`);
  }

  /** `a < b` and friends on ints, giving the bool singletons. */
  compare(n: SyntaxNode, scope: Scope, unit: Unit): Val {
    const operands = n.namedChildren.map((c) => this.eval(c, scope, unit));
    const ops = n.children.filter((c) => !n.namedChildren.some((k) => k === c)).map((c) => c.type);
    let result = true;
    for (let i = 0; i < ops.length; i++) {
      const a = operands[i]!;
      const b = operands[i + 1]!;
      if (a.kind !== 'int' || b.kind !== 'int') throw new Unsupported('comparison of non-ints');
      const x = a.value;
      const y = b.value;
      const r = ops[i] === '<' ? x < y : ops[i] === '<=' ? x <= y : ops[i] === '>' ? x > y : ops[i] === '>=' ? x >= y : ops[i] === '==' ? x === y : ops[i] === '!=' ? x !== y : undefined;
      if (r === undefined) throw new Unsupported(`comparison ${ops[i]}`);
      result &&= r;
    }
    return this.constant({ consts: this.boolCache }, result ? 'true' : 'false', () => ({ kind: 'bool', value: result }));
  }

  isNumericConst(n: SyntaxNode): boolean {
    if (n.type === 'integer' || n.type === 'float') return true;
    if (n.type === 'binary_operator') return this.isNumericConst(n.childForFieldName('left')!) && this.isNumericConst(n.childForFieldName('right')!);
    if (n.type === 'unary_operator' || n.type === 'parenthesized_expression') return this.isNumericConst(n.namedChildren[n.namedChildren.length - 1]!);
    return false;
  }

  binary(n: SyntaxNode, a: Val, b: Val): Val {
    const op = n.childForFieldName('operator')!.text;
    if (a.kind === 'int' && b.kind === 'int') {
      const x = a.value;
      const y = b.value;
      switch (op) {
        case '+': return this.int(x + y);
        case '-': return this.int(x - y);
        case '*': return this.int(x * y);
        case '**': return this.int(x ** y);
        case '%': return this.int(((x % y) + y) % y);
        case '//': return this.int(x / y);
      }
    }
    if (op === '*' && a.kind === 'str' && b.kind === 'int') {
      const times = Number(b.value);
      // `unicode_repeat`: len 1 returns the same object; 0 gives the '' singleton.
      if (times === 1) return a;
      return this.str(times <= 0 ? '' : a.value.repeat(times));
    }
    if (op === '*' && a.kind === 'bytes' && b.kind === 'int') return { kind: 'bytes', length: a.length * Number(b.value) };
    if (op === '+' && a.kind === 'str' && b.kind === 'str') return this.str(a.value + b.value);
    if (op === '+' && a.kind === 'list' && b.kind === 'list') {
      // `list_concat`: exactly len(a) + len(b) items.
      const items = [...this.iterate(a), ...this.iterate(b)];
      return this.list(items, items.length);
    }
    if (op === '*' && a.kind === 'list' && b.kind === 'int' && Array.isArray(a.items)) {
      // `list_repeat`: exactly len*n items.
      const times = Math.max(0, Number(b.value));
      const src = a.items;
      if (src.length === 1 && times > BIG_RANGE) return this.list({ kind: 'repeat', item: src[0]!, count: times }, times);
      const items: PyObject[] = src.length === 1 ? new Array(times).fill(src[0]) : Array.from({ length: src.length * times }, (_, i) => src[i % src.length]!);
      return this.list(items, items.length);
    }
    throw new Unsupported(`binary ${op} on ${a.kind}, ${b.kind}`);
  }

  comprehension(n: SyntaxNode, scope: Scope, unit: Unit): Val {
    const body = n.namedChildren[0]!;
    const clauses = n.namedChildren.slice(1).filter((c) => c!.type !== 'comment');
    if (n.type === 'generator_expression') {
      // Evaluated at once (the case forms have no side effects); its size is known only for the simplest shape.
      const simple = clauses.length === 1 && body.type === 'identifier';
      return { kind: 'other', typeName: 'generator', simple, items: this.comprehensionItems(n, body, clauses, scope, unit) as PyObject[] };
    }
    // Comprehensions run in their own scope (3.8-3.11 a nested function; 3.12 inlines them but hides the names).
    const inner: Scope = { vars: new Map(), parent: scope };
    // Fast path: `[i for i in range(n)]` and `[i % k for i in range(n)]` for big n.
    if (n.type === 'list_comprehension' && clauses.length === 1 && clauses[0]!.type === 'for_in_clause') {
      const left = clauses[0]!.childForFieldName('left')!;
      const it = this.eval(clauses[0]!.childForFieldName('right')!, inner, unit);
      if (it.kind === 'range' && it.step === 1 && it.stop - it.start > BIG_RANGE && left.type === 'identifier') {
        const count = it.stop - it.start;
        if (body.text === left.text) return this.list({ kind: 'int-run', start: it.start, step: 1, count }, appendGrowthCapacity(this.python, count));
        const m = /^(\w+) % (\d+)$/.exec(body.text);
        if (m && m[1] === left.text && Number(m[2]) <= 257 && it.start >= 0) {
          const k = Number(m[2]);
          const cached = Array.from({ length: k }, (_, i) => this.int(i));
          const items = Array.from({ length: count }, (_, i) => cached[(it.start + i) % k]!);
          return this.list(items, appendGrowthCapacity(this.python, count));
        }
      }
    }
    const results = this.comprehensionItems(n, body, clauses, scope, unit);
    if (n.type === 'list_comprehension') {
      const items = results as PyObject[];
      return this.list(items, listCapacity(this.python, items.length, 'comprehension'));
    }
    if (n.type === 'set_comprehension') return this.containers.newSet(false, results as PyObject[], false);
    const d = this.containers.newDict();
    for (const [k, v] of results as Array<[PyObject, PyObject]>) this.containers.dictSet(d, k, v);
    return d;
  }

  comprehensionItems(n: SyntaxNode, body: SyntaxNode, clauses: SyntaxNode[], scope: Scope, unit: Unit): Array<PyObject | [PyObject, PyObject]> {
    // Comprehensions run in their own scope (3.8-3.11 a nested function; 3.12 inlines them but hides the names).
    const inner: Scope = { vars: new Map(), parent: scope };
    const results: Array<PyObject | [PyObject, PyObject]> = [];
    const run = (i: number): void => {
      if (i === clauses.length) {
        if (n.type === 'dictionary_comprehension') {
          results.push([this.eval(body.childForFieldName('key')!, inner, unit) as PyObject, this.eval(body.childForFieldName('value')!, inner, unit) as PyObject]);
        } else results.push(this.eval(body, inner, unit) as PyObject);
        return;
      }
      const c = clauses[i]!;
      if (c.type === 'for_in_clause') {
        const iterable = this.eval(c.childForFieldName('right')!, inner, unit);
        for (const item of this.iterate(iterable)) {
          this.store(c.childForFieldName('left')!, item, inner, unit);
          run(i + 1);
        }
      } else if (c.type === 'if_clause') {
        if (this.truth(this.eval(c.namedChildren[0]!, inner, unit))) run(i + 1);
      } else throw new Unsupported(`comprehension clause ${c.type}`);
    };
    run(0);
    return results;
  }

  call(n: SyntaxNode, scope: Scope, unit: Unit): Val {
    return this.callNode(this.eval(n.childForFieldName('function')!, scope, unit), n, scope, unit);
  }

  callNode(fn: Val, n: SyntaxNode, scope: Scope, unit: Unit): Val {
    const argsNode = n.type === 'call' ? n.childForFieldName('arguments')! : undefined;
    // `f(x for x in y)`: tree-sitter gives the generator expression itself as the arguments.
    const argNodes = (argsNode === undefined ? [] : argsNode.type === 'generator_expression' ? [argsNode] : argsNode.namedChildren).filter((c) => c!.type !== 'comment');
    const kwargs = new Map<string, Val>();
    const args: Val[] = [];
    for (const a of argNodes) {
      if (a!.type === 'keyword_argument') kwargs.set(a!.childForFieldName('name')!.text, this.eval(a!.childForFieldName('value')!, scope, unit));
      else args.push(this.eval(a!, scope, unit));
    }
    if (fn.kind === 'class') return this.instantiate(fn, args);
    if (fn.kind === 'function') return this.callFunction(fn, args);
    if (fn.kind === 'bound') return this.callFunction(fn.fn, [fn.self, ...args]);
    if (fn.kind !== 'builtin') throw new Unsupported(`call of ${fn.kind}`);
    return callBuiltin(this, fn, args, kwargs);
  }

  /** `list_ass_slice` with a shorter replacement shrinks through `list_resize(n - 1)`. */
  listDeleteAt(list: PyObject & { kind: 'list' }, at: number): void {
    const items = list.items as PyObject[];
    list.capacity = listResize(this.python, list.capacity, items.length, items.length - 1);
    items.splice(at, 1);
  }

  extendList(list: PyObject & { kind: 'list' }, arg: Val): void {
    const len = this.lengthOf(arg);
    const current = list.items;
    if (!Array.isArray(current)) throw new Unsupported('extend of a summarised list');
    if (len === undefined && !(arg.kind === 'other' && arg.items)) throw new Unsupported('extend with an unsized iterable');
    const added = this.itemsOf(arg);
    const count = Array.isArray(added) ? added.length : added.count;
    list.capacity = extendCapacity(this.python, list.capacity, current.length, count, len !== undefined);
    list.items = current.length === 0 ? added : [...current, ...this.iterate({ kind: 'list', items: added, capacity: 0 })];
  }

}

const FOLDED = new WeakMap<SyntaxNode, bigint | number | string | undefined>();
const BUILTINS = new Set(['float', 'type', 'range', 'list', 'tuple', 'set', 'frozenset', 'dict', 'zip', 'str', 'chr', 'bytes', 'bytearray', 'object', 'iter', 'enumerate', 'map', 'slice', 'memoryview', 'abs', 'len', 'sorted']);

