// The text of an open document on the server's main thread, which no longer parses (the analysis worker does).
// It is kept so the worker can be restarted with every open document after it was stopped for running too long.
// Edits are applied exactly as PythonDocument.update applies them in the worker (positions clamped into the
// document, an end before the start meaning an insertion), so both copies always hold the same text.
import type { TextChange } from '../parse/python-document';
import type { SourcePosition } from '../parse/source-range';

export class TextBuffer {
  private lineStarts: number[];

  constructor(private content: string) {
    this.lineStarts = computeLineStarts(content);
  }

  get text(): string {
    return this.content;
  }

  apply(changes: readonly TextChange[]): void {
    for (const change of changes) {
      if (!change.range) {
        this.content = change.text;
      } else {
        const start = this.offsetAt(change.range.start);
        const end = Math.max(start, this.offsetAt(change.range.end));
        this.content = this.content.slice(0, start) + change.text + this.content.slice(end);
      }
      this.lineStarts = computeLineStarts(this.content);
    }
  }

  /** Same clamping as PythonDocument.offsetAt. */
  private offsetAt(position: SourcePosition): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.content.length;
    const lineStart = this.lineStarts[position.line];
    const nextLineStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.content.length;
    return Math.min(Math.max(lineStart + Math.max(position.column, 0), lineStart), nextLineStart);
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}
