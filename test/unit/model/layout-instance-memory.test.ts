// Compares the instance-memory model (server/src/model/layout/instance-memory.ts) with what tracemalloc measured on
// real interpreters (test/ground-truth/instance-memory-3.X.json, written by `npm run measure` through
// scripts/measure-instance-memory.py): the bytes N instances of a fresh class keep allocated, exactly.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { instanceCost } from '../../../server/src/model/layout';
import { instanceMemory } from '../../../server/src/model/layout/instance-memory';

const truthDir = join(__dirname, '..', '..', 'ground-truth');

interface MemoryRecord {
  id: string;
  kind: 'plain' | 'slots' | 'dataclass' | 'dataclass-slots';
  attributes: number;
  later: number;
  order: 'same' | 'alternate';
  readDict: boolean;
  n: number;
  total?: number;
  error?: string;
}

function recordedMinors(): number[] {
  if (!existsSync(truthDir)) return [];
  return readdirSync(truthDir)
    .map((f) => /^instance-memory-3\.(\d+)\.json$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((minor) => minor >= 8)
    .sort((a, b) => a - b);
}

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const py = (minor: number) => ({ major: 3 as const, minor });

describe('layout model: instance memory vs tracemalloc', () => {
  it('has recorded instance memory for 3.8 to 3.13', () => {
    assert.deepEqual(recordedMinors().filter((m) => m <= 13), [8, 9, 10, 11, 12, 13]);
  });

  for (const minor of recordedMinors()) {
    it(`matches every tracemalloc measurement of CPython 3.${minor} exactly`, () => {
      const file = JSON.parse(readFileSync(join(truthDir, `instance-memory-3.${minor}.json`), 'utf8')) as { python: string; records: MemoryRecord[] };
      const misses: string[] = [];
      let compared = 0;
      for (const r of file.records) {
        if (r.error !== undefined || r.total === undefined) continue; // dataclass(slots=True) before 3.10
        compared++;
        const model = instanceMemory(py(minor), {
          attributes: names('a', r.attributes),
          later: names('later', r.later),
          slots: r.kind === 'slots' || r.kind === 'dataclass-slots',
          instances: r.n,
          insertionOrderVaries: r.order === 'alternate',
          readDict: r.readDict,
        });
        if (model.total !== r.total) misses.push(`${r.id}: CPython ${r.total}, model ${model.total}`);
      }
      console.log(`      CPython ${file.python}: ${compared} instance-memory cases, ${compared - misses.length} exact`);
      assert.ok(compared >= 300, `${compared} cases`);
      assert.deepEqual(misses, []);
    });
  }

  it('gives per-instance figures without and with a materialized __dict__ (Point(x, y), many instances)', () => {
    const point = { attributes: ['x', 'y'], slots: false, instances: 1_000_000 };
    const slotted = { ...point, slots: true };
    const table = [8, 9, 10, 11, 12, 13, 14].map((m) => {
      const c = instanceCost(py(m), point);
      return [m, c.allocated, c.allocatedWithDict, instanceCost(py(m), slotted).allocated];
    });
    assert.deepEqual(table, [
      [8, 152, 152, 48],
      [9, 152, 152, 48],
      [10, 152, 152, 48],
      [11, 88, 152, 48],
      [12, 80, 144, 48],
      [13, 88, 152, 48],
      [14, 88, 152, 48],
    ]);
    for (const m of [8, 11, 12, 13]) {
      const c = instanceCost(py(m), point);
      assert.equal(c.allocatedParts.reduce((s, p) => s + p.bytes, 0), c.allocated);
      assert.equal(c.allocatedWithDictParts.reduce((s, p) => s + p.bytes, 0), c.allocatedWithDict);
    }
  });

  it('counts the first instances of a 3.11+ class with up to 30 value slots', () => {
    // `init_inline_values`: the first instance gets 29 slots (3.11/3.12 values array of 32 + 29 * 8 bytes).
    assert.equal(instanceMemory(py(12), { attributes: ['x', 'y'], slots: false }).total, 48 + 32 + 29 * 8);
    // 3.13 sizes the inline values before reserving: 30 slots, 32 + 31 * 8 bytes.
    assert.equal(instanceMemory(py(13), { attributes: ['x', 'y'], slots: false }).total, 48 + 32 + 31 * 8);
  });

  it('gives up key-sharing when instances set attributes in different orders (3.8-3.10 only)', () => {
    const shape = { attributes: ['x', 'y'], slots: false, instances: 1000, insertionOrderVaries: true };
    // Instance 0 keeps its split dict; the rest get ordinary dicts: object 48 + dict 64 + 8-slot keys 168.
    assert.equal(instanceMemory(py(10), shape).total, 152 + 999 * 280);
    assert.equal(instanceMemory(py(12), shape).total, instanceMemory(py(12), { ...shape, insertionOrderVaries: false }).total);
  });

  it('turns the 31st name of a 3.11+ class into an ordinary dict per instance', () => {
    const c = instanceMemory(py(12), { attributes: names('a', 30), slots: false, instances: 10 });
    // object 48 + dict 64 + 128-slot str keys (32 + 128 + 85 * 16); the values array is freed.
    assert.equal(c.last, 48 + 64 + 1520);
  });
});
