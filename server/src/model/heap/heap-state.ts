// Which objects are alive, and why: reachable from a frame, kept only by a reference cycle (freed by the cyclic GC
// alone), or freed at once because their reference count dropped to zero. CPython frees by reference counting
// (`Include/object.h` `Py_DECREF` -> `_Py_Dealloc`, which decrefs what the object held: a cascade); an unreachable
// group whose members still refer to each other keeps non-zero counts until `Modules/gcmodule.c` finds it.
// Computed from the graph rather than counted along the way: the result is the same, since an unreachable object
// can never become reachable again.
import type { PythonVersion } from '../../analysis/python-version';
import { edgesOf, type Edge } from './graph';
import type { Interpreter } from './interpreter';
import type { Value } from './values';

export interface HeapState {
  /** Reachable from the frames, in discovery order (frames first). */
  reachable: Value[];
  /** Unreachable but kept alive by cycles, and everything they hold. */
  gcOnly: Value[];
  /** Containers in the registry that reference counting frees. */
  freed: Value[];
  /** Outgoing references of every live object (computed once). */
  edges: Map<Value, Edge[]>;
}

export interface Root {
  frame: number;
  name: string;
  target: Value;
}

/** The references frames hold: variables (a captured variable is held through its cell) and cells. */
export function rootsOf(ip: Interpreter): { roots: Root[]; cells: Value[] } {
  const roots: Root[] = [];
  const cells: Value[] = [];
  ip.stack.forEach((frame, i) => {
    // Module dunders (`__name__`) are the interpreter's, not the snippet's.
    for (const [name, target] of frame.vars) if (!(frame.kind === 'module' && name.startsWith('__') && name.endsWith('__'))) roots.push({ frame: i, name, target });
    for (const [, cell] of frame.cells) cells.push(cell);
  });
  return { roots, cells };
}

export function computeHeapState(ip: Interpreter): HeapState {
  const python: PythonVersion = ip.python;
  const smallInt = (v: number): Value => ip.f.int(v);
  const edges = new Map<Value, Edge[]>();
  const edgesFor = (v: Value): Edge[] => {
    let e = edges.get(v);
    if (!e) edges.set(v, (e = edgesOf(python, v, smallInt)));
    return e;
  };
  const { roots, cells } = rootsOf(ip);
  const reachableSet = new Set<Value>();
  const reachable: Value[] = [];
  const stack: Value[] = [];
  const visit = (v: Value) => {
    if (!reachableSet.has(v)) {
      reachableSet.add(v);
      reachable.push(v);
      stack.push(v);
    }
  };
  for (const r of roots) visit(r.target);
  for (const c of cells) visit(c);
  for (const p of ip.pinned) visit(p);
  // Objects with an instance-dict twin are reached through it.
  while (stack.length) {
    const v = stack.pop()!;
    for (const e of edgesFor(v)) if (!e.weak) visit(e.target);
  }
  // The unreachable part of the heap: the registry's unreachable containers and everything they reference.
  const unreachable: Value[] = [];
  const inside = new Set<Value>();
  const pending = [...ip.registry].filter((v) => !reachableSet.has(v));
  while (pending.length) {
    const v = pending.pop()!;
    if (inside.has(v) || reachableSet.has(v)) continue;
    // Interpreter-wide objects (small ints, interned strs, None...) outlive any cycle that refers to them.
    if (ip.f.isCachedSingleton(v)) {
      reachableSet.add(v);
      reachable.push(v);
      continue;
    }
    inside.add(v);
    unreachable.push(v);
    for (const e of edgesFor(v)) if (!e.weak) pending.push(e.target);
  }
  // Reference counting frees, in cascade, what nothing (alive) refers to.
  const incoming = new Map<Value, number>();
  for (const v of unreachable) incoming.set(v, 0);
  for (const v of unreachable) {
    for (const e of edgesFor(v)) if (!e.weak && inside.has(e.target)) incoming.set(e.target, incoming.get(e.target)! + (e.count ?? 1));
  }
  const freedSet = new Set<Value>();
  const queue = unreachable.filter((v) => incoming.get(v) === 0);
  while (queue.length) {
    const v = queue.pop()!;
    if (freedSet.has(v)) continue;
    freedSet.add(v);
    for (const e of edgesFor(v)) {
      if (e.weak || !inside.has(e.target) || freedSet.has(e.target)) continue;
      const left = incoming.get(e.target)! - (e.count ?? 1);
      incoming.set(e.target, left);
      if (left <= 0) queue.push(e.target);
    }
  }
  const freed = unreachable.filter((v) => freedSet.has(v) && ip.registry.has(v));
  // What is left is kept alive by cycles (and holds on to what it references).
  const gcOnly = unreachable.filter((v) => !freedSet.has(v));
  return { reachable, gcOnly, freed, edges };
}

/** Drops freed containers from the registry (they can never come back). */
export function sweepRegistry(ip: Interpreter): void {
  const state = computeHeapState(ip);
  for (const v of state.freed) ip.registry.delete(v);
}

/** `gc.collect()`: frees what only cycles kept alive. */
export function collectGarbage(ip: Interpreter): void {
  const state = computeHeapState(ip);
  for (const v of state.freed) ip.registry.delete(v);
  for (const v of state.gcOnly) ip.registry.delete(v);
}

/** A reference path from `start` back to itself through `within`, as labels: ["Node#3", ".parent", "Node#1", ...]. */
export function cyclePath(start: Value, within: Set<Value>, edges: Map<Value, Edge[]>, name: (v: Value) => string): string[] | undefined {
  const prev = new Map<Value, { from: Value; label: string }>();
  const queue: Value[] = [start];
  const seen = new Set<Value>([start]);
  for (let i = 0; i < queue.length && i < 5000; i++) {
    const v = queue[i]!;
    for (const e of edges.get(v) ?? []) {
      if (e.weak || !within.has(e.target)) continue;
      if (e.target === start) {
        const path: string[] = [name(start)];
        const hops: Array<{ label: string; node: Value }> = [{ label: e.label, node: start }];
        for (let at = v; at !== start; at = prev.get(at)!.from) hops.unshift({ label: prev.get(at)!.label, node: at });
        for (const h of hops) path.push(h.label, name(h.node));
        return path;
      }
      if (seen.has(e.target)) continue;
      seen.add(e.target);
      prev.set(e.target, { from: v, label: e.label });
      queue.push(e.target);
    }
  }
  return undefined;
}
