// When open documents are analysed, and the guarantee that what is published matches the latest text.
//
// Debounce: the first change after a pause is analysed at once (MIN_DELAY_MS); changes that follow closely wait
// for a quiet period of a quarter of what analysing that document last cost (at most MAX_DELAY_MS), so a huge
// file is not re-analysed for every keystroke of a burst (and a run that a newer keystroke makes useless is
// cancelled between checks). Opening a document analyses it at once.
//
// Staleness: every change bumps the document's revision and cancels the pending or running analysis. A result is
// published only if the document is still at the revision it was computed for, checked when the result arrives
// (the main thread handles edits in between), so results for an old revision never follow a newer edit.
//
// Time bounds: analysis runs in a worker thread (analysis-worker-client.ts) that is stopped when one step runs too
// long; that check is then left out for that document (and the user told once), so a pathological file cannot
// keep diagnostics from coming. The first analysis of a document publishes partial results as they arrive (the
// beginning of a huge file first, then each finished check), later ones publish only complete results.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { AnalysisOptions, AnalysisResult, CheckFailure } from '../analysis/analyze';
import type { AnalysisWorkers } from './analysis-workers';
import { toDiagnostic } from './diagnostics';
import type { OpenDocument, OpenDocuments } from './open-documents';

const MIN_DELAY_MS = 5;
const MAX_DELAY_MS = 250;
const RESULT_WAIT_MS = 10_000;

export interface SchedulerHost {
  /** Resolves once the editor settings are known, so the first diagnostics already follow them. */
  readonly settingsReady: Promise<void>;
  optionsFor(uri: string): AnalysisOptions;
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** A check threw: the other checks' findings are still published. */
  checkFailed(uri: string, failures: CheckFailure[]): void;
  /** Something about one document the user should know (shown once): it is not analysed, or a check is skipped. */
  notice(message: string): void;
  error(message: string): void;
  /** With MEMLENS_LOG_TIMING=1: where the time of each completed analysis went. */
  timing?(message: string): void;
}

interface Run {
  revision: number;
  cancelled: boolean;
  timer?: NodeJS.Timeout;
  analysisId?: number;
}

export class AnalysisScheduler {
  private readonly runs = new Map<string, Run>();
  /** Milliseconds the last analysis of each document took: sets its debounce delay. */
  private readonly costs = new Map<string, number>();
  private readonly lastChange = new Map<string, number>();
  /** Per document: checks stopped for running too long on it (`parse` etc. mean the whole document). */
  private readonly skipped = new Map<string, Set<string>>();
  private readonly waiters = new Map<string, Array<() => void>>();

  constructor(
    private readonly documents: OpenDocuments,
    private readonly worker: AnalysisWorkers,
    private readonly host: SchedulerHost,
  ) {}

