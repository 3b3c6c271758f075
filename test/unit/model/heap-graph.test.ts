// graph.ts lists a value's references twice: edgesOf (labelled, for the snapshot) and forEachStrongTarget (targets
// and counts only, for the liveness sweeps over objects the snapshot never shows). The two must agree, or a sweep
// frees what the diagram still draws (or keeps what it dropped). This runs every heap fixture and the benchmark
// module and compares them on every value the run made or reaches.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPythonParser, parsePython } from '../../../server/src/parse/python-parser';
import { edgesOf, forEachStrongTarget } from '../../../server/src/model/heap/graph';
import { rootsOf } from '../../../server/src/model/heap/heap-state';
import { Interpreter } from '../../../server/src/model/heap/interpreter';
import type { Value } from '../../../server/src/model/heap/values';

const root = join(__dirname, '..', '..', '..');
const heapFixtures = join(root, 'test', 'fixtures', 'heap');
const sources = [
  ...readdirSync(heapFixtures)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => join(heapFixtures, name)),
  join(root, 'bench', 'fixtures', 'heap-module.py'),
];

describe('heap graph: strong targets agree with the labelled edges', () => {
  before(async () => {
    await loadPythonParser();
  });

  for (const path of sources) {
    it(path.slice(root.length + 1), () => {
      const tree = parsePython(readFileSync(path, 'utf8'));
      try {
        // No sweeper: the registry keeps every container the run made, dead ones included.
        const ip = new Interpreter({ python: { major: 3, minor: 12 }, timeLimitMs: 10_000 });
        ip.runModule(tree.rootNode);
        const smallInt = (n: number): Value => ip.f.int(n) as Value;
        const { roots, cells } = rootsOf(ip);
        const pending: Value[] = [...roots.map((r) => r.target), ...cells, ...ip.registry];
        const seen = new Set<Value>();
        let compared = 0;
        while (pending.length) {
          const v = pending.pop()!;
          if (seen.has(v)) continue;
          seen.add(v);
          const edges = edgesOf(ip.python, v, smallInt);
          const expected = edges.filter((e) => !e.weak).map((e) => [e.target, e.count ?? 1]);
          const got: Array<[Value, number]> = [];
          forEachStrongTarget(ip.python, v, smallInt, (target, count) => got.push([target, count]));
          assert.equal(got.length, expected.length, `${v.kind}: ${got.length} strong targets, ${expected.length} strong edges`);
          got.forEach(([target, count], i) => {
            assert.ok(target === expected[i]![0], `${v.kind}: target ${i} differs`);
            assert.equal(count, expected[i]![1], `${v.kind}: count of target ${i}`);
          });
          compared++;
          for (const e of edges) pending.push(e.target);
        }
        assert.ok(compared > 10, `only ${compared} values compared`);
      } finally {
        tree.delete();
      }
    });
  }
});
