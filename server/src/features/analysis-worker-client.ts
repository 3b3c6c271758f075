// The main thread's side of the analysis worker. It forwards document edits, runs analyses, and bounds their
// time: the worker announces each step (parse, node collection, each check); a step that runs longer than its
// limit, or a worker that dies, gets the worker stopped and started afresh with every open document, and the
// analysis reports which step it was, so the scheduler can leave that check out for that document from then on.
// This is what keeps one pathological file or one slow check from freezing diagnostics everywhere.
import { Worker } from 'node:worker_threads';
import type { AnalysisOptions, AnalysisResult } from '../analysis/analyze';
import type { PythonVersion } from '../analysis/python-version';
import type { TextChange } from '../parse/python-document';
import type { HeapSnapshotAnswer } from './heap-snapshot';
import type { HoverAnswer } from './hover';
import type { HeapTarget } from './heap-targets';
import type { SourcePosition } from '../parse/source-range';
import { WORKER_MARKER, type FromWorker, type ToWorker } from './analysis-protocol';

export type AnalysisOutcome =
  | { kind: 'done'; result: AnalysisResult; timings: Record<string, number> }
  | { kind: 'cancelled' }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; message: string }
  /** The worker was stopped during `step` (too slow, or it crashed there). */
  | { kind: 'stopped'; step: string; why: string };

export type HeapOutcome = { kind: 'done'; snapshot: HeapSnapshotAnswer } | { kind: 'not-open' } | { kind: 'stopped'; why: string };

/** A heap simulation that has not answered after this long is stuck (the simulator's own limit is 2 s; parsing a
 *  large document comes on top). */
export const HEAP_WORKER_LIMIT_MS = 15_000;

export interface AnalysisHandle {
  id: number;
  outcome: Promise<AnalysisOutcome>;
}

export interface WorkerClientHost {
  /** Every open document, to re-open them in a fresh worker. */
  openDocuments(): Iterable<{ uri: string; text: string }>;
  /** A fresh worker replaced a stopped one: analyses that were waiting were cancelled and need scheduling again. */
  restarted(): void;
  log(message: string): void;
  /** The worker keeps failing: analysis is off (say so to the user). */
  gaveUp?(why: string): void;
}

/** Time limits per step. Parsing is bounded by the document size limit; checks should take milliseconds. */
export const STEP_LIMITS_MS: Record<string, number> = { prefix: 5_000, parse: 20_000, collect: 10_000 };
// MEMLENS_CHECK_LIMIT_MS lowers the limit for the tests of this mechanism.
export const CHECK_LIMIT_MS = Number(process.env.MEMLENS_CHECK_LIMIT_MS) > 0 ? Number(process.env.MEMLENS_CHECK_LIMIT_MS) : 5_000;
const MAX_RESTARTS_PER_MINUTE = 5;

interface Pending {
  uri: string;
  onPartial: (result: AnalysisResult) => void;
  resolve: (outcome: AnalysisOutcome) => void;
  step?: string;
}

export class AnalysisWorkerClient {
  private worker!: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly hovers = new Map<number, (answer: HoverAnswer | null) => void>();
  private readonly targets = new Map<number, (targets: HeapTarget[] | null) => void>();
  private readonly heaps = new Map<number, { uri: string; started: () => void; resolve: (answer: HeapOutcome) => void }>();
  private watchdog: NodeJS.Timeout | undefined;
  private stopping = false;
  private disposed = false;
  private restarts: number[] = [];

  constructor(
    private readonly script: string,
    private readonly host: WorkerClientHost,
  ) {
    this.start();
  }

  open(uri: string, text: string): void {
    this.post({ kind: 'open', uri, text });
  }

  change(uri: string, changes: TextChange[]): void {
    this.post({ kind: 'change', uri, changes });
  }

  close(uri: string): void {
    this.post({ kind: 'close', uri });
  }

