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
  lineCount: number;
}

/** The parser must be loaded (loadPythonParser) before calling this. */
export function checkFile(task: FileTask): FileOutcome {
  const source = readPythonSource(task.path);
  if (!source.ok) return { path: task.path, findings: [], findingLines: [], failures: [], skipped: source.reason, lineCount: 0 };
  const text = source.text;
  const lines = text.split(/\r\n|\r|\n/);
  let tree;
  try {
    tree = parsePython(text);
  } catch (error) {
    return { path: task.path, findings: [], findingLines: [], failures: [{ check: 'parser', message: describeError(error) }], lineCount: lines.length };
  }
  try {
    const result = analyzeTree(tree, text, task.options);
    return {
      path: task.path,
      findings: result.findings,
      findingLines: result.findings.map((f) => lines[f.range.start.line] ?? ''),
      failures: result.failures,
      lineCount: lines.length,
    };
  } catch (error) {
    return { path: task.path, findings: [], findingLines: [], failures: [{ check: 'analyzer', message: describeError(error) }], lineCount: lines.length };
  } finally {
    tree.delete();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