  /** Analyse soon: at once when `immediate`, else after a quiet period. Cancels whatever was pending. */
  schedule(uri: string, immediate = false): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    this.cancel(uri);
    const cost = this.costs.get(uri) ?? 0;
    // The first keystroke after a pause is analysed at once; those that follow it closely wait for a quiet period.
    const now = performance.now();
    const idle = now - (this.lastChange.get(uri) ?? -Infinity) > Math.max(100, 2 * cost);
    this.lastChange.set(uri, now);
    const delay = immediate ? 0 : idle ? MIN_DELAY_MS : Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, cost / 4));
    const run: Run = { revision: doc.revision, cancelled: false };
    this.runs.set(uri, run);
    run.timer = setTimeout(() => {
      run.timer = undefined;
      this.execute(uri, run).catch((error) => this.host.error(`MemLens: analysing ${uri} failed: ${error instanceof Error ? error.stack : error}`));
    }, delay);
  }

  /** The configuration changed: every open document's findings are out of date, whatever its revision. */
  reanalyseAll(clearSkipped = false): void {
    if (clearSkipped) this.skipped.clear();
    for (const doc of this.documents.all()) {
      doc.lastResult = undefined;
      this.schedule(doc.uri, true);
    }
  }

  /** The worker was replaced: whatever was waiting in the old one is gone. */
  restartAll(): void {
    for (const doc of this.documents.all()) if (doc.lastResult?.revision !== doc.revision || this.runs.has(doc.uri)) this.schedule(doc.uri, true);
  }

  cancel(uri: string): void {
    const run = this.runs.get(uri);
    if (!run) return;
    run.cancelled = true;
    if (run.timer) clearTimeout(run.timer);
    if (run.analysisId !== undefined) this.worker.cancel(uri, run.analysisId);
    this.runs.delete(uri);
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.costs.delete(uri);
    this.lastChange.delete(uri);
    this.skipped.delete(uri);
    this.wake(uri);
  }

  /** Findings for the document's latest revision (code actions need them), waiting for the analysis if needed. */
  async resultFor(doc: OpenDocument): Promise<AnalysisResult | undefined> {
    if (doc.lastResult?.revision === doc.revision) return doc.lastResult.result;
    const run = this.runs.get(doc.uri);
    if (!run || run.revision !== doc.revision || run.timer) this.schedule(doc.uri, true);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, RESULT_WAIT_MS);
      const list = this.waiters.get(doc.uri) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiters.set(doc.uri, list);
    });
    return doc.lastResult?.revision === doc.revision ? doc.lastResult.result : undefined;
  }

  private wake(uri: string): void {
    const list = this.waiters.get(uri);
    this.waiters.delete(uri);
    for (const resolve of list ?? []) resolve();
  }

  private async execute(uri: string, run: Run): Promise<void> {
    await this.host.settingsReady;
    const doc = this.documents.get(uri);
    if (!doc || run.cancelled) return;
    const current = () => !run.cancelled && this.documents.get(uri) === doc && doc.revision === run.revision;
    if (!current()) return;
    const skip = this.skipped.get(uri) ?? new Set<string>();
    if (skip.has('parse') || skip.has('collect') || skip.has('prefix')) {
      this.finishRun(uri, run);
      return;
    }
    const started = performance.now();
    const firstAnalysis = !doc.published;
    const handle = this.worker.analyze(uri, this.host.optionsFor(uri), [...skip], firstAnalysis, (partial) => {
      if (current() && firstAnalysis) this.publish(doc, partial);
    });
    run.analysisId = handle.id;
    const outcome = await handle.outcome;
    if (outcome.kind === 'stopped') {
      // Recorded whatever happened since: the worker restart already scheduled a new run, which must skip it.
      this.stopped(uri, outcome.step, outcome.why);
      return;
    }
    // Let edits that are already waiting on the input be read first: a result must not follow a newer edit.
    await new Promise((resolve) => setImmediate(resolve));
    if (!current()) return;
    switch (outcome.kind) {
      case 'done':
        this.costs.set(uri, performance.now() - started);
        if (this.host.timing) {
          const steps = Object.entries(outcome.timings).map(([step, ms]) => `${step} ${ms.toFixed(1)}`);
          const sinceChange = performance.now() - (this.lastChange.get(uri) ?? started);
          this.host.timing(`MemLens timing ${uri} v${doc.version}: ${sinceChange.toFixed(1)} ms since the last change, ${(performance.now() - started).toFixed(1)} ms since the run started (${steps.join(', ')})`);
        }
        doc.lastResult = { revision: run.revision, result: outcome.result };
        if (outcome.result.failures.length > 0) this.host.checkFailed(uri, outcome.result.failures);
        this.publish(doc, outcome.result);
        break;
      case 'refused':
        this.host.notice(`MemLens does not analyse ${uri}: ${outcome.reason}.`);
        doc.lastResult = { revision: run.revision, result: { findings: [], failures: [] } };
        this.publish(doc, { findings: [], failures: [] });
        break;
      case 'failed':
        this.host.error(`MemLens: analysing ${uri} failed: ${outcome.message}`);
        break;
      case 'cancelled':
        return;
    }
    this.finishRun(uri, run);
  }

  /** A step ran too long on this document: leave it out from now on, tell the user once, analyse again. */
  private stopped(uri: string, step: string, why: string): void {
    const skip = this.skipped.get(uri) ?? new Set<string>();
    skip.add(step);
    this.skipped.set(uri, skip);
    const whole = ['parse', 'collect', 'prefix'].includes(step);
    this.host.notice(
      whole
        ? `MemLens does not analyse ${uri}: ${why} (the document is too large or too complex).`
        : `MemLens skips the ${step} check on ${uri}: it took longer than the limit there (${why}). Please report this with the file if you can.`,
    );
    const doc = this.documents.get(uri);
    if (!doc) return;
    if (whole) this.publish(doc, { findings: [], failures: [] });
    this.schedule(uri, true);
  }

  private finishRun(uri: string, run: Run): void {
    if (this.runs.get(uri) === run) this.runs.delete(uri);
    this.wake(uri);
  }

  private publish(doc: OpenDocument, result: AnalysisResult): void {
    doc.published = true;
    this.host.publish(doc.uri, doc.version, result.findings.map((f) => toDiagnostic(doc.uri, f)));
  }
}
