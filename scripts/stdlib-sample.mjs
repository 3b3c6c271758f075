// `npm run noise`: runs `memlens check` (default rule set) over the CPython standard library of the machine's
// python3, without its test folders, and prints findings per 1,000 lines per rule plus a fixed pseudo-random
// sample of findings (same seed, same sample) for a person to read and judge: would a maintainer accept it?
// Usage: node scripts/stdlib-sample.mjs [--sample N] [--seed S] [--python-exe python3]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const root = dirname(dirname(new URL(import.meta.url).pathname));
const { values } = parseArgs({ options: { sample: { type: 'string', default: '50' }, seed: { type: 'string', default: '2026' }, 'python-exe': { type: 'string', default: 'python3' } } });
const SKIP = new Set(['test', 'tests', 'idle_test', 'site-packages', 'dist-packages', '__pycache__']);

const where = spawnSync(values['python-exe'], ['-c', 'import sys, sysconfig; print(sysconfig.get_paths()["stdlib"]); print(sys.version.split()[0])'], { encoding: 'utf8' });
if (where.status !== 0) {
  console.error(`noise: cannot run ${values['python-exe']}: ${where.error ?? where.stderr}`);
  process.exit(2);
}
const [stdlib, version] = where.stdout.trim().split('\n');

function files(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      if (!SKIP.has(name)) files(path, out);
    } else if (name.endsWith('.py')) out.push(path);
  }
  return out;
}
const all = files(stdlib);
const lines = all.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);

const run = spawnSync(process.execPath, [join(root, 'bin', 'memlens.js'), 'check', ...all.map((f) => relative(stdlib, f)), '--format', 'json', '--exit-zero', '--python', version.split('.').slice(0, 2).join('.')], {
  cwd: stdlib,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (run.status !== 0) {
  console.error(`noise: memlens failed (${run.status})\n${run.stderr}`);
  process.exit(2);
}
const findings = JSON.parse(run.stdout);
console.log(`CPython ${version} standard library (${stdlib}), test folders excluded: ${all.length} files, ${lines.toLocaleString('en-US')} lines`);
console.log(`${findings.length} findings, ${((findings.length / lines) * 1000).toFixed(3)} per 1k lines\n`);
const byCode = new Map();
for (const f of findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
for (const [code, n] of [...byCode].sort()) console.log(`  ${code}  ${String(n).padStart(4)}  ${((n / lines) * 1000).toFixed(3)} per 1k lines`);

// A small deterministic generator (mulberry32), so the sample can be re-read and discussed.
let state = Number(values.seed) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pool = [...findings];
const sample = [];
while (sample.length < Number(values.sample) && pool.length > 0) sample.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
sample.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
console.log(`\nSample of ${sample.length} (seed ${values.seed}):`);
sample.forEach((f, i) => console.log(`${String(i + 1).padStart(3)}. ${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`));
