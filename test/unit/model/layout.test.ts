// The layout API other parts of MemLens call directly (hover, checks, the heap simulator): sys.getsizeof per version.
// Expected numbers are CPython's own (recorded in test/ground-truth, see layout-ground-truth.test.ts).
import assert from 'node:assert/strict';
import type { PythonVersion } from '../../../server/src/analysis/python-version';
import {
  floatSize,
  instanceCost,
  intSize,
  listSize,
  roundUp8,
  strSize,
  tupleSize,
  dictSize,
  setSize,
  setTable,
  type ListConstruction,
} from '../../../server/src/model/layout';

const py = (minor: number): PythonVersion => ({ major: 3, minor });

describe('layout: sys.getsizeof per CPython version', () => {
  it('rounds deep-size parts up to 8', () => {
    assert.deepEqual([0, 1, 8, 28, 49].map(roundUp8), [0, 8, 8, 32, 56]);
  });

  it('sizes ints by 30-bit digits, with 0 growing a digit in 3.11', () => {
    assert.equal(intSize(py(10), 0), 24);
    assert.equal(intSize(py(11), 0), 28);
    assert.equal(intSize(py(12), 1), 28);
    assert.equal(intSize(py(12), 2 ** 30 - 1), 28);
    assert.equal(intSize(py(12), 2 ** 30), 32);
    assert.equal(intSize(py(12), -(2n ** 60n)), 36);
    assert.equal(intSize(py(12), 10n ** 100n), 72);
    assert.equal(floatSize(py(8)), 24);
  });

  it('sizes str by kind, with the 3.12 header change', () => {
    assert.equal(strSize(py(11), ''), 49);
    assert.equal(strSize(py(12), 'hello'), 46);
    assert.equal(strSize(py(11), 'café'), 77);
    assert.equal(strSize(py(12), 'café'), 61);
    assert.equal(strSize(py(12), '€'), 60);
    assert.equal(strSize(py(12), '😀'), 64);
    // 3.12+: the 1-char Latin-1 strings are static singletons carrying their UTF-8 form.
    assert.equal(strSize(py(12), 'é'), 61);
    assert.equal(strSize(py(11), 'é'), 74);
  });

  it('sizes tuples, with 3.14 caching the hash', () => {
    assert.equal(tupleSize(py(8), 0), 40);
    assert.equal(tupleSize(py(13), 3), 64);
    assert.equal(tupleSize(py(14), 3), 72);
  });

  it('sizes lists by how they were built', () => {
    const cases: Array<[number, number, ListConstruction, number]> = [
      [8, 3, 'literal', 80],
      [9, 3, 'literal', 120],
      [10, 3, 'literal', 88],
      [8, 5, 'range-list', 96],
      [10, 5, 'range-list', 104],
      [8, 17, 'append', 256],
      [9, 17, 'comprehension', 248],
      [8, 1_000_000, 'append', 8697456],
      [12, 1_000_000, 'append', 8448728],
      [12, 31, 'literal-names', 312],
      [12, 30, 'literal-names', 296],
      [12, 10, 'repeat', 136],
      [9, 10, 'extend', 152],
      [12, 10, 'extend', 136],
    ];
    for (const [minor, n, built, size] of cases) assert.equal(listSize(py(minor), n, built), size, `3.${minor} ${built} of ${n}`);
  });

  it('sizes dicts by table size and key kind', () => {
    assert.equal(dictSize(py(10), 0, true), 64);
    assert.equal(dictSize(py(10), 5, true), 232);
    assert.equal(dictSize(py(11), 5, true), 184);
    assert.equal(dictSize(py(11), 5, false), 224);
    assert.equal(dictSize(py(12), 1000, false), 36952);
    assert.equal(dictSize(py(12), 1000, true), 26032);
  });

  it('sizes sets built one by one or presized', () => {
    assert.equal(setSize(py(12), setTable(py(12), 4, 'incremental')), 216);
    assert.equal(setSize(py(12), setTable(py(12), 5, 'incremental')), 728);
    assert.equal(setSize(py(9), setTable(py(9), 5, 'literal')), 472);
    assert.equal(setSize(py(8), setTable(py(8), 5, 'literal')), 728);
  });

  it('costs an instance: object, key-sharing dict, slots', () => {
    const attrs = ['a', 'b', 'c', 'd', 'e'];
    assert.deepEqual(pick(instanceCost(py(10), { attributes: attrs, slots: false })), [48, 104]);
    assert.deepEqual(pick(instanceCost(py(11), { attributes: attrs, slots: false })), [56, 296]);
    assert.deepEqual(pick(instanceCost(py(12), { attributes: attrs, slots: false })), [48, 296]);
    assert.deepEqual(pick(instanceCost(py(12), { attributes: attrs, slots: false, instances: 2 })), [48, 288]);
    assert.deepEqual(pick(instanceCost(py(12), { attributes: attrs, slots: false, instances: 100 })), [48, 112]);
    assert.deepEqual(pick(instanceCost(py(12), { attributes: attrs, slots: true })), [72, 0]);
    // 30 names do not fit the 3.11-3.13 shared keys: an ordinary dict of 128 slots.
    const thirty = Array.from({ length: 30 }, (_, i) => `a${i}`);
    assert.deepEqual(pick(instanceCost(py(13), { attributes: thirty, slots: false })), [48, 1584]);
    const cost = instanceCost(py(12), { attributes: attrs, slots: false });
    assert.equal(cost.perInstance, cost.object + cost.dict);
    assert.equal(cost.parts.reduce((s, p) => s + p.bytes, 0), cost.perInstance);
  });
});

function pick(c: { object: number; dict: number }): [number, number] {
  return [c.object, c.dict];
}
