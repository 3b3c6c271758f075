// From a snapshot to what the diagram draws: which objects get a box, the rows of each box (list cells, dict
// entries, attributes), the arrows, and per-frame totals. Large containers show their first rows and one summary
// row; objects reachable only through the rows left out get no box (the summary row stands for them).
import { formatBytes, formatCount } from '../../server/src/analysis/byte-size-text';
import type { HeapFrame, HeapObject, HeapSnapshot } from './snapshot-types';

/** Rows shown for a container before the rest is summarised ("first 10 items ... 999,990 more, 8 MB"). */
export const ROWS_SHOWN = 10;

export interface ViewRow {
  label: string;
  target: number;
}

export interface ViewNode {
  object: HeapObject;
  rows: ViewRow[];
  /** "… 999,990 more, 8 MB" when rows were left out. */
  summaryText: string | null;
}

export interface ViewFrame {
  frame: HeapFrame;
  index: number;
  /** Distinct objects reachable from this frame's variables, counted once (pympler's asizeof rule). */
  deepBytes: number;
}

export interface ViewEdge {
  /** `f<frame>:<row>` or `o<object id>:<row>`: the row the arrow leaves from. */
  from: string;
  to: number;
}

export interface ViewModel {
  nodes: ViewNode[];
  nodeById: Map<number, ViewNode>;
  frames: ViewFrame[];
  edges: ViewEdge[];
}

export function roundUp8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/**
 * Deep size: the distinct objects reachable from the roots, each counted once as roundup8(getsizeof) (what
 * pympler.asizeof reports), plus the bytes of summarised elements. Unknown sizes count as zero.
 */
export function deepSize(roots: number[], byId: Map<number, HeapObject>): number {
  const seen = new Set<number>();
  const stack = [...roots];
  let bytes = 0;
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const o = byId.get(id);
    if (!o) continue;
    if (o.summary && o.shallow !== null) bytes += Math.max(roundUp8(o.shallow), o.summary.bytes);
    else if (o.shallow !== null) bytes += roundUp8(o.shallow);
    for (const r of o.references) if (!seen.has(r.target)) stack.push(r.target);
  }
  return bytes;
}

export function summaryRowText(o: HeapObject, hiddenRows: number, hiddenBytes: number): string {
  if (o.summary && o.summary.shown === 0 && hiddenRows === 0) return `${formatCount(o.summary.count)} elements, ${formatBytes(o.summary.bytes)}`;
  const count = o.summary ? Math.max(0, o.summary.count - Math.min(o.summary.shown, ROWS_SHOWN)) : hiddenRows;
  const bytes = o.summary ? o.summary.bytes : hiddenBytes;
  return `… ${formatCount(count)} more, ${formatBytes(bytes)}`;
}

const SCALAR_KEY_TYPES = new Set(['str', 'int', 'float', 'bytes', 'bool', 'NoneType', 'complex']);

function isScalarKey(o: HeapObject): boolean {
  return SCALAR_KEY_TYPES.has(o.type);
}

