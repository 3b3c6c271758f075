// `memlens size --batch` through the built CLI: every recorded CPython case (test/ground-truth, measured by
// scripts/measure.mjs) sized by the model must give CPython's type, getsizeof and deep size.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');
const BIN = join(REPO, 'bin', 'memlens.js');
const CASES = join(REPO, 'scripts', 'measure-cases', 'cases.jsonl');

function size(input: string, python: string) {
  return spawnSync(process.execPath, [BIN, 'size', '--batch', '-', '--python', python], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe('cli: memlens size --batch', function () {
  this.timeout(60_000);

  for (const python of ['3.8', '3.12', '3.13']) {
    it(`matches every case recorded from CPython ${python}`, () => {
      const truth = JSON.parse(readFileSync(join(REPO, 'test', 'ground-truth', `cpython-${python}.json`), 'utf8')) as {
        records: Array<{ id: string; type?: string; shallow?: number; deep?: number; error?: string }>;
      };
      const run = size(readFileSync(CASES, 'utf8'), python);
      assert.equal(run.status, 0, run.stderr);
      const got = new Map(run.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r]));
      // A number that differs from CPython is a defect; "unknown" is allowed (the model says what it cannot size)
      // but counts as a miss against issue 3's rate: exact on at least 99.5% of the cases.
      const wrong: string[] = [];
      let unknown = 0;
      for (const t of truth.records) {
        const r = got.get(t.id);
        if (typeof r?.error === 'string' && r.error.startsWith('unknown:')) {
          if (t.error === undefined) unknown++;
          continue;
        }
        if (t.error !== undefined) {
          if (r?.error === undefined) wrong.push(`${t.id}: CPython raised, model gave ${JSON.stringify(r)}`);
        } else if (!r || r.type !== t.type || r.shallow !== t.shallow || r.deep !== t.deep) {
          wrong.push(`${t.id}: CPython ${t.type} ${t.shallow}/${t.deep}, model ${JSON.stringify(r)}`);
        }
      }
      assert.ok(truth.records.length >= 1500, `only ${truth.records.length} recorded cases`);
      assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${truth.records.length} cases differ`);
      assert.ok(unknown / truth.records.length <= 0.005, `${unknown} cases unknown to the model`);
    });
  }

  it('answers bad lines with an error record and keeps going', () => {
    const run = size('not json\n{"id":"a","expr":"[1, 2, 3]"}\n{"id":"b"}\n{"id":"c","expr":"open(\'f\')"}\n', '3.12');
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    assert.match(lines[0].error, /not JSON/);
    assert.deepEqual(lines[1], { id: 'a', type: 'list', shallow: 88, deep: 88 + 3 * 32 });
    assert.match(lines[2].error, /needs "expr"/);
    assert.match(lines[3].error, /unknown/);
  });

  it('fails with exit code 2 and a message for a missing file or no --batch', () => {
    const missing = spawnSync(process.execPath, [BIN, 'size', '--batch', '/nonexistent/cases.jsonl'], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
    const noBatch = spawnSync(process.execPath, [BIN, 'size'], { encoding: 'utf8' });
    assert.equal(noBatch.status, 2);
    assert.match(noBatch.stderr, /--batch/);
  });
});
