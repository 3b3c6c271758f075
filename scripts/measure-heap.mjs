// Runs scripts/measure-heap.py over test/fixtures/heap on every CPython 3.8+ pyenv has installed (and python3.X on
// PATH) and writes test/ground-truth/heap-3.X.json (newest patch release per minor wins). Never edit those files by
// hand: rerun this. Options: --only=3.12.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { homedir } from 'node:os';

const root = dirname(dirname(new URL(import.meta.url).pathname));
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

function interpreters() {
  const found = new Set();
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (let minor = 8; minor <= 20; minor++) if (existsSync(join(dir, `python3.${minor}`))) found.add(join(dir, `python3.${minor}`));
  }
  const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  if (existsSync(versions)) for (const v of readdirSync(versions)) if (existsSync(join(versions, v, 'bin', 'python'))) found.add(join(versions, v, 'bin', 'python'));
  const best = new Map();
  for (const exe of found) {
    let out;
    try {
      out = execFileSync(exe, ['-c', 'import sys,struct;print(sys.implementation.name, *sys.version_info[:3], struct.calcsize("P")*8)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, PYENV_VERSION: '' } }).trim();
    } catch {
      continue;
    }
    const [impl, major, minor, patch, bits] = out.split(' ');
    if (impl !== 'cpython' || major !== '3' || Number(minor) < 8 || bits !== '64') continue;
    const key = `3.${minor}`;
    if (only && key !== only) continue;
    if (!best.has(key) || best.get(key).patch < Number(patch)) best.set(key, { exe, patch: Number(patch) });
  }
  return best;
}

for (const [version, { exe }] of interpreters()) {
  const json = execFileSync(exe, [join(root, 'scripts', 'measure-heap.py'), join(root, 'test', 'fixtures', 'heap')], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, PYENV_VERSION: '' } });
  const data = JSON.parse(json);
  const file = join(root, 'test', 'ground-truth', `heap-${version}.json`);
  writeFileSync(file, JSON.stringify(data, null, 1) + '\n');
  console.log(`${file}: ${Object.keys(data.fixtures).length} fixtures`);
}
