// CPython 3.14 has no interpreter on the build machines: these expectations are derived from CPython 3.14's source
// (file and function cited per case) and cross-checked with ../shared/CPYTHON-SIZES.md (a 3.14.7 build).
import assert from 'node:assert/strict';
import { loadPythonParser } from '../../../server/src/parse/python-parser';
import { measureCase } from '../../../server/src/model/cases/measure-case';
import { intSize, listSize, strSize, tupleSize } from '../../../server/src/model/layout';

const py314 = { major: 3 as const, minor: 14 };

function sized(setup: string, expr: string): { shallow: number; deep: number } {
  const r = measureCase(py314, { id: 'x', setup, expr });
  if (!('shallow' in r)) throw new Error(`not sized: ${JSON.stringify(r)}`);
  return { shallow: r.shallow, deep: r.deep };
}

const consts = (n: number) => Array.from({ length: n }, (_, i) => String(i + 500)).join(', ');
const classWith = (n: number) =>
  `class C:\n    def __init__(self):\n${Array.from({ length: n }, (_, i) => `        self.a${i} = ${i}`).join('\n')}`;

describe('layout: CPython 3.14 from source', () => {
  before(async () => {
    await loadPythonParser();
  });

  it('tuples cache their hash (Include/cpython/tupleobject.h PyTupleObject.ob_hash)', () => {
    assert.equal(tupleSize(py314, 0), 48);
    assert.equal(tupleSize(py314, 3), 72);
    // typing.NamedTuple instances are tuples.
    assert.equal(sized('from typing import NamedTuple\nclass P(NamedTuple):\n    x: int = 1\n    y: int = 2', 'P()').shallow, 64);
  });

  it('keeps the 3.12 int and str layouts (Objects/longobject.c, Include/cpython/unicodeobject.h)', () => {
    assert.equal(intSize(py314, 0), 28);
    assert.equal(strSize(py314, 'hello'), 46);
    assert.equal(strSize(py314, 'é'), 61);
  });

  it('builds constant list displays of more than 30 items one append at a time (Python/codegen.c starunpack_helper_impl)', () => {
    // `big = n + pushed > _PY_STACK_USE_GUIDELINE (30)`: BUILD_LIST 0 + LIST_APPEND per item -> append growth.
    assert.equal(sized('', `[${consts(31)}]`).shallow, 56 + 8 * 32);
    assert.equal(listSize(py314, 31, 'literal'), 312);
    // Up to 30 constants are folded to a tuple and extended into the empty list (Python/flowgraph.c), preallocated.
    assert.equal(sized('', `[${consts(3)}]`).shallow, 88);
    assert.equal(sized('', `[${consts(30)}]`).shallow, 56 + 8 * 30);
  });

  it('builds constant set displays of more than 30 items one add at a time (Python/codegen.c starunpack_helper_impl)', () => {
    assert.equal(sized('', `{${consts(64)}}`).shallow, 2264);
    assert.equal(sized('', `{${consts(5)}}`).shallow, 472);
  });

  it('pre-fills the shared keys with __static_attributes__ (Objects/dictobject.c _PyDict_NewKeysForClass(cls))', () => {
    // 29 or 30 names set in __init__: the keys hold them before the first instance, so usable is not decremented.
    assert.equal(sized(`${classWith(29)}\no = C()`, 'o.__dict__').shallow, 304);
    assert.equal(sized(`${classWith(30)}\no = C()`, 'o.__dict__').shallow, 304);
    assert.equal(sized(`${classWith(5)}\no = C()`, 'o.__dict__').shallow, 296);
    // More than 30: no key-sharing, an ordinary dict grown by insertion (64 slots for 31-42 str keys).
    assert.equal(sized(`${classWith(31)}\no = C()`, 'o.__dict__').shallow, 832);
  });

  it('rebuilds a str-key table for a non-str key without growing it (Objects/dictobject.c insertdict)', () => {
    assert.equal(sized('', "{'a': 1, 'b': 2, 'c': 3, 'd': 4, 5: 5}").shallow, 224);
  });

  it('sizes fixed objects (Include/cpython/funcobject.h func_annotate; Python/bltinmodule.c map strict)', () => {
    assert.equal(sized('', 'lambda: 0').shallow, 168);
    assert.equal(sized('', 'map(abs, [])').shallow, 56);
    assert.equal(sized('class C:\n    pass', 'C').shallow, 1720);
  });
});
