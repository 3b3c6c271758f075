// One open document inside the analysis worker: edits are recorded as they arrive and applied, with one
// incremental re-parse, when an analysis needs the tree. A burst of keystrokes therefore costs one parse.
// NUL characters are parsed as spaces: CPython refuses source with NUL bytes altogether, and tree-sitter stops
// making sense of the rest of the file at one, so a stray NUL would hide every finding after it. The replacement
// keeps every offset, so positions still match the editor's text.
import { PythonDocument, type TextChange } from '../parse/python-document';

function withoutNul(text: string): string {
  return text.includes('\0') ? text.replace(/\0/g, ' ') : text;
}

export class WorkerDocument {
  private parsed: PythonDocument | undefined;
  private pending: TextChange[] = [];

  private initialText: string;

  constructor(text: string) {
    this.initialText = withoutNul(text);
  }

  applyChanges(changes: readonly TextChange[]): void {
    for (const change of changes) this.pending.push({ ...change, text: withoutNul(change.text) });
  }

  /** Never parsed yet: the first analysis of a huge document may look at its beginning first. */
  get neverParsed(): boolean {
    return this.parsed === undefined;
  }

  /** The latest text while it was never parsed and never edited (for a first look at its beginning). */
  get unparsedText(): string | undefined {
    return this.parsed === undefined && this.pending.length === 0 ? this.initialText : undefined;
  }

  /** The parsed document when it is up to date without parsing (no edits pending); undefined otherwise. */
  get current(): PythonDocument | undefined {
    return this.pending.length === 0 ? this.parsed : undefined;
  }

  /** The parsed document with every edit applied (parses now, incrementally, if edits are pending). */
  document(): PythonDocument {
    if (!this.parsed) {
      this.parsed = new PythonDocument(this.initialText);
      this.initialText = '';
    }
    if (this.pending.length > 0) {
      const changes = this.pending;
      this.pending = [];
      this.parsed.update(changes, 0);
    }
    return this.parsed;
  }

  dispose(): void {
    this.parsed?.dispose();
    this.parsed = undefined;
    this.pending = [];
  }
}
