// Big loops summarised instead of unrolled: a comprehension over a big range, or a `for` over one whose body is a
// single `lst.append(<element>)`, with an element the model can describe for every i at once:
//   i, i*k, i+k, k-i...   (an affine int: one int run)        str(<affine>)  (strs bucketed by digit count)
//   float(<affine>)       (one float per item)                a constant     (one object repeated)
//   (e1, e2, ...) / [e1, e2, ...] of those (one container per item, plus the element summaries)
// Sizes come from the layout model per bucket; counts are exact, so totals are exact.
import type { SyntaxNode } from '../../parse/python-parser';
import { strSize, floatSize } from '../layout/scalars';
import { listCapacity, listSize, tupleSize } from '../layout/sequences';
import { roundUp8 } from '../layout/version-facts';
import type { IntRun, PyObject } from '../layout/objects';
import { setTableIncremental } from '../layout/set';
import { intRunSummary } from './graph';
import { countIn } from './int-runs';
import { isConstantExpr } from './constant-folding';
import { type Interpreter, SUMMARY_THRESHOLD } from './interpreter';
import type { RangeValue, SummaryRun, SummaryValue, Value } from './values';

type ElementForm =
  | { kind: 'affine'; a: number; b: number }
  | { kind: 'const'; node: SyntaxNode }
  | { kind: 'str'; of: { a: number; b: number } }
  | { kind: 'float'; of: { a: number; b: number } }
  | { kind: 'tuple' | 'list'; items: ElementForm[]; constantItems: boolean };

function smallConstInt(ip: Interpreter, n: SyntaxNode): number | undefined {
  const v = ip.fold(n);
  return v?.kind === 'int' && v.value > -1_000_000n && v.value < 1_000_000n ? Number(v.value) : undefined;
}

/** Describes `e` as a function of the loop variable, or undefined when it is not one of the simple forms. */
function elementForm(ip: Interpreter, e: SyntaxNode, loopVar: string, depth = 0): ElementForm | undefined {
  const syn = ip.syn;
  if (depth > 3) return undefined;
  switch (e.type) {
    case 'identifier':
      return syn.text(e) === loopVar ? { kind: 'affine', a: 1, b: 0 } : undefined;
    case 'parenthesized_expression': {
      const inner = syn.kids(e)[0];
      return inner ? elementForm(ip, inner, loopVar, depth + 1) : undefined;
    }
    case 'binary_operator': {
      const op = syn.text(syn.field(e, 'operator')!);
      const l = syn.field(e, 'left')!;
      const r = syn.field(e, 'right')!;
      const lf = elementForm(ip, l, loopVar, depth + 1);
      const rf = elementForm(ip, r, loopVar, depth + 1);
      const lc = smallConstInt(ip, l);
      const rc = smallConstInt(ip, r);
      if (lf?.kind === 'affine' && rc !== undefined) {
        if (op === '+') return { kind: 'affine', a: lf.a, b: lf.b + rc };
        if (op === '-') return { kind: 'affine', a: lf.a, b: lf.b - rc };
        if (op === '*' && rc !== 0) return { kind: 'affine', a: lf.a * rc, b: lf.b * rc };
      }
      if (rf?.kind === 'affine' && lc !== undefined) {
        if (op === '+') return { kind: 'affine', a: rf.a, b: rf.b + lc };
        if (op === '-') return { kind: 'affine', a: -rf.a, b: lc - rf.b };
        if (op === '*' && lc !== 0) return { kind: 'affine', a: rf.a * lc, b: rf.b * lc };
      }
      return undefined;
    }
    case 'call': {
      const fn = syn.text(syn.field(e, 'function')!);
      const args = syn.kids(syn.field(e, 'arguments')!);
      if ((fn !== 'str' && fn !== 'float') || args.length !== 1 || ip.frame.vars.has(fn) || ip.module.vars.has(fn)) return undefined;
      const inner = elementForm(ip, args[0]!, loopVar, depth + 1);
      if (inner?.kind !== 'affine') return undefined;
      return fn === 'str' ? { kind: 'str', of: inner } : { kind: 'float', of: inner };
    }
    case 'tuple':
    case 'list': {
      const kids = syn.kids(e);
      if (kids.length === 0 || kids.length > 8) return undefined;
      const items = kids.map((k) => elementForm(ip, k, loopVar, depth + 1));
      if (items.some((x) => !x || x.kind === 'tuple' || x.kind === 'list')) return undefined;
      return { kind: e.type, items: items as ElementForm[], constantItems: kids.every((k) => isConstantExpr(syn, k)) };
    }
    default:
      if (isConstantExpr(syn, e) && !(e.type === 'tuple')) return { kind: 'const', node: e };
      return undefined;
  }
}

