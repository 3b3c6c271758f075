// `memlens size --batch FILE`: sizes each JSON-lines case {"id","setup","expr"} with the memory model and prints
// one JSON line per case, in input order. Cases the model cannot size become {"id","error"} with the reason, so a
// caller comparing with CPython can tell "the model does not know" from a wrong number.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DEFAULT_PYTHON, type PythonVersion } from '../analysis/python-version';
import { measureCase, type SizeCase } from '../model/cases/measure-case';
import { loadPythonParser } from '../parse/python-parser';

export interface SizeIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function parseCase(line: string, lineNumber: number): SizeCase | { error: string; id: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { id: `line ${lineNumber}`, error: `line ${lineNumber} is not JSON: ${(error as Error).message}` };
  }
  const record = value as Partial<Record<'id' | 'setup' | 'expr', unknown>>;
  const id = typeof record?.id === 'string' || typeof record?.id === 'number' ? String(record.id) : `line ${lineNumber}`;
  if (typeof record?.expr !== 'string') return { id, error: 'a case needs "expr" (a string)' };
  if (record.setup !== undefined && typeof record.setup !== 'string') return { id, error: '"setup" must be a string' };
  return { id, setup: (record.setup as string | undefined) ?? '', expr: record.expr };
}

export async function runSize(batch: string, python: PythonVersion | undefined, io: SizeIo): Promise<number> {
  await loadPythonParser();
  const target = python ?? DEFAULT_PYTHON;
  let input: NodeJS.ReadableStream = io.stdin;
  let opened = Promise.resolve();
  if (batch !== '-') {
    const file = createReadStream(batch, { encoding: 'utf8' });
    input = file;
    opened = new Promise<void>((resolve, reject) => {
      file.once('error', reject);
      file.once('open', () => resolve());
    });
  }
  try {
    await opened;
  } catch (error) {
    io.stderr.write(`memlens: cannot read ${batch}: ${(error as Error).message}\n`);
    return 2;
  }
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parseCase(line, lineNumber);
    let out: object;
    if ('error' in parsed) {
      out = parsed;
    } else {
      const record = measureCase(target, parsed);
      out = 'unknown' in record ? { id: record.id, error: `unknown: ${record.unknown}` } : record;
    }
    io.stdout.write(JSON.stringify(out) + '\n');
  }
  return 0;
}
