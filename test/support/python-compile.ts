// Compiles many Python sources with the real interpreter in one process: a fix is only correct if CPython accepts
// the code it produces.
import { spawnSync } from 'node:child_process';

const COMPILER = `
import json, sys
sources = json.load(sys.stdin)
errors = []
for name, src in sources:
    try:
        compile(src, name, "exec", dont_inherit=True)
    except SyntaxError as e:
        errors.append(f"{name}:{e.lineno}: {e.msg}")
json.dump(errors, sys.stdout)
`;

export function pythonExecutable(): string {
  return process.env.MEMLENS_TEST_PYTHON ?? 'python3';
}

/** Returns "name:line: message" for each source CPython refuses to compile. */
export function compileErrors(sources: Array<[string, string]>): string[] {
  if (sources.length === 0) return [];
  const r = spawnSync(pythonExecutable(), ['-c', COMPILER], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python failed: ${r.error ?? r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}