  analyze(uri: string, options: AnalysisOptions, skip: readonly string[], prefixFirst: boolean, onPartial: (result: AnalysisResult) => void): AnalysisHandle {
    const id = this.nextId++;
    if (this.disposed) return { id, outcome: Promise.resolve({ kind: 'failed', message: 'the analysis worker is stopped' }) };
    const outcome = new Promise<AnalysisOutcome>((resolve) => this.pending.set(id, { uri, onPartial, resolve }));
    this.post({ kind: 'analyze', id, uri, options, skip: [...skip], prefixFirst });
    return { id, outcome };
  }

  hover(uri: string, line: number, character: number, python: PythonVersion): Promise<HoverAnswer | null> {
    const id = this.nextId++;
    if (this.disposed) return Promise.resolve(null);
    const answer = new Promise<HoverAnswer | null>((resolve) => this.hovers.set(id, resolve));
    this.post({ kind: 'hover', id, uri, line, character, python });
    return answer;
  }

  /** The heap diagram's targets in a document (null: not open, or the worker stopped). */
  heapTargets(uri: string, at?: SourcePosition): Promise<HeapTarget[] | null> {
    const id = this.nextId++;
    if (this.disposed) return Promise.resolve(null);
    const answer = new Promise<HeapTarget[] | null>((resolve) => this.targets.set(id, resolve));
    this.post({ kind: 'targets', id, uri, at });
    return answer;
  }

