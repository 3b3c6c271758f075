// Positions in MemLens's core are 0-based lines and UTF-16 columns, the same units tree-sitter's web binding
// reports for JavaScript strings and the default of LSP, so no conversion is needed on the way out.
import type { SyntaxNode } from './python-parser';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

export function rangeOf(node: SyntaxNode): SourceRange {
  return {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  };
}

export function rangeBetween(first: SyntaxNode, last: SyntaxNode): SourceRange {
  return { start: rangeOf(first).start, end: rangeOf(last).end };
}

export function comparePositions(a: SourcePosition, b: SourcePosition): number {
  return a.line - b.line || a.column - b.column;
}
