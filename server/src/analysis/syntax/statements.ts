// Statements and expressions as tree-sitter gives them, without what it adds for the layout: comments and
// backslash continuations among a block's children, redundant parentheses around an expression.
import type { SyntaxNode } from '../../parse/python-parser';

/** The statements of a block, without comments and backslash continuations (tree-sitter gives both as children). */
export function statementsOf(block: SyntaxNode | null): SyntaxNode[] {
  if (!block) return [];
  return block.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment' && c.type !== 'line_continuation');
}

/** True for a statement that is only a string literal (a docstring when it comes first in a body). */
export function isStringStatement(statement: SyntaxNode): boolean {
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return false;
  const only = statement.namedChild(0);
  return only !== null && (only.type === 'string' || only.type === 'concatenated_string');
}

/** Strips redundant parentheses: `([1])` -> `[1]`. */
export function unparenthesized(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) {
    const inner = current.namedChild(0);
    if (!inner || inner.type === 'comment') break;
    current = inner;
  }
  return current;
}