export function buildViewModel(snapshot: Omit<HeapSnapshot, 'steps'>): ViewModel {
  const byId = new Map<number, HeapObject>();
  for (const o of snapshot.objects) byId.set(o.id, o);

  // Rows per object, first ROWS_SHOWN only for large containers.
  const rowsOf = new Map<number, { rows: ViewRow[]; hidden: ViewRow[] }>();
  const folded = new Map<number, ViewRow[]>();
  for (const o of snapshot.objects) {
    const present = o.references.filter((r) => byId.has(r.target)).map((r) => ({ label: r.label, target: r.target }));
    // A dict entry is one row, `['key'] -> value`: the label already shows a scalar key, so its own arrow to the
    // key object is folded away (non-scalar keys, such as instances, keep theirs).
    const all = o.type === 'dict' || o.attributeStorage ? present.filter((r) => !(r.label === 'key' && isScalarKey(byId.get(r.target)!))) : present;
    if (all.length !== present.length) folded.set(o.id, present.filter((r) => !all.includes(r)));
    const large = all.length > ROWS_SHOWN || (o.summary !== undefined && o.summary.shown > 0 && o.summary.count > o.summary.shown);
    rowsOf.set(o.id, large ? { rows: all.slice(0, ROWS_SHOWN), hidden: all.slice(ROWS_SHOWN) } : { rows: all, hidden: [] });
  }

  // Visible: reachable from frames through shown rows, plus whatever no frame reaches (GC-only cycles,
  // freed objects kept for the step animation), so nothing the snapshot holds silently disappears.
  const visible = new Set<number>();
  const stack: number[] = [];
  for (const f of snapshot.frames) for (const v of f.variables) if (byId.has(v.target)) stack.push(v.target);
  const reachAll = new Set<number>();
  const walk = (start: number[], into: Set<number>, shownOnly: boolean): void => {
    const todo = [...start];
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (into.has(id)) continue;
      into.add(id);
      const entry = rowsOf.get(id);
      if (!entry) continue;
      const next = shownOnly ? entry.rows : [...entry.rows, ...entry.hidden, ...(folded.get(id) ?? [])];
      for (const r of next) if (!into.has(r.target)) todo.push(r.target);
    }
  };
  walk(stack, visible, true);
  walk(stack, reachAll, false);
  // Objects no frame reaches at all start their own visible region.
  // (An interpreter-wide cached object nothing here refers to, such as the '__main__' string, is left out.)
  const referenced = new Set<number>();
  for (const o of snapshot.objects) for (const r of o.references) if (r.target !== o.id) referenced.add(r.target);
  const unreached = snapshot.objects.filter((o) => !reachAll.has(o.id) && !(o.flags.includes('cached-singleton') && !referenced.has(o.id))).map((o) => o.id);
  const referencedByUnreached = new Set<number>();
  for (const id of unreached) for (const r of byId.get(id)!.references) if (r.target !== id) referencedByUnreached.add(r.target);
  const roots = unreached.filter((id) => !referencedByUnreached.has(id));
  walk(roots.length > 0 ? roots : unreached.filter((id) => (rowsOf.get(id)?.rows.length ?? 0) > 0), visible, true);
  const behindHiddenRows = new Set<number>();
  for (const { hidden } of rowsOf.values()) for (const r of hidden) behindHiddenRows.add(r.target);
  for (const rows of folded.values()) for (const r of rows) behindHiddenRows.add(r.target);
  for (const id of unreached) if (!visible.has(id) && !behindHiddenRows.has(id)) visible.add(id);

  const nodes: ViewNode[] = [];
  const nodeById = new Map<number, ViewNode>();
  const edges: ViewEdge[] = [];
  for (const o of snapshot.objects) {
    if (!visible.has(o.id)) continue;
    const { rows, hidden } = rowsOf.get(o.id)!;
    const hiddenBytes = deepSizeOfRows(hidden, rows, byId);
    const summarised = hidden.length > 0 || o.summary !== undefined;
    const node: ViewNode = { object: o, rows, summaryText: summarised ? summaryRowText(o, hidden.length, hiddenBytes) : null };
    nodes.push(node);
    nodeById.set(o.id, node);
    rows.forEach((r, i) => edges.push({ from: `o${o.id}:${i}`, to: r.target }));
  }
  const frames: ViewFrame[] = snapshot.frames.map((frame, index) => ({
    frame,
    index,
    deepBytes: deepSize(
      frame.variables.map((v) => v.target),
      byId,
    ),
  }));
  frames.forEach((f) => f.frame.variables.forEach((v, i) => byId.has(v.target) && edges.push({ from: `f${f.index}:${i}`, to: v.target })));
  return { nodes, nodeById, frames, edges };
}

/** Bytes of what the hidden rows hold beyond what the shown rows already reach. */
function deepSizeOfRows(hidden: ViewRow[], shown: ViewRow[], byId: Map<number, HeapObject>): number {
  if (hidden.length === 0) return 0;
  const shownTargets = new Set(shown.map((r) => r.target));
  const targets = [...new Set(hidden.map((r) => r.target))].filter((t) => !shownTargets.has(t));
  return deepSize(targets, byId);
}
