// Analyses one file: read, parse, run the checks. Used alike on the main thread and inside the check workers, so
// everything here crosses a worker boundary as plain, structured-clonable data.
import { analyzeTree, type AnalysisOptions, type CheckFailure } from '../analysis/analyze';
import type { Finding } from '../analysis/finding';
import { parsePython } from '../parse/python-parser';
import { readPythonSource } from './read-source';

export interface FileTask {
  /** Absolute path. */
  path: string;
  options: AnalysisOptions;
}

export interface FileOutcome {
  path: string;
  findings: Finding[];
  /** The text of each finding's first line (parallel to findings): SARIF fingerprints hash it. */
  findingLines: string[];
  /** Checks that threw on this file (a MemLens bug; the other checks still ran). */
  failures: CheckFailure[];
  /** Why the file was not analysed (binary, not UTF-8, unreadable). */
  skipped?: string;
}

/** The parser must be loaded (loadPythonParser) before calling this. */
export function checkFile(task: FileTask): FileOutcome {
  const source = readPythonSource(task.path);
  if (!source.ok) return { path: task.path, findings: [], findingLines: [], failures: [], skipped: source.reason };
  const text = source.text;
  let tree;
  try {
    tree = parsePython(text);
  } catch (error) {
    return { path: task.path, findings: [], findingLines: [], failures: [{ check: 'parser', message: describeError(error) }] };
  }
  try {
    const result = analyzeTree(tree, text, task.options);
    return {
      path: task.path,
      findings: result.findings,
      findingLines: linesAt(text, result.findings.map((f) => f.range.start.line)),
      failures: result.failures,
    };
  } catch (error) {
    return { path: task.path, findings: [], findingLines: [], failures: [{ check: 'analyzer', message: describeError(error) }] };
  } finally {
    tree.delete();
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The text of each wanted line (0-based; '' past the end), lines ending at \r\n, \r or \n. Steps from break to
 * break only up to the last wanted line: most files have no finding, and splitting every file into lines cost ~20 ms
 * over the stdlib.
 */
export function linesAt(text: string, wanted: readonly number[]): string[] {
  if (wanted.length === 0) return [];
  const last = Math.max(...wanted);
  const need = new Set(wanted);
  const found = new Map<number, string>();
  LINE_BREAK.lastIndex = 0;
  let start = 0;
  for (let line = 0; line <= last; line++) {
    const lineBreak = LINE_BREAK.exec(text);
    if (need.has(line)) found.set(line, text.slice(start, lineBreak ? lineBreak.index : text.length));
    if (!lineBreak) break;
    start = lineBreak.index + lineBreak[0].length;
  }
  return wanted.map((n) => found.get(n) ?? '');
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