/** The int run `a*i + b` over the range. */
function affineRun(r: RangeValue, count: number, f: { a: number; b: number }): IntRun {
  return { kind: 'int-run', start: f.a * r.start + f.b, step: f.a * r.step, count };
}

/** str(v) for v in the run: distinct strs bucketed by length; one-character ones are the cached Latin-1 singletons. */
function strSummary(ip: Interpreter, run: IntRun): SummaryValue {
  let count = 0;
  let bytes = 0;
  const cached: Value[] = [];
  for (let d = 1; d <= 16; d++) {
    const lo = d === 1 ? 0 : 10 ** (d - 1);
    const hi = 10 ** d;
    const positives = countIn(run.start, run.step, run.count, lo, hi);
    const negatives = countIn(run.start, run.step, run.count, -hi + 1, -lo + (d === 1 ? 0 : 1));
    if (d === 1) {
      for (let v = 0; v <= 9; v++) if (countIn(run.start, run.step, run.count, v, v + 1)) cached.push(ip.f.str(String(v)));
    } else {
      count += positives;
      bytes += positives * roundUp8(strSize(ip.python, '1'.repeat(d)));
    }
    count += negatives;
    bytes += negatives * roundUp8(strSize(ip.python, '-' + '1'.repeat(d)));
  }
  return { kind: 'summary', typeName: 'str', count, bytes, parts: cached };
}

interface Built {
  items: PyObject[] | IntRun | { kind: 'repeat'; item: PyObject; count: number } | SummaryRun;
}

function buildItems(ip: Interpreter, form: ElementForm, r: RangeValue, count: number, node: SyntaxNode): Built {
  switch (form.kind) {
    case 'affine':
      return { items: affineRun(r, count, form) };
    case 'const':
      return { items: { kind: 'repeat', item: ip.eval(form.node) as PyObject, count } };
    case 'str':
      return { items: { kind: 'summary-run', count, parts: [ip.alloc(strSummary(ip, affineRun(r, count, form.of)), node)] } };
    case 'float':
      return { items: { kind: 'summary-run', count, parts: [ip.alloc<SummaryValue>({ kind: 'summary', typeName: 'float', count, bytes: count * roundUp8(floatSize(ip.python)), parts: [] }, node)] } };
    default: {
      // One container per item; equal element forms (`(i, i)`) are the same objects.
      const parts: Value[] = [];
      const seen = new Map<string, Value>();
      for (const item of form.items) {
        const key = JSON.stringify(item.kind === 'const' ? ip.syn.text(item.node) : item);
        if (seen.has(key)) continue;
        const built = buildItems(ip, item, r, count, node).items;
        const part: Value = Array.isArray(built) ? (built[0] as Value) : built.kind === 'repeat' ? (built.item as Value) : built.kind === 'int-run' ? intRunSummary(ip.python, built, (v) => ip.f.int(v)) : built.parts[0]!;
        seen.set(key, part);
        parts.push(part);
      }
      const k = form.items.length;
      const each = form.kind === 'tuple' ? tupleSize(ip.python, k) : listSize(ip.python, k, form.constantItems ? 'literal' : 'literal-names');
      const summary = ip.alloc<SummaryValue>({ kind: 'summary', typeName: form.kind, count, bytes: count * roundUp8(each), parts }, node);
      return { items: { kind: 'summary-run', count, parts: [summary] } };
    }
  }
}

