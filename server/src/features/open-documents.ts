// The documents the editor has open, as the main thread knows them: the text (to restart the analysis worker
// with), the client's version, and a revision counter that ties analysis results to the text they were computed
// from. Parsing and analysis happen in the worker (analysis-worker.ts).
import type { AnalysisResult } from '../analysis/analyze';
import type { TextChange } from '../parse/python-document';
import type { SourcePosition } from '../parse/source-range';
import { TextBuffer } from './text-buffer';

export class OpenDocument {
  /** Counts every change received, whatever versions the client sends: results are tied to a revision. */
  revision = 0;
  private readonly buffer: TextBuffer;
  /** The last complete analysis, kept for code actions on the same revision. */
  lastResult: { revision: number; result: AnalysisResult } | undefined;
  /** Diagnostics were published since the document opened (later analyses publish only complete results). */
  published = false;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    /** The client's version number, echoed in publishDiagnostics and versioned edits. */
    public version: number,
    text: string,
  ) {
    this.buffer = new TextBuffer(text);
  }

  get text(): string {
    return this.buffer.text;
  }

  applyChanges(changes: TextChange[], version: number): void {
    this.buffer.apply(changes);
    this.version = version;
    this.revision++;
  }
}

export class OpenDocuments {
  private readonly byUri = new Map<string, OpenDocument>();

  get(uri: string): OpenDocument | undefined {
    return this.byUri.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.byUri.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const doc = new OpenDocument(uri, languageId, version, text);
    this.byUri.set(uri, doc);
    return doc;
  }

  close(uri: string): boolean {
    return this.byUri.delete(uri);
  }
}

/**
 * Reads a didChange content change. Positions must be numbers; fractional or negative ones are clamped (the
 * document clamps past-the-end ones), so a confused client gets a best-effort edit rather than a dead server.
 * Returns undefined for a change that is not a change at all.
 */
export function readContentChange(value: unknown): TextChange | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const change = value as { text?: unknown; range?: unknown };
  if (typeof change.text !== 'string') return undefined;
  if (change.range === undefined || change.range === null) return { text: change.text };
  const range = change.range as { start?: unknown; end?: unknown };
  const start = readPosition(range.start);
  const end = readPosition(range.end);
  if (!start || !end) return undefined;
  return { range: { start, end }, text: change.text };
}

function readPosition(value: unknown): SourcePosition | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { line, character } = value as { line?: unknown; character?: unknown };
  if (typeof line !== 'number' || typeof character !== 'number' || !Number.isFinite(line) || !Number.isFinite(character)) return undefined;
  return { line: Math.max(0, Math.floor(line)), column: Math.max(0, Math.floor(character)) };
}
