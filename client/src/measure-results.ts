// The last "Measure with Python" result per document, kept in the extension host so the hover and the heap diagram
// can show the real figures beside the model's. A result belongs to one version of the document and one snippet
// (the source range the model and the measurement run, server/src/model/extract): an edit makes it stale, and a
// hover or panel shows it only for the same snippet.
import * as vscode from 'vscode';
import type { MeasureReport } from '../../server/src/measure';
import type { PanelMeasurement } from '../../media/src/messages';
import { extractSnippet } from '../../server/src/model/extract/extract-snippet';
import { loadPythonParser, parsePython } from '../../server/src/parse/python-parser';
import type { SourceRange } from '../../server/src/parse/source-range';

export interface StoredMeasurement {
  uri: string;
  version: number;
  snippet: SourceRange;
  report: MeasureReport;
}

const byDocument = new Map<string, StoredMeasurement>();
const recorded = new vscode.EventEmitter<StoredMeasurement>();

/** Fires after every measurement (the heap panel shows it when it is for the panel's snippet). */
export const onDidRecordMeasurement = recorded.event;

/** The source range of the snippet the model runs for a position (a display, a class, a function or a module prefix). */
export async function snippetRangeAt(text: string, position: { line: number; character: number }): Promise<SourceRange | undefined> {
  await loadPythonParser();
  const tree = parsePython(text);
  try {
    return extractSnippet(tree, position.line, position.character).range;
  } catch {
    return undefined; // nothing the model runs here
  } finally {
    tree.delete();
  }
}

export function recordMeasurement(document: vscode.TextDocument, version: number, snippet: SourceRange, report: MeasureReport): void {
  const stored: StoredMeasurement = { uri: document.uri.toString(), version, snippet, report };
  byDocument.set(stored.uri, stored);
  recorded.fire(stored);
}

function sameRange(a: SourceRange, b: SourceRange): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
}

/** The measurement of this document's current text whose snippet is the one the model runs at `position`. */
export async function measurementAt(document: vscode.TextDocument, position: { line: number; character: number }): Promise<StoredMeasurement | undefined> {
  const stored = byDocument.get(document.uri.toString());
  // Cheap test first: most hovers are in documents never measured, and those must not pay for a parse.
  if (!stored || stored.version !== document.version) return undefined;
  const snippet = await snippetRangeAt(document.getText(), position);
  return snippet && sameRange(snippet, stored.snippet) ? stored : undefined;
}

export function forgetMeasurements(): void {
  byDocument.clear();
}

function why(report: MeasureReport): string | null {
  if (report.error) return report.error.message;
  if (report.modelNote) return report.modelNote;
  return null;
}

/** The measurement as the heap diagram panel shows it (plain data, validated again in the webview). */
export function panelMeasurement(report: MeasureReport): PanelMeasurement {
  return {
    python: report.interpreter.version ?? report.interpreter.command,
    label: report.snippet.label,
    rows: report.rows.slice(0, 200).map((r) => ({
      name: r.name,
      shallow: r.real?.shallow ?? null,
      deep: r.real?.deep ?? null,
      modelShallow: r.model?.shallow ?? null,
      modelDeep: r.model?.deep ?? null,
    })),
    tracemallocPeak: report.tracemalloc?.peak ?? null,
    modelHeapBytes: report.modelHeapBytes ?? null,
    problem: why(report),
  };
}

function exactBytes(n: number | null | undefined): string {
  return n === null || n === undefined ? '?' : `${n.toLocaleString('en-US')} B`;
}

/** The hover's "measured" paragraph: the real figures beside the model's, for the snippet's value or variables. */
export function measuredHoverMarkdown(report: MeasureReport): string {
  const who = `Python ${report.interpreter.version ?? report.interpreter.command}`.replace(/[\\`*_[\]<>]/g, '\\$&');
  const problem = why(report);
  const rows = report.rows.slice(0, 10).map((r) => {
    const name = r.name === 'value' ? 'the value' : `\`${r.name.replace(/`/g, '')}\``;
    return `${name}: getsizeof ${exactBytes(r.real?.shallow)} (model ${exactBytes(r.model?.shallow)}), deep ${exactBytes(r.real?.deep)} (model ${exactBytes(r.model?.deep)})`;
  });
  const lines = [`**Measured with ${who}**${rows.length === 1 ? `: ${rows[0]}` : ''}`];
  if (rows.length > 1) lines.push(...rows.map((r) => `- ${r}`));
  if (report.tracemalloc) lines.push(`tracemalloc peak ${exactBytes(report.tracemalloc.peak)}${report.modelHeapBytes !== undefined ? ` (model heap ${exactBytes(report.modelHeapBytes)})` : ''}`);
  if (problem) lines.push(`_${problem.replace(/[\\`*_[\]<>]/g, '\\$&')}_`);
  return lines.join('\n\n');
}
