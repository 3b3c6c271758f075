// `npm run measure`: runs scripts/measure-cpython.py over scripts/measure-cases/cases.jsonl on every CPython 3.x it
// finds (python3.X on PATH, every pyenv-installed interpreter) and writes test/ground-truth/cpython-3.X.json, one
// file per minor version (the newest patch release found wins), records sorted by id, one record per line so diffs
// stay small. It then runs scripts/measure-instance-memory.py (tracemalloc: the memory N instances of a class really
// occupy) and writes test/ground-truth/instance-memory-3.X.json the same way. Options: --only=3.12 (one version),
// --cases=FILE.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { delimiter } from 'node:path';

const root = dirname(dirname(new URL(import.meta.url).pathname));
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const casesFile = arg('cases') ?? join(root, 'scripts', 'measure-cases', 'cases.jsonl');
const only = arg('only');

function candidates() {
  const found = new Set();
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (let minor = 6; minor <= 20; minor++) {
      const p = join(dir, `python3.${minor}`);
      if (existsSync(p)) found.add(p);
    }
  }
  let pyenvRoot;
  try {
    pyenvRoot = execFileSync('pyenv', ['root'], { encoding: 'utf8' }).trim();
  } catch {
    pyenvRoot = process.env.PYENV_ROOT;
  }
  if (pyenvRoot && existsSync(join(pyenvRoot, 'versions'))) {
    for (const v of readdirSync(join(pyenvRoot, 'versions'))) {
      const p = join(pyenvRoot, 'versions', v, 'bin', 'python');
      if (existsSync(p)) found.add(p);
    }
  }
  return [...found];
}

function describe(exe) {
  try {
    const out = execFileSync(
      exe,
      ['-c', 'import sys,struct;print(sys.implementation.name, sys.version.split()[0], struct.calcsize("P")*8, hasattr(sys, "_is_gil_enabled") and not sys._is_gil_enabled())'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, PYENV_VERSION: '' } },
    ).trim();
    const [impl, version, bits, freeThreaded] = out.split(' ');
    if (impl !== 'cpython' || bits !== '64' || freeThreaded === 'True') return undefined;
    const [major, minor, patch] = version.split('.').map((s) => parseInt(s, 10));
    if (major !== 3 || minor < 6) return undefined;
    return { exe, version, minor, patch };
  } catch {
    return undefined; // a pyenv shim for a version that is not installed, or not a CPython
  }
}

const byMinor = new Map();
for (const exe of candidates()) {
  const d = describe(exe);
  if (!d) continue;
  if (only && `3.${d.minor}` !== only) continue;
  const prev = byMinor.get(d.minor);
  if (!prev || d.patch > prev.patch) byMinor.set(d.minor, d);
}

for (const d of [...byMinor.values()].sort((a, b) => a.minor - b.minor)) {
  const started = Date.now();
  const out = execFileSync(d.exe, [join(root, 'scripts', 'measure-cpython.py'), casesFile], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, PYTHONHASHSEED: '0' },
  });
  const result = JSON.parse(out);
  const records = result.records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = records.map((r) => '    ' + JSON.stringify(r));
  const text = `{\n  "python": ${JSON.stringify(result.python)},\n  "records": [\n${lines.join(',\n')}\n  ]\n}\n`;
  const file = join(root, 'test', 'ground-truth', `cpython-3.${d.minor}.json`);
  writeFileSync(file, text);
  const errors = records.filter((r) => r.error).length;
  console.log(`${d.version} (${d.exe}): ${records.length} cases, ${errors} errors, ${((Date.now() - started) / 1000).toFixed(1)} s -> ${file}`);
  measureInstanceMemory(d);
}

function measureInstanceMemory(d) {
  const out = execFileSync(d.exe, [join(root, 'scripts', 'measure-instance-memory.py')], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, PYTHONHASHSEED: '0' },
  });
  const result = JSON.parse(out);
  const records = result.records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = records.map((r) => '    ' + JSON.stringify(r));
  const text = `{\n  "python": ${JSON.stringify(result.python)},\n  "records": [\n${lines.join(',\n')}\n  ]\n}\n`;
  const file = join(root, 'test', 'ground-truth', `instance-memory-3.${d.minor}.json`);
  writeFileSync(file, text);
  console.log(`${d.version}: ${records.length} instance-memory cases -> ${file}`);
}
