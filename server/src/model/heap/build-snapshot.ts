// Turns the interpreter's state into a HeapSnapshot: ids stable across steps, sizes from the layout model,
// refcounts from the references the model sees, gc-only objects with the cycle that keeps them, totals.
import { formatVersion } from '../../analysis/python-version';
import { dictObjectSize } from '../layout/dict';
import { listSizeForCapacity } from '../layout/sequences';
import { setSize } from '../layout/set';
import { roundUp8 } from '../layout/version-facts';
import { versionFacts } from '../layout/version-facts';
import { sizeOf, type Edge } from './graph';
import { computeHeapState, CycleFinder, rootsOf } from './heap-state';
import type { Interpreter } from './interpreter';
import { reprOf } from './operators';
import type { HeapFrame, HeapObject, HeapSnapshot, HeapTotals, ObjectFlag, SizePart } from './snapshot';
import { isOpaqueForDeepSize, typeNameOf, type Value } from './values';

const MAX_CYCLE_PATHS = 200;

export class SnapshotBuilder {
  private readonly ids = new WeakMap<object, number>();
  private next = 1;
  private previous = new Map<number, HeapObject>();

  constructor(private readonly ip: Interpreter) {}

  idOf(v: Value): number {
    let id = this.ids.get(v);
    if (id === undefined) this.ids.set(v, (id = this.next++));
    return id;
  }

  /** The snapshot now. With `withFreed`, objects present in the previous call's snapshot and gone now are kept,
   *  flagged 'freed' (for the diagram's stepping). */
  build(withFreed = false): Omit<HeapSnapshot, 'steps'> {
    const ip = this.ip;
    const state = computeHeapState(ip);
    const live = [...state.reachable, ...state.gcOnly];
    const gcOnlySet = new Set(state.gcOnly);
    const refcounts = new Map<Value, number>();
    const bump = (v: Value, n = 1) => refcounts.set(v, (refcounts.get(v) ?? 0) + n);
    const { roots, cells } = rootsOf(ip);
    for (const r of roots) bump(r.target);
    for (const c of cells) bump(c);
    for (const v of live) for (const e of state.edges.get(v) ?? []) if (!e.weak) bump(e.target, e.count ?? 1);

    const name = (v: Value) => `${typeNameOf(v)}#${this.idOf(v)}`;
    const objects: HeapObject[] = [];
    const grouped = this.groupSmallInts(live, state.edges, roots.map((r) => r.target));
    let cyclePaths = 0;
    const cycles = new CycleFinder(gcOnlySet, state.edges, name);
    for (const v of live) {
      if (grouped.members.has(v)) continue;
      const o = this.describe(v, refcounts.get(v) ?? 0, state.edges.get(v) ?? []);
      if (gcOnlySet.has(v)) {
        o.flags.push('gc-only');
        if (cyclePaths < MAX_CYCLE_PATHS) {
          const path = cycles.pathFrom(v);
          if (path) {
            o.cyclePath = path;
            cyclePaths++;
          }
        }
      }
      objects.push(o);
    }
    objects.push(...grouped.objects);
    const current = new Map(objects.map((o) => [o.id, o]));
    if (withFreed) {
      for (const [id, o] of this.previous) {
        if (current.has(id) || o.flags.includes('freed')) continue;
        objects.push({ ...o, refcount: 0, references: [], flags: [...o.flags.filter((f) => f !== 'gc-only'), 'freed'], cyclePath: undefined });
      }
    }
    this.previous = current;
    const frames: HeapFrame[] = ip.stack.map((f, i) => ({
      name: f.name,
      kind: f.kind,
      variables: [
        ...roots.filter((r) => r.frame === i && !isDunder(r.name)).map((r) => ({ name: r.name, target: this.idOf(r.target) })),
        ...[...f.cells].filter(([, c]) => c.contents).map(([n, c]) => ({ name: n, target: this.idOf(c.contents!) })),
      ],
    }));
    return {
      python: formatVersion(ip.python),
      frames,
      objects,
      totals: totalsOf(objects),
      diagnostics: [...ip.diagnostics],
    };
  }

