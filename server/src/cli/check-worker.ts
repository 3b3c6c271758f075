// Worker thread entry (bundled to dist/check-worker.js): loads the parser once, then analyses every file the main
// thread sends, one message per file, answering in the order received.
import { parentPort } from 'node:worker_threads';
import { loadPythonParser } from '../parse/python-parser';
import { checkFile, type FileTask } from './check-file';

export interface WorkerRequest {
  id: number;
  task: FileTask;
}

export interface WorkerResponse {
  id: number;
  outcome: ReturnType<typeof checkFile>;
}

const port = parentPort;
if (port) {
  const ready = loadPythonParser();
  port.on('message', (request: WorkerRequest) => {
    void ready.then(() => {
      const response: WorkerResponse = { id: request.id, outcome: checkFile(request.task) };
      port.postMessage(response);
    });
  });
}
