// Worker thread entry (bundled to dist/check-worker.js). It loads the parser while the main thread sends the job,
// then takes files from the shared queue (check-queue.ts) until it is empty, sending each outcome back on its port as
// soon as it has it, and finally a `finished` message.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { loadPythonParser } from '../parse/python-parser';
import { checkFile, type FileOutcome, type FileTask } from './check-file';
import { CheckQueue } from './check-queue';

/** Given to the Worker constructor (workerData). */
export interface WorkerSetup {
  port: MessagePort;
  queue: SharedArrayBuffer;
  /** This worker's slot in the queue, where it records the file it is checking (for crash reports). */
  slot: number;
}

/** Sent on the port once the files are known. */
export interface WorkerJob {
  tasks: readonly FileTask[];
  /** Task indexes in the order to check them (largest file first). */
  order: readonly number[];
}

export type WorkerReport = { index: number; outcome: FileOutcome } | { finished: true };

if (parentPort) {
  const setup = workerData as WorkerSetup;
  const ready = loadPythonParser();
  setup.port.once('message', (job: WorkerJob) => {
    void ready.then(() => {
      const queue = new CheckQueue(setup.queue, job.order);
      for (let index = queue.take(setup.slot); index !== undefined; index = queue.take(setup.slot)) {
        const report: WorkerReport = { index, outcome: checkFile(job.tasks[index]) };
        setup.port.postMessage(report);
      }
      setup.port.postMessage({ finished: true } satisfies WorkerReport);
    });
  });
}
