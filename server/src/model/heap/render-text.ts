// `memlens heap --format text`: the snapshot as a readable table (variables, objects with sizes and refcounts,
// GC-only cycles, totals, diagnostics).
import { deepSize } from './deep-size';
import type { HeapObject, HeapSnapshot } from './snapshot';

function bytesText(n: number): string {
  if (n < 10_000) return `${n} B`;
  if (n < 10_000_000) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function lpad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

function objectName(o: HeapObject | undefined, id: number): string {
  return o ? `${o.type}#${id}` : `#${id}`;
}

export function renderHeapText(snapshot: HeapSnapshot, options: { maxObjects?: number } = {}): string {
  const lines: string[] = [];
  const byId = new Map(snapshot.objects.map((o) => [o.id, o]));
  lines.push(`Heap snapshot (CPython ${snapshot.python})`);
  for (const f of snapshot.frames) {
    lines.push('', `Frame ${f.name} (${f.kind})`);
    if (f.variables.length === 0) lines.push('  (no variables)');
    for (const v of f.variables) {
      const o = byId.get(v.target);
      const deep = deepSize(snapshot, v.target);
      const repr = o?.repr ? ` ${o.repr}` : '';
      const unknown = deep.unknown ? ` (+${deep.unknown} of unknown size)` : '';
      lines.push(`  ${pad(v.name, 18)} -> ${pad(objectName(o, v.target), 16)} deep ${bytesText(deep.bytes)}${unknown}${repr}`);
    }
  }
  const max = options.maxObjects ?? 200;
  lines.push('', `Objects (${snapshot.objects.length})`);
  lines.push(`  ${pad('id', 6)} ${pad('type', 18)} ${lpad('size', 10)} ${lpad('refs', 5)}  flags / contents`);
  for (const o of snapshot.objects.slice(0, max)) {
    const size = o.summary ? `${bytesText(o.summary.bytes)}` : o.shallow === null ? '?' : bytesText(o.shallow);
    const flags = o.flags.length ? `[${o.flags.join(', ')}] ` : '';
    const what = o.summary ? `${o.summary.count} objects` : (o.repr ?? '');
    const refs = o.references.slice(0, 4).map((r) => `${r.label}->#${r.target}${r.weak ? ' (weak)' : ''}`).join(' ');
    const more = o.references.length > 4 ? ` +${o.references.length - 4}` : '';
    const reason = o.unknownReason ? ` (${o.unknownReason})` : '';
    lines.push(`  ${pad(`#${o.id}`, 6)} ${pad(o.type, 18)} ${lpad(size, 10)} ${lpad(String(o.refcount), 5)}  ${flags}${what}${reason}${refs ? `  ${refs}${more}` : ''}`);
  }
  if (snapshot.objects.length > max) lines.push(`  ... ${snapshot.objects.length - max} more`);
  const cycles = snapshot.objects.filter((o) => o.cyclePath);
  if (cycles.length) {
    lines.push('', 'GC-only cycles (unreachable; freed only by the cyclic garbage collector)');
    // One line per cycle (each member of a cycle has the same cycle from its own start).
    const shown = new Set<string>();
    for (const o of cycles) {
      const members = o.cyclePath!.filter((_, i) => i % 2 === 0).slice(0, -1).sort().join(',');
      if (shown.has(members)) continue;
      shown.add(members);
      lines.push(`  ${o.cyclePath!.join(' ')}`);
    }
  }
  const t = snapshot.totals;
  lines.push('', `Total: ${t.objects} objects, ${bytesText(t.bytes)}${t.gcOnlyObjects ? `; gc-only: ${t.gcOnlyObjects} objects, ${bytesText(t.gcOnlyBytes)}` : ''}${t.unknownObjects ? `; ${t.unknownObjects} of unknown size` : ''}`);
  for (const b of t.byType.slice(0, 8)) lines.push(`  ${pad(b.type, 18)} ${lpad(String(b.count), 9)} objects ${lpad(bytesText(b.bytes), 10)}`);
  if (snapshot.steps) lines.push('', `Steps recorded: ${snapshot.steps.length}${snapshot.stepsTruncated ? ' (truncated)' : ''}`);
  if (snapshot.diagnostics.length) {
    lines.push('', 'Not simulated');
    for (const d of snapshot.diagnostics) lines.push(`  ${d.range ? `line ${d.range.start.line + 1}: ` : ''}${d.message}`);
  }
  return lines.join('\n') + '\n';
}
