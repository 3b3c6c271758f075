// The heap diagram's layout (media/src/layout.ts) on heaps of every shape the simulator can produce: cycles, self
// references, several rows to one target, shared objects, objects no frame reaches, no frames at all, empty heaps.
// Seeded random heaps, so a failure names a seed that reproduces it. What must always hold: every object gets a
// finite place, nothing overlaps, the frames are the first column, and no arrow's waypoint lies inside a box.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutSteps, layoutView, type Box, type Layout } from '../../../media/src/layout';
import { buildViewModel } from '../../../media/src/view-model';
import type { HeapObject, HeapSnapshot } from '../../../server/src/model/heap/snapshot';

/** Park-Miller: small, seeded, the same on every machine. */
function random(seed: number): () => number {
  // Spread small seeds over the range first: state = seed would make the first draws of seeds 1..300 all ~0.
  let state = (seed * 2654435761) % 2147483647 || 1;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

const TYPES = ['list', 'dict', 'tuple', 'Node', 'int', 'str', 'set'];

function randomHeap(seed: number): HeapSnapshot {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const count = pick(45);
  const objects: HeapObject[] = [];
  for (let id = 1; id <= count; id++) {
    const type = TYPES[pick(TYPES.length)];
    const flags: HeapObject['flags'] = [];
    if (next() < 0.1) flags.push('gc-only');
    if (next() < 0.05) flags.push('freed');
    objects.push({ id, type, shallow: 16 + 8 * pick(40), refcount: 1 + pick(3), references: [], flags, repr: type === 'int' ? String(id) : undefined });
  }
  for (const o of objects) {
    if (o.type === 'int' || o.type === 'str') continue;
    const rows = pick(6);
    for (let r = 0; r < rows; r++) {
      // Any target, itself included: cycles, self references and several rows to one object all occur.
      o.references.push({ label: `[${r}]`, target: 1 + pick(count) });
    }
  }
  const frames: HeapSnapshot['frames'] = [];
  const frameCount = count === 0 ? pick(2) : pick(3);
  for (let f = 0; f < frameCount; f++) {
    const variables = Array.from({ length: pick(5) }, (_, i) => ({ name: `v${f}_${i}`, target: 1 + pick(Math.max(count, 1)) })).filter((v) => v.target <= count);
    frames.push({ name: f === 0 ? '<module>' : `fn${f}`, kind: f === 0 ? 'module' : 'function', variables });
  }
  return { python: '3.12', frames, objects, totals: { objects: count, bytes: 0, gcOnlyObjects: 0, gcOnlyBytes: 0, byType: [], unknownObjects: 0 }, diagnostics: [] };
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function assertSound(layout: Layout, snapshot: HeapSnapshot, seed: number): void {
  const drawn = buildViewModel(snapshot).nodes.map((n) => n.object.id);
  const boxes: Array<[string, Box]> = [];
  for (const id of drawn) {
    const p = layout.objects.get(id);
    assert.ok(p, `seed ${seed}: object ${id} placed`);
    for (const v of [p.x, p.y, p.width, p.height]) assert.ok(Number.isFinite(v), `seed ${seed}: object ${id} has finite geometry`);
    boxes.push([`#${id}`, p]);
  }
  layout.frames.forEach((f, i) => boxes.push([`frame ${i}`, f]));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlap(boxes[i][1], boxes[j][1]), `seed ${seed}: ${boxes[i][0]} overlaps ${boxes[j][0]}`);
  }
  const framesRight = Math.max(0, ...layout.frames.map((f) => f.x + f.width));
  for (const id of drawn) assert.ok(layout.objects.get(id)!.x >= framesRight, `seed ${seed}: object ${id} is right of the frames`);
  for (const [key, points] of layout.routes) {
    for (const pt of points) {
      const inside = boxes.find(([, b]) => pt.x > b.x + 1 && pt.x < b.x + b.width - 1 && pt.y > b.y + 1 && pt.y < b.y + b.height - 1);
      assert.equal(inside, undefined, `seed ${seed}: a waypoint of ${key} lies inside ${inside?.[0]}`);
    }
  }
  assert.ok(layout.width >= Math.max(...boxes.map(([, b]) => b.x + b.width), 0), `seed ${seed}: the drawing is as wide as its boxes`);
  assert.ok(layout.height >= Math.max(...boxes.map(([, b]) => b.y + b.height), 0), `seed ${seed}: the drawing is as tall as its boxes`);
}

