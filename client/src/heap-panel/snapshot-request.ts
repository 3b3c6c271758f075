// The custom request that asks the language server for a heap snapshot (server side: features/heap-snapshot).
// LSP positions are lines and UTF-16 characters, as in vscode.Position.
import type * as vscode from 'vscode';

export const HEAP_SNAPSHOT_REQUEST = 'memlens/heapSnapshot';

export interface HeapSnapshotParams {
  textDocument: { uri: string };
  /** The cursor: the server runs the enclosing function or class (the whole module when outside any). */
  position?: { line: number; character: number };
  /** A selection: the server runs exactly these statements. */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** One snapshot per executed statement, for stepping. */
  steps: true;
  /** Overrides the configured target version (the panel's version picker). */
  python?: string;
}

/** The part of the language client the panel needs (kept narrow so the panel does not depend on its class). */
export interface SnapshotClient {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export function snapshotParams(document: vscode.TextDocument, selection: vscode.Selection | undefined, python: string | undefined): HeapSnapshotParams {
  const params: HeapSnapshotParams = { textDocument: { uri: document.uri.toString() }, steps: true };
  if (selection && !selection.isEmpty) {
    params.range = { start: { line: selection.start.line, character: selection.start.character }, end: { line: selection.end.line, character: selection.end.character } };
  } else if (selection) {
    params.position = { line: selection.active.line, character: selection.active.character };
  }
  if (python) params.python = python;
  return params;
}
