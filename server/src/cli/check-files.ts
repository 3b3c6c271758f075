// Analyses many files. A handful run on the main thread (a worker costs a parser load, ~50 ms); more are shared
// between worker threads, one per core, each loading the parser once. Files are handed out one at a time as
// workers finish, so a large file does not hold up a queue, and outcomes come back in input order.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadPythonParser } from '../parse/python-parser';
import { checkFile, type FileOutcome, type FileTask } from './check-file';
import type { WorkerRequest, WorkerResponse } from './check-worker';

/** Below this many files the main thread is faster than starting workers. */
export const WORKER_THRESHOLD = 8;
/** Requests queued per worker, so it never waits for the main thread between files. */
const IN_FLIGHT_PER_WORKER = 2;

export interface CheckFilesOptions {
  onProgress?: (done: number, total: number) => void;
  /** Override the pool size (tests); defaults to the number of cores. */
  workers?: number;
}

export function workerScript(): string | undefined {
  // Beside the bundle (dist/cli.js -> dist/check-worker.js). From source (tests through tsx) there is none.
  const path = join(__dirname, 'check-worker.js');
  return existsSync(path) ? path : undefined;
}

export async function checkFiles(tasks: readonly FileTask[], options: CheckFilesOptions = {}): Promise<FileOutcome[]> {
  const script = workerScript();
  const poolSize = Math.min(options.workers ?? availableParallelism(), Math.ceil(tasks.length / 4));
  if (!script || tasks.length < WORKER_THRESHOLD || poolSize < 1) return checkOnMainThread(tasks, 0, [], options);
  return checkInWorkers(script, tasks, poolSize, options);
}

async function checkOnMainThread(tasks: readonly FileTask[], firstIndex: number, outcomes: FileOutcome[], options: CheckFilesOptions): Promise<FileOutcome[]> {
  await loadPythonParser();
  let done = outcomes.filter(Boolean).length;
  for (let i = firstIndex; i < tasks.length; i++) {
    if (outcomes[i]) continue;
    outcomes[i] = checkFile(tasks[i]);
    options.onProgress?.(++done, tasks.length);
  }
  return outcomes;
}

function checkInWorkers(script: string, tasks: readonly FileTask[], poolSize: number, options: CheckFilesOptions): Promise<FileOutcome[]> {
  return new Promise((resolve) => {
    const outcomes: FileOutcome[] = new Array(tasks.length);
    let next = 0;
    let done = 0;
    let alive = poolSize;
    const workers: Worker[] = [];

    const finishIfDone = () => {
      if (done < tasks.length) return;
      for (const w of workers) void w.terminate();
      resolve(outcomes);
    };

    const feed = (worker: Worker, inFlight: Set<number>) => {
      while (inFlight.size < IN_FLIGHT_PER_WORKER && next < tasks.length) {
        const id = next++;
        inFlight.add(id);
        const request: WorkerRequest = { id, task: tasks[id] };
        worker.postMessage(request);
      }
    };

    for (let n = 0; n < poolSize; n++) {
      const worker = new Worker(script);
      const inFlight = new Set<number>();
      workers.push(worker);
      worker.on('message', (response: WorkerResponse) => {
        inFlight.delete(response.id);
        outcomes[response.id] = response.outcome;
        done++;
        options.onProgress?.(done, tasks.length);
        feed(worker, inFlight);
        finishIfDone();
      });
      worker.on('error', (error) => {
        // A crashed worker: its files are reported as internal errors; the others carry on.
        for (const id of inFlight) {
          outcomes[id] = { path: tasks[id].path, findings: [], findingLines: [], failures: [{ check: 'worker', message: error.stack ?? error.message }], lineCount: 0 };
          done++;
        }
        inFlight.clear();
        alive--;
        if (alive === 0 && done < tasks.length) {
          // No worker left: finish on the main thread.
          next = tasks.length;
          void checkOnMainThread(tasks, 0, outcomes, options).then(() => {
            done = tasks.length;
            finishIfDone();
          });
          return;
        }
        finishIfDone();
      });
      feed(worker, inFlight);
    }
  });
}
