// The pylint peer (Debian's `pylint`), run only when installed, with the six messages that overlap MemLens.
// pylint takes ~0.7 s per 1k lines, so it runs once on a deterministic subset and its speed is extrapolated.
import { execFileSync } from 'node:child_process';
import { spawnMeasured } from './measured-spawn.mjs';

/** dangerous-default-value, method-cache-max-size-none, consider-using-generator, use-a-generator,
 *  consider-using-with, global-statement. */
export const PYLINT_MESSAGES = ['W0102', 'W1518', 'R1728', 'R1729', 'R1732', 'W0603'];
export const PYLINT_SUBSET_STRIDE = 10;

export function findPylint() {
  try {
    const path = execFileSync('sh', ['-c', 'command -v pylint'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (!path) return undefined;
    const version = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0].trim();
    return { path, version };
  } catch {
    return undefined;
  }
}

/** Every PYLINT_SUBSET_STRIDE-th file of the sorted corpus, starting with the first. */
export function pylintSubset(files) {
  return files.filter((_, i) => i % PYLINT_SUBSET_STRIDE === 0);
}

/** One run over `files` (corpus entries) with cwd = stdlib and relative paths; `--rcfile=/dev/null` so no
 *  configuration on the machine changes what runs. */
export async function runPylint(pylint, stdlib, files, jobs, { allCheckers = false } = {}) {
  // allCheckers: pylint as it runs out of the box (every default checker), the figure issue 2's "~700 ms per 1k
  // lines" was measured with; reported for information beside the six-message run the target is judged on.
  const args = [
    '--rcfile=/dev/null',
    ...(allCheckers ? [] : ['--disable=all', `--enable=${PYLINT_MESSAGES.join(',')}`]),
    `-j`,
    String(jobs),
    '--output-format=json',
    '--score=n',
    '--exit-zero',
    ...files.map((f) => f.rel),
  ];
  const r = await spawnMeasured(pylint.path, args, { cwd: stdlib });
  if (r.code !== 0) return { ms: r.ms, error: `pylint exited ${r.code}: ${r.stderr.trim().slice(0, 300)}` };
  let messages;
  try {
    messages = JSON.parse(r.stdout || '[]');
  } catch {
    return { ms: r.ms, error: `pylint exited ${r.code} with unreadable output: ${r.stderr.slice(0, 300)}` };
  }
  const byCode = {};
  for (const m of messages) byCode[m['message-id']] = (byCode[m['message-id']] ?? 0) + 1;
  // Fatal and syntax-error messages (F0001, E0001) are not one of the six: counted apart.
  const diagnostics = messages.filter((m) => PYLINT_MESSAGES.includes(m['message-id'])).length;
  return { ms: r.ms, cpuMs: r.cpuMs, diagnostics, other: messages.length - diagnostics, byCode, code: r.code };
}
