// Expressions of the heap simulator that build objects: literals and displays (with the capacities CPython's
// compiler and `BUILD_*` opcodes give them), comprehensions, subscripts, comparisons and binary operators. Free
// functions over the interpreter; `Interpreter.evalNode` dispatches to them.
import type { SyntaxNode } from '../../parse/python-parser';
import type { PyObject } from '../layout/objects';
import { listCapacity } from '../layout/sequences';
import { setTable } from '../layout/set';
import { callBuiltin, iterateValue } from './builtins';
import { isConstantExpr } from './constant-folding';
import { MAX_FOR, newFrame, type Interpreter } from './interpreter';
import { BINARY_DUNDER, compareValues, intOp, reprOf } from './operators';
import { BudgetExceeded } from './signals';
import { bigComprehension } from './summarised-loops';
import { asItem, type OpaqueValue, type Value } from './values';

export function literal(ip: Interpreter, n: SyntaxNode): Value {
  switch (n.type) {
    case 'true':
      return ip.f.trueObj;
    case 'false':
      return ip.f.falseObj;
    case 'none':
      return ip.f.none;
    case 'ellipsis':
      return ip.f.ellipsis;
  }
  const c = ip.fold(n);
  return c ?? ip.unknown(`literal ${ip.syn.text(n).slice(0, 20)} is not modelled`, n);
}


export function fstring(ip: Interpreter, n: SyntaxNode): PyObject | undefined {
  let out = '';
  for (const part of ip.syn.kids(n)) {
    if (part.type === 'string_content') out += ip.syn.text(part);
    else if (part.type === 'interpolation') {
      const v = ip.eval(ip.syn.kids(part)[0]!);
      const s = reprOf(v, true);
      if (s === undefined) return ip.unknown('f-string of a value the model cannot format', part);
      out += s;
    } else if (part.type === 'escape_sequence') return ip.unknown('f-string with escapes', part);
  }
  return ip.alloc(ip.f.str(out), n);
}

export function tupleDisplay(ip: Interpreter, n: SyntaxNode): Value {
  const elems = ip.syn.kids(n);
  if (elems.length === 0) return ip.f.emptyTuple;
  // A tuple of constants is itself a constant (folded by the compiler).
  if (elems.every((e) => isConstantExpr(ip.syn, e))) {
    return ip.f.constant(`t${ip.syn.text(n)}`, () => ip.alloc({ kind: 'tuple', items: elems.map((e) => asItem(ip.eval(e))) } as PyObject, n));
  }
  const items = displayItems(ip, elems);
  return ip.alloc({ kind: 'tuple', items: items.map(asItem) } as PyObject, n);
}

export function displayItems(ip: Interpreter, elems: SyntaxNode[]): Value[] {
  const items: Value[] = [];
  for (const e of elems) {
    if (e.type === 'list_splat') {
      const inner = iterateValue(ip, ip.eval(ip.syn.kids(e)[0]!), e);
      if (inner) items.push(...inner);
      else items.push(ip.unknown('unpacking an unknown iterable', e));
    } else items.push(ip.eval(e));
  }
  return items;
}


export function listDisplay(ip: Interpreter, n: SyntaxNode): Value {
  const elems = ip.syn.kids(n);
  if (elems.some((e) => e.type === 'list_splat')) {
    // `[*a, *b]`: BUILD_LIST + LIST_EXTEND per part (3.9+), i.e. `list_extend` into the new list.
    const list = ip.newList([], 0, n);
    for (const e of elems) {
      if (e.type === 'list_splat') callBuiltin(ip, { kind: 'builtin', name: '.extend', self: list }, [ip.eval(ip.syn.kids(e)[0]!)], new Map(), e);
      else callBuiltin(ip, { kind: 'builtin', name: '.append', self: list }, [ip.eval(e)], new Map(), e);
    }
    return list;
  }
  const items = elems.map((e) => ip.eval(e));
  const constant = elems.every((e) => isConstantExpr(ip.syn, e));
  return ip.newList(items, listCapacity(ip.python, items.length, constant ? 'literal' : 'literal-names'), n);
}

export function dictDisplay(ip: Interpreter, n: SyntaxNode): Value {
  const elems = ip.syn.kids(n);
  const pairs: Array<[Value, Value]> = [];
  const d0 = ip.alloc(ip.containers.newDict(), n);
  ip.pinned.push(d0);
  try {
    for (const e of elems) {
      if (e.type === 'pair') pairs.push([ip.eval(ip.syn.field(e, 'key')!), ip.eval(ip.syn.field(e, 'value')!)]);
      else if (e.type === 'dictionary_splat') {
        const src = ip.eval(ip.syn.kids(e)[0]!);
        if (src.kind === 'dict') src.keys.forEach((k, i) => pairs.push([k as Value, src.values[i] as Value]));
        else return ip.unknown('** of a value that is not a dict', e);
      }
    }
  } finally {
    ip.pinned.pop();
  }
  // BUILD_MAP presizes (`_PyDict_NewPresized`, small literals share the empty keys) then inserts in order.
  const d = ip.containers.presizedDict(pairs.length, pairs.every(([k]) => k.kind === 'str'));
  Object.assign(d0, d);
  for (const [k, v] of pairs) ip.containers.dictSet(d0, asItem(k), asItem(v));
  return d0;
}

