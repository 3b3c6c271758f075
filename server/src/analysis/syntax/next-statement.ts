// Straight-line control flow between statements, read from the syntax: which statement runs next when nothing
// raises. Used to tell "released in the very next statement" from "released later".
import type { SyntaxNode } from '../../parse/python-parser';

/**
 * The statement that runs right after `statement` when nothing raises: its next sibling, or, at the end of an
 * if/elif/else branch or a with body, the statement after the compound statement; at the end of a try body, the
 * else clause's first statement when there is one.
 */
export function nextExecutedStatement(statement: SyntaxNode): SyntaxNode | undefined {
  let current = statement;
  for (let step = 0; step < 8; step++) {
    const next = nextNamedSibling(current);
    if (next) return next;
    const block = current.parent;
    const owner = block?.parent;
    if (!block || block.type !== 'block' || !owner) return undefined;
    if (owner.type === 'try_statement' && owner.childForFieldName('body')?.id === block.id) {
      const elseClause = owner.namedChildren.find((c) => c?.type === 'else_clause');
      const first = elseClause?.childForFieldName('body')?.namedChildren.find((c) => c !== null && c.type !== 'comment');
      if (first) return first;
      current = owner;
      continue;
    }
    if (owner.type === 'elif_clause' || owner.type === 'else_clause') {
      const ifStatement = owner.parent;
      if (ifStatement?.type !== 'if_statement') return undefined;
      current = ifStatement;
      continue;
    }
    if (owner.type === 'if_statement' || owner.type === 'with_statement') {
      current = owner;
      continue;
    }
    return undefined;
  }
  return undefined;
}

function nextNamedSibling(node: SyntaxNode): SyntaxNode | undefined {
  let next = node.nextNamedSibling;
  while (next && next.type === 'comment') next = next.nextNamedSibling;
  // A clause of the same compound statement is not the next statement.
  if (next && (next.type === 'else_clause' || next.type === 'elif_clause' || next.type === 'except_clause' || next.type === 'finally_clause')) return undefined;
  return next ?? undefined;
}
