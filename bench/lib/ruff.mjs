// The Ruff peer: @astral-sh/ruff-wasm-nodejs in this process, one Workspace, every corpus file checked in turn with
// the rules that overlap MemLens's categories.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { nowMs, percentile } from './stats.mjs';

/** B006 mutable defaults, B019 lru_cache on methods, C4 flake8-comprehensions, PERF perflint, SLOT __slots__ on
 *  str/tuple/namedtuple subclasses, PLW0603 global statement. */
export const RUFF_RULES = ['B006', 'B019', 'C4', 'PERF', 'SLOT', 'PLW0603'];

/** The wasm logs its glob-set construction with console.log; keep it out of the benchmark's output. */
function quietly(fn) {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = () => {};
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
  }
}

export function loadRuff(root) {
  const require = createRequire(join(root, 'package.json'));
  let ruff;
  try {
    ruff = require('@astral-sh/ruff-wasm-nodejs');
  } catch (error) {
    return { error: `@astral-sh/ruff-wasm-nodejs not installed (${error.code ?? error.message})` };
  }
  const workspace = quietly(
    () => new ruff.Workspace({ 'target-version': 'py311', lint: { select: RUFF_RULES } }, ruff.PositionEncoding.Utf16),
  );
  return { version: ruff.Workspace.version(), workspace };
}

/** One pass over the files: wall time and diagnostics per rule code. */
export function runRuff(workspace, files) {
  const byCode = {};
  let diagnostics = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const start = nowMs();
  for (const file of files) {
    let result;
    try {
      result = quietly(() => workspace.check(file.text));
    } catch {
      failed++;
      continue;
    }
    diagnostics += result.length;
    for (const d of result) byCode[d.code ?? 'syntax'] = (byCode[d.code ?? 'syntax'] ?? 0) + 1;
  }
  const ms = nowMs() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, diagnostics, byCode, failed };
}

/** Ruff checking one whole file again and again, as its language server does after each edit (ruff has no
 *  incremental analysis): the peer of MemLens's per-edit re-analysis, on the same file in the same run. */
export function ruffRecheck(workspace, text, { warmup = 20, runs = 100 } = {}) {
  for (let i = 0; i < warmup; i++) quietly(() => workspace.check(text));
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    quietly(() => workspace.check(text));
    times.push(nowMs() - start);
  }
  return { runs, p50: percentile(times, 50), p95: percentile(times, 95) };
}
