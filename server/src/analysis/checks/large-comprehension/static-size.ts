// How big a list is when the source alone says so: a comprehension over `range(<constants>)` without `if`, or
// `list(range(<constants>))`. Every byte count comes from the memory model (server/src/model/layout); this file
// only counts objects.
import type { SyntaxNode } from '../../../parse/python-parser';
import { floatSize, intSize, listSize, roundUp8, type ListConstruction } from '../../../model/layout';
import type { ModuleImports } from '../../module-imports';
import type { PythonVersion } from '../../python-version';
import { staticInt, floorDiv } from '../../syntax/static-int';
import { builtinCallee } from './consumer';
import { forClauses, hasIfClause } from './comprehension-shape';

export interface StaticRange {
  start: bigint;
  stop: bigint;
  step: bigint;
  length: number;
}

/** `range(stop)`, `range(start, stop[, step])` of the builtin with constant arguments. */
export function staticRange(node: SyntaxNode | null | undefined, imports: ModuleImports): StaticRange | undefined {
  if (!node || node.type !== 'call' || builtinCallee(node, imports) !== 'range') return undefined;
  const args = node.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  const values: bigint[] = [];
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    const value = staticInt(arg);
    if (value === undefined) return undefined;
    values.push(value);
  }
  if (values.length < 1 || values.length > 3) return undefined;
  const [start, stop, step] = values.length === 1 ? [0n, values[0], 1n] : [values[0], values[1], values[2] ?? 1n];
  if (step === 0n) return undefined;
  // `Objects/rangeobject.c` `compute_range_length`.
  let length = 0n;
  if (step > 0n && start < stop) length = floorDiv(stop - start - 1n, step) + 1n;
  else if (step < 0n && start > stop) length = floorDiv(start - stop - 1n, -step) + 1n;
  if (length > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { start, stop, step, length: Number(length) };
}

/** What each element of the list is, as far as the size goes. */
export type ElementKind =
  | 'range-int' // the range's own values: ints whose sizes are known exactly
  | 'shared' //    one constant object referenced n times (`[0 for _ in range(n)]`, `None`)
  | 'float' //     a new float per item
  | 'unknown';

export interface StaticListSize {
  length: number;
  elementKind: ElementKind;
  /** The list object: header + pointer array with its over-allocation. */
  listBytes: number;
  /** The element objects the list keeps alive (deep-size rule: each rounded up to 8); undefined when unknown. */
  elementBytes: number | undefined;
}

/** A comprehension `[<elt> for <name> in range(<constants>)]` (one clause, no `if`). */
export function comprehensionSize(comprehension: SyntaxNode, imports: ModuleImports, python: PythonVersion): StaticListSize | undefined {
  const clauses = forClauses(comprehension);
  if (clauses.length !== 1 || hasIfClause(comprehension)) return undefined;
  const iterable = clauses[0].childForFieldName('right');
  const target = clauses[0].childForFieldName('left');
  const body = comprehension.childForFieldName('body');
  const loopName = target?.type === 'identifier' ? target.text : undefined;
  const range = staticRange(iterable, imports);
  if (range) return sized(python, range, elementKind(body, loopName), 'comprehension');
  const length = iterable ? displayLength(iterable) : undefined;
  if (length === undefined) return undefined;
  // Over a display the loop variable's items already exist: the list only adds references to them.
  const kind = body?.type === 'identifier' && body.text === loopName ? 'shared' : elementKind(body, undefined);
  return sized(python, { start: 0n, stop: BigInt(length), step: 1n, length }, kind === 'range-int' ? 'unknown' : kind, 'comprehension');
}

/** `(a, b, c)`, `[a, b]`, `{a, b}`: the number of items when no `*x` unpacks into it. */
function displayLength(node: SyntaxNode): number | undefined {
  if (node.type !== 'tuple' && node.type !== 'list' && node.type !== 'set') return undefined;
  const items = node.namedChildren.filter((c) => c !== null && c.type !== 'comment');
  return items.some((c) => c?.type === 'list_splat') ? undefined : items.length;
}

