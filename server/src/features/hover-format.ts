// Shared wording of the memory hovers: byte counts, the "how the number is made up" table, and the hover's range.
import type { SyntaxNode } from '../parse/python-parser';
import type { HoverAnswer } from './hover';

export const MILLION = 1_000_000;

export function bytes(n: number): string {
  if (n >= 10 * 1024 * 1024 * 1024) return `${Math.round(n / (1024 * 1024 * 1024))} GB`;
  if (n >= 10 * 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 10 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${n.toLocaleString('en-US')} bytes`;
}

export function partsTable(parts: ReadonlyArray<{ label: string; bytes: number }>): string[] {
  return ['| part | bytes |', '| --- | ---: |', ...parts.map((p) => `| ${p.label.replace(/\|/g, '\\|')} | ${p.bytes} |`)];
}

export function answerFor(node: SyntaxNode, lines: readonly string[]): HoverAnswer {
  return {
    markdown: lines.join('\n'),
    range: { start: { line: node.startPosition.row, column: node.startPosition.column }, end: { line: node.endPosition.row, column: node.endPosition.column } },
  };
}
