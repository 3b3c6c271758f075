// What turning a list comprehension into a generator expression would change. The outermost iterable is
// evaluated at once in both forms (PEP 289); everything else (the element, the `if` conditions, the inner
// iterables) runs later and lazily in a generator, interleaved with the consumer, and only as far as the consumer
// pulls.
import type { SyntaxNode } from '../../../parse/python-parser';
import { findInSubtree } from '../../syntax/subtree-search';

/** The parts of a comprehension that a generator evaluates lazily: the element, the conditions, inner iterables. */
export function lazyParts(comprehension: SyntaxNode): SyntaxNode[] {
  const parts: SyntaxNode[] = [];
  let firstClause = true;
  for (const child of comprehension.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'for_in_clause' && firstClause) {
      firstClause = false;
      continue; // its target binds only; its iterable is evaluated eagerly either way
    }
    parts.push(child);
  }
  return parts;
}

export function outermostIterable(comprehension: SyntaxNode): SyntaxNode | undefined {
  const clause = comprehension.namedChildren.find((c) => c?.type === 'for_in_clause');
  return clause?.childForFieldName('right') ?? undefined;
}

export function forClauses(comprehension: SyntaxNode): SyntaxNode[] {
  return comprehension.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type === 'for_in_clause');
}

export function hasIfClause(comprehension: SyntaxNode): boolean {
  return comprehension.namedChildren.some((c) => c?.type === 'if_clause');
}

const NOT_EVALUATED_HERE = (node: SyntaxNode): boolean => node.type === 'lambda';

/**
 * An `async for` clause or an `await` outside the outermost iterable makes the comprehension asynchronous: as a
 * generator expression it would be an async generator, which sum(), any() or a plain `for` cannot consume.
 */
export function isAsynchronous(comprehension: SyntaxNode): boolean {
  for (const part of [comprehension.namedChildren.find((c) => c?.type === 'for_in_clause'), ...lazyParts(comprehension)]) {
    if (!part) continue;
    const found = findInSubtree(
      part,
      (n) => n.type === 'await' || (n.type === 'for_in_clause' && n.child(0)?.type === 'async'),
      { prune: NOT_EVALUATED_HERE },
    );
    if (found && !(part.type === 'for_in_clause' && found.type === 'await' && isInsideField(found, part, 'right'))) return true;
  }
  return false;
}

function isInsideField(node: SyntaxNode, owner: SyntaxNode, field: string): boolean {
  const value = owner.childForFieldName(field);
  return value !== null && node.startIndex >= value.startIndex && node.endIndex <= value.endIndex;
}

/**
 * True when some lazily evaluated part could do something observable: a call, an `await`, a walrus (`:=` binds
 * in the enclosing scope) or a `yield`. Attribute reads and operators are treated as pure: they can only raise,
 * and a generator that stops early raises less, never more.
 */
export function lazyPartsMayHaveEffects(comprehension: SyntaxNode): boolean {
  return lazyParts(comprehension).some((part) => mayHaveEffects(part));
}

export function mayHaveEffects(node: SyntaxNode): boolean {
  return findInSubtree(node, (n) => EFFECT_TYPES.has(n.type), { prune: NOT_EVALUATED_HERE }) !== undefined;
}

const EFFECT_TYPES: ReadonlySet<string> = new Set(['call', 'await', 'named_expression', 'yield']);

/** The opening and closing bracket tokens of a comprehension or display. */
export function brackets(node: SyntaxNode): { open: SyntaxNode; close: SyntaxNode } | undefined {
  const open = node.child(0);
  const close = node.child(node.childCount - 1);
  if (!open || !close || open.type === close.type) return undefined;
  return { open, close };
}

/** The dotted name an iterable reads from, minus a trailing method call: `self.cache.items()` -> `self.cache`. */
export function sourcePath(iterable: SyntaxNode): string | undefined {
  let node: SyntaxNode | null = iterable;
  if (node.type === 'call') node = node.childForFieldName('function');
  if (node?.type === 'attribute' && iterable.type === 'call') node = node.childForFieldName('object');
  if (!node || (node.type !== 'identifier' && node.type !== 'attribute')) return undefined;
  for (let n: SyntaxNode | null = node; n; n = n.type === 'attribute' ? n.childForFieldName('object') : null) {
    if (n.type !== 'identifier' && n.type !== 'attribute') return undefined;
  }
  return node.text;
}

/** True when `scope` mentions the name at the root of `path` (`d` for `d.items`). */
export function mentionsRoot(scope: SyntaxNode, path: string): boolean {
  const root = path.split('.')[0];
  return findInSubtree(scope, (n) => n.type === 'identifier' && n.text === root) !== undefined;
}
