// The heap simulator's abstract interpreter: runs the part of Python that decides memory over the tree-sitter tree,
// building the layout model's objects so every size is the layout model's. What it cannot model becomes an
// 'unknown' object with a reason (and a diagnostic), and the run goes on.
//
// Decisions (documented for the diagram's users):
// - `if` / `while` / conditional expressions with a condition the model cannot decide take the first branch (the
//   `if` body; one pass of a `while` body) and say so in a diagnostic.
// - `while` loops stop after MAX_WHILE iterations; `for` loops over big ranges are summarised when their body is a
//   single append of a simple element, else they stop after MAX_FOR iterations (diagnostic).
// - Calls of unknown functions return an unknown object and are assumed not to keep references to their arguments.
// - Function calls nest at most MAX_CALL_DEPTH deep and expressions at most MAX_EXPR_DEPTH (10,000 nested brackets
//   give an unknown value, never a stack overflow); the whole run has a statement budget and a time budget.
import type { PythonVersion } from '../../analysis/python-version';
import type { SyntaxNode } from '../../parse/python-parser';
import { rangeOf, type SourceRange } from '../../parse/source-range';
import { ContainerState } from '../cases/container-state';
import { growCombinedTable, overflowTable } from '../layout/instance';
import type { ClassInfo, InstanceObject, PyObject } from '../layout/objects';
import { callBuiltin, BUILTIN_NAMES, EXCEPTION_NAMES, iterateValue, lengthOf, MODULE_MEMBERS } from './builtins';
import { ObjectFactory } from './objects-factory';
import { foldConstant, type Folded } from './constant-folding';
import { ScopeNames } from './scope-names';
import * as definitions from './definitions';
import * as expressions from './expressions';
import { BreakSignal, BudgetExceeded, ContinueSignal, PyRaise, ReturnSignal } from './signals';
import { bigAppendLoop } from './summarised-loops';
import { SyntaxCache } from './syntax-cache';
import { AllocationSites } from './allocation-sites';
import { asItem, isContainer, type BuiltinValue, type CellValue, type ClassValue, type Frame, type FunctionValue, type OpaqueValue, type Value } from './values';

const NOT_CONSTANT = Symbol('not a constant');
/** The keyword arguments of a call that has none, shared: callees read them and delete the ones they bind (a no-op
 *  here), never add any. A new Map per call was 170 KB of garbage per run of the 200-line benchmark module. */
const NO_KEYWORDS: Map<string, Value> = new Map();

export const MAX_CALL_DEPTH = 40;
export const MAX_EXPR_DEPTH = 400;
export const MAX_WHILE = 10_000;
export const MAX_FOR = 100_000;
/** Containers of more items than this built by a loop over a range are summarised (when the element is simple). */
export const SUMMARY_THRESHOLD = 1000;

export interface InterpreterOptions {
  python: PythonVersion;
  /** Statements executed before the run stops (default 2,000,000). */
  maxStatements?: number;
  /** Wall-clock budget in ms (default 2,000). */
  timeLimitMs?: number;
  /** Called after each executed statement (for step snapshots). */
  afterStatement?: (stmt: SyntaxNode, ip: Interpreter) => void;
}

export class Interpreter {
  readonly python: PythonVersion;
  readonly f: ObjectFactory;
  readonly containers: ContainerState;
  readonly syn = new SyntaxCache();
  readonly module: Frame = newFrame('<module>', 'module');
  readonly stack: Frame[] = [this.module];
  /** Every container object made (only containers can be in cycles); swept of freed ones now and then. */
  readonly registry = new Set<Value>();
  /** Values held by the interpreter outside variables (loop iterables, the value being built). */
  readonly pinned: Value[] = [];
  readonly allocatedAt = new AllocationSites();
  readonly diagnostics: Array<{ range?: SourceRange; message: string }> = [];
  readonly classOf = new WeakMap<ClassInfo, ClassValue>();
  readonly defaultFactories = new WeakMap<object, Value>();
  private readonly maxStatements: number;
  private readonly deadline: number;
  private statements = 0;
  private exprDepth = 0;
  private lastSweep = 0;
  private readonly afterStatement?: (stmt: SyntaxNode, ip: Interpreter) => void;
  private readonly reported = new Set<string>();

  constructor(options: InterpreterOptions) {
    this.python = options.python;
    this.f = new ObjectFactory(options.python);
    this.containers = new ContainerState(options.python);
    this.maxStatements = options.maxStatements ?? 2_000_000;
    this.deadline = Date.now() + (options.timeLimitMs ?? 2000);
    this.afterStatement = options.afterStatement;
    this.module.vars.set('__name__', this.f.intern('__main__'));
  }