export function setDisplay(ip: Interpreter, n: SyntaxNode): Value {
  const elems = ip.syn.kids(n);
  const items = displayItems(ip, elems);
  const constant = elems.every((e) => isConstantExpr(ip.syn, e));
  const s = ip.containers.newSet(false, items.map(asItem), false) as PyObject & { kind: 'set' };
  s.table = setTable(ip.python, (s.items as PyObject[]).length, 'literal', constant);
  return ip.alloc(s, n);
}

export function comprehension(ip: Interpreter, n: SyntaxNode): Value {
  const big = bigComprehension(ip, n);
  if (big) return big;
  const body = ip.syn.kids(n)[0]!;
  const clauses = ip.syn.kids(n).slice(1);
  const results: Value[] = [];
  const pairs: Array<[Value, Value]> = [];
  // Comprehensions run in their own scope (a nested function up to 3.11; 3.12 inlines them, PEP 709, but the
  // loop variables stay hidden): a scratch frame that shares the enclosing frame's cells.
  const outer = ip.frame;
  const frame = newFrame('<comprehension>', outer.kind === 'function' ? 'function' : 'function');
  frame.fn = outer.fn;
  frame.cells = outer.cells; // never written in place (copy on write), so sharing is a copy
  const lookupOuter = outer;
  frame.vars = new Map(lookupOuter.kind === 'function' ? lookupOuter.vars : []);
  const loopNames = new Set<string>();
  for (const c of clauses) if (c.type === 'for_in_clause') for (const id of ip.scopes.targetNames(ip.syn, ip.syn.field(c, 'left')!)) loopNames.add(id);
  ip.stack.push(frame);
  let iterations = 0;
  try {
    const run = (i: number): void => {
      if (i === clauses.length) {
        if (++iterations > MAX_FOR) throw new BudgetExceeded(`comprehension stopped after ${MAX_FOR} items`);
        if (n.type === 'dictionary_comprehension') pairs.push([ip.eval(ip.syn.field(body, 'key')!), ip.eval(ip.syn.field(body, 'value')!)]);
        else results.push(ip.eval(body));
        return;
      }
      const c = clauses[i]!;
      if (c.type === 'for_in_clause') {
        const it = ip.eval(ip.syn.field(c, 'right')!);
        const items = iterateValue(ip, it, c, MAX_FOR + 1);
        if (!items) {
          results.push(ip.unknown('comprehension over a value the model cannot iterate', c));
          return;
        }
        for (const item of items) {
          ip.store(ip.syn.field(c, 'left')!, item);
          run(i + 1);
        }
      } else if (c.type === 'if_clause') {
        if (ip.condition(ip.syn.kids(c)[0]!)) run(i + 1);
      }
    };
    run(0);
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    ip.diagnose(e.message, n);
  } finally {
    ip.stack.pop();
    // Names the comprehension bound in the copied frame stay hidden; writes to outer names (walrus) go back.
    if (outer.kind === 'function') for (const [k, v] of frame.vars) if (!loopNames.has(k) && outer.vars.get(k) !== v) outer.vars.set(k, v);
  }
  switch (n.type) {
    case 'list_comprehension':
      return ip.newList(results, listCapacity(ip.python, results.length, 'comprehension'), n);
    case 'set_comprehension':
      return ip.alloc(ip.containers.newSet(false, results.map(asItem), false), n);
    case 'dictionary_comprehension': {
      const d = ip.alloc(ip.containers.newDict(), n);
      for (const [k, v] of pairs) ip.containers.dictSet(d, asItem(k), asItem(v));
      return d;
    }
    default:
      // A generator expression: evaluated eagerly here (its items are what consumers see); its own size depends on
      // its frame and is unknown.
      return ip.alloc<OpaqueValue>({ kind: 'opaque', typeName: 'generator', refs: [], items: results, unknownSize: 'a generator\'s size depends on its frame' }, n);
  }
}

