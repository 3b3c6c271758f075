// The heap as a graph: the labelled references out of each value and its sys.getsizeof, both read from the layout
// model's objects and the simulator's extra kinds. Summarised runs of ints become summary values here, cached per
// run so that the same run has the same summary (and id) in every step.
import type { PythonVersion } from '../../analysis/python-version';
import { classObjectSize, fixedSize } from '../layout/fixed';
import { instanceDictOf, shallowSize, type IntRun, type PyObject } from '../layout/objects';
import { intRunTotals } from './int-runs';
import type { SummaryRun, SummaryValue, Value } from './values';

export interface Edge {
  label: string;
  target: Value;
  /** How many references this edge stands for (`[x] * n`: n references to one object). */
  count?: number;
  /** A weak reference: shown, but neither counted in the refcount nor keeping the target alive. */
  weak?: boolean;
}

const runSummaries = new WeakMap<object, SummaryValue>();

/** The summary standing for the non-cached ints of a run (the cached small ints are listed in `smallInts`). */
export function intRunSummary(python: PythonVersion, run: IntRun, smallInt: (v: number) => Value): SummaryValue {
  let s = runSummaries.get(run);
  if (!s) {
    const t = intRunTotals(python, run);
    s = { kind: 'summary', typeName: 'int', count: t.count, bytes: t.bytes, parts: t.smallInts.map(smallInt), smallInts: t.smallInts };
    runSummaries.set(run, s);
  }
  return s;
}

function keyLabel(k: Value): string {
  if (k.kind === 'str') return `[${JSON.stringify(k.value.length > 24 ? `${k.value.slice(0, 24)}…` : k.value).replace(/^"|"$/g, "'")}]`;
  if (k.kind === 'int') return `[${k.value}]`;
  if (k.kind === 'bool') return `[${k.value ? 'True' : 'False'}]`;
  if (k.kind === 'singleton' && k.typeName === 'NoneType') return '[None]';
  return '[key]';
}

/** `[0]`, `[1]`, ...: the labels of item edges, made once per process rather than once per item per snapshot. */
const indexLabels: string[] = [];
const INDEX_LABELS_KEPT = 4096;
function indexLabel(i: number): string {
  if (i >= INDEX_LABELS_KEPT) return `[${i}]`;
  return (indexLabels[i] ??= `[${i}]`);
}

function itemEdges(python: PythonVersion, smallInt: (v: number) => Value, items: PyObject[] | IntRun | { kind: 'repeat'; item: PyObject; count: number } | SummaryRun, out: Edge[], set: boolean): void {
  if (Array.isArray(items)) {
    items.forEach((it, i) => out.push({ label: set ? 'item' : indexLabel(i), target: it as Value }));
    return;
  }
  switch (items.kind) {
    case 'repeat':
      out.push({ label: `[0..${items.count - 1}]`, target: items.item as Value, count: items.count });
      return;
    case 'int-run':
      out.push({ label: `[0..${items.count - 1}]`, target: intRunSummary(python, items, smallInt) });
      return;
    case 'summary-run':
      for (const p of items.parts) out.push({ label: `[0..${items.count - 1}]`, target: p });
      return;
  }
}

/** The references out of a value, in a stable order. */
export function edgesOf(python: PythonVersion, v: Value, smallInt: (v: number) => Value): Edge[] {
  const out: Edge[] = [];
  switch (v.kind) {
    case 'list':
    case 'tuple':
    case 'deque':
      itemEdges(python, smallInt, v.items as PyObject[], out, false);
      break;
    case 'set':
      itemEdges(python, smallInt, v.items as PyObject[], out, true);
      break;
    case 'dict':
      v.keys.forEach((k, i) => {
        out.push({ label: 'key', target: k as Value });
        out.push({ label: keyLabel(k as Value), target: v.values[i] as Value });
      });
      if (v.instanceDict) out.push({ label: '__dict__', target: v.instanceDict });
      break;
    case 'instance':
      if (v.cls.slots) for (const [name, value] of v.attrs) out.push({ label: `.${name}`, target: value as Value });
      else if (v.cls.sharedKeys) out.push({ label: '__dict__', target: instanceDictOf(v) });
      break;
    case 'instance-dict':
      for (const [name, value] of v.owner.attrs) {
        const key = v.owner.names.get(name);
        if (key) out.push({ label: 'key', target: key as Value });
        out.push({ label: `.${name}`, target: value as Value });
      }
      break;
    case 'cell':
      if (v.contents) out.push({ label: 'cell_contents', target: v.contents });
      break;
    case 'function':
      if (v.defaults) out.push({ label: '__defaults__', target: v.defaults as Value });
      for (const [name, cell] of v.closure) out.push({ label: `__closure__ '${name}'`, target: cell });
      if (v.cache) out.push({ label: 'cache', target: v.cache as Value });
      break;
    case 'bound':
      out.push({ label: '__func__', target: v.fn }, { label: '__self__', target: v.self });
      break;
    case 'class':
      for (const [name, value] of v.attrs) out.push({ label: `.${name}`, target: value });
      if (v.base) out.push({ label: '__base__', target: v.base });
      break;
    case 'opaque':
      for (const r of v.refs) out.push({ label: r.label, target: r.target, weak: r.weak });
      if (v.frame) {
        for (const [name, value] of v.frame.vars) out.push({ label: name, target: value });
        for (const [name, cell] of v.frame.cells) out.push({ label: `cell '${name}'`, target: cell });
      }
      break;
    case 'summary':
      for (const p of v.parts) out.push({ label: p.kind === 'summary' ? 'items' : 'shares', target: p });
      break;
    default:
      break;
  }
  return out;
}