  /** The cached small ints only summaries refer to (`list(range(10**7))` refers to 0..256) are shown as summary
   *  objects, so the diagram does not get 261 int boxes. Ints referred to by the same set of summaries form one
   *  group, so each summary's deep size still counts exactly the small ints it refers to, each once. */
  private readonly smallIntGroups = new Map<string, object>();
  private groupSmallInts(live: Value[], edges: Map<Value, Edge[]>, rootTargets: Value[]): { members: Set<Value>; objects: HeapObject[] } {
    const ip = this.ip;
    const referrers = new Map<Value, Value[]>();
    const referredOtherwise = new Set<Value>(rootTargets);
    for (const v of live) {
      for (const e of edges.get(v) ?? []) {
        if (v.kind === 'summary' && e.target.kind === 'int' && ip.f.isCachedSingleton(e.target)) {
          const list = referrers.get(e.target) ?? [];
          list.push(v);
          referrers.set(e.target, list);
        } else referredOtherwise.add(e.target);
      }
    }
    const groups = new Map<string, { summaries: Value[]; members: Value[] }>();
    for (const [int, by] of referrers) {
      if (referredOtherwise.has(int)) continue;
      const key = by.map((s) => this.idOf(s)).sort((a, b) => a - b).join(',');
      const g = groups.get(key) ?? { summaries: by, members: [] };
      g.members.push(int);
      groups.set(key, g);
    }
    const members = new Set<Value>();
    const objects: HeapObject[] = [];
    const added = new Map<Value, Array<{ label: string; target: Value }>>();
    for (const [key, g] of groups) {
      if (g.members.length < 2) continue;
      let marker = this.smallIntGroups.get(key);
      if (!marker) this.smallIntGroups.set(key, (marker = {}));
      let bytes = 0;
      for (const m of g.members) {
        members.add(m);
        const size = sizeOf(ip.python, m);
        if (typeof size === 'number') bytes += roundUp8(size);
      }
      const values = g.members.map((m) => Number((m as { value: bigint }).value)).sort((a, b) => a - b);
      objects.push({
        id: this.idOf(marker as Value),
        type: 'int',
        shallow: null,
        refcount: g.summaries.length,
        references: [],
        flags: ['cached-singleton', 'summary'],
        repr: `cached small ints ${values[0]}..${values[values.length - 1]}`,
        summary: { count: g.members.length, shown: 0, bytes },
      });
      for (const s of g.summaries) {
        const list = added.get(s) ?? [];
        list.push({ label: 'shares', target: marker as Value });
        added.set(s, list);
      }
    }
    // Summaries point at their groups instead of each member.
    for (const [s, extra] of added) edges.set(s, [...(edges.get(s) ?? []).filter((e) => !members.has(e.target)), ...extra]);
    return { members, objects };
  }

  /** One reference as the snapshot shows it; optional keys are set only when present (same key order as a
   *  spread, without the two throw-away objects per reference). */
  private reference(e: Edge): HeapObject['references'][number] {
    const r: HeapObject['references'][number] = { label: e.label, target: this.idOf(e.target) };
    if (e.weak) r.weak = true;
    if (e.count && e.count !== 1) r.count = e.count;
    return r;
  }

  private describe(v: Value, refcount: number, edges: Edge[]): HeapObject {
    const ip = this.ip;
    const size = v.kind === 'summary' ? undefined : sizeOf(ip.python, v);
    const flags: ObjectFlag[] = [];
    if (ip.f.isCachedSingleton(v)) flags.push('cached-singleton');
    if (v.kind === 'summary') flags.push('summary');
    if (v.kind === 'unknown') flags.push('unknown');
    const o: HeapObject = {
      id: this.idOf(v),
      type: typeNameOf(v),
      shallow: typeof size === 'number' ? size : null,
      refcount,
      references: edges.map((e) => this.reference(e)),
      flags,
    };
    if (size !== undefined && typeof size !== 'number') o.unknownReason = size.unknown;
    if (v.kind === 'unknown') o.unknownReason = v.reason;
    if (isOpaqueForDeepSize(v)) o.leaf = true;
    const at = ip.allocatedAt.get(v);
    if (at) o.allocatedAt = at;
    const repr = shortRepr(v);
    if (repr) o.repr = repr;
    if (v.kind === 'summary') o.summary = { count: v.count, shown: 0, bytes: v.bytes };
    if (v.kind === 'instance') {
      const minor = ip.python.minor;
      o.attributeStorage = v.cls.slots ? 'slots' : v.combinedTable !== undefined || minor < 11 ? 'dict' : minor < 13 ? 'managed-dict' : 'inline-values';
    }
    const parts = partsOf(ip, v, o.shallow);
    if (parts) o.parts = parts;
    return o;
  }
}