  /** Runs the heap simulator in the worker. The simulator bounds its own time; should it not return (a bug in a
   *  loop that never checks the budget), the worker is replaced HEAP_WORKER_LIMIT_MS after the simulation started
   *  (not after the request was sent: it may wait behind an analysis), as for a slow check. `cancelled`: the
   *  request was cancelled; a simulation that has not started is then skipped. */
  heapSnapshot(request: Omit<Extract<ToWorker, { kind: 'heap' }>, 'kind' | 'id'>, onCancel?: (cancel: () => void) => void): Promise<HeapOutcome> {
    const id = this.nextId++;
    if (this.disposed) return Promise.resolve({ kind: 'stopped', why: 'the analysis worker is stopped' });
    const answer = new Promise<HeapOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      this.heaps.set(id, {
        uri: request.uri,
        started: () => {
          timer = setTimeout(() => {
            if (!this.heaps.has(id)) return;
            this.host.log(`MemLens: the heap simulation of ${request.uri} took longer than ${HEAP_WORKER_LIMIT_MS / 1000} s; restarting the analysis worker`);
            // Blamed on no analysis (-1) and not counted as a crash: the analyses that were waiting are scheduled again.
            this.replace(`the heap simulation took longer than ${HEAP_WORKER_LIMIT_MS / 1000} s`, -1);
          }, HEAP_WORKER_LIMIT_MS);
        },
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      });
    });
    onCancel?.(() => {
      if (this.heaps.has(id)) this.post({ kind: 'cancel', id });
    });
    this.post({ kind: 'heap', id, ...request });
    return answer;
  }

  cancel(id: number): void {
    if (this.pending.has(id)) this.post({ kind: 'cancel', id });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.watchdog);
    void this.worker.terminate();
  }

  private post(message: ToWorker): void {
    if (!this.disposed) this.worker.postMessage(message);
  }

  private start(): void {
    this.stopping = false;
    // The worker's own stdout would otherwise go straight to the process's stdout, which carries the protocol
    // under --stdio: anything a check prints is logged instead.
    const worker = new Worker(this.script, { workerData: { role: WORKER_MARKER }, stdout: true, stderr: true });
    this.worker = worker;
    worker.stdout.on('data', (chunk: Buffer) => this.host.log(`MemLens analysis worker: ${chunk.toString().trimEnd()}`));
    worker.stderr.on('data', (chunk: Buffer) => this.host.log(`MemLens analysis worker: ${chunk.toString().trimEnd()}`));
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.host.log(`MemLens: the analysis worker failed: ${error.stack ?? error}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker || this.disposed) return;
      if (!this.stopping) this.replace(`the analysis worker exited (code ${code})`);
    });
  }

  private receive(message: FromWorker): void {
    if (message.kind === 'targets') {
      this.targets.get(message.id)?.(message.targets);
      this.targets.delete(message.id);
      return;
    }
    if (message.kind === 'heap-started') {
      this.heaps.get(message.id)?.started();
      return;
    }
    if (message.kind === 'heap') {
      this.heaps.get(message.id)?.resolve(message.snapshot ? { kind: 'done', snapshot: message.snapshot } : { kind: 'not-open' });
      this.heaps.delete(message.id);
      return;
    }
    if (message.kind === 'hover') {
      this.hovers.get(message.id)?.(message.answer);
      this.hovers.delete(message.id);
      return;
    }
    const run = this.pending.get(message.id);
    if (!run) return;
    switch (message.kind) {
      case 'step':
        run.step = message.step;
        this.arm(message.id, message.step);
        return;
      case 'partial':
        run.onPartial(message.result);
        return;
      case 'done':
        this.finish(message.id, { kind: 'done', result: message.result, timings: message.timings });
        return;
      case 'cancelled':
        this.finish(message.id, { kind: 'cancelled' });
        return;
      case 'refused':
        this.finish(message.id, { kind: 'refused', reason: message.reason });
        return;
      case 'failed':
        this.finish(message.id, { kind: 'failed', message: message.message });
        return;
    }
  }

  private finish(id: number, outcome: AnalysisOutcome): void {
    const run = this.pending.get(id);
    if (!run) return;
    this.pending.delete(id);
    if (run.step) clearTimeout(this.watchdog);
    run.resolve(outcome);
  }

  /** Times the step the worker just began (one analysis runs at a time in the worker, so one timer suffices). */
  private arm(id: number, step: string): void {
    clearTimeout(this.watchdog);
    const limit = STEP_LIMITS_MS[step] ?? CHECK_LIMIT_MS;
    this.watchdog = setTimeout(() => {
      const run = this.pending.get(id);
      if (run?.step !== step) return;
      this.host.log(`MemLens: ${step} took longer than ${limit / 1000} s on ${run.uri}; restarting the analysis worker without it`);
      this.replace(`${step} took longer than ${limit / 1000} s`, id);
    }, limit);
  }

  /** Stops the worker and starts a fresh one. The analysis `culprit` was in a step that must not run again. */
  private replace(why: string, culprit?: number): void {
    clearTimeout(this.watchdog);
    // A worker that keeps dying on its own (not stopped for a slow step, which is left out afterwards) would
    // restart forever: give up after a few.
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (culprit === undefined) this.restarts.push(now);
    if (this.restarts.length > MAX_RESTARTS_PER_MINUTE) {
      this.host.log(`MemLens: the analysis worker stopped ${this.restarts.length} times within a minute (${why}); analysis is off until the server restarts`);
      this.host.gaveUp?.(why);
      this.disposed = true;
    }
    this.stopping = true;
    const old = this.worker;
    void old.terminate();
    const runs = [...this.pending.entries()];
    this.pending.clear();
    for (const resolve of this.hovers.values()) resolve(null);
    this.hovers.clear();
    for (const resolve of this.targets.values()) resolve(null);
    this.targets.clear();
    for (const heap of this.heaps.values()) heap.resolve({ kind: 'stopped', why });
    this.heaps.clear();
    // A crash is blamed on the analysis that was in a step when it happened.
    const blamed = culprit ?? runs.find(([, run]) => run.step !== undefined)?.[0];
    for (const [id, run] of runs) {
      run.resolve(id === blamed && run.step ? { kind: 'stopped', step: run.step, why } : { kind: 'cancelled' });
    }
    if (this.disposed) return;
    this.start();
    for (const doc of this.host.openDocuments()) this.open(doc.uri, doc.text);
    this.host.restarted();
  }
}
