// Shared wording of the memory hovers: byte counts, the "how the number is made up" table, and the hover's range.
import { formatBytes } from '../analysis/byte-size-text';
import type { SyntaxNode } from '../parse/python-parser';
import type { HoverAnswer } from './hover';

export const MILLION = 1_000_000;

/** Small counts exactly; larger ones in the decimal units every message uses (analysis/byte-size-text.ts), so a
 *  hover and a diagnostic about the same class say the same number. */
export function bytes(n: number): string {
  return n < 10_000 ? `${n.toLocaleString('en-US')} bytes` : formatBytes(n);
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

/** The client command "Measure with Python" (client/src/measure-command.ts); it takes (document URI, position). */
export const MEASURE_COMMAND = 'memlens.measureWithPython';

/**
 * The hover's last line: a command link that runs the snippet for this position in the user's interpreter. Only for
 * clients that said they run command links (`initializationOptions.commandLinks`, sent by the VS Code client, which
 * trusts exactly this command in the hover): in another editor a `command:` URI is a dead link.
 */
export function measureLink(uri: string, position: { line: number; character: number }): string {
  const args = encodeURIComponent(JSON.stringify([uri, { line: position.line, character: position.character }]));
  return `[Measure with Python](command:${MEASURE_COMMAND}?${args} "Run this snippet in your Python interpreter and compare with the model")`;
}