function isDunder(name: string): boolean {
  return name.startsWith('__') && name.endsWith('__');
}

function shortRepr(v: Value): string | undefined {
  const r = reprOf(v);
  if (r !== undefined) return r.length > 40 ? `${r.slice(0, 37)}...` : r;
  switch (v.kind) {
    case 'list':
    case 'tuple':
    case 'set':
    case 'deque': {
      const items = v.items as unknown;
      const n = Array.isArray(items) ? items.length : (items as { count: number }).count;
      return `${n} item${n === 1 ? '' : 's'}`;
    }
    case 'dict':
      return `${v.keys.length} item${v.keys.length === 1 ? '' : 's'}`;
    case 'bytes':
      return `${v.length} bytes`;
    case 'function':
      return `def ${v.name}`;
    case 'class':
      return `class ${v.info.name}`;
    case 'module':
      return `module ${v.name}`;
    case 'range':
      return `range(${v.start}, ${v.stop}${v.step !== 1 ? `, ${v.step}` : ''})`;
    case 'summary':
      return `${v.count} ${v.typeName} objects`;
    default:
      return undefined;
  }
}

function partsOf(ip: Interpreter, v: Value, shallow: number | null): SizePart[] | undefined {
  if (shallow === null) return undefined;
  if (v.kind === 'list') {
    const base = listSizeForCapacity(ip.python, 0);
    const len = Array.isArray(v.items) ? v.items.length : (v.items as { count: number }).count;
    return [
      { label: 'list object + GC header', bytes: base },
      { label: `item pointers (capacity ${v.capacity}, ${len} used)`, bytes: shallow - base },
    ];
  }
  if (v.kind === 'dict' && v.typeName === 'dict') {
    const base = dictObjectSize(ip.python);
    return v.table === 0
      ? [{ label: 'dict object + GC header (shared empty keys)', bytes: base }]
      : [
          { label: 'dict object + GC header', bytes: base },
          { label: `keys table (${v.table} slots, ${v.nentries} entries used${v.unicode && ip.python.minor >= 11 ? ', str keys' : ''})`, bytes: shallow - base },
        ];
  }
  if (v.kind === 'set') {
    const base = setSize(ip.python, 8);
    return v.table <= 8 ? [{ label: 'set object with its 8-slot table + GC header', bytes: base }] : [{ label: 'set object + GC header', bytes: base }, { label: `hash table (${v.table} slots)`, bytes: shallow - base }];
  }
  if (v.kind === 'instance' && !v.cls.slots) {
    const f = versionFacts(ip.python);
    const parts: SizePart[] = [];
    if (f.managedPreHeader) parts.push({ label: 'pre-header (dict/weakref pointers)', bytes: f.managedPreHeader });
    parts.push({ label: 'GC header', bytes: f.gcHeader }, { label: 'object', bytes: shallow - f.gcHeader - f.managedPreHeader });
    return parts;
  }
  return undefined;
}

export function totalsOf(objects: HeapObject[]): HeapTotals {
  let bytes = 0;
  let gcOnlyObjects = 0;
  let gcOnlyBytes = 0;
  let unknownObjects = 0;
  let count = 0;
  const byType = new Map<string, { count: number; bytes: number }>();
  for (const o of objects) {
    if (o.flags.includes('freed')) continue;
    const b = o.summary ? o.summary.bytes : o.shallow === null ? 0 : roundUp8(o.shallow);
    const n = o.summary ? o.summary.count : 1;
    if (!o.summary && o.shallow === null) unknownObjects++;
    count += n;
    bytes += b;
    if (o.flags.includes('gc-only')) {
      gcOnlyObjects += n;
      gcOnlyBytes += b;
    }
    const t = byType.get(o.type) ?? { count: 0, bytes: 0 };
    t.count += n;
    t.bytes += b;
    byType.set(o.type, t);
  }
  return {
    objects: count,
    bytes,
    gcOnlyObjects,
    gcOnlyBytes,
    byType: [...byType].map(([type, t]) => ({ type, ...t })).sort((a, b) => b.bytes - a.bytes || a.type.localeCompare(b.type)),
    unknownObjects,
  };
}