function bigRange(v: Value): RangeValue | undefined {
  if (v.kind !== 'range') return undefined;
  const count = Math.max(0, Math.ceil((v.stop - v.start) / v.step));
  return count > SUMMARY_THRESHOLD ? v : undefined;
}

function rangeCount(r: RangeValue): number {
  return Math.max(0, Math.ceil((r.stop - r.start) / r.step));
}

/** `[<element> for i in range(big)]` (and the set form over ints), or undefined to evaluate it item by item. */
export function bigComprehension(ip: Interpreter, n: SyntaxNode): Value | undefined {
  if (n.type !== 'list_comprehension' && n.type !== 'set_comprehension' && n.type !== 'generator_expression') return undefined;
  const kids = ip.syn.kids(n);
  if (kids.length !== 2 || kids[1]!.type !== 'for_in_clause') return undefined;
  const clause = kids[1]!;
  const left = ip.syn.field(clause, 'left')!;
  const rightNode = ip.syn.field(clause, 'right')!;
  if (left.type !== 'identifier' || ip.syn.kids(clause).length > 2) return undefined;
  // Only a literal `range(...)` call is evaluated here (it has no side effects).
  if (rightNode.type !== 'call' || ip.syn.text(ip.syn.field(rightNode, 'function')!) !== 'range') return undefined;
  const r = bigRange(ip.eval(rightNode));
  if (!r) return undefined;
  const count = rangeCount(r);
  if (n.type === 'generator_expression') {
    ip.diagnose(`generator over ${count} items: its items are not simulated`, n);
    return ip.alloc({ kind: 'opaque', typeName: 'generator', refs: [], unknownSize: "a generator's size depends on its frame" }, n);
  }
  const form = elementForm(ip, kids[0]!, ip.syn.text(left));
  if (!form) return undefined;
  if (n.type === 'set_comprehension') {
    if (form.kind !== 'affine' || form.a === 0) return undefined;
    // `set_add_entry` per item: distinct ints, incremental growth.
    return ip.alloc({ kind: 'set', frozen: false, items: affineRun(r, count, form), table: setTableIncremental(count), fill: count } as PyObject, n);
  }
  const built = buildItems(ip, form, r, count, n);
  return ip.alloc({ kind: 'list', items: built.items, capacity: listCapacity(ip.python, count, 'comprehension') } as PyObject, n);
}

/** `for i in range(big): lst.append(<element>)` into an empty list: the list grows by appends (`list_resize`). */
export function bigAppendLoop(ip: Interpreter, forNode: SyntaxNode, left: SyntaxNode, iterable: Value): boolean {
  const r = bigRange(iterable);
  if (!r || left.type !== 'identifier') return false;
  const body = ip.syn.field(forNode, 'body');
  const stmts = body ? ip.syn.kids(body) : [];
  if (stmts.length !== 1 || stmts[0]!.type !== 'expression_statement' || ip.syn.kids(forNode).some((k) => k.type === 'else_clause')) return false;
  const call = ip.syn.kids(stmts[0]!)[0];
  if (call?.type !== 'call') return false;
  const fn = ip.syn.field(call, 'function')!;
  const args = ip.syn.kids(ip.syn.field(call, 'arguments')!);
  if (fn.type !== 'attribute' || ip.syn.text(ip.syn.field(fn, 'attribute')!) !== 'append' || args.length !== 1) return false;
  const target = ip.eval(ip.syn.field(fn, 'object')!);
  if (target.kind !== 'list' || !Array.isArray(target.items) || target.items.length !== 0) return false;
  const form = elementForm(ip, args[0]!, ip.syn.text(left));
  if (!form) return false;
  const count = rangeCount(r);
  target.items = buildItems(ip, form, r, count, call).items as PyObject[];
  target.capacity = listCapacity(ip.python, count, 'append');
  ip.storeName(ip.syn.text(left), ip.f.int(r.start + (count - 1) * r.step));
  return true;
}
