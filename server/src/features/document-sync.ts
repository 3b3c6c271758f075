// didOpen / didChange / didClose. Notifications cannot be answered with errors, so malformed ones (an unknown
// document, a change with no text, positions past the end) are logged and handled as well as they can be; the
// next request is always answered. Edits go to the main thread's copy of the text and to the analysis worker.
import type { Connection } from 'vscode-languageserver/node';
import type { TextChange } from '../parse/python-document';
import type { AnalysisScheduler } from './analysis-scheduler';
import type { AnalysisWorkers } from './analysis-workers';
import { guardNotification, type Log } from './handler-guard';
import { readContentChange, type OpenDocuments } from './open-documents';

export interface DocumentSyncHooks {
  /** A document was closed in the editor (the workspace scan may re-analyse it from disk). */
  closed(uri: string): void;
}

function isPython(uri: string, languageId: unknown): boolean {
  return languageId === 'python' || /\.pyw?$/i.test(uri);
}

export function registerDocumentSync(
  connection: Connection,
  documents: OpenDocuments,
  worker: AnalysisWorkers,
  scheduler: AnalysisScheduler,
  hooks: DocumentSyncHooks,
  log: Log,
): void {
  connection.onDidOpenTextDocument(
    guardNotification(log, 'textDocument/didOpen', (params) => {
      const doc = params?.textDocument;
      if (!doc || typeof doc.uri !== 'string' || typeof doc.text !== 'string') {
        log('MemLens: textDocument/didOpen without a uri and text (ignored)');
        return;
      }
      if (!isPython(doc.uri, doc.languageId)) return;
      if (documents.get(doc.uri)) scheduler.forget(doc.uri);
      documents.open(doc.uri, String(doc.languageId), typeof doc.version === 'number' ? doc.version : 0, doc.text);
      worker.open(doc.uri, doc.text);
      scheduler.schedule(doc.uri, true);
    }),
  );

  connection.onDidChangeTextDocument(
    guardNotification(log, 'textDocument/didChange', (params) => {
      const uri = params?.textDocument?.uri;
      const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
      if (!doc) {
        if (typeof uri === 'string' && !isPython(uri, undefined)) return;
        log(`MemLens: textDocument/didChange for a document that is not open: ${String(uri)} (ignored)`);
        return;
      }
      const raw: unknown = params.contentChanges;
      if (!Array.isArray(raw)) {
        log(`MemLens: textDocument/didChange for ${doc.uri} without contentChanges (ignored)`);
        return;
      }
      const changes: TextChange[] = [];
      for (const item of raw) {
        const change = readContentChange(item);
        if (change) changes.push(change);
        else log(`MemLens: textDocument/didChange for ${doc.uri}: skipped a malformed change ${JSON.stringify(item)?.slice(0, 200)}`);
      }
      const version = typeof params.textDocument.version === 'number' ? params.textDocument.version : doc.version + 1;
      doc.applyChanges(changes, version);
      if (changes.length > 0) worker.change(doc.uri, changes);
      scheduler.schedule(doc.uri);
    }),
  );

  connection.onDidCloseTextDocument(
    guardNotification(log, 'textDocument/didClose', (params) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !documents.close(uri)) return;
      scheduler.forget(uri);
      worker.close(uri);
      hooks.closed(uri);
    }),
  );
}
