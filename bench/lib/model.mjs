// The memory model's hover-sized work (issue 3): sizing a class instance, and, when the heap simulator exists,
// simulating a 200-line module and `x = list(range(10**7))`. Absent modules are reported, never faked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nowMs, percentile } from './stats.mjs';

const PYTHON_VERSIONS = [8, 9, 10, 11, 12, 13, 14].map((minor) => ({ major: 3, minor }));

/** Class shapes a hover meets: 0-30 attributes, slotted or not, 1 to 10,000 instances, every modelled version. */
function instanceShapes(count) {
  const shapes = [];
  for (let i = 0; i < count; i++) {
    const n = i % 31;
    shapes.push({
      python: PYTHON_VERSIONS[i % PYTHON_VERSIONS.length],
      shape: {
        attributes: Array.from({ length: n }, (_, k) => `attr_${k}`),
        slots: i % 5 === 0,
        instances: [1, 2, 10, 1000, 10_000][i % 5],
      },
    });
  }
  return shapes;
}

export function benchInstanceCost(core, { calls = 5000, warmup = 2000 } = {}) {
  if (!core.layout?.instanceCost) return { skipped: 'server/src/model/layout/index.ts has no instanceCost export' };
  const shapes = instanceShapes(calls);
  for (let i = 0; i < warmup; i++) core.layout.instanceCost(shapes[i % shapes.length].python, shapes[i % shapes.length].shape);
  const times = [];
  let sink = 0;
  for (const { python, shape } of shapes) {
    const t0 = nowMs();
    sink += core.layout.instanceCost(python, shape).perInstance;
    times.push(nowMs() - t0);
  }
  return { calls, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), checksum: sink };
}

/** The simulator's entry point, by the names the heap module may export; undefined when none is found. */
function simulatorEntry(heap) {
  for (const name of ['simulateModule', 'simulate', 'runHeap', 'simulateHeap', 'runSnippet']) {
    if (typeof heap?.[name] === 'function') return { name, fn: heap[name] };
  }
  return undefined;
}

/** Times `runs` simulations of `source` after `warmup` untimed ones. */
function timeSimulation(core, entry, source, python, runs, warmup) {
  const times = [];
  const cpuTimes = [];
  let last;
  for (let i = 0; i < warmup + runs; i++) {
    const cpu = process.cpuUsage();
    const t0 = nowMs();
    last = entry.fn(source, { python });
    const ms = nowMs() - t0;
    const used = process.cpuUsage(cpu);
    if (i < warmup) continue;
    times.push(ms);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  return {
    runs,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
    cpuP50: percentile(cpuTimes, 50),
    cpuP95: percentile(cpuTimes, 95),
    outcome: outcomeOf(last),
  };
}

/** What the last simulation produced, so the table shows it really ran (an empty snapshot with an error
 *  diagnostic would be fast and meaningless). */
function outcomeOf(result) {
  const snapshot = result?.snapshot ?? result;
  if (!snapshot?.totals) return { note: 'no HeapSnapshot returned' };
  return {
    objects: snapshot.totals.objects,
    bytes: snapshot.totals.bytes,
    unknownObjects: snapshot.totals.unknownObjects,
    diagnostics: (snapshot.diagnostics ?? []).length,
    firstDiagnostics: (snapshot.diagnostics ?? []).slice(0, 3).map((d) => d.message),
  };
}

export function benchHeap(core, available, root, python) {
  if (!available.heap) return { skipped: 'not available yet (server/src/model/heap/index.ts does not exist)' };
  const entry = simulatorEntry(core.heap);
  if (!entry) return { skipped: `server/src/model/heap/index.ts exports no simulator entry point (exports: ${Object.keys(core.heap ?? {}).join(', ')})` };
  const module200 = readFileSync(join(root, 'bench', 'fixtures', 'heap-module.py'), 'utf8');
  const out = { entry: entry.name };
  try {
    out.module = timeSimulation(core, entry, module200, python, 50, 10);
    out.module.lines = module200.split('\n').length - (module200.endsWith('\n') ? 1 : 0);
    out.listRange = timeSimulation(core, entry, 'x = list(range(10**7))\n', python, 50, 10);
  } catch (error) {
    out.error = error instanceof Error ? error.message : String(error);
  }
  return out;
}
