// Opt-in (memlens.workspaceScan) analysis of the workspace's closed Python files, so findings show in the Problems
// panel before a file is opened. Files are found exactly as the CLI finds them (`memlens check <folder>`:
// .gitignore honoured, virtual environments and hidden folders skipped) and read as the CLI reads them. Each file
// is analysed in the analysis worker, under the same time limits as open documents, one at a time, so edits in the
// editor are analysed in between; the scan reports LSP work-done progress (cancellable from the editor).
import { pathToFileURL } from 'node:url';
import type { Diagnostic, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { AnalysisOptions } from '../analysis/analyze';
import { discoverPythonFiles } from '../cli/discover-files';
import { readPythonSource } from '../cli/read-source';
import { MAX_DOCUMENT_CHARS } from './analysis-worker';
import type { AnalysisWorkers } from './analysis-workers';
import { toDiagnostic } from './diagnostics';

export interface WorkspaceScanHost {
  createProgress(): Promise<WorkDoneProgressServerReporter>;
  optionsForFile(path: string): AnalysisOptions;
  isOpen(uri: string): boolean;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  log(message: string): void;
}

interface ScanRun {
  cancelled: boolean;
}

const REPORT_EVERY_MS = 100;

export class WorkspaceScan {
  private run: ScanRun | undefined;
  /** Closed files that currently have published scan diagnostics (cleared when the scan is turned off). */
  private readonly published = new Set<string>();

  constructor(
    private readonly worker: AnalysisWorkers,
    private readonly host: WorkspaceScanHost,
  ) {}

  get running(): boolean {
    return this.run !== undefined;
  }

  /** Scans the folders, replacing a scan in progress. Resolves when the scan ends or is cancelled. */
  async start(folders: readonly string[]): Promise<void> {
    this.cancel();
    const run: ScanRun = { cancelled: false };
    this.run = run;
    const progress = await this.host.createProgress();
    const subscription = progress.token.onCancellationRequested(() => (run.cancelled = true));
    try {
      progress.begin('MemLens: scanning workspace', 0, 'finding Python files', true);
      await new Promise((resolve) => setImmediate(resolve));
      const discovery = discoverPythonFiles(folders);
      for (const warning of discovery.warnings) this.host.log(`MemLens workspace scan: ${warning}`);
      const files = discovery.files;
      let lastReport = performance.now();
      for (let i = 0; i < files.length && !run.cancelled; i++) {
        await this.analyseFile(files[i]);
        if (performance.now() - lastReport > REPORT_EVERY_MS) {
          progress.report(Math.floor((100 * i) / files.length), `${i} of ${files.length} files`);
          lastReport = performance.now();
        }
      }
      this.host.log(`MemLens workspace scan: ${run.cancelled ? 'cancelled' : `${files.length} files analysed`}`);
    } finally {
      subscription.dispose();
      progress.done();
      if (this.run === run) this.run = undefined;
    }
  }

  cancel(): void {
    if (this.run) this.run.cancelled = true;
    this.run = undefined;
  }

  /** Turns the scan off: stops it and withdraws the diagnostics it published for closed files. */
  clear(): void {
    this.cancel();
    for (const uri of this.published) if (!this.host.isOpen(uri)) this.host.publish(uri, undefined, []);
    this.published.clear();
  }

  /** Analyses one closed file from disk (after it was closed in the editor, or changed on disk). */
  async analyseFile(path: string): Promise<void> {
    const uri = pathToFileURL(path).href;
    if (this.host.isOpen(uri)) return;
    const source = readPythonSource(path);
    if (!source.ok || source.text.length > MAX_DOCUMENT_CHARS) {
      if (!source.ok) this.host.log(`MemLens workspace scan: skipped ${path}: ${source.reason}`);
      this.forget(uri);
      return;
    }
    // Its own key in the worker, so opening the same file in the editor meanwhile does not collide with it.
    const key = `memlens-scan:${uri}`;
    this.worker.open(key, source.text);
    const outcome = await this.worker.analyze(key, this.host.optionsForFile(path), [], false, () => undefined).outcome;
    this.worker.close(key);
    if (outcome.kind === 'done' && !this.host.isOpen(uri)) {
      for (const failure of outcome.result.failures) this.host.log(`MemLens: check ${failure.check} failed on ${path}: ${failure.message}`);
      this.host.publish(uri, undefined, outcome.result.findings.map((f) => toDiagnostic(uri, f)));
      this.published.add(uri);
    } else if (outcome.kind === 'stopped' || outcome.kind === 'failed') {
      this.host.log(`MemLens workspace scan: ${path}: ${outcome.kind === 'stopped' ? outcome.why : outcome.message}`);
    }
  }

  /** A scanned file was deleted. */
  forget(uri: string): void {
    if (this.published.delete(uri)) this.host.publish(uri, undefined, []);
  }
}
