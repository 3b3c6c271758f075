// The benchmark corpus: the CPython standard library of the machine's python3, without its tests.
//
// Rule: every `*.py` file under `sysconfig.get_paths()["stdlib"]`, skipping any directory named `test`, `tests` or
// `idle_test` at any depth (test/, idlelib/idle_test/, lib2to3/tests/, tkinter/test/, unittest/test/,
// ctypes/test/, distutils/tests/, ...), `site-packages`, `dist-packages` and `__pycache__`. Files are sorted by
// their path relative to the stdlib so every run, and every subset, is the same.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const EXCLUDED_DIRS = new Set(['test', 'tests', 'idle_test', 'site-packages', 'dist-packages', '__pycache__']);
export const CORPUS_RULE =
  'every *.py under python3\'s sysconfig stdlib path, without directories named test, tests, idle_test, ' +
  'site-packages, dist-packages or __pycache__ (at any depth)';

/** Where python3 keeps its standard library; throws a readable error when python3 is missing. */
export function findStdlib() {
  let out;
  try {
    out = execFileSync('python3', ['-c', 'import sys, sysconfig; print(sysconfig.get_paths()["stdlib"]); print(sys.version.split()[0])'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const why = error.code === 'ENOENT' ? 'python3 is not on PATH' : `python3 failed: ${String(error.stderr ?? error.message).trim()}`;
    throw new Error(`${why}. The benchmark corpus is the standard library of the machine's python3; install python3 (3.11 for the reference numbers) and re-run.`);
  }
  const [stdlib, version] = out.trim().split('\n');
  return { stdlib, version };
}

/** Lines as editors count them: newline characters, plus one for a last line without a newline. */
export function countLines(text) {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  if (text.length > 0 && !text.endsWith('\n')) lines++;
  return lines;
}

/** Lists and reads the corpus. Explicit stack, no recursion. Files that are not UTF-8 are read as latin-1 text by
 *  neither tool, so they are skipped and counted. */
export function loadCorpus(stdlib) {
  const paths = [];
  const stack = [stdlib];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!EXCLUDED_DIRS.has(entry.name)) stack.push(join(dir, entry.name));
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        paths.push(join(dir, entry.name));
      }
    }
  }
  const rel = (p) => relative(stdlib, p).split(sep).join('/');
  paths.sort((a, b) => (rel(a) < rel(b) ? -1 : rel(a) > rel(b) ? 1 : 0));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files = [];
  const skipped = [];
  for (const path of paths) {
    let text;
    try {
      text = decoder.decode(readFileSync(path));
    } catch {
      skipped.push(rel(path));
      continue;
    }
    files.push({ path, rel: rel(path), text, lines: countLines(text) });
  }
  const lines = files.reduce((n, f) => n + f.lines, 0);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  return { files, skipped, lines, bytes };
}
