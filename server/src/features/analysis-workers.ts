// Two analysis workers: documents under LARGE_DOCUMENT_CHARS go to one, larger ones to the other (started the
// first time one is opened). A huge file takes seconds to parse and check; in its own worker it never delays the
// diagnostics of the small file being edited next to it.
import type { AnalysisOptions, AnalysisResult } from '../analysis/analyze';
import type { PythonVersion } from '../analysis/python-version';
import type { TextChange } from '../parse/python-document';
import type { HoverAnswer } from './hover';
import { AnalysisWorkerClient, type AnalysisHandle, type HeapOutcome, type WorkerClientHost } from './analysis-worker-client';
import type { ToWorker } from './analysis-protocol';
import type { HeapTarget } from './heap-targets';
import type { SourcePosition } from '../parse/source-range';

export const LARGE_DOCUMENT_CHARS = 512 * 1024;

export interface AnalysisWorkersHost extends Omit<WorkerClientHost, 'openDocuments'> {
  /** The text of an open document, to re-open it in a restarted worker. */
  openDocuments(): Iterable<{ uri: string; text: string }>;
}

export class AnalysisWorkers {
  private readonly small: AnalysisWorkerClient;
  private large: AnalysisWorkerClient | undefined;
  private readonly lanes = new Map<string, AnalysisWorkerClient>();

  constructor(
    private readonly script: string,
    private readonly host: AnalysisWorkersHost,
  ) {
    this.small = this.create();
  }

  open(uri: string, text: string): void {
    this.lanes.get(uri)?.close(uri);
    const lane = text.length >= LARGE_DOCUMENT_CHARS ? (this.large ??= this.create()) : this.small;
    this.lanes.set(uri, lane);
    lane.open(uri, text);
  }

  change(uri: string, changes: TextChange[]): void {
    this.lanes.get(uri)?.change(uri, changes);
  }

  close(uri: string): void {
    this.lanes.get(uri)?.close(uri);
    this.lanes.delete(uri);
  }

  analyze(uri: string, options: AnalysisOptions, skip: readonly string[], prefixFirst: boolean, onPartial: (result: AnalysisResult) => void): AnalysisHandle {
    return (this.lanes.get(uri) ?? this.small).analyze(uri, options, skip, prefixFirst, onPartial);
  }

  hover(uri: string, line: number, character: number, python: PythonVersion): Promise<HoverAnswer | null> {
    const lane = this.lanes.get(uri);
    return lane ? lane.hover(uri, line, character, python) : Promise.resolve(null);
  }

  heapTargets(uri: string, at?: SourcePosition): Promise<HeapTarget[] | null> {
    const lane = this.lanes.get(uri);
    return lane ? lane.heapTargets(uri, at) : Promise.resolve(null);
  }

  heapSnapshot(request: Omit<Extract<ToWorker, { kind: 'heap' }>, 'kind' | 'id'>, onCancel?: (cancel: () => void) => void): Promise<HeapOutcome> {
    const lane = this.lanes.get(request.uri);
    return lane ? lane.heapSnapshot(request, onCancel) : Promise.resolve({ kind: 'not-open' });
  }

  cancel(uri: string, id: number): void {
    this.lanes.get(uri)?.cancel(id);
  }

  dispose(): void {
    this.small.dispose();
    this.large?.dispose();
  }

  private create(): AnalysisWorkerClient {
    const client: AnalysisWorkerClient = new AnalysisWorkerClient(this.script, {
      ...this.host,
      // A restarted worker gets back the editor's documents that were in it.
      openDocuments: () => [...this.host.openDocuments()].filter((d) => this.lanes.get(d.uri) === client),
    });
    return client;
  }
}
