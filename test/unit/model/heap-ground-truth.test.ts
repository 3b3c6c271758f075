// The heap simulator against real interpreters: every module-level variable of every heap fixture
// (test/fixtures/heap/*.py), measured by scripts/measure-heap.mjs into test/ground-truth/heap-3.X.json (type,
// sys.getsizeof, deep size, refcount of containers and instances). The simulator must match exactly.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPythonParser } from '../../../server/src/parse/python-parser';
import { deepSize, simulate } from '../../../server/src/model/heap';

const root = join(__dirname, '..', '..', '..');
const truthDir = join(root, 'test', 'ground-truth');
const fixtureDir = join(root, 'test', 'fixtures', 'heap');

interface VariableTruth { type: string; shallow: number; deep: number; refcount?: number }
interface HeapTruth { python: string; fixtures: Record<string, Record<string, VariableTruth> | { error: string }> }

const files = readdirSync(truthDir).filter((f) => /^heap-3\.\d+\.json$/.test(f)).sort();

describe('heap simulator: ground truth', () => {
  before(async () => {
    await loadPythonParser();
  });

  it('has ground truth for 3.8 to 3.13', () => {
    for (const minor of [8, 9, 10, 11, 12, 13]) assert.ok(files.includes(`heap-3.${minor}.json`), `missing heap-3.${minor}.json (run node scripts/measure-heap.mjs)`);
  });

  for (const file of files) {
    const truth = JSON.parse(readFileSync(join(truthDir, file), 'utf8')) as HeapTruth;
    describe(`CPython ${truth.python}`, () => {
      for (const [fixture, variables] of Object.entries(truth.fixtures)) {
        it(fixture, () => {
          assert.ok(!('error' in variables), `the fixture raised on CPython: ${JSON.stringify(variables)}`);
          const source = readFileSync(join(fixtureDir, fixture), 'utf8');
          const { snapshot } = simulate(source, { python: truth.python, timeLimitMs: 10_000 });
          const module = snapshot.frames[0]!;
          const misses: string[] = [];
          for (const [name, want] of Object.entries(variables as Record<string, VariableTruth>)) {
            const variable = module.variables.find((v) => v.name === name);
            if (!variable) {
              misses.push(`${name}: not in the snapshot`);
              continue;
            }
            const o = snapshot.objects.find((x) => x.id === variable.target)!;
            const deep = deepSize(snapshot, variable.target);
            const got = { type: o.type, shallow: o.shallow, deep: deep.unknown ? null : deep.bytes, ...(want.refcount !== undefined ? { refcount: o.refcount } : {}) };
            const expected = { type: want.type, shallow: want.shallow, deep: want.deep, ...(want.refcount !== undefined ? { refcount: want.refcount } : {}) };
            if (JSON.stringify(got) !== JSON.stringify(expected)) misses.push(`${name}: model ${JSON.stringify(got)}, CPython ${JSON.stringify(expected)}`);
          }
          assert.deepEqual(misses, []);
        });
      }
    });
  }
});
