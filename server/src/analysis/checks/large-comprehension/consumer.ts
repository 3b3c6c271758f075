// Who consumes a list: the place a list comprehension, `list(range(n))` or `f.readlines()` is used decides whether
// a lazy iterator would do (the list is walked once and dropped) and what replacing it changes.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ModuleImports } from '../../module-imports';

/**
 * - reduce: `sum/min/max` walk every item and keep none of them (the whole list is waste).
 * - short-circuit: `any/all` may stop early: a generator skips the rest of the work.
 * - collect: `tuple/sorted` keep every item; the list is a temporary copy of the pointers.
 * - dedupe: `set/frozenset/dict` keep only unique items (dict keeps neither the (k, v) pairs): the list holds items
 *   the result drops.
 * - list-call: `list([...])` copies a fresh list into another one.
 * - count: `len([...])` keeps nothing but the number.
 * - membership: `x in [...]` stops at the first match.
 * - loop: a `for` statement, interleaved with its body.
 * - iterate: the iterable of another comprehension's `for` clause.
 */
export type ConsumerKind = 'reduce' | 'short-circuit' | 'collect' | 'dedupe' | 'list-call' | 'count' | 'membership' | 'loop' | 'iterate';

export interface Consumer {
  kind: ConsumerKind;
  /** How the message names it: `sum()`, `a for loop`, `in`. */
  label: string;
  /** The call whose argument the list is (for call consumers). */
  call?: SyntaxNode;
  /** The list is the call's only argument and the argument list has no trailing comma: `f(x for x in y)` is valid. */
  soleArgument: boolean;
  /** The `for` statement or the comprehension that iterates the list (loop / iterate kinds). */
  iterator?: SyntaxNode;
  /** enumerate()/zip() between the list and the consumer (they pull one item at a time). */
  wrappedBy?: string;
}

const CALL_CONSUMERS: ReadonlyMap<string, ConsumerKind> = new Map([
  ['sum', 'reduce'],
  ['min', 'reduce'],
  ['max', 'reduce'],
  ['any', 'short-circuit'],
  ['all', 'short-circuit'],
  ['tuple', 'collect'],
  ['sorted', 'collect'],
  ['set', 'dedupe'],
  ['frozenset', 'dedupe'],
  ['dict', 'dedupe'],
  ['list', 'list-call'],
  ['len', 'count'],
]);

/** Builtins that take any iterable and pull from it lazily; what consumes their result consumes the list. */
const LAZY_WRAPPERS: ReadonlySet<string> = new Set(['enumerate', 'zip']);

/** The consumer of the value `node` evaluates to, when it is one that takes any iterable and uses it once. */
export function consumerOf(node: SyntaxNode, imports: ModuleImports): Consumer | undefined {
  let current = node;
  let wrappedBy: string | undefined;
  // Each step climbs one wrapper (parentheses, enumerate, zip); a handful is plenty.
  for (let step = 0; step < 4; step++) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (parent.type === 'parenthesized_expression') {
      current = parent;
      continue;
    }
    if (parent.type === 'for_statement') {
      if (!isField(parent, 'right', current)) return undefined;
      return { kind: 'loop', label: 'a for loop', soleArgument: false, iterator: parent, wrappedBy };
    }
    if (parent.type === 'for_in_clause') {
      if (!isField(parent, 'right', current) || !parent.parent) return undefined;
      return { kind: 'iterate', label: 'the enclosing comprehension', soleArgument: false, iterator: parent.parent, wrappedBy };
    }
    if (parent.type === 'comparison_operator') {
      if (wrappedBy || !isMembershipTest(parent, current)) return undefined;
      return { kind: 'membership', label: '`in`', soleArgument: false };
    }
    if (parent.type !== 'argument_list') return undefined;
    const call = parent.parent;
    if (!call || call.type !== 'call') return undefined;
    const name = builtinCallee(call, imports);
    if (!name) return undefined;
    const position = positionalIndex(parent, current);
    if (position === undefined) return undefined;
    if (LAZY_WRAPPERS.has(name)) {
      if (wrappedBy) return undefined;
      // enumerate(iterable, start): only the first argument is the iterable.
      if (name === 'enumerate' && position !== 0) return undefined;
      wrappedBy = name;
      current = call;
      continue;
    }
    const kind = CALL_CONSUMERS.get(name);
    if (!kind || wrappedBy) {
      // enumerate([...]) handed to sum() etc.: rare, and not worth a special message.
      return undefined;
    }
    // sum(iterable, start); every other consumer takes exactly one positional argument (min/max with two or
    // more compare the arguments themselves).
    const maxPositional = name === 'sum' ? 2 : 1;
    if (position !== 0 || positionalCount(parent) > maxPositional) return undefined;
    if (hasSplatArgument(parent)) return undefined;
    return { kind, label: `${name}()`, call, soleArgument: isSoleArgument(parent), wrappedBy };
  }
  return undefined;
}

function isField(parent: SyntaxNode, field: string, child: SyntaxNode): boolean {
  const value = parent.childForFieldName(field);
  return value !== null && value.id === child.id;
}

/** `x in [...]` / `x not in [...]` with the list on the right of a single comparison. */
function isMembershipTest(comparison: SyntaxNode, operand: SyntaxNode): boolean {
  if (comparison.namedChildCount !== 2) return false;
  const right = comparison.namedChild(1);
  if (!right || right.id !== operand.id) return false;
  const operator = comparison.childrenForFieldName('operators')[0];
  return operator !== undefined && operator !== null && (operator.type === 'in' || operator.type === 'not in');
}

/** The builtin a call invokes directly (`sum(...)`), when the module does not rebind that name. */
export function builtinCallee(call: SyntaxNode, imports: ModuleImports): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn || fn.type !== 'identifier') return undefined;
  const name = fn.text;
  return imports.isBuiltin(name) ? name : undefined;
}

function isArgument(node: SyntaxNode): boolean {
  return node.type !== 'comment';
}

/** Index among positional arguments, undefined when `argument` is a keyword argument's value or not an argument. */
function positionalIndex(argumentList: SyntaxNode, argument: SyntaxNode): number | undefined {
  let index = 0;
  for (const child of argumentList.namedChildren) {
    if (!child || !isArgument(child)) continue;
    if (child.id === argument.id) return index;
    if (child.type !== 'keyword_argument' && child.type !== 'dictionary_splat') index++;
  }
  return undefined;
}

function positionalCount(argumentList: SyntaxNode): number {
  let count = 0;
  for (const child of argumentList.namedChildren) {
    if (child && isArgument(child) && child.type !== 'keyword_argument' && child.type !== 'dictionary_splat') count++;
  }
  return count;
}

/** `f(*a)` / `f(**k)`: the real positional arguments are unknown. */
function hasSplatArgument(argumentList: SyntaxNode): boolean {
  return argumentList.namedChildren.some((c) => c !== null && (c.type === 'list_splat' || c.type === 'dictionary_splat'));
}

/** One argument, no trailing comma: a bare generator expression may replace it (`f(x for x in y,)` is a syntax error). */
export function isSoleArgument(argumentList: SyntaxNode): boolean {
  const args = argumentList.namedChildren.filter((c) => c !== null && isArgument(c));
  if (args.length !== 1) return false;
  for (let i = 0; i < argumentList.childCount; i++) if (argumentList.child(i)?.type === ',') return false;
  return true;
}
