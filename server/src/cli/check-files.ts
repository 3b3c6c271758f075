// Analyses many files. A handful run on the main thread alone (a worker costs a thread start and a parser load,
// ~30-70 ms); more are shared between the main thread and one worker thread per other core, each loading the parser
// once. All of them take files, largest first, from one shared queue (check-queue.ts), so the last files to finish
// are small ones and no thread sits idle while another has a long file left. Outcomes come back in input order.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { loadPythonParser } from '../parse/python-parser';
import { checkFile, type FileOutcome, type FileTask } from './check-file';
import { CheckQueue } from './check-queue';
import type { WorkerJob, WorkerReport, WorkerSetup } from './check-worker';

/** Below this many files the main thread is faster than starting workers. */
export const WORKER_THRESHOLD = 8;
/** Every thread gets at least this many files, or fewer workers are used. */
const FILES_PER_THREAD = 4;
/**
 * V8 optimizes a function once it has run this much bytecode (its default is ~66 KB). A check run is short and
 * cold, and with the default V8 spent ~0.45 s of CPU over the stdlib optimizing lukewarm analysis functions in both
 * threads; ~12x the default cut the run's CPU time from ~2.65 s to ~2.35 s (flat from 400 KB to 1.6 MB), while the
 * hot functions are still optimized early. The flag is process-wide, so it reaches the workers too.
 */
const INTERRUPT_BUDGET = 800_000;

export interface CheckFilesOptions {
  onProgress?: (done: number, total: number) => void;
}

export function workerScript(): string | undefined {
  // Beside the bundle (dist/cli.js -> dist/check-worker.js). From source (tests through tsx) there is none.
  const path = join(__dirname, 'check-worker.js');
  return existsSync(path) ? path : undefined;
}

/** Checks the files, with workers when there are enough of them. */
export function checkFiles(tasks: readonly FileTask[], options: CheckFilesOptions = {}): Promise<FileOutcome[]> {
  return tasks.length < WORKER_THRESHOLD ? checkOnMainThread(tasks, options) : new CheckPool().run(tasks, options);
}

async function checkOnMainThread(tasks: readonly FileTask[], options: CheckFilesOptions): Promise<FileOutcome[]> {
  await loadPythonParser();
  return tasks.map((task, index) => {
    const outcome = checkFile(task);
    options.onProgress?.(index + 1, tasks.length);
    return outcome;
  });
}

/**
 * Worker threads for one check run (run() once). They can be started before the files are known, so that their
 * start-up overlaps finding the files; until run() they do not keep the process alive.
 */
export class CheckPool {
  private readonly queueBuffer: SharedArrayBuffer;
  private readonly workers: CheckWorker[];

  /** Starts a worker per core but one (the main thread checks files too); none without the worker bundle. */
  constructor(threads: number = availableParallelism()) {
    const script = workerScript();
    const count = script ? Math.max(0, threads - 1) : 0;
    if (count > 0) setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    this.queueBuffer = CheckQueue.allocate(count + 1);
    this.workers = Array.from({ length: count }, (_, slot) => new CheckWorker(script!, this.queueBuffer, slot));
  }

  /** Checks the files on the main thread and the workers that are worth using, then stops every worker. */
  async run(tasks: readonly FileTask[], options: CheckFilesOptions = {}): Promise<FileOutcome[]> {
    const useful = tasks.length < WORKER_THRESHOLD ? 0 : Math.min(this.workers.length, Math.ceil(tasks.length / FILES_PER_THREAD) - 1);
    const workers = this.workers.slice(0, useful);
    for (const idle of this.workers.slice(useful)) idle.stop();
    if (workers.length === 0) return checkOnMainThread(tasks, options);

    const outcomes: FileOutcome[] = new Array(tasks.length);
    let done = 0;
    const record = (index: number, outcome: FileOutcome) => {
      outcomes[index] = outcome;
      options.onProgress?.(++done, tasks.length);
    };
    const order = largestFirst(tasks);
    const queue = new CheckQueue(this.queueBuffer, order);
    const mainSlot = this.workers.length;
    const job: WorkerJob = { tasks, order };
    for (const worker of workers) worker.send(job);
    await loadPythonParser();
    for (let index = queue.take(mainSlot); index !== undefined; index = queue.take(mainSlot)) {
      record(index, checkFile(tasks[index]));
      // Collect what the workers sent meanwhile without returning to the event loop (progress stays current).
      for (const worker of workers) worker.drain(record);
    }
    // A worker that died leaves at most the one file it was checking without an outcome: an internal error (a
    // MemLens bug, e.g. the parser running out of memory); the other threads took the rest.
    const crashed = (index: number, error: Error) => {
      if (outcomes[index] === undefined) record(index, { path: tasks[index].path, findings: [], findingLines: [], failures: [{ check: 'worker', message: error.stack ?? error.message }] });
    };
    await Promise.all(workers.map((worker) => worker.finish(queue, record, crashed)));
    return outcomes;
  }

  /** Stops the workers (run() already does); for a run that ends before checking anything. */
  dispose(): void {
    for (const worker of this.workers) worker.stop();
  }
}

/** Task indexes by file size, largest first (ties and unreadable files in input order). */
function largestFirst(tasks: readonly FileTask[]): number[] {
  const sizes = tasks.map((task) => {
    try {
      return statSync(task.path).size;
    } catch {
      return 0;
    }
  });
  return tasks.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b);
}

type Record = (index: number, outcome: FileOutcome) => void;
type Crashed = (index: number, error: Error) => void;

/** One worker thread and the port its outcomes arrive on. */
class CheckWorker {
  private readonly thread: Worker;
  private readonly port: MessagePort;
  private readonly slot: number;
  private finished = false;
  private stopped = false;
  private error: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(script: string, queueBuffer: SharedArrayBuffer, slot: number) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.slot = slot;
    const setup: WorkerSetup = { port: channel.port2, queue: queueBuffer, slot };
    this.thread = new Worker(script, { workerData: setup, transferList: [channel.port2] });
    // Until it is sent a job, a worker must not keep the process alive (a run can end early: a configuration error).
    this.thread.unref();
    this.thread.on('error', (error) => (this.error = error));
    this.exited = new Promise((resolve) => this.thread.once('exit', () => resolve()));
  }

  send(job: WorkerJob): void {
    this.thread.ref();
    this.port.postMessage(job);
  }

  /** Records the outcomes that have arrived, without waiting. */
  drain(record: Record): void {
    for (let message = receiveMessageOnPort(this.port); message && !this.finished; message = receiveMessageOnPort(this.port)) {
      this.handle(message.message as WorkerReport, record);
    }
  }

  /** Waits until the worker has sent its last outcome, or has died (then `crashed` hears which file it was on). */
  async finish(queue: CheckQueue, record: Record, crashed: Crashed): Promise<void> {
    this.drain(record);
    if (!this.finished) {
      await new Promise<void>((resolve) => {
        this.port.on('message', (report: WorkerReport) => {
          this.handle(report, record);
          if (this.finished) resolve();
        });
        void this.exited.then(() => resolve());
      });
    }
    this.drain(record);
    if (!this.finished) {
      const index = queue.current(this.slot);
      if (index !== undefined) crashed(index, this.error ?? new Error('check worker exited early'));
    }
    this.stop();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.port.close();
    void this.thread.terminate();
  }

  private handle(report: WorkerReport, record: Record): void {
    if ('finished' in report) this.finished = true;
    else record(report.index, report.outcome);
  }
}
