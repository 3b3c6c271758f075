// Re-creating a node of a new tree from a node of the previous tree, without walking to it. After an incremental
// re-parse, tree-sitter shares every subtree the edit did not touch between the old and the new tree (the same
// `Subtree` object, so the same `node.id`). A node inside such a shared subtree is fully described by its id, its
// alias symbol, the tree it belongs to and its start (index and point), and the start is the old start shifted
// by however far the shared subtree moved. web-tree-sitter 0.25 builds its `Node` objects from exactly these
// fields (`unmarshalNode` in `src/marshal.ts`) but keeps the constructor internal, so this module builds the same
// object from the prototype. It depends on web-tree-sitter's internals: the version is pinned (0.25.10), and
// `nodeHandlesWork` checks the layout once against a real node so a different layout falls back to full walks.
import type { SyntaxNode, Tree } from './python-parser';

interface NodeFields {
  0: number;
  _children: unknown;
  _namedChildren: unknown;
  id: number;
  tree: Tree;
  startIndex: number;
  startPosition: { row: number; column: number };
}

/**
 * web-tree-sitter's `node[0]`: the alias symbol the node has in its parent's production. With `node.id` it
 * identifies a node across trees that share its subtree, without holding the node (and its tree) alive.
 */
export function aliasOf(node: SyntaxNode): number {
  return (node as unknown as NodeFields)[0];
}

/** A node of `tree` with the subtree `id` (and `alias`), starting at the given index and point; `like` is any node. */
export function nodeAt(like: SyntaxNode, id: number, alias: number, tree: Tree, startIndex: number, row: number, column: number): SyntaxNode {
  const copy = Object.create(Object.getPrototypeOf(like)) as NodeFields;
  // Same field order as web-tree-sitter's constructor, so the copies share the originals' hidden class.
  copy[0] = alias;
  copy._children = undefined;
  copy._namedChildren = undefined;
  copy.id = id;
  copy.tree = tree;
  copy.startIndex = startIndex;
  copy.startPosition = { row, column };
  return copy as unknown as SyntaxNode;
}

let verified: boolean | undefined;

/** Whether nodeAt reproduces a real node of this web-tree-sitter build (checked once per process). */
export function nodeHandlesWork(sample: SyntaxNode): boolean {
  if (verified !== undefined) return verified;
  try {
    const child = sample.firstNamedChild ?? sample;
    const copy = nodeAt(child, child.id, aliasOf(child), child.tree, child.startIndex, child.startPosition.row, child.startPosition.column);
    verified =
      copy.type === child.type &&
      copy.endIndex === child.endIndex &&
      copy.endPosition.row === child.endPosition.row &&
      copy.endPosition.column === child.endPosition.column &&
      copy.childCount === child.childCount &&
      copy.equals(child) &&
      (copy.parent?.id ?? 0) === (child.parent?.id ?? 0);
  } catch {
    verified = false;
  }
  return verified;
}