/** `list(range(<constants>))`. */
export function rangeListSize(range: StaticRange, python: PythonVersion): StaticListSize {
  return sized(python, range, 'range-int', 'range-list');
}

function sized(python: PythonVersion, range: StaticRange, kind: ElementKind, built: ListConstruction): StaticListSize {
  return {
    length: range.length,
    elementKind: kind,
    listBytes: listSize(python, range.length, built),
    elementBytes: elementBytes(python, range, kind),
  };
}

function elementKind(body: SyntaxNode | null, loopName: string | undefined): ElementKind {
  if (!body) return 'unknown';
  if (body.type === 'identifier' && body.text === loopName) return 'range-int';
  if (SHARED_CONSTANT_TYPES.has(body.type)) return 'shared';
  if (isFloatValued(body)) return 'float';
  return 'unknown';
}

/** Constants are created once with the code object and shared by every item. */
const SHARED_CONSTANT_TYPES: ReadonlySet<string> = new Set(['integer', 'float', 'true', 'false', 'none', 'string', 'concatenated_string']);

/** `i / 2`, `i * 0.5`, `float(i)`: true division and float operands give a new float per item. */
function isFloatValued(body: SyntaxNode): boolean {
  if (body.type === 'call') {
    const fn = body.childForFieldName('function');
    return fn?.type === 'identifier' && fn.text === 'float';
  }
  if (body.type !== 'binary_operator') return false;
  const op = body.childForFieldName('operator')?.type;
  if (op === '/') return true;
  if (op !== '+' && op !== '-' && op !== '*') return false;
  return [body.childForFieldName('left'), body.childForFieldName('right')].some((side) => side?.type === 'float');
}

/** `Objects/longobject.c`: -5..256 are preallocated (`_PY_NSMALLNEGINTS`, `_PY_NSMALLPOSINTS`) and never counted. */
const SMALL_INT_MIN = -5n;
const SMALL_INT_MAX = 256n;
const DIGIT_BITS = 30n;

function elementBytes(python: PythonVersion, range: StaticRange, kind: ElementKind): number | undefined {
  switch (kind) {
    case 'shared':
      return 0;
    case 'float':
      return range.length * roundUp8(floatSize(python));
    case 'range-int':
      return rangeIntBytes(python, range);
    case 'unknown':
      return undefined;
  }
}

/** Sums the ints of a range by digit count: all ints with the same number of 30-bit digits have one size. */
function rangeIntBytes(python: PythonVersion, range: StaticRange): number {
  if (range.length === 0) return 0;
  const last = range.start + BigInt(range.length - 1) * range.step;
  const maxAbs = [range.start, last].map((v) => (v < 0n ? -v : v)).reduce((a, b) => (a > b ? a : b));
  let total = 0;
  for (let digits = 1n; (1n << (DIGIT_BITS * (digits - 1n))) <= maxAbs; digits++) {
    const low = 1n << (DIGIT_BITS * (digits - 1n));
    const high = (1n << (DIGIT_BITS * digits)) - 1n;
    const count =
      countInInterval(range, low > SMALL_INT_MAX ? low : SMALL_INT_MAX + 1n, high) +
      countInInterval(range, -high, -low < SMALL_INT_MIN ? -low : SMALL_INT_MIN - 1n);
    total += count * roundUp8(intSize(python, low));
  }
  return total;
}

/** How many values of the range lie in [low, high]. */
function countInInterval(range: StaticRange, low: bigint, high: bigint): number {
  if (low > high) return 0;
  const n = BigInt(range.length);
  // Indices i with low <= start + i*step <= high, for a step of either sign.
  const [a, b] = range.step > 0n ? [low, high] : [high, low];
  const first = ceilDiv(a - range.start, range.step);
  const lastIndex = floorDiv(b - range.start, range.step);
  const from = first < 0n ? 0n : first;
  const to = lastIndex > n - 1n ? n - 1n : lastIndex;
  return to >= from ? Number(to - from + 1n) : 0;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}
