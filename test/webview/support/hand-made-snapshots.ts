// Snapshots written by hand as renderer inputs for what the recorded ones do not cover: type and variable names
// holding markup (no Python program has them), exact refcounts for stepping assertions, a container whose first
// items are objects of their own, and a 500-object heap of one exact size. They are inputs, not measurements: the recorded snapshots in
// ../snapshots come from the simulator (record-snapshots.ts).
import type { HeapObject, HeapSnapshot } from '../../../server/src/model/heap/snapshot';

const at = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 10 } });

function totals(objects: HeapObject[]): HeapSnapshot['totals'] {
  const live = objects.filter((o) => !o.flags.includes('freed'));
  const gc = live.filter((o) => o.flags.includes('gc-only'));
  const r8 = (n: number | null) => Math.ceil((n ?? 0) / 8) * 8;
  return {
    objects: live.length,
    bytes: live.reduce((n, o) => n + r8(o.shallow), 0),
    gcOnlyObjects: gc.length,
    gcOnlyBytes: gc.reduce((n, o) => n + r8(o.shallow), 0),
    byType: [],
    unknownObjects: live.filter((o) => o.shallow === null).length,
  };
}

export const XSS = '<img src=x onerror=alert(1)>';
export const SCRIPT_END = '</script><script>alert(2)</script>';

/** Markup in every string the panel shows: names, values, keys, type names, cycle paths, diagnostics. */
export function markupSnapshot(): HeapSnapshot {
  const objects: HeapObject[] = [
    { id: 1, type: 'dict', shallow: 184, refcount: 1, references: [{ label: `['${XSS}']`, target: 2 }, { label: SCRIPT_END, target: 3 }], flags: [], allocatedAt: at(0) },
    { id: 2, type: 'str', shallow: 69, refcount: 1, references: [], repr: `'${XSS}'`, flags: [], allocatedAt: at(0) },
    { id: 3, type: XSS, shallow: 48, refcount: 1, references: [], repr: SCRIPT_END, flags: ['gc-only'], cyclePath: [`${XSS}#3`, `.${XSS}`, `${XSS}#3`], allocatedAt: at(1) },
  ];
  return {
    python: '3.12',
    frames: [{ name: '<module>', kind: 'module', variables: [{ name: XSS, target: 1 }, { name: SCRIPT_END, target: 3 }] }],
    objects,
    totals: totals(objects),
    diagnostics: [{ message: `could not simulate ${XSS}` }],
  };
}

/**
 * Three statements, with exact refcounts:
 *   0: a = [1000]        list#1 rc 1, int#2 rc 1
 *   1: b = a             list#1 rc 2
 *   2: del a, b          list#1 freed, int#2 freed
 */
export function steppingSnapshot(): HeapSnapshot {
  const int2 = (rc: number, freed = false): HeapObject => ({ id: 2, type: 'int', shallow: 28, refcount: rc, references: [], repr: '1000', flags: freed ? ['freed'] : [], allocatedAt: at(0) });
  const list1 = (rc: number, freed = false): HeapObject => ({ id: 1, type: 'list', shallow: 64, refcount: rc, references: [{ label: '[0]', target: 2 }], flags: freed ? ['freed'] : [], allocatedAt: at(0) });
  const step0 = [list1(1), int2(1)];
  const step1 = [list1(2), int2(1)];
  const step2 = [list1(0, true), int2(0, true)];
  const snap = (objects: HeapObject[], variables: Array<{ name: string; target: number }>) => ({
    python: '3.12',
    frames: [{ name: '<module>', kind: 'module' as const, variables }],
    objects,
    totals: totals(objects),
    diagnostics: [],
  });
  const last = snap(step2, []);
  return {
    ...last,
    steps: [
      { range: at(0), snapshot: snap(step0, [{ name: 'a', target: 1 }]) },
      { range: at(1), snapshot: snap(step1, [{ name: 'a', target: 1 }, { name: 'b', target: 1 }]) },
      { range: at(2), snapshot: last },
    ],
  };
}

/** `groups` x 10 objects, all drawn: per group a list of 3 instances, each with a str and an int (layout timing). */
export function manyObjectsSnapshot(groups: number): HeapSnapshot {
  const objects: HeapObject[] = [];
  const variables: Array<{ name: string; target: number }> = [];
  let id = 1;
  for (let g = 0; g < groups; g++) {
    const list: HeapObject = { id: id++, type: 'list', shallow: 80, refcount: 1, references: [], flags: [], allocatedAt: at(g) };
    objects.push(list);
    variables.push({ name: `group${g}`, target: list.id });
    for (let k = 0; k < 3; k++) {
      const inst: HeapObject = { id: id++, type: 'Item', shallow: 48, refcount: 1, references: [], attributeStorage: 'managed-dict', flags: [], allocatedAt: at(g) };
      const name: HeapObject = { id: id++, type: 'str', shallow: 47, refcount: 1, references: [], repr: `'item${g}_${k}'`, flags: [], allocatedAt: at(g) };
      const size: HeapObject = { id: id++, type: 'int', shallow: 28, refcount: 1, references: [], repr: String(1000 + g * 3 + k), flags: [], allocatedAt: at(g) };
      inst.references.push({ label: '.name', target: name.id }, { label: '.size', target: size.id });
      list.references.push({ label: `[${k}]`, target: inst.id });
      objects.push(inst, name, size);
    }
  }
  return { python: '3.12', frames: [{ name: '<module>', kind: 'module', variables }], objects, totals: totals(objects), diagnostics: [] };
}

/** A million-item list whose first items are in the snapshot (the simulator summarises the whole range instead). */
export function largeListSnapshot(): HeapSnapshot {
  const ints: HeapObject[] = Array.from({ length: 10 }, (_, i) => ({ id: 2 + i, type: 'int', shallow: 28, refcount: 100, references: [], repr: String(i), flags: ['cached-singleton'] as HeapObject['flags'] }));
  const list: HeapObject = { id: 1, type: 'list', shallow: 8000056, refcount: 1, references: ints.map((o, i) => ({ label: `[${i}]`, target: o.id })), flags: ['summary'], summary: { count: 1000000, shown: 10, bytes: 8000056 + 999744 * 32 }, allocatedAt: at(0) };
  const objects = [list, ...ints];
  return { python: '3.12', frames: [{ name: '<module>', kind: 'module', variables: [{ name: 'big', target: 1 }] }], objects, totals: totals(objects), diagnostics: [] };
}