describe('diagram layout (dagre)', () => {
  it('places every object of 120 random heaps soundly: no overlaps, frames first, waypoints between boxes', () => {
    let placed = 0;
    let routed = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const snapshot = randomHeap(seed);
      const layout = layoutView(buildViewModel(snapshot), snapshot.python);
      assertSound(layout, snapshot, seed);
      placed += layout.objects.size;
      routed += layout.routes.size;
    }
    // The heaps are not trivially small: ~22 objects each on average, with arrows that cross columns.
    assert.ok(placed > 120 * 15, `${placed} objects placed in all`);
    assert.ok(routed > 120, `${routed} routed arrows in all`);
  });

  it('lays out an empty heap and a heap with no frames', () => {
    const empty: HeapSnapshot = { python: '3.12', frames: [], objects: [], totals: { objects: 0, bytes: 0, gcOnlyObjects: 0, gcOnlyBytes: 0, byType: [], unknownObjects: 0 }, diagnostics: [] };
    const layout = layoutView(buildViewModel(empty), '3.12');
    assert.equal(layout.objects.size, 0);
    assert.ok(layout.width > 0 && layout.height > 0);
    const orphans = { ...empty, objects: [{ id: 1, type: 'list', shallow: 56, refcount: 1, references: [{ label: '[0]', target: 1 }], flags: ['gc-only' as const] }] };
    const placed = layoutView(buildViewModel(orphans), '3.12');
    assert.ok(placed.objects.has(1));
    assert.notEqual(placed.unreachedTop, null, 'an object no frame reaches goes in the region below');
  });

  it('puts a referenced object in a later column than what refers to it, along a chain', () => {
    const chain: HeapSnapshot = {
      python: '3.12',
      frames: [{ name: '<module>', kind: 'module', variables: [{ name: 'a', target: 1 }] }],
      objects: [1, 2, 3, 4].map((id) => ({ id, type: 'list', shallow: 64, refcount: 1, references: id < 4 ? [{ label: '[0]', target: id + 1 }] : [], flags: [] })),
      totals: { objects: 4, bytes: 0, gcOnlyObjects: 0, gcOnlyBytes: 0, byType: [], unknownObjects: 0 },
      diagnostics: [],
    };
    const layout = layoutView(buildViewModel(chain), '3.12');
    const xs = [1, 2, 3, 4].map((id) => layout.objects.get(id)!.x);
    for (let i = 1; i < xs.length; i++) assert.ok(xs[i] > xs[i - 1], `object ${i + 1} is right of object ${i}`);
  });
});

describe('diagram layout across steps', () => {
  for (const name of ['class-instances', 'cycle']) {
    it(`keeps every object of ${name}.py in place from step to step while its region stays the same`, () => {
      const recorded = JSON.parse(readFileSync(join(__dirname, '..', '..', 'webview', 'snapshots', `${name}.json`), 'utf8')) as HeapSnapshot;
      const steps = recorded.steps!.map((s) => s.snapshot);
      assert.ok(steps.length > 5);
      const views = steps.map((s) => buildViewModel(s));
      const layouts = layoutSteps(views, recorded.python);
      let kept = 0;
      for (let i = 1; i < steps.length; i++) {
        assertSound(layouts[i], steps[i], i);
        const before = layouts[i - 1];
        const below = (l: Layout, y: number) => l.unreachedTop !== null && y >= l.unreachedTop;
        for (const [id, p] of layouts[i].objects) {
          const q = before.objects.get(id);
          if (!q) continue;
          // The same region on both steps (above or below the rule): the same place.
          if (below(layouts[i], p.y) !== below(before, q.y)) continue;
          assert.deepEqual({ x: p.x, y: p.y }, { x: q.x, y: q.y }, `${name} step ${i + 1}: object ${id} stayed put`);
          kept++;
        }
      }
      assert.ok(kept > 50, `${kept} object-steps compared`);
    });
  }
});
