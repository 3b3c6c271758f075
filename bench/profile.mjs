// Where analysis time goes: CPU-profiles analyzeTree over the corpus (trees parsed once, outside the profile), or
// the edit loop with --edits, and prints the functions with the most self time. The full profile is written to
// .cache/bench/<name>.cpuprofile (open it in Chrome DevTools > Performance, or VS Code).
//
//   node scripts/build.mjs && node bench/profile.mjs [--edits] [--passes=N] [--top=N]
import { readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { Session } from 'node:inspector/promises';
import { join, dirname } from 'node:path';
import { bundleCore } from './lib/bundle.mjs';
import { findStdlib, loadCorpus } from './lib/corpus.mjs';
import { editBench } from './lib/in-process.mjs';
import { fmtMs, nowMs, table } from './lib/stats.mjs';

const root = dirname(dirname(new URL(import.meta.url).pathname));
const argv = process.argv.slice(2);
const edits = argv.includes('--edits');
const passes = Number(argv.find((a) => a.startsWith('--passes='))?.slice(9) ?? 3);
const top = Number(argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const PYTHON = { major: 3, minor: 11 };

const outDir = join(root, '.cache', 'bench');
const { core } = await bundleCore(root, outDir);
await core.parser.loadPythonParser();
const { files } = loadCorpus(findStdlib().stdlib);

let work;
let cleanup = () => {};
if (edits) {
  const file = files.reduce((a, b) => (Math.abs(b.lines - 6000) < Math.abs(a.lines - 6000) ? b : a));
  work = () => editBench(core, file, PYTHON, { pairs: 100 });
} else {
  const trees = files.map((f) => core.parser.parsePython(f.text));
  cleanup = () => trees.forEach((t) => t.delete());
  work = () => {
    for (let i = 0; i < files.length; i++) core.analysis.analyzeTree(trees[i], files[i].text, { python: PYTHON });
  };
}
work(); // warm-up, unprofiled

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const start = nowMs();
for (let i = 0; i < passes; i++) work();
const elapsed = nowMs() - start;
const { profile } = await session.post('Profiler.stop');
session.disconnect();
cleanup();

const name = edits ? 'edits' : 'analyze';
writeFileSync(join(outDir, `${name}.cpuprofile`), JSON.stringify(profile));

// Bundle positions -> TypeScript source positions, through the bundle's source map.
const bundlePath = join(outDir, 'core.cjs');
const sourceMap = new SourceMap(JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

function frameKey(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return { key: `${name}  (native)`, ours: false };
  if (frame.url.startsWith('wasm://')) return { key: `${name}  (tree-sitter wasm)`, ours: false };
  const file = frame.url.replace(/^file:\/\//, '');
  if (file === bundlePath) {
    const entry = sourceMap.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry?.originalSource) {
      const source = entry.originalSource.replace(/^.*?(server\/src\/|node_modules\/)/, '$1');
      return { key: `${name}  ${source}:${entry.originalLine + 1}`, ours: source.startsWith('server/src/') };
    }
  }
  return { key: `${name}  ${file.replace(root + '/', '')}:${frame.lineNumber + 1}`, ours: false };
}
const keyCache = new Map();
const keyOf = (id) => {
  if (!keyCache.has(id)) keyCache.set(id, frameKey(byId.get(id).callFrame));
  return keyCache.get(id);
};

// Self time: the top frame of each sample. Inclusive time: every distinct function on the sample's stack (so
// recursion is not counted twice), kept only for MemLens's own source.
const self = new Map();
const inclusive = new Map();
let totalUs = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  totalUs += us;
  const top = keyOf(id).key;
  self.set(top, (self.get(top) ?? 0) + us);
  const seen = new Set();
  for (let n = id; n !== undefined; n = parentOf.get(n)) {
    const { key, ours } = keyOf(n);
    if (ours && !seen.has(key)) {
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
});
const rowsOf = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => [fmtMs(us / 1000), ((100 * us) / totalUs).toFixed(1), k]);
console.log(`${edits ? '200 edits on the ~6k-line file' : 'analyzeTree over the corpus'} x ${passes}: ${fmtMs(elapsed)} wall`);
console.log('\nSelf time');
console.log(table([['self', '%', 'function  source'], ...rowsOf(self)]));
console.log('\nInclusive time, MemLens source only');
console.log(table([['total', '%', 'function  source'], ...rowsOf(inclusive)]));
console.log(`\nprofile: .cache/bench/${name}.cpuprofile`);
