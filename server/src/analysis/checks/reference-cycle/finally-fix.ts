// The fix shared by kept exceptions and kept frames: run the rest of the function inside `try: ... finally:`
// and clear the name there, so the frame lets go of it on every path out (return, raise, falling off the end).
// The edit re-indents whole lines, so it is only offered where that cannot change a string's contents.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { Fix } from '../../finding';

export interface FinallyFixRequest {
  text: string;
  /** The block whose statements from `from` to its end are wrapped. */
  block: SyntaxNode;
  /** A direct child of `block`: the first statement to wrap. */
  from: SyntaxNode;
  /** The statement(s) to put in the `finally` block, e.g. `err = None`. */
  clear: string;
  title: string;
  safe: boolean;
}

export function clearInFinallyFix(req: FinallyFixRequest): Fix | undefined {
  const { text, block, from } = req;
  const last = lastStatement(block);
  if (!last || last.endIndex < from.startIndex) return undefined;
  const lineStart = from.startIndex - from.startPosition.column;
  const indent = text.slice(lineStart, from.startIndex);
  // A statement after `;` cannot start a block.
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const region = text.slice(lineStart, last.endIndex);
  // Re-indenting would change a multi-line string or a string continued with a backslash.
  if (region.includes('"""') || region.includes("'''") || /\\\r?\n/.test(region)) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indent.includes('\t') || /^\t/m.test(region) ? '\t' : '    ';
  const body = region
    .split('\n')
    .map((line) => (line.trim() === '' ? line : unit + line))
    .join('\n');
  const newText = `${indent}try:${eol}${body}${eol}${indent}finally:${eol}${indent}${unit}${req.clear}`;
  return {
    title: req.title,
    safe: req.safe,
    edits: [
      {
        range: { start: { line: from.startPosition.row, column: 0 }, end: { line: last.endPosition.row, column: last.endPosition.column } },
        newText,
      },
    ],
  };
}

function lastStatement(block: SyntaxNode): SyntaxNode | undefined {
  for (let i = block.namedChildCount - 1; i >= 0; i--) {
    const child = block.namedChild(i);
    if (child && child.type !== 'comment') return child;
  }
  return undefined;
}

/** The ancestor of `node` that is a direct child of `block` (the statement of `block` that contains it). */
export function statementIn(block: SyntaxNode, node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  while (current && current.parent && current.parent.id !== block.id) current = current.parent;
  return current?.parent ? current : undefined;
}
