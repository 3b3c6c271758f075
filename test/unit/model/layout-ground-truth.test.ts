// Compares the layout model with every ground-truth file recorded from real interpreters (test/ground-truth, written
// by `npm run measure`), and with a random sample measured live on each matching interpreter found here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPythonParser } from '../../../server/src/parse/python-parser';
import { measureCase, type CaseRecord, type SizeCase } from '../../../server/src/model/cases/measure-case';

const root = join(__dirname, '..', '..', '..');
const truthDir = join(root, 'test', 'ground-truth');
const casesFile = join(root, 'scripts', 'measure-cases', 'cases.jsonl');
const SHALLOW_TARGET = 99.5;
const DEEP_TARGET = 98;

interface TruthRecord { id: string; type?: string; shallow?: number; deep?: number; error?: string }

function loadCases(): SizeCase[] {
  return readFileSync(casesFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as SizeCase);
}

/** Exact-match counts of the model against recorded truth. Both erroring counts as a match; 'unknown' is a miss. */
function compare(minor: number, cases: SizeCase[], truth: TruthRecord[]) {
  const byId = new Map(cases.map((c) => [c.id, c]));
  let shallow = 0;
  let deep = 0;
  const misses: string[] = [];
  const unknown: string[] = [];
  for (const t of truth) {
    const c = byId.get(t.id);
    if (!c) continue;
    const m: CaseRecord = measureCase({ major: 3, minor }, c);
    if ('unknown' in m) unknown.push(`${t.id}: ${m.unknown}`);
    if (t.error !== undefined) {
      if ('error' in m) shallow++, deep++;
      else misses.push(`${t.id}: CPython raised ${t.error}, model ${JSON.stringify(m)}`);
      continue;
    }
    const okShallow = 'shallow' in m && m.shallow === t.shallow;
    const okDeep = 'deep' in m && m.deep === t.deep;
    if (okShallow) shallow++;
    if (okDeep) deep++;
    if (!okShallow || !okDeep) misses.push(`${t.id}: CPython ${t.shallow}/${t.deep}, model ${'shallow' in m ? `${m.shallow}/${m.deep}` : JSON.stringify(m)}`);
  }
  const n = truth.filter((t) => byId.has(t.id)).length;
  return { n, shallowRate: (100 * shallow) / n, deepRate: (100 * deep) / n, misses, unknown };
}

function recordedMinors(): number[] {
  if (!existsSync(truthDir)) return [];
  return readdirSync(truthDir)
    .map((f) => /^cpython-3\.(\d+)\.json$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((minor) => minor >= 8) // the model covers 3.8+; 3.6/3.7 files are kept for reference
    .sort((a, b) => a - b);
}

/** A 64-bit CPython 3.<minor> on this machine (python3.X on PATH or a pyenv install), or undefined. */
function findInterpreter(minor: number): string | undefined {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(':')) candidates.push(join(dir, `python3.${minor}`));
  const pyenvRoot = process.env.PYENV_ROOT ?? join(process.env.HOME ?? '/root', '.pyenv');
  if (existsSync(join(pyenvRoot, 'versions'))) {
    for (const v of readdirSync(join(pyenvRoot, 'versions'))) if (v.startsWith(`3.${minor}.`)) candidates.push(join(pyenvRoot, 'versions', v, 'bin', 'python'));
  }
  for (const exe of candidates.reverse()) {
    if (!existsSync(exe)) continue;
    try {
      const out = execFileSync(exe, ['-c', 'import sys;print(sys.version_info[1], sys.implementation.name)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
      if (out.trim() === `${minor} cpython`) return exe;
    } catch {
      // a pyenv shim for a version that is not installed
    }
  }
  return undefined;
}

/** Small deterministic generator so a failing sample can be replayed with MEMLENS_SAMPLE_SEED. */
function sampler(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe('layout model vs CPython ground truth', function () {
  this.timeout(60000);
  let cases: SizeCase[] = [];
  before(async () => {
    await loadPythonParser();
    cases = loadCases();
  });

  it('has at least 1,500 cases per recorded version', () => {
    assert.ok(cases.length >= 1500, `${cases.length} cases`);
    for (const minor of recordedMinors()) {
      const truth = JSON.parse(readFileSync(join(truthDir, `cpython-3.${minor}.json`), 'utf8')) as { records: TruthRecord[] };
      assert.ok(truth.records.length >= 1500, `3.${minor}: ${truth.records.length} records`);
    }
  });

  for (const minor of recordedMinors()) {
    it(`matches every recorded case of CPython 3.${minor} (shallow >= ${SHALLOW_TARGET}%, deep >= ${DEEP_TARGET}%)`, () => {
      const file = JSON.parse(readFileSync(join(truthDir, `cpython-3.${minor}.json`), 'utf8')) as { python: string; records: TruthRecord[] };
      const started = Date.now();
      const r = compare(minor, cases, file.records);
      console.log(`      CPython ${file.python}: ${r.n} cases, shallow exact ${r.shallowRate.toFixed(2)}%, deep exact ${r.deepRate.toFixed(2)}%, unknown ${r.unknown.length} (${Date.now() - started} ms)`);
      for (const m of r.misses.slice(0, 10)) console.log(`        miss ${m}`);
      assert.ok(r.shallowRate >= SHALLOW_TARGET && r.deepRate >= DEEP_TARGET, `3.${minor} below target:\n${r.misses.slice(0, 20).join('\n')}`);
    });
  }

  it('matches a random sample measured live on each interpreter found', function () {
    const seed = Number(process.env.MEMLENS_SAMPLE_SEED ?? Date.now() % 100000);
    const pick = sampler(seed);
    // Leave out the 10**6-item cases: the deep walk takes CPython itself a while.
    const pool = cases.filter((c) => !/1000000|10\*\*6/.test(c.id + c.setup + c.expr));
    const dir = mkdtempSync(join(tmpdir(), 'memlens-live-'));
    let checked = 0;
    try {
      for (const minor of [8, 9, 10, 11, 12, 13]) {
        const exe = findInterpreter(minor);
        if (!exe) continue;
        const sample = Array.from({ length: 50 }, () => pool[pick(pool.length)]!).filter((c, i, a) => a.indexOf(c) === i);
        const file = join(dir, `sample-3.${minor}.jsonl`);
        writeFileSync(file, sample.map((c) => JSON.stringify(c)).join('\n') + '\n');
        const out = execFileSync(exe, [join(root, 'scripts', 'measure-cpython.py'), file], { encoding: 'utf8', timeout: 30000 });
        const live = (JSON.parse(out) as { python: string; records: TruthRecord[] });
        const r = compare(minor, sample, live.records);
        console.log(`      live ${live.python} (${exe}), seed ${seed}: ${r.n} cases, shallow ${r.shallowRate.toFixed(1)}%, deep ${r.deepRate.toFixed(1)}%`);
        for (const m of r.misses) console.log(`        miss ${m}`);
        assert.ok(r.shallowRate >= 96 && r.deepRate >= 94, `live 3.${minor} (seed ${seed}):\n${r.misses.join('\n')}`);
        checked++;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (checked === 0) this.skip();
  });
});
