// Which objects are alive, and why: reachable from a frame, kept only by a reference cycle (freed by the cyclic GC
// alone), or freed at once because their reference count dropped to zero. CPython frees by reference counting
// (`Include/object.h` `Py_DECREF` -> `_Py_Dealloc`, which decrefs what the object held: a cascade); an unreachable
// group whose members still refer to each other keeps non-zero counts until `Modules/gcmodule.c` finds it.
// Computed from the graph rather than counted along the way: the result is the same, since an unreachable object
// can never become reachable again.
import type { PythonVersion } from '../../analysis/python-version';
import { edgesOf, forEachStrongTarget, type Edge } from './graph';
import type { Interpreter } from './interpreter';
import type { Value } from './values';

export interface HeapState {
  /** Reachable from the frames, in discovery order (frames first). */
  reachable: Value[];
  /** Unreachable but kept alive by cycles, and everything they hold. */
  gcOnly: Value[];
  /** Containers in the registry that reference counting frees. */
  freed: Value[];
  /** Outgoing references of every live object (computed once); empty when computed without edges. */
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

/** With `withEdges`, the labelled edges of every live object are computed too (the snapshot shows them); the
 *  registry sweeps need only the sets. */
export function computeHeapState(ip: Interpreter, withEdges = true): HeapState {
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
    if (withEdges) {
      for (const e of edgesFor(v)) if (!e.weak) visit(e.target);
    } else forEachStrongTarget(python, v, smallInt, visit);
  }
  // The unreachable part of the heap: the registry's unreachable containers and everything they reference. Only
  // targets are needed here (forEachStrongTarget): most of these objects are never shown.
  const unreachable: Value[] = [];
  // Incoming references of each unreachable object from the others; its keys are the unreachable set.
  const incoming = new Map<Value, number>();
  const pending: Value[] = [];
  for (const v of ip.registry) if (!reachableSet.has(v)) pending.push(v);
  const pushPending = (t: Value) => {
    pending.push(t);
  };
  while (pending.length) {
    const v = pending.pop()!;
    if (incoming.has(v) || reachableSet.has(v)) continue;
    // Interpreter-wide objects (small ints, interned strs, None...) outlive any cycle that refers to them.
    if (ip.f.isCachedSingleton(v)) {
      reachableSet.add(v);
      reachable.push(v);
      continue;
    }
    incoming.set(v, 0);
    unreachable.push(v);
    forEachStrongTarget(python, v, smallInt, pushPending);
  }
  // Reference counting frees, in cascade, what nothing (alive) refers to.
  const countIncoming = (t: Value, count: number) => {
    const n = incoming.get(t);
    if (n !== undefined) incoming.set(t, n + count);
  };
  for (const v of unreachable) forEachStrongTarget(python, v, smallInt, countIncoming);
  const freedSet = new Set<Value>();
  const queue = unreachable.filter((v) => incoming.get(v) === 0);
  const release = (t: Value, count: number) => {
    const n = incoming.get(t);
    if (n === undefined || freedSet.has(t)) return;
    const left = n - count;
    incoming.set(t, left);
    if (left <= 0) queue.push(t);
  };
  while (queue.length) {
    const v = queue.pop()!;
    if (freedSet.has(v)) continue;
    freedSet.add(v);
    forEachStrongTarget(python, v, smallInt, release);
  }
  const freed = unreachable.filter((v) => freedSet.has(v) && ip.registry.has(v));
  // What is left is kept alive by cycles (and holds on to what it references).
  const gcOnly = unreachable.filter((v) => !freedSet.has(v));
  if (withEdges) for (const v of gcOnly) edgesFor(v);
  return { reachable, gcOnly, freed, edges };
}

/** Drops freed containers from the registry (they can never come back). */
export function sweepRegistry(ip: Interpreter): void {
  const state = computeHeapState(ip, false);
  for (const v of state.freed) ip.registry.delete(v);
}

/** `gc.collect()`: frees what only cycles kept alive. */
export function collectGarbage(ip: Interpreter): void {
  const state = computeHeapState(ip, false);
  for (const v of state.freed) ip.registry.delete(v);
  for (const v of state.gcOnly) ip.registry.delete(v);
}

/** A reference path from `start` back to itself through `within`, as labels: ["Node#3", ".parent", "Node#1", ...].
 *  Asked for each of up to 200 gc-only objects of a snapshot: the search state is kept between calls (a stamp per
 *  visited object instead of a new Set and Map per call; 300 KB less garbage per 200-line module). */
export class CycleFinder {
  private readonly seenAt = new Map<Value, number>();
  private readonly prevFrom = new Map<Value, Value>();
  private readonly prevLabel = new Map<Value, string>();
  private readonly queue: Value[] = [];
  private stamp = 0;

  constructor(
    private readonly within: Set<Value>,
    private readonly edges: Map<Value, Edge[]>,
    private readonly name: (v: Value) => string,
  ) {}

  pathFrom(start: Value): string[] | undefined {
    const stamp = ++this.stamp;
    const queue = this.queue;
    queue.length = 0;
    queue.push(start);
    this.seenAt.set(start, stamp);
    for (let i = 0; i < queue.length && i < 5000; i++) {
      const v = queue[i]!;
      for (const e of this.edges.get(v) ?? []) {
        if (e.weak || !this.within.has(e.target)) continue;
        if (e.target === start) {
          const path: string[] = [this.name(start)];
          const hops: Array<{ label: string; node: Value }> = [{ label: e.label, node: start }];
          for (let at = v; at !== start; at = this.prevFrom.get(at)!) hops.unshift({ label: this.prevLabel.get(at)!, node: at });
          for (const h of hops) path.push(h.label, this.name(h.node));
          return path;
        }
        if (this.seenAt.get(e.target) === stamp) continue;
        this.seenAt.set(e.target, stamp);
        this.prevFrom.set(e.target, v);
        this.prevLabel.set(e.target, e.label);
        queue.push(e.target);
      }
    }
    return undefined;
  }
}
