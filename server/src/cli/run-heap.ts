// `memlens heap FILE.py`: runs the heap simulator on the snippet for a line (or the whole module) and prints the
// snapshot as JSON, as a readable table, or as a standalone HTML page of the heap diagram.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatVersion, type PythonVersion } from '../analysis/python-version';
import { ConfigResolver } from '../config/config-resolver';
import { ConfigError, targetPython } from '../config/project-config';
import { writeHeapDemoPage } from '../../../media/src/page/demo-page';
import { renderHeapText } from '../model/heap/render-text';
import { simulate } from '../model/heap/simulate';
import { loadPythonParser } from '../parse/python-parser';
import { readPythonSource } from './read-source';

export const HEAP_FORMATS = ['json', 'text', 'html'] as const;
export type HeapFormat = (typeof HEAP_FORMATS)[number];

export interface HeapCommand {
  kind: 'heap';
  file: string;
  python?: PythonVersion;
  /** 1-based, like an editor's line numbers. */
  line?: number;
  steps: boolean;
  format: HeapFormat;
  output?: string;
}

export interface HeapIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

export async function runHeap(command: HeapCommand, io: HeapIo): Promise<number> {
  const file = resolve(io.cwd, command.file);
  // The same reading as `memlens check`: binary files refused, PEP 263 coding declarations honoured.
  const source = readPythonSource(file);
  if (!source.ok) {
    io.stderr.write(`memlens: ${command.file}: ${source.reason}\n`);
    return 2;
  }
  const text = source.text;
  let python: PythonVersion;
  try {
    python = targetPython(new ConfigResolver().forFile(file), command.python);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`memlens: ${error.message}\n`);
    return 2;
  }
  await loadPythonParser();
  const line = command.line === undefined ? undefined : command.line - 1;
  if (command.format === 'html') {
    // The page inlines the diagram's bundle and stylesheet, which ship in media/ beside dist/.
    const out = resolve(io.cwd, command.output ?? 'heap-diagram.html');
    const page = await writeHeapDemoPage({ file, text, out, line: command.line, python: formatVersion(python), mediaDir: join(__dirname, '..', 'media') });
    io.stderr.write(`Wrote the heap diagram of ${command.file} (${page.objects} objects, ${page.steps} steps) to ${out}\n`);
    return 0;
  }
  const result = simulate(text, { python, steps: command.steps, line });
  const body =
    command.format === 'json'
      ? JSON.stringify(result.snapshot, null, 2) + '\n'
      : `${result.snippet ? `${result.snippet.label}\n` : ''}${renderHeapText(result.snapshot)}`;
  if (command.output) writeFileSync(resolve(io.cwd, command.output), body);
  else io.stdout.write(body);
  return 0;
}
