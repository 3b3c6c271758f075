// The heap simulator's behaviour: cycles found after del, summaries, unknown values, steps, limits, text output.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPythonParser } from '../../../server/src/parse/python-parser';
import { listSize, slottedInstanceSize } from '../../../server/src/model/layout';
import { deepSize, renderHeapText, simulate, simulateModule, sizeCase, type HeapSnapshot } from '../../../server/src/model/heap';

const fixtureDir = join(__dirname, '..', '..', 'fixtures', 'heap');

function variable(s: HeapSnapshot, name: string, frame = 0) {
  const v = s.frames[frame]!.variables.find((x) => x.name === name);
  assert.ok(v, `variable ${name} not in ${JSON.stringify(s.frames[frame]!.variables.map((x) => x.name))}`);
  return s.objects.find((o) => o.id === v.target)!;
}

function gcOnlyTypes(s: HeapSnapshot): string[] {
  return s.objects.filter((o) => o.flags.includes('gc-only')).map((o) => o.type);
}

describe('heap simulator', () => {
  before(async () => {
    await loadPythonParser();
  });

  describe('reference cycles', () => {
    it('finds the objects only cycles keep alive after del, with the cycle path', () => {
      const source = readFileSync(join(fixtureDir, 'cycles.py'), 'utf8');
      const s = simulateModule(source, { python: '3.12' });
      const expected = source.split('\n').filter((l) => l.startsWith('# heap-expect: gc-only ')).flatMap((l) => l.slice('# heap-expect: gc-only '.length).split(' '));
      const got = gcOnlyTypes(s);
      for (const type of new Set(expected)) {
        assert.equal(got.filter((t) => t === type).length, expected.filter((t) => t === type).length, `gc-only ${type} in ${JSON.stringify(got)}`);
      }
      const node = s.objects.find((o) => o.type === 'Node' && o.flags.includes('gc-only'))!;
      assert.ok(node.cyclePath && node.cyclePath[0] === `Node#${node.id}` && node.cyclePath[node.cyclePath.length - 1] === `Node#${node.id}`, JSON.stringify(node.cyclePath));
      assert.ok(node.cyclePath.includes('.parent') && node.cyclePath.includes('.children'));
      // Still reachable through a variable: not gc-only.
      assert.ok(!variable(s, 'alive').flags.includes('gc-only'));
      assert.ok(s.totals.gcOnlyObjects > 0 && s.totals.gcOnlyBytes > 0);
      // Interned names and None are shared by the interpreter, never gc-only.
      assert.ok(!s.objects.some((o) => o.flags.includes('cached-singleton') && o.flags.includes('gc-only')));
    });

    it('frees an object at once when its last reference goes (no cycle)', () => {
      const s = simulateModule('a = [1, 2]\nb = {"k": a}\ndel a\ndel b\n', { python: '3.12' });
      assert.ok(!s.objects.some((o) => o.type === 'list' || o.type === 'dict'));
      assert.equal(s.totals.gcOnlyObjects, 0);
    });

    it('gc.collect() frees the gc-only objects', () => {
      const s = simulateModule('import gc\nx = []\nx.append(x)\ndel x\ngc.collect()\n', { python: '3.12' });
      assert.deepEqual(gcOnlyTypes(s), []);
    });

    it('weak references neither count nor keep alive', () => {
      const src = 'import weakref\nclass A:\n    pass\na = A()\nr = weakref.ref(a)\n';
      const s = simulateModule(src, { python: '3.12' });
      assert.equal(variable(s, 'a').refcount, 1);
      const after = simulateModule(src + 'del a\n', { python: '3.12' });
      assert.ok(!after.objects.some((o) => o.type === 'A'));
    });
  });

  describe('summaries', () => {
    it('sizes list(range(10**7)) exactly without unrolling it', () => {
      const truth = JSON.parse(readFileSync(join(__dirname, '..', '..', 'ground-truth', 'heap-3.12.json'), 'utf8')).fixtures['big_range.py'].big;
      simulateModule('x = list(range(10))', { python: '3.12' }); // warm up
      const t0 = performance.now();
      const s = simulateModule('big = list(range(10**7))\n', { python: '3.12' });
      const ms = performance.now() - t0;
      const big = variable(s, 'big');
      assert.equal(big.shallow, truth.shallow);
      assert.equal(deepSize(s, big.id).bytes, truth.deep);
      const ints = s.objects.find((o) => o.type === 'int' && o.flags.includes('summary') && !o.flags.includes('cached-singleton'))!;
      assert.equal(ints.summary!.count, 10 ** 7 - 257);
      assert.ok(s.objects.length < 20, `${s.objects.length} objects`);
      assert.ok(ms < 200, `took ${ms.toFixed(1)} ms`);
    });

    it('summarises a for loop appending to a list', () => {
      const s = simulateModule('out = []\nfor i in range(10**6):\n    out.append(str(i))\n', { python: '3.11' });
      const out = variable(s, 'out');
      assert.equal(out.shallow, listSize({ major: 3, minor: 11 }, 10 ** 6, 'append'));
      const strs = s.objects.find((o) => o.type === 'str' && o.flags.includes('summary'))!;
      assert.equal(strs.summary!.count, 10 ** 6 - 10); // '0'..'9' are the cached one-character strs
      assert.ok(s.objects.length < 30);
    });
  });

  describe('what it cannot model', () => {
    it('turns unknown calls into unknown objects and goes on', () => {
      const s = simulateModule('import requests\nr = requests.get("http://x")\nxs = [1, 2, 3]\n', { python: '3.12' });
      const r = variable(s, 'r');
      assert.ok(r.flags.includes('unknown'));
      assert.equal(r.shallow, null);
      assert.match(r.unknownReason ?? '', /requests/);
      assert.equal(variable(s, 'xs').shallow, 88);
      assert.ok(s.diagnostics.length > 0);
    });

    it('survives 10,000 nested brackets', () => {
      const deep = `x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\ny = 1\n`;
      const s = simulateModule(deep, { python: '3.12' });
      assert.ok(s.diagnostics.some((d) => /nested|deep/.test(d.message)));
      assert.ok(s.frames[0]!.variables.some((v) => v.name === 'y'));
    });

    it('stops unbounded loops and deep recursion with a diagnostic', () => {
      const s = simulateModule('def f(n):\n    return f(n + 1)\nx = f(0)\nn = 0\nwhile True:\n    n += 1\ndone = 1\n', { python: '3.12' });
      assert.ok(s.diagnostics.some((d) => /recursion|depth/.test(d.message)));
      assert.ok(s.diagnostics.some((d) => /while loop stopped/.test(d.message)));
      assert.equal(variable(s, 'done').repr, '1');
    });

    it('takes the first branch of an unknown condition and says so', () => {
      const s = simulateModule('import os\nif os.environ.get("X"):\n    a = [1]\nelse:\n    a = [1, 2, 3, 4, 5, 6, 7, 8, 9]\n', { python: '3.12' });
      assert.equal(variable(s, 'a').repr, '1 item');
      assert.ok(s.diagnostics.some((d) => /first branch/.test(d.message)));
    });
  });

  describe('steps', () => {
    it('records one snapshot per statement, freed objects marked in the step that frees them', () => {
      const s = simulateModule('a = [1, 2, 3]\nb = a\ndel a\ndel b\nc = 1\n', { python: '3.12', steps: true });
      assert.equal(s.steps!.length, 5);
      const afterDelB = s.steps![3]!.snapshot;
      assert.ok(afterDelB.objects.some((o) => o.type === 'list' && o.flags.includes('freed')));
      assert.ok(!s.steps![4]!.snapshot.objects.some((o) => o.type === 'list'));
      assert.equal(s.steps![0]!.range.start.line, 0);
    });

    it('stops recording after maxSteps', () => {
      const s = simulateModule('x = []\nfor i in range(100):\n    x.append(i)\n', { python: '3.12', steps: true, maxSteps: 10 });
      assert.equal(s.steps!.length, 10);
      assert.equal(s.stepsTruncated, true);
    });
  });

  describe('instances and snippets', () => {
    it('runs the class under the cursor through __init__', () => {
      const src = 'class Point:\n    def __init__(self, x: int, y: int = 5, label: str = "p"):\n        self.x = x\n        self.y = y\n        self.label = label\n';
      const r = simulate(src, { python: '3.12', line: 2 });
      assert.equal(r.snippet!.label, 'instance of Point (via __init__)');
      const o = r.snapshot.objects.find((x) => x.id === r.focus)!;
      assert.equal(o.type, 'Point');
      assert.equal(o.attributeStorage, 'managed-dict');
      assert.equal(o.shallow, 48);
      assert.deepEqual(r.snapshot.focus && { label: r.snapshot.focus.label, target: r.snapshot.focus.target }, { label: 'instance of Point (via __init__)', target: r.focus });
    });

    it('reports closures, defaults and the mutable default they keep', () => {
      const s = simulateModule('def f(x, acc=[]):\n    acc.append(x)\n    return acc\nf(1)\nf(2)\n', { python: '3.12' });
      const f = variable(s, 'f');
      const defaults = s.objects.find((o) => o.id === f.references.find((r) => r.label === '__defaults__')!.target)!;
      const acc = s.objects.find((o) => o.id === defaults.references[0]!.target)!;
      assert.equal(acc.repr, '2 items');
    });
  });

  describe('stdlib', () => {
    it('keeps instances alive through an lru_cache on a method, and caches cached_property in __dict__', () => {
      const src = 'import functools\nclass R:\n    def __init__(self):\n        self.rows = [1, 2]\n    @functools.cached_property\n    def total(self):\n        return [0] * 4\n    @functools.lru_cache(maxsize=None)\n    def get(self, k):\n        return k\nr = R()\nr.total\nr.get(1)\ndel r\n';
      const s = simulateModule(src, { python: '3.12' });
      const kept = s.objects.find((o) => o.type === 'R')!;
      assert.ok(kept && !kept.flags.includes('gc-only'), 'the cache keeps the instance reachable');
      const dict = s.objects.find((o) => o.id === kept.references.find((r) => r.label === '__dict__')!.target)!;
      assert.ok(dict.references.some((r) => r.label === '.total'));
    });
  });

  describe('versions', () => {
    it('@dataclass(slots=True) gives slotted instances on 3.10+ and raises before', () => {
      const src = 'from dataclasses import dataclass\n@dataclass(slots=True)\nclass P:\n    x: int\n    y: int = 0\np = P(1)\n';
      const s = simulateModule(src, { python: '3.12' });
      const p = variable(s, 'p');
      assert.equal(p.attributeStorage, 'slots');
      assert.equal(p.shallow, slottedInstanceSize({ major: 3, minor: 12 }, 2));
      const old = simulateModule(src, { python: '3.9' });
      assert.ok(old.diagnostics.some((d) => /TypeError/.test(d.message)));
    });

    it('runs every heap fixture on 3.14 (sizes from its source) without failing', () => {
      for (const f of readdirSync(fixtureDir).filter((x) => x.endsWith('.py') && x !== 'big_range.py')) {
        const s = simulateModule(readFileSync(join(fixtureDir, f), 'utf8'), { python: '3.14' });
        assert.equal(s.python, '3.14');
        assert.ok(!s.diagnostics.some((d) => /simulator error/.test(d.message)), f);
        assert.ok(s.totals.bytes > 0);
      }
    });
  });

  describe('output', () => {
    it('renders a readable table with the gc-only cycles', () => {
      const s = simulateModule(readFileSync(join(fixtureDir, 'cycles.py'), 'utf8'), { python: '3.12' });
      const text = renderHeapText(s);
      assert.match(text, /Frame <module>/);
      assert.match(text, /GC-only cycles/);
      assert.match(text, /Node#\d+ __dict__ dict#\d+ \.(parent|children)/);
      assert.match(text, /Total: \d+ objects/);
    });

    it('sizes batch cases with the ground-truth evaluator and the simulator', () => {
      assert.deepEqual(sizeCase('3.12', '', '[1, 2, 3]'), { type: 'list', shallow: 88, deep: 184 });
      const viaSimulator = sizeCase('3.12', 'def make():\n    return [i for i in range(3)]', 'make()');
      assert.ok('shallow' in viaSimulator && viaSimulator.shallow === 88, JSON.stringify(viaSimulator));
    });
  });
});