  // ---- bookkeeping -----------------------------------------------------------------------------------------------
  get frame(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  /** Records where an object was made; containers go into the registry the cycle finder reads. */
  alloc<T extends Value>(v: T, node?: SyntaxNode): T {
    if (node && !this.allocatedAt.has(v)) this.allocatedAt.set(v, this.syn.range(node));
    if (isContainer(v)) this.registry.add(v);
    return v;
  }

  unknown(reason: string, node?: SyntaxNode): PyObject {
    this.diagnose(reason, node);
    return this.alloc({ kind: 'unknown', reason }, node);
  }

  diagnose(message: string, node?: SyntaxNode): void {
    const range = node ? rangeOf(node) : undefined;
    const key = `${message}@${range?.start.line}:${range?.start.column}`;
    if (this.reported.has(key) || this.diagnostics.length >= 200) return;
    this.reported.add(key);
    this.diagnostics.push(range ? { range, message } : { message });
  }

  private tick(node: SyntaxNode): void {
    this.statements++;
    if (this.statements > this.maxStatements) throw new BudgetExceeded(`stopped after ${this.maxStatements} statements`);
    if ((this.statements & 255) === 0 && Date.now() > this.deadline) throw new BudgetExceeded(`stopped at line ${node.startPosition.row + 1}: time budget used up`);
  }

  /** The registry only needs the objects that may still be alive: at a module-level statement boundary (nothing is
   *  half-evaluated), drop the ones no root reaches and no cycle keeps. */
  private maybeSweep(sweep: () => void): void {
    if (this.stack.length !== 1 || this.registry.size < this.lastSweep * 2 + 20_000) return;
    sweep();
    this.lastSweep = this.registry.size;
  }
  /** Set by the snapshot builder: drops freed objects from the registry. */
  sweeper?: () => void;
  /** Set by the snapshot builder: `gc.collect()` frees the objects only cycles keep alive. */
  collectGarbage?: () => void;

  // ---- running ---------------------------------------------------------------------------------------------------
  /** Runs a module's statements (or a prefix of them); never throws. */
  runModule(root: SyntaxNode, statements?: SyntaxNode[]): void {
    try {
      this.execBlock(statements ?? this.syn.kids(root));
    } catch (e) {
      this.stopped(e, root);
    }
  }

  stopped(e: unknown, node?: SyntaxNode): void {
    if (e instanceof BudgetExceeded) this.diagnose(e.message);
    else if (e instanceof PyRaise) this.diagnose(`uncaught ${e.message}: the run stops here`, node);
    else if (e instanceof ReturnSignal || e instanceof BreakSignal || e instanceof ContinueSignal) this.diagnose('return/break/continue outside a function or loop');
    else if (e instanceof RangeError) this.diagnose('nesting too deep to simulate');
    else this.diagnose(`simulator error: ${(e as Error)?.message ?? String(e)}`, node);
  }

  execBlock(stmts: SyntaxNode[]): void {
    for (const s of stmts) this.exec(s);
  }

  exec(s: SyntaxNode): void {
    this.tick(s);
    this.execStatement(s);
    if (this.afterStatement) this.afterStatement(s, this);
    if (this.sweeper) this.maybeSweep(this.sweeper);
  }

  body(n: SyntaxNode): SyntaxNode[] {
    const b = this.syn.field(n, 'body') ?? this.syn.field(n, 'consequence');
    return b ? this.syn.kids(b) : [];
  }

  private execStatement(s: SyntaxNode): void {
    switch (s.type) {
      case 'pass_statement':
      case 'assert_statement':
      case 'type_alias_statement':
      case 'future_import_statement':
        return;
      case 'expression_statement':
        for (const e of this.syn.kids(s)) this.expressionStatement(e);
        return;
      case 'if_statement':
        return this.ifStatement(s);
      case 'for_statement':
        return this.forStatement(s);
      case 'while_statement':
        return this.whileStatement(s);
      case 'function_definition':
        this.storeName(this.syn.text(this.syn.field(s, 'name')!), this.defineFunction(s));
        return;
      case 'class_definition':
        this.storeName(this.syn.text(this.syn.field(s, 'name')!), definitions.defineClass(this, s, []));
        return;
      case 'decorated_definition':
        return definitions.decorated(this, s);
      case 'return_statement': {
        const e = this.syn.kids(s)[0];
        throw new ReturnSignal(e ? this.eval(e) : this.f.none);
      }
      case 'break_statement':
        throw new BreakSignal();
      case 'continue_statement':
        throw new ContinueSignal();
      case 'delete_statement':
        for (const t of this.syn.kids(s)) this.deleteTarget(t);
        return;
      case 'import_statement':
      case 'import_from_statement':
        return this.importStatement(s);
      case 'global_statement': {
        const names = new Set(this.frame.globalNames);
        for (const n of this.syn.kids(s)) names.add(this.syn.text(n));
        this.frame.globalNames = names;
        return;
      }
      case 'nonlocal_statement': {
        const names = new Set(this.frame.nonlocalNames);
        for (const n of this.syn.kids(s)) names.add(this.syn.text(n));
        this.frame.nonlocalNames = names;
        return;
      }
      case 'try_statement':
        return this.tryStatement(s);
      case 'with_statement':
        return this.withStatement(s);
      case 'raise_statement':
        return this.raiseStatement(s);
      default:
        this.diagnose(`${s.type.replace(/_/g, ' ')} is not simulated`, s);
    }
  }

  private expressionStatement(e: SyntaxNode): void {
    if (e.type === 'assignment') return this.assignment(e);
    if (e.type === 'augmented_assignment') return this.augmented(e);
    this.eval(e);
  }

  private assignment(a: SyntaxNode): void {
    const right = this.syn.field(a, 'right');
    const left = this.syn.field(a, 'left')!;
    if (!right) return; // `x: int` declares only
    // `a = b = []`: tree-sitter nests the assignments on the right.
    const targets: SyntaxNode[] = [left];
    let value = right;
    while (value.type === 'assignment' && this.syn.field(value, 'right')) {
      targets.push(this.syn.field(value, 'left')!);
      value = this.syn.field(value, 'right')!;
    }
    const v = this.eval(value);
    this.pinned.push(v);
    try {
      for (const t of targets) this.store(t, v);
    } finally {
      this.pinned.pop();
    }
  }

  private augmented(a: SyntaxNode): void {
    const left = this.syn.field(a, 'left')!;
    const op = this.syn.text(this.syn.field(a, 'operator')!).slice(0, -1);
    const current = this.eval(left);
    const right = this.eval(this.syn.field(a, 'right')!);
    // Mutable containers change in place (`list_inplace_concat` is `list_extend`; `set |=`, `dict |=` update).
    if (current.kind === 'list' && op === '+') {
      callBuiltin(this, { kind: 'builtin', name: '.extend', self: current }, [right], new Map(), a);
      return;
    }
    if (current.kind === 'set' && !current.frozen && op === '|') {
      callBuiltin(this, { kind: 'builtin', name: '.update', self: current }, [right], new Map(), a);
      return;
    }
    if (current.kind === 'dict' && op === '|') {
      callBuiltin(this, { kind: 'builtin', name: '.update', self: current }, [right], new Map(), a);
      return;
    }
    this.store(left, this.binary(op, current, right, a));
  }

  // ---- names -----------------------------------------------------------------------------------------------------
  storeName(name: string, v: Value, frame: Frame = this.frame): void {
    if (frame.globalNames.has(name)) {
      this.module.vars.set(name, v);
      return;
    }
    if (frame.nonlocalNames.has(name)) {
      const cell = frame.fn?.closure.get(name);
      if (cell) cell.contents = v;
      return;
    }
    const cell = frame.cells.get(name);
    if (cell) cell.contents = v;
    else frame.vars.set(name, v);
  }

  lookup(name: string, node?: SyntaxNode): Value {
    const frame = this.frame;
    if (!frame.globalNames.has(name)) {
      const cell = frame.cells.get(name) ?? (frame.kind === 'function' ? frame.fn?.closure.get(name) : undefined);
      if (cell) return cell.contents ?? this.unknown(`free variable ${name} referenced before assignment`, node);
      const v = frame.vars.get(name);
      if (v) return v;
    }
    const g = this.module.vars.get(name);
    if (g) return g;
    switch (name) {
      case 'None':
        return this.f.none;
      case 'True':
        return this.f.trueObj;
      case 'False':
        return this.f.falseObj;
      case 'NotImplemented':
        return this.f.notImplemented;
      case 'Ellipsis':
        return this.f.ellipsis;
    }
    if (BUILTIN_NAMES.has(name) || EXCEPTION_NAMES.has(name)) return { kind: 'builtin', name };
    return this.unknown(`name '${name}' is not defined (or not modelled)`, node);
  }

  private deleteName(name: string, node: SyntaxNode): void {
    const frame = this.frame;
    const target = frame.globalNames.has(name) ? this.module : frame;
    const cell = target.cells.get(name);
    if (cell) cell.contents = undefined;
    else if (!target.vars.delete(name)) this.diagnose(`del of unbound name '${name}'`, node);
  }

  // ---- stores and deletes ----------------------------------------------------------------------------------------
  store(target: SyntaxNode, v: Value): void {
    switch (target.type) {
      case 'identifier':
        this.storeName(this.syn.text(target), v);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'parenthesized_expression':
        return this.unpack(target, v);
      case 'attribute': {
        const obj = this.eval(this.syn.field(target, 'object')!);
        this.setAttribute(obj, this.syn.text(this.syn.field(target, 'attribute')!), v, target);
        return;
      }
      case 'subscript': {
        const obj = this.eval(this.syn.field(target, 'value')!);
        const sub = this.syn.field(target, 'subscript')!;
        if (sub.type === 'slice') {
          if (obj.kind === 'list') {
            this.diagnose('slice assignment resizes the list in ways not modelled', target);
            return;
          }
        }
        const key = this.eval(sub);
        this.setItem(obj, key, v, target);
        return;
      }
      default:
        this.diagnose(`assignment to ${target.type} is not simulated`, target);
    }
  }

  private unpack(target: SyntaxNode, v: Value): void {
    const parts = this.syn.kids(target);
    if (target.type === 'parenthesized_expression' && parts.length === 1) return this.store(parts[0]!, v);
    const items = iterateValue(this, v, target, parts.length + 1);
    const star = parts.findIndex((p) => p.type === 'list_splat_pattern' || p.type === 'list_splat');
    if (!items) {
      for (const p of parts) this.store(p.type.startsWith('list_splat') ? this.syn.kids(p)[0]! : p, this.unknown('unpacking an unknown value', p));
      return;
    }
    if (star < 0) {
      if (items.length !== parts.length) {
        this.raise('ValueError', `cannot unpack ${items.length} values into ${parts.length} targets`, target);
      }
      parts.forEach((p, i) => this.store(p, items[i]!));
      return;
    }
    const all = iterateValue(this, v, target) ?? items;
    const after = parts.length - star - 1;
    parts.slice(0, star).forEach((p, i) => this.store(p, all[i]!));
    const rest = all.slice(star, all.length - after);
    this.store(this.syn.kids(parts[star]!)[0]!, this.newList(rest, rest.length, target));
    parts.slice(star + 1).forEach((p, i) => this.store(p, all[all.length - after + i]!));
  }

  private deleteTarget(t: SyntaxNode): void {
    switch (t.type) {
      case 'identifier':
        return this.deleteName(this.syn.text(t), t);
      case 'expression_list':
      case 'tuple':
      case 'list':
        for (const p of this.syn.kids(t)) this.deleteTarget(p);
        return;
      case 'parenthesized_expression':
        return this.deleteTarget(this.syn.kids(t)[0]!);
      case 'attribute': {
        const obj = this.eval(this.syn.field(t, 'object')!);
        const name = this.syn.text(this.syn.field(t, 'attribute')!);
        if (obj.kind === 'instance') {
          if (!obj.attrs.delete(name)) this.raise('AttributeError', name, t);
          obj.names.delete(name);
        } else if (obj.kind === 'class') obj.attrs.delete(name);
        else if (obj.kind === 'opaque') obj.refs = obj.refs.filter((r) => r.label !== `.${name}`);
        else this.diagnose(`del of an attribute of ${obj.kind} is not simulated`, t);
        return;
      }
      case 'subscript': {
        const obj = this.eval(this.syn.field(t, 'value')!);
        const key = this.eval(this.syn.field(t, 'subscript')!);
        callBuiltin(this, { kind: 'builtin', name: '.__delitem__', self: obj }, [key], new Map(), t);
        return;
      }
      default:
        this.diagnose(`del of ${t.type} is not simulated`, t);
    }
  }

  setItem(obj: Value, key: Value, v: Value, node: SyntaxNode): void {
    callBuiltin(this, { kind: 'builtin', name: '.__setitem__', self: obj }, [key, v], new Map(), node);
  }

  // ---- attributes ------------------------------------------------------------------------------------------------
  setAttribute(obj: Value, name: string, v: Value, node: SyntaxNode): void {
    if (obj.kind === 'instance') return this.setInstanceAttribute(obj, name, v, node);
    if (obj.kind === 'class') {
      obj.attrs.set(name, v);
      return;
    }
    if (obj.kind === 'opaque') {
      obj.refs = obj.refs.filter((r) => r.label !== `.${name}`);
      obj.refs.push({ label: `.${name}`, target: v });
      return;
    }
    if (obj.kind === 'function') return; // function attributes live in its `__dict__`, not modelled
    if (obj.kind !== 'unknown') this.diagnose(`attribute assignment on ${obj.kind} is not simulated`, node);
  }

  /** `Objects/dictobject.c` key-sharing: a new name goes into the class's shared keys while they have room; an
   *  instance whose name does not fit gets its own combined dict (`make_dict_from_instance_attributes`). */
  setInstanceAttribute(obj: InstanceObject, name: string, v: Value, node: SyntaxNode): void {
    if (obj.cls.slots) {
      if (!obj.cls.slots.includes(name)) return this.raise('AttributeError', `'${obj.cls.name}' object has no attribute '${name}' (__slots__)`, node);
      obj.attrs.set(name, asItem(v));
      return;
    }
    if (!obj.attrs.has(name)) {
      obj.names.set(name, this.f.intern(name));
      const keys = obj.cls.sharedKeys!;
      if (obj.combinedTable === undefined && !keys.addName(name)) obj.combinedTable = overflowTable(this.python, keys, obj.attrs.size);
      else if (obj.combinedTable !== undefined) obj.combinedTable = growCombinedTable(obj.combinedTable, obj.attrs.size);
    }
    obj.attrs.set(name, asItem(v));
  }

  /** Looks a name up on a class and its bases. */
  classAttr(cls: ClassValue, name: string): Value | undefined {
    for (let c: ClassValue | undefined = cls; c; c = c.base) {
      const v = c.attrs.get(name);
      if (v) return v;
    }
    return undefined;
  }

  getAttribute(obj: Value, name: string, node: SyntaxNode): Value {
    switch (obj.kind) {
      case 'instance': {
        if (name === '__dict__' && obj.cls.sharedKeys) return obj.dictObject ?? (obj.dictObject = { kind: 'instance-dict', owner: obj });
        const own = obj.attrs.get(name);
        if (own) return own as Value;
        const cls = this.classOf.get(obj.cls);
        const found = cls && this.classAttr(cls, name);
        if (found?.kind === 'function' && found.wrapsClassMethod === 'cached_property') {
          const value = this.callFunction(found, [obj], new Map(), node);
          this.setAttribute(obj, name, value, node);
          return value;
        }
        if (found) return this.bindClassAttr(found, obj, node);
        if (name === '__class__' && cls) return cls;
        return this.unknown(`attribute ${name} of ${obj.cls.name} is not set`, node);
      }
      case 'class': {
        const found = this.classAttr(obj, name);
        if (found?.kind === 'function' && found.wrapsClassMethod === 'classmethod') return this.alloc({ kind: 'bound', fn: found, self: obj }, node);
        if (found) return found;
        if (name === '__name__') return this.f.intern(obj.info.name);
        return this.unknown(`class attribute ${obj.info.name}.${name} is not known`, node);
      }
      case 'module': {
        const member = `${obj.name}.${name}`;
        if (MODULE_MEMBERS.has(member)) return { kind: 'builtin', name: member };
        return this.unknown(`${member} is not modelled`, node);
      }
      case 'opaque': {
        const r = obj.refs.find((x) => x.label === `.${name}` || x.label === name);
        if (r) return r.target;
        return this.unknown(`attribute ${name} of ${obj.typeName} is not modelled`, node);
      }
      case 'function':
        if (name === '__defaults__') return obj.defaults ?? this.f.none;
        if (name === '__name__') return this.f.intern(obj.name);
        if (name === 'cache_clear' && obj.cache) return { kind: 'builtin', name: '.cache_clear', self: obj };
        return this.unknown(`function attribute ${name} is not modelled`, node);
      case 'unknown':
        return obj;
      default:
        if (obj.kind === 'builtin' && obj.name === 'super' && obj.owner) {
          const found = obj.owner.base && this.classAttr(obj.owner.base, name);
          if (found && obj.self) return this.bindClassAttr(found, obj.self, node);
          if (name === '__init__') return { kind: 'builtin', name: 'object.__init__' };
          return this.unknown(`super().${name} is not known`, node);
        }
        return { kind: 'builtin', name: `.${name}`, self: obj };
    }
  }

  bindClassAttr(found: Value, self: Value, node: SyntaxNode): Value {
    if (found.kind !== 'function') return found;
    if (found.wrapsClassMethod === 'staticmethod') return found;
    if (found.wrapsClassMethod === 'property') return this.callFunction(found, [self], new Map(), node);
    if (found.wrapsClassMethod === 'classmethod' && self.kind === 'instance') return this.alloc({ kind: 'bound', fn: found, self: this.classOf.get(self.cls)! }, node);
    return this.alloc({ kind: 'bound', fn: found, self }, node);
  }

  // ---- control flow ----------------------------------------------------------------------------------------------
  /** Python truthiness when the model knows it. */
  truth(v: Value): boolean | undefined {
    switch (v.kind) {
      case 'bool':
        return v.value;
      case 'int':
        return v.value !== 0n;
      case 'float':
        return v.value !== 0;
      case 'str':
        return v.value.length > 0;
      case 'bytes':
        return v.length > 0;
      case 'singleton':
        return v.typeName !== 'NoneType';
      case 'list':
      case 'tuple':
      case 'set':
      case 'dict':
      case 'deque':
      case 'range':
        return (lengthOf(v) ?? 1) > 0;
      case 'unknown':
        return undefined;
      case 'instance':
      case 'function':
      case 'class':
      case 'module':
      case 'bound':
      case 'builtin':
        return true;
      default:
        return undefined;
    }
  }

  condition(n: SyntaxNode): boolean {
    const t = this.truth(this.eval(n));
    if (t !== undefined) return t;
    this.diagnose('condition not known to the model: the first branch is taken', n);
    return true;
  }

  private ifStatement(s: SyntaxNode): void {
    if (this.condition(this.syn.field(s, 'condition')!)) return this.execBlock(this.body(s));
    for (const alt of this.syn.kids(s)) {
      if (alt.type === 'elif_clause') {
        if (this.condition(this.syn.field(alt, 'condition')!)) return this.execBlock(this.body(alt));
      } else if (alt.type === 'else_clause') return this.execBlock(this.body(alt));
    }
  }

  private whileStatement(s: SyntaxNode): void {
    const cond = this.syn.field(s, 'condition')!;
    let n = 0;
    for (;;) {
      const t = this.truth(this.eval(cond));
      if (t === false) break;
      if (n >= MAX_WHILE) {
        this.diagnose(`while loop stopped after ${MAX_WHILE} iterations: later ones are not simulated`, s);
        return;
      }
      if (t === undefined) {
        this.diagnose('while condition not known to the model: the body runs once', cond);
        if (n > 0) return;
      }
      n++;
      try {
        this.execBlock(this.body(s));
      } catch (e) {
        if (e instanceof BreakSignal) return;
        if (!(e instanceof ContinueSignal)) throw e;
      }
      if (t === undefined) return;
    }
    const alt = this.syn.kids(s).find((k) => k.type === 'else_clause');
    if (alt) this.execBlock(this.body(alt));
  }

  private forStatement(s: SyntaxNode): void {
    const left = this.syn.field(s, 'left')!;
    const iterable = this.eval(this.syn.field(s, 'right')!);
    this.pinned.push(iterable);
    try {
      if (bigAppendLoop(this, s, left, iterable)) return;
      const items = iterateValue(this, iterable, s, MAX_FOR + 1);
      if (!items) {
        this.diagnose('loop over a value the model cannot iterate: the body is not simulated', s);
        return;
      }
      if (items.length > MAX_FOR) this.diagnose(`for loop stopped after ${MAX_FOR} iterations: later ones are not simulated`, s);
      const body = this.body(s);
      let broke = false;
      for (const item of items.slice(0, MAX_FOR)) {
        this.store(left, item);
        try {
          this.execBlock(body);
        } catch (e) {
          if (e instanceof BreakSignal) {
            broke = true;
            break;
          }
          if (!(e instanceof ContinueSignal)) throw e;
        }
      }
      const alt = this.syn.kids(s).find((k) => k.type === 'else_clause');
      if (alt && !broke) this.execBlock(this.body(alt));
    } finally {
      this.pinned.pop();
    }
  }

  private tryStatement(s: SyntaxNode): void {
    const parts = this.syn.kids(s);
    const handlers = parts.filter((p) => p.type === 'except_clause' || p.type === 'except_group_clause');
    const elseClause = parts.find((p) => p.type === 'else_clause');
    const finallyClause = parts.find((p) => p.type === 'finally_clause');
    try {
      let raised: PyRaise | undefined;
      try {
        this.execBlock(this.body(s));
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        raised = e;
      }
      if (!raised) {
        if (elseClause) this.execBlock(this.body(elseClause));
        return;
      }
      const handler = handlers.find((h) => this.handles(h, raised!.exception));
      if (!handler) throw raised;
      this.runHandler(handler, raised.exception);
    } finally {
      if (finallyClause) this.execBlock(this.syn.kids(finallyClause).filter((k) => k.type === 'block').flatMap((b) => this.syn.kids(b)));
    }
  }

  private handles(h: SyntaxNode, exc: Value): boolean {
    const kids = this.syn.kids(h).filter((k) => k.type !== 'block');
    if (kids.length === 0) return true;
    const typeNode = kids[0]!.type === 'as_pattern' ? this.syn.kids(kids[0]!)[0]! : kids[0]!;
    const names = typeNode.type === 'tuple' ? this.syn.kids(typeNode).map((k) => this.syn.text(k)) : [this.syn.text(typeNode)];
    const excName = exc.kind === 'opaque' ? exc.typeName : exc.kind === 'instance' ? exc.cls.name : '';
    const chain = new Set([excName, 'Exception', 'BaseException']);
    const cls = exc.kind === 'instance' ? this.classOf.get(exc.cls) : undefined;
    for (let c = cls; c; c = c.base) chain.add(c.info.name);
    if (exc.kind === 'opaque') {
      const base = this.exceptionBases.get(exc.typeName);
      for (let b = base; b; b = this.exceptionBases.get(b)) chain.add(b);
    }
    // Exception types the model does not know (from imports) are assumed to match: the handler runs.
    return names.some((n) => chain.has(n) || (!EXCEPTION_NAMES.has(n) && !this.exceptionBases.has(n)));
  }
  /** User exception classes: name -> base name. */
  readonly exceptionBases = new Map<string, string>();

  private runHandler(h: SyntaxNode, exc: Value): void {
    const kids = this.syn.kids(h);
    const pattern = kids.find((k) => k.type === 'as_pattern');
    const alias = pattern ? this.syn.kids(pattern).find((k) => k.type === 'as_pattern_target') : undefined;
    const name = alias ? this.syn.text(alias) : undefined;
    if (name) this.storeName(name, exc);
    try {
      for (const b of kids.filter((k) => k.type === 'block')) this.execBlock(this.syn.kids(b));
    } finally {
      // The compiler deletes the `as` name at the end of the handler (to break the frame <-> traceback cycle).
      if (name) {
        const frame = this.frame;
        if (frame.cells.has(name)) frame.cells.get(name)!.contents = undefined;
        else frame.vars.delete(name);
      }
    }
  }

  private withStatement(s: SyntaxNode): void {
    const clause = this.syn.kids(s).find((k) => k.type === 'with_clause');
    for (const item of clause ? this.syn.kids(clause) : []) {
      const inner = this.syn.kids(item)[0];
      if (!inner) continue;
      if (inner.type === 'as_pattern') {
        const [expr, target] = this.syn.kids(inner);
        const cm = this.eval(expr!);
        const t = target ? this.syn.kids(target)[0] ?? target : undefined;
        // `__enter__` of a file, lock or unknown manager: its result is not modelled unless it returns itself.
        if (t) this.store(t, cm.kind === 'unknown' ? cm : this.unknown('the value of a context manager\'s __enter__ is not modelled', expr));
      } else this.eval(inner);
    }
    this.execBlock(this.body(s));
  }

  private raiseStatement(s: SyntaxNode): void {
    const e = this.syn.kids(s)[0];
    if (!e) throw new PyRaise(this.unknown('re-raised exception', s), 're-raise');
    let exc = this.eval(e);
    if (exc.kind === 'builtin' || exc.kind === 'class') exc = this.callValue(exc, [], new Map(), e);
    throw this.withTraceback(exc, s);
  }

  /** Raises a Python exception of a builtin type from the model (e.g. a missing key). */
  raise(typeName: string, message: string, node: SyntaxNode): never {
    const args = this.alloc({ kind: 'tuple', items: [this.f.str(message)] } as PyObject, node);
    const exc = this.alloc<OpaqueValue>({ kind: 'opaque', typeName, refs: [{ label: 'args', target: args }] }, node);
    throw this.withTraceback(exc, node);
  }

  /** The exception's `__traceback__` refers to the frame it was raised in: a function frame that keeps the
   *  exception in a local then forms the classic frame <-> traceback cycle. */
  withTraceback(exc: Value, node: SyntaxNode): PyRaise {
    if (exc.kind === 'opaque' || exc.kind === 'instance') this.addTraceback(exc, this.frame, node);
    const name = exc.kind === 'opaque' ? exc.typeName : exc.kind === 'instance' ? exc.cls.name : 'exception';
    return new PyRaise(exc, name);
  }

  addTraceback(exc: Value, frame: Frame, node: SyntaxNode): void {
    if (frame.kind !== 'function' || exc.kind !== 'opaque') return;
    frame.object ??= this.alloc<OpaqueValue>({ kind: 'opaque', typeName: 'frame', refs: [], frame, unknownSize: 'a frame\'s size depends on its code object' }, node);
    const previous = exc.refs.find((r) => r.label === '__traceback__');
    const tb = this.alloc<OpaqueValue>({ kind: 'opaque', typeName: 'traceback', refs: [{ label: 'tb_frame', target: frame.object }] }, node);
    if (previous) tb.refs.push({ label: 'tb_next', target: previous.target });
    exc.refs = exc.refs.filter((r) => r.label !== '__traceback__');
    exc.refs.push({ label: '__traceback__', target: tb });
  }

  // ---- imports ---------------------------------------------------------------------------------------------------
  private importStatement(s: SyntaxNode): void {
    if (s.type === 'import_statement') {
      for (const n of this.syn.kids(s)) {
        const dotted = n.type === 'aliased_import' ? this.syn.field(n, 'name')! : n;
        const alias = n.type === 'aliased_import' ? this.syn.text(this.syn.field(n, 'alias')!) : this.syn.text(dotted).split('.')[0]!;
        const moduleName = n.type === 'aliased_import' ? this.syn.text(dotted) : alias;
        this.storeName(alias, this.alloc({ kind: 'module', name: moduleName }, n));
      }
      return;
    }
    const moduleNode = this.syn.field(s, 'module_name')!;
    const module = this.syn.text(moduleNode);
    for (const n of this.syn.kids(s).filter((k) => k.id !== moduleNode.id)) {
      if (n.type === 'wildcard_import') {
        this.diagnose(`from ${module} import * is not simulated`, n);
        continue;
      }
      const name = this.syn.text(n.type === 'aliased_import' ? this.syn.field(n, 'name')! : n);
      const alias = n.type === 'aliased_import' ? this.syn.text(this.syn.field(n, 'alias')!) : name;
      const member = `${module}.${name}`;
      this.storeName(alias, MODULE_MEMBERS.has(member) ? { kind: 'builtin', name: member } : this.unknown(`${member} is not modelled`, n));
    }
  }

  // ---- functions and classes (definitions.ts) ---------------------------------------------------------------
  defineFunction(node: SyntaxNode): FunctionValue {
    return definitions.defineFunction(this, node);
  }

  callFunction(fn: FunctionValue, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
    return definitions.callFunction(this, fn, args, kwargs, node);
  }

  instantiate(cls: ClassValue, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
    return definitions.instantiate(this, cls, args, kwargs, node);
  }

  readonly scopes = new ScopeNames();
  /** foldConstant's answer per node id (NOT_CONSTANT when it does not fold). */
  private readonly folded = new Map<number, Folded | typeof NOT_CONSTANT>();

  // ---- calls -----------------------------------------------------------------------------------------------------
  callValue(fn: Value, args: Value[], kwargs: Map<string, Value>, node: SyntaxNode): Value {
    switch (fn.kind) {
      case 'function':
        return this.callFunction(fn, args, kwargs, node);
      case 'bound':
        return this.callFunction(fn.fn, [fn.self, ...args], kwargs, node);
      case 'class':
        return this.instantiate(fn, args, kwargs, node);
      case 'builtin':
        return callBuiltin(this, fn as BuiltinValue, args, kwargs, node);
      case 'unknown':
        // Already reported where the unknown value came from.
        return this.alloc({ kind: 'unknown', reason: `result of calling an unknown value (${fn.reason.replace(/^result of calling an unknown value \((.*)\)$/, '$1')})` }, node);
      default:
        return this.unknown(`calling a ${fn.kind} is not modelled`, node);
    }
  }

  private call(n: SyntaxNode): Value {
    const fnNode = this.syn.field(n, 'function')!;
    const argsNode = this.syn.field(n, 'arguments');
    const fn = this.eval(fnNode);
    let kwargs: Map<string, Value> | undefined;
    // `f(x for x in y)`: tree-sitter gives the generator expression as the arguments node itself.
    const argNodes = !argsNode ? [] : argsNode.type === 'generator_expression' ? [argsNode] : this.syn.kids(argsNode);
    // Sized for the usual call without `*args`: an empty array grows to 17 slots on its first push (150 bytes of
    // garbage per call, 4% of a run's allocations on the 200-line benchmark module).
    const simple = argNodes.every((a) => a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
    const args: Value[] = simple ? new Array<Value>(argNodes.length) : [];
    if (simple) {
      for (let i = 0; i < argNodes.length; i++) args[i] = this.eval(argNodes[i]!);
    } else for (const a of argNodes) {
      if (a.type === 'keyword_argument') (kwargs ??= new Map()).set(this.syn.text(this.syn.field(a, 'name')!), this.eval(this.syn.field(a, 'value')!));
      else if (a.type === 'list_splat') {
        const items = iterateValue(this, this.eval(this.syn.kids(a)[0]!), a);
        if (items) args.push(...items);
        else args.push(this.unknown('*args of an unknown value', a));
      } else if (a.type === 'dictionary_splat') {
        const d = this.eval(this.syn.kids(a)[0]!);
        if (d.kind === 'dict') d.keys.forEach((k, i) => k.kind === 'str' && (kwargs ??= new Map()).set(k.value, d.values[i] as Value));
      } else args.push(this.eval(a));
    }
    this.pinned.push(...args);
    try {
      return this.callValue(fn, args, kwargs ?? NO_KEYWORDS, n);
    } finally {
      this.pinned.length -= args.length;
    }
  }

  // ---- expressions -----------------------------------------------------------------------------------------------
  eval(n: SyntaxNode): Value {
    if (this.exprDepth >= MAX_EXPR_DEPTH) return this.unknown(`expression nested over ${MAX_EXPR_DEPTH} deep is not simulated`, n);
    this.exprDepth++;
    try {
      return this.evalNode(n);
    } finally {
      this.exprDepth--;
    }
  }

  private evalNode(n: SyntaxNode): Value {
    switch (n.type) {
      case 'identifier':
        return this.lookup(this.syn.text(n), n);
      case 'integer':
      case 'float':
      case 'string':
      case 'concatenated_string':
      case 'true':
      case 'false':
      case 'none':
      case 'ellipsis':
        return expressions.literal(this, n);
      case 'parenthesized_expression': {
        const inner = this.syn.kids(n)[0];
        return inner ? this.eval(inner) : this.f.emptyTuple;
      }
      case 'tuple':
      case 'expression_list':
        return expressions.tupleDisplay(this, n);
      case 'list':
        return expressions.listDisplay(this, n);
      case 'dictionary':
        return expressions.dictDisplay(this, n);
      case 'set':
        return expressions.setDisplay(this, n);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return expressions.comprehension(this, n);
      case 'call':
        return this.call(n);
      case 'attribute':
        return this.getAttribute(this.eval(this.syn.field(n, 'object')!), this.syn.text(this.syn.field(n, 'attribute')!), n);
      case 'subscript':
        return expressions.subscript(this, n);
      case 'binary_operator': {
        const folded = this.fold(n);
        if (folded) return folded;
        const l = this.eval(this.syn.field(n, 'left')!);
        const r = this.eval(this.syn.field(n, 'right')!);
        return this.binary(this.syn.text(this.syn.field(n, 'operator')!), l, r, n);
      }
      case 'unary_operator': {
        const folded = this.fold(n);
        if (folded) return folded;
        const v = this.eval(this.syn.field(n, 'argument')!);
        const op = this.syn.text(this.syn.field(n, 'operator')!);
        if (v.kind === 'int' && op === '-') return this.f.int(-v.value);
        if (v.kind === 'int' && op === '+') return v;
        if (v.kind === 'int' && op === '~') return this.f.int(-v.value - 1n);
        if (v.kind === 'float' && op === '-') return this.alloc({ kind: 'float', value: -v.value } as PyObject, n);
        return this.unknown(`unary ${op} on ${v.kind}`, n);
      }
      case 'not_operator': {
        const t = this.truth(this.eval(this.syn.field(n, 'argument')!));
        return t === undefined ? this.unknown('truth of an unknown value', n) : this.f.bool(!t);
      }
      case 'boolean_operator': {
        const l = this.eval(this.syn.field(n, 'left')!);
        const t = this.truth(l);
        const op = this.syn.text(this.syn.field(n, 'operator')!);
        if (t === undefined) return this.unknown('truth of an unknown value', n);
        if ((op === 'and' && !t) || (op === 'or' && t)) return l;
        return this.eval(this.syn.field(n, 'right')!);
      }
      case 'comparison_operator':
        return expressions.comparison(this, n);
      case 'conditional_expression': {
        const [a, cond, b] = this.syn.kids(n);
        return this.condition(cond!) ? this.eval(a!) : this.eval(b!);
      }
      case 'lambda':
        return this.defineFunction(n);
      case 'named_expression': {
        const v = this.eval(this.syn.field(n, 'value')!);
        this.storeName(this.syn.text(this.syn.field(n, 'name')!), v);
        return v;
      }
      case 'keyword_argument':
        return this.eval(this.syn.field(n, 'value')!);
      case 'yield':
        return definitions.yieldValue(this, n);
      default:
        return this.unknown(`${n.type.replace(/_/g, ' ')} is not simulated`, n);
    }
  }

  newList(items: Value[], capacity: number, node?: SyntaxNode): PyObject {
    return this.alloc({ kind: 'list', items: items.map(asItem), capacity } as PyObject, node);
  }

  /** Constant folding as the compiler does it (`Python/ast_opt.c`): literals, unary minus, and int / str arithmetic
   *  whose result stays small (`safe_multiply` / `safe_power`: ints up to 128 bits, strs up to 4096 items). */
  fold(n: SyntaxNode): PyObject | undefined {
    // Folding depends on the syntax alone: decided once per node, not on every pass of a loop body (`i * i` in a
    // 1,000-item comprehension asked 1,000 times).
    let c = this.folded.get(n.id);
    if (c === undefined) this.folded.set(n.id, (c = foldConstant(this.syn, n) ?? NOT_CONSTANT));
    if (c === NOT_CONSTANT) return undefined;
    if (typeof c === 'bigint') return this.f.intConstant(c);
    if (typeof c === 'number') return this.f.floatConstant(c);
    if (typeof c === 'string') return this.f.strConstant(c);
    if (c.kind === 'bytes') return c.length === 0 ? this.f.emptyBytes : this.f.constant(`b${this.syn.text(n)}`, () => ({ kind: 'bytes', length: c.length }));
    if (c.kind === 'fstring') return expressions.fstring(this, n);
    return this.f.constant(`c${this.syn.text(n)}`, () => ({ kind: 'complex' }));
  }

  binary(op: string, a: Value, b: Value, node: SyntaxNode): Value {
    return expressions.binary(this, op, a, b, node);
  }
}

/** What a frame starts with: few frames capture a variable or declare a name global, and three new collections per
 *  call were 150 KB of a run's 5 MB of garbage on the 200-line benchmark module. The writers replace them (copy on
 *  write). */
const NO_CELLS: ReadonlyMap<string, CellValue> = new Map();
const NO_NAMES: ReadonlySet<string> = new Set();

export function newFrame(name: string, kind: Frame['kind']): Frame {
  return { name, kind, vars: new Map(), cells: NO_CELLS, globalNames: NO_NAMES, nonlocalNames: NO_NAMES };
}

