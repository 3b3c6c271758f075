// `memlens measure FILE.py --line N`: runs the snippet for line N in a real interpreter (--python-path, else
// python3 on PATH) and prints its sizes beside the model's for that interpreter's version.
import { readPythonSource } from './read-source';
import { resolve } from 'node:path';
import { formatMeasureText } from '../measure/format-measure';
import { measureSnippet } from '../measure/measure-snippet';

export const MEASURE_FORMATS = ['text', 'json'] as const;
export type MeasureFormat = (typeof MEASURE_FORMATS)[number];

export interface MeasureCommand {
  kind: 'measure';
  file: string;
  /** 1-based. */
  line: number;
  pythonPath?: string;
  timeoutSeconds?: number;
  memoryLimitMB?: number;
  format: MeasureFormat;
}

export interface MeasureIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

/** Exit codes: 0 measured, 1 the snippet failed (raised, timed out, memory limit, bad output), 2 usage or I/O
 *  error, including an interpreter that cannot be found. */
export async function runMeasure(command: MeasureCommand, io: MeasureIo): Promise<number> {
  const file = resolve(io.cwd, command.file);
  // The same reading as `memlens check`: binary files refused, PEP 263 coding declarations honoured.
  const source = readPythonSource(file);
  if (!source.ok) {
    io.stderr.write(`memlens: ${command.file}: ${source.reason}\n`);
    return 2;
  }
  const text = source.text;
  const report = await measureSnippet({
    text,
    filename: file,
    line: command.line - 1,
    column: 0,
    interpreter: command.pythonPath ?? 'python3',
    timeoutSeconds: command.timeoutSeconds,
    memoryLimitMB: command.memoryLimitMB,
  });
  io.stdout.write(command.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatMeasureText(report));
  if (!report.error) return 0;
  return report.error.kind === 'interpreter-not-found' ? 2 : 1;
}