export function subscript(ip: Interpreter, n: SyntaxNode): Value {
  const v = ip.eval(ip.syn.field(n, 'value')!);
  const sub = ip.syn.field(n, 'subscript')!;
  if (sub.type === 'slice') {
    const parts = ip.syn.kids(sub).map((p) => ip.eval(p));
    return callBuiltin(ip, { kind: 'builtin', name: '.__getslice__', self: v }, parts, new Map([['text', ip.f.str(ip.syn.text(sub))]]), n);
  }
  if (v.kind === 'class' || (v.kind === 'builtin' && !v.self)) return v; // generic alias `list[int]`, `Dict[str, int]`
  const key = ip.eval(sub);
  return callBuiltin(ip, { kind: 'builtin', name: '.__getitem__', self: v }, [key], new Map(), n);
}

export function comparison(ip: Interpreter, n: SyntaxNode): Value {
  const operands = ip.syn.kids(n);
  const ops = n.children.filter((c): c is SyntaxNode => c !== null && !c.isNamed).map((c) => c.text);
  let result: boolean | undefined = true;
  let left = ip.eval(operands[0]!);
  for (let i = 1; i < operands.length && result; i++) {
    const right = ip.eval(operands[i]!);
    const r = compareValues(ip, ops[i - 1] ?? '', left, right);
    if (r === undefined) return ip.unknown('comparison the model cannot decide', n);
    result = r;
    left = right;
  }
  return ip.f.bool(result === true);
}

export function binary(ip: Interpreter, op: string, a: Value, b: Value, node: SyntaxNode): Value {
  if ((a.kind === 'int' || a.kind === 'bool') && (b.kind === 'int' || b.kind === 'bool')) {
    const x = a.kind === 'int' ? a.value : BigInt(a.value);
    const y = b.kind === 'int' ? b.value : BigInt(b.value);
    const r = intOp(op, x, y);
    if (r === undefined) return op === '/' ? ip.alloc({ kind: 'float', value: Number(x) / Number(y) } as PyObject, node) : ip.unknown(`int ${op} is not modelled`, node);
    if (r === 'zero') return ip.raise('ZeroDivisionError', 'division by zero', node);
    return ip.alloc(ip.f.int(r), node);
  }
  if ((a.kind === 'float' || a.kind === 'int') && (b.kind === 'float' || b.kind === 'int') && ['+', '-', '*', '/'].includes(op)) {
    const x = Number(a.value);
    const y = Number(b.value);
    const v = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y;
    return ip.alloc({ kind: 'float', value: v } as PyObject, node);
  }
  if (op === '+' && a.kind === 'str' && b.kind === 'str') {
    if (b.value === '') return a;
    if (a.value === '') return b;
    return ip.alloc(ip.f.str(a.value + b.value), node);
  }
  if (op === '%' && a.kind === 'str') return ip.unknown('%-formatting is not modelled', node);
  if (op === '*' && ((a.kind === 'str' && b.kind === 'int') || (a.kind === 'int' && b.kind === 'str'))) {
    const s = (a.kind === 'str' ? a : b) as { value: string };
    const times = Number(a.kind === 'int' ? a.value : (b as { value: bigint }).value);
    // `unicode_repeat`: one repetition returns the same object, none the '' singleton.
    if (times === 1) return a.kind === 'str' ? a : b;
    if (s.value.length * Math.max(times, 0) > 50_000_000) return ip.unknown('string too large to simulate', node);
    return ip.alloc(ip.f.str(times <= 0 ? '' : s.value.repeat(times)), node);
  }
  if (op === '+' && a.kind === 'bytes' && b.kind === 'bytes') return ip.alloc({ kind: 'bytes', length: a.length + b.length } as PyObject, node);
  if (op === '*' && a.kind === 'bytes' && b.kind === 'int') return ip.alloc({ kind: 'bytes', length: a.length * Math.max(0, Number(b.value)) } as PyObject, node);
  if (a.kind === 'list' || a.kind === 'tuple') return callBuiltin(ip, { kind: 'builtin', name: `.__${op === '+' ? 'add' : op === '*' ? 'mul' : 'op'}__`, self: a }, [b], new Map(), node);
  if (b.kind === 'list' && op === '*') return callBuiltin(ip, { kind: 'builtin', name: '.__mul__', self: b }, [a], new Map(), node);
  if ((a.kind === 'set' || a.kind === 'dict') && ['|', '&', '-', '^'].includes(op)) return callBuiltin(ip, { kind: 'builtin', name: `.__${op}__`, self: a }, [b], new Map(), node);
  if (a.kind === 'instance') {
    const cls = ip.classOf.get(a.cls);
    const name = BINARY_DUNDER[op];
    const m = cls && name ? ip.classAttr(cls, name) : undefined;
    if (m?.kind === 'function') return ip.callFunction(m, [a, b], new Map(), node);
  }
  return ip.unknown(`${op} on ${a.kind} and ${b.kind} is not modelled`, node);
}
