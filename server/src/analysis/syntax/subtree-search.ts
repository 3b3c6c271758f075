// Searches inside one subtree with an explicit stack (no recursion: 10,000 nested brackets must not overflow).
import type { SyntaxNode } from '../../parse/python-parser';

export interface SearchOptions {
  /** Do not look inside nodes for which this returns true (the node itself is still tested). */
  prune?: (node: SyntaxNode) => boolean;
}

/** The first node of `root`'s subtree (root included), in document order, that matches. */
export function findInSubtree(root: SyntaxNode, matches: (node: SyntaxNode) => boolean, options: SearchOptions = {}): SyntaxNode | undefined {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (matches(node)) return node;
    if (node !== root && options.prune?.(node)) continue;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
  return undefined;
}

/** Every node of `root`'s subtree (root included) that matches, in document order. */
export function collectInSubtree(root: SyntaxNode, matches: (node: SyntaxNode) => boolean, options: SearchOptions = {}): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (matches(node)) found.push(node);
    if (node !== root && options.prune?.(node)) continue;
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child) stack.push(child);
    }
  }
  return found;
}

/** True when `inner`'s text range lies inside `outer`'s (a node is within itself). */
export function isWithin(inner: SyntaxNode, outer: SyntaxNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}