/**
 * The strong (non-weak) references out of a value, as edgesOf lists them and in the same order, without making
 * Edge objects or labels: the liveness analysis of the unreachable part of the heap (objects the snapshot never
 * shows) only needs targets and counts. On the 200-line benchmark module two thirds of the edges built were for
 * such dead objects (3,276 edges built, 1,021 shown). Keep in step with edgesOf.
 */
export function forEachStrongTarget(python: PythonVersion, v: Value, smallInt: (v: number) => Value, visit: (target: Value, count: number) => void): void {
  switch (v.kind) {
    case 'list':
    case 'tuple':
    case 'deque':
    case 'set': {
      const items = v.items as PyObject[] | IntRun | { kind: 'repeat'; item: PyObject; count: number } | SummaryRun;
      if (Array.isArray(items)) {
        for (const it of items) visit(it as Value, 1);
        return;
      }
      switch (items.kind) {
        case 'repeat':
          visit(items.item as Value, items.count);
          return;
        case 'int-run':
          visit(intRunSummary(python, items, smallInt), 1);
          return;
        case 'summary-run':
          for (const p of items.parts) visit(p, 1);
          return;
      }
      return;
    }
    case 'dict':
      for (let i = 0; i < v.keys.length; i++) {
        visit(v.keys[i] as Value, 1);
        visit(v.values[i] as Value, 1);
      }
      if (v.instanceDict) visit(v.instanceDict, 1);
      return;
    case 'instance':
      if (v.cls.slots) for (const value of v.attrs.values()) visit(value as Value, 1);
      else if (v.cls.sharedKeys) visit(instanceDictOf(v), 1);
      return;
    case 'instance-dict':
      for (const [name, value] of v.owner.attrs) {
        const key = v.owner.names.get(name);
        if (key) visit(key as Value, 1);
        visit(value as Value, 1);
      }
      return;
    case 'cell':
      if (v.contents) visit(v.contents, 1);
      return;
    case 'function':
      if (v.defaults) visit(v.defaults as Value, 1);
      for (const cell of v.closure.values()) visit(cell, 1);
      if (v.cache) visit(v.cache as Value, 1);
      return;
    case 'bound':
      visit(v.fn, 1);
      visit(v.self, 1);
      return;
    case 'class':
      for (const value of v.attrs.values()) visit(value, 1);
      if (v.base) visit(v.base, 1);
      return;
    case 'opaque':
      for (const r of v.refs) if (!r.weak) visit(r.target, 1);
      if (v.frame) {
        for (const value of v.frame.vars.values()) visit(value, 1);
        for (const cell of v.frame.cells.values()) visit(cell, 1);
      }
      return;
    case 'summary':
      for (const p of v.parts) visit(p, 1);
      return;
    default:
      return;
  }
}

/** sys.getsizeof of a value, or the reason it is unknown. Summaries report their total in `bytes` instead. */
export function sizeOf(python: PythonVersion, v: Value): number | { unknown: string } {
  switch (v.kind) {
    case 'range':
    case 'function':
    case 'cell':
      return fixedSize(python, v.kind) ?? { unknown: `no size for ${v.kind}` };
    case 'bound':
      return fixedSize(python, 'method') ?? { unknown: 'no size for method' };
    case 'builtin':
      return fixedSize(python, 'builtin_function_or_method') ?? { unknown: 'no size for builtins' };
    case 'class':
      if (v.unknownBase || v.dataclassFields || v.namedTupleFields) return { unknown: `the class object of ${v.info.name} is not modelled` };
      return classObjectSize(python, v.info) ?? { unknown: 'class without key-sharing' };
    case 'module':
      return fixedSize(python, 'module') ?? { unknown: 'module objects are not in the layout model' };
    case 'opaque':
      if (v.unknownSize) return { unknown: v.unknownSize };
      return fixedSize(python, v.typeName) ?? { unknown: `the layout model has no size for ${v.typeName}` };
    case 'summary':
      return { unknown: 'summary' };
    case 'instance-dict':
      if (!v.owner.cls.sharedKeys) return { unknown: 'instance without a __dict__' };
      return shallowSize(python, v);
    default:
      return shallowSize(python, v);
  }
}
