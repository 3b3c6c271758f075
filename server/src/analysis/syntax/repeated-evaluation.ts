// Whether an expression runs once per item of some iteration in its function: inside a `for`/`while` body or a
// comprehension's element, condition or inner loop (the first `for ... in X` of a comprehension evaluates X once).
// Walks parents only (depth of the statement nesting), so it is cheap to ask for many nodes.
import type { SyntaxNode } from '../../parse/python-parser';

export type RepetitionKind = 'loop' | 'comprehension';

export interface Repetition {
  kind: RepetitionKind;
  /** The `for`/`while` statement or the comprehension. */
  node: SyntaxNode;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Scopes and statements past which repetition no longer applies: a `return`/`raise` leaves the loop after one item. */
const STOPS = new Set(['function_definition', 'lambda', 'class_definition', 'module', 'return_statement', 'raise_statement']);

/** The innermost loop or comprehension that evaluates `node` repeatedly, within its function; undefined if none. */
export function repeatingAncestor(node: SyntaxNode): Repetition | undefined {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (STOPS.has(parent.type)) return undefined;
    if (parent.type === 'for_statement') {
      if (sameNode(parent.childForFieldName('body'), child) && !iteratesFewLiterals(parent.childForFieldName('right'))) return { kind: 'loop', node: parent };
    } else if (parent.type === 'while_statement') {
      if (sameNode(parent.childForFieldName('body'), child) || sameNode(parent.childForFieldName('condition'), child)) return { kind: 'loop', node: parent };
    } else if (parent.type === 'for_in_clause') {
      const comprehension = parent.parent;
      if (!comprehension || !COMPREHENSIONS.has(comprehension.type)) continue;
      const firstClause = comprehension.namedChildren.find((c) => c?.type === 'for_in_clause');
      const once = sameNode(firstClause, parent) && sameNode(parent.childForFieldName('right'), child);
      if (once) {
        // Continue above the comprehension: its first iterable runs where the comprehension is.
        child = comprehension;
        parent = comprehension;
        continue;
      }
      if (!iteratesFewLiterals(parent.childForFieldName('right'))) return { kind: 'comprehension', node: comprehension };
    } else if (COMPREHENSIONS.has(parent.type)) {
      return { kind: 'comprehension', node: parent };
    }
  }
  return undefined;
}

function sameNode(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

/** `for x in (a, b, c)` or `range(3)`: a handful of items written out, not a bulk iteration. */
function iteratesFewLiterals(iterable: SyntaxNode | null): boolean {
  if (!iterable) return false;
  if (iterable.type === 'tuple' || iterable.type === 'list' || iterable.type === 'set') return iterable.namedChildCount <= 8;
  if (iterable.type === 'call' && iterable.childForFieldName('function')?.text === 'range') {
    const args = iterable.childForFieldName('arguments')?.namedChildren ?? [];
    if (args.length === 1 && args[0]?.type === 'integer') return Number(args[0].text.replace(/_/g, '')) <= 8;
  }
  return false;
}
