// The side pane: everything about the selected object (sizes, how the shallow size is made up, deep size on
// demand, refcount, allocator blocks, where it was allocated, its cycle and how to break it) and the allocator
// summary of the whole snapshot. HTML built with textContent only.
import { formatBytes, formatCount } from '../../server/src/analysis/byte-size-text';
import { allocationRequests, summarizeAllocator, usablePoolsPerArena } from './allocator';
import { sizeText } from './box-content';
import type { PanelMeasuredRow, PanelMeasurement } from './messages';
import type { HeapObject, HeapSnapshot } from './snapshot-types';
import { deepSize } from './view-model';

export function html<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

/** Object ids named in a cycle path (`Node#3`), in order. */
export function cycleIds(path: string[] | undefined): number[] {
  if (!path) return [];
  const ids: number[] = [];
  for (let i = 0; i < path.length; i += 2) {
    const m = /#(\d+)$/.exec(path[i]);
    if (m) ids.push(Number(m[1]));
  }
  return ids;
}

/** What would let refcounting free the cycle, phrased from the cycle's own references. */
export function cycleAdvice(o: HeapObject): string[] {
  const path = o.cyclePath ?? [];
  const labels = path.filter((_, i) => i % 2 === 1);
  const attribute = labels.find((l) => l.startsWith('.'));
  const advice: string[] = [];
  if (attribute) advice.push(`Make ${attribute} a weak reference (weakref.ref, weakref.proxy or a WeakValueDictionary): the cycle then holds no strong reference back, and refcounting frees it at once.`);
  else advice.push('Hold one reference of the cycle weakly (weakref.ref / weakref.WeakSet): a cycle without a strong back reference is freed by refcounting.');
  const step = labels[0] ?? 'one reference';
  advice.push(`Or break it explicitly when done: clear ${step} (\`del\` it or set it to None) in a \`finally\` block, so the objects go as soon as the last outside reference does.`);
  advice.push('Until then only the cyclic garbage collector frees these objects, at its next collection of their generation.');
  return advice;
}

export interface DetailsActions {
  reveal(o: HeapObject): void;
}

export function renderDetails(pane: HTMLElement, o: HeapObject | null, snapshot: Omit<HeapSnapshot, 'steps'>, actions: DetailsActions): void {
  pane.replaceChildren();
  if (!o) {
    pane.append(html('p', { class: 'hint' }, 'Select an object (click, or Tab then Enter) to see its sizes, refcount, allocator block and where it was allocated.'));
    return;
  }
  const byId = new Map(snapshot.objects.map((x) => [x.id, x]));
  pane.append(html('h2', {}, `${o.type} #${o.id}`));
  if (o.repr !== undefined) pane.append(html('p', { class: 'repr' }, o.repr));
  const facts = html('dl', {});
  const fact = (k: string, v: string | Node): void => {
    facts.append(html('dt', {}, k), html('dd', {}, v));
  };
  fact('Shallow size', o.shallow === null ? `unknown${o.unknownReason ? `: ${o.unknownReason}` : ''}` : `${formatCount(o.shallow)} bytes (sys.getsizeof)`);
  const deepButton = html('button', { type: 'button', class: 'deep-size' }, 'Compute deep size');
  const deepCell = html('span', {}, deepButton);
  deepButton.addEventListener('click', () => {
    const bytes = deepSize([o.id], byId);
    deepCell.replaceChildren(`${formatCount(bytes)} bytes (${formatBytes(bytes)}), everything it reaches, each object once`);
  });
  fact('Deep size', deepCell);
  fact('Refcount', String(o.refcount));
  if (o.attributeStorage) fact('Attributes', ({ dict: 'in a __dict__ (a separate dict object)', 'managed-dict': 'managed dict (pointer in the pre-header)', 'inline-values': 'inline values after the object', slots: '__slots__ (fixed slots in the object)' } as Record<string, string>)[o.attributeStorage] ?? o.attributeStorage);
  if (o.flags.includes('cached-singleton')) fact('Shared', 'a cached object shared by the whole interpreter (small int, interned string or singleton): not allocated by this code');
  const requests = allocationRequests(o, snapshot.python);
  if (requests.length > 0) {
    const list = html('ul', {});
    for (const r of requests) {
      const where = r.sizeClass === null ? 'system allocator (malloc): over 512 bytes' : `pymalloc block of ${r.sizeClass} bytes (size class ${r.sizeClass / 16 - 1})`;
      list.append(html('li', {}, `${r.count > 1 ? `${formatCount(r.count)} × ` : ''}${r.what}, ${formatCount(r.bytes)} bytes: ${where}`));
    }
    fact('Allocator', list);
  }
  if (o.parts && o.parts.length > 0) {
    const list = html('ul', {});
    for (const p of o.parts) list.append(html('li', {}, `${p.label}: ${formatCount(p.bytes)} bytes`));
    fact('Made of', list);
  }
  if (o.summary) fact('Summarised', `${formatCount(o.summary.count)} elements, ${formatCount(o.summary.shown)} shown, ${formatBytes(o.summary.bytes)} in all`);
  if (o.allocatedAt) {
    const line = o.allocatedAt.start.line + 1;
    const button = html('button', { type: 'button', class: 'reveal' }, `Line ${line}`);
    button.addEventListener('click', () => actions.reveal(o));
    fact('Allocated at', button);
  }
  if (o.flags.length > 0) fact('Flags', o.flags.join(', '));
  pane.append(facts);
  if (o.flags.includes('gc-only')) {
    const box = html('section', { class: 'cycle', role: 'note' });
    box.append(html('h3', {}, 'Only the cyclic GC can free this'));
    if (o.cyclePath && o.cyclePath.length > 0) box.append(html('p', { class: 'cycle-path' }, o.cyclePath.join(' → ')));
    const ul = html('ul', {});
    for (const a of cycleAdvice(o)) ul.append(html('li', {}, a));
    box.append(ul);
    pane.append(box);
  }
}

export function renderAllocatorSummary(pane: HTMLElement, snapshot: Omit<HeapSnapshot, 'steps'>): void {
  const s = summarizeAllocator(snapshot.objects, snapshot.python);
  pane.replaceChildren();
  pane.append(html('h2', {}, `Allocator: CPython ${snapshot.python}`));
  pane.append(
    html(
      'p',
      {},
      `Requests of 512 bytes or less go to pymalloc (Objects/obmalloc.c): it rounds them up to a block size, a multiple of 16 bytes, ` +
        `and carves blocks of one size out of ${s.geometry.poolBytes / 1024} KiB pools; pools come from ${s.geometry.arenaBytes >= 1048576 ? `${s.geometry.arenaBytes / 1048576} MiB` : `${s.geometry.arenaBytes / 1024} KiB`} arenas ` +
        `(${usablePoolsPerArena(s.geometry)} usable pools each; each pool starts with a 48-byte header). Larger requests go to the system malloc. A GC object's block includes its 16-byte GC header, ` +
        'which sys.getsizeof counts too. Lists, dicts and sets keep their items in a second block.',
    ),
  );
  const table = html('table', { class: 'size-classes' });
  table.append(html('caption', {}, 'Blocks per size class in this snapshot'));
  table.append(html('thead', {}, html('tr', {}, html('th', { scope: 'col' }, 'Block size'), html('th', { scope: 'col' }, 'Blocks'), html('th', { scope: 'col' }, 'Per pool'), html('th', { scope: 'col' }, 'Pools'), html('th', { scope: 'col' }, 'Bytes'))));
  const body = html('tbody', {});
  for (const r of s.rows) body.append(html('tr', {}, html('td', {}, `${r.sizeClass}`), html('td', {}, formatCount(r.blocks)), html('td', {}, formatCount(r.blocksPerPool)), html('td', {}, formatCount(r.pools)), html('td', {}, formatCount(r.bytes))));
  table.append(body);
  pane.append(table);
  pane.append(
    html(
      'p',
      { class: 'allocator-totals' },
      `${formatCount(s.pymallocBlocks)} pymalloc blocks in at least ${formatCount(s.pools)} pools (${formatCount(s.arenas)} arena${s.arenas === 1 ? '' : 's'}); ` +
        `${formatCount(s.systemRequests)} system allocation${s.systemRequests === 1 ? '' : 's'} of ${formatBytes(s.systemBytes)}; ` +
        `${formatCount(s.singletons)} shared cached object${s.singletons === 1 ? '' : 's'} not allocated here${s.unknown > 0 ? `; ${formatCount(s.unknown)} of unknown size` : ''}.`,
    ),
  );
  pane.append(html('p', { class: 'hint' }, 'Compare with a real interpreter: sys._debugmallocstats() prints the same table (blocks in use per size class) for the whole process.'));
}

/** Exact bytes ("1,064 B"): a measurement is compared byte for byte with the model, so no rounding. */
function exactBytes(n: number | null): string {
  return n === null ? '?' : `${formatCount(n)} B`;
}

/** "getsizeof 48 B (model 48 B), deep 664 B (model 664 B)" for one measured row. */
function measuredFigures(row: PanelMeasuredRow): string {
  const size = exactBytes;
  return `getsizeof ${size(row.shallow)} (model ${size(row.modelShallow)}), deep ${size(row.deep)} (model ${size(row.modelDeep)})`;
}

/** The measurement's one-line summary: the snippet's value (or its only variable) beside the model, and tracemalloc. */
export function measurementSummary(m: PanelMeasurement): string {
  const main = m.rows.find((r) => r.name === 'value') ?? (m.rows.length === 1 ? m.rows[0] : undefined);
  const parts = [main ? measuredFigures(main) : m.rows.length > 0 ? `${formatCount(m.rows.length)} variables` : 'nothing sized'];
  if (m.tracemallocPeak !== null) parts.push(`tracemalloc peak ${exactBytes(m.tracemallocPeak)}${m.modelHeapBytes !== null ? ` (model heap ${exactBytes(m.modelHeapBytes)})` : ''}`);
  return `Measured with Python ${m.python} (${m.label}): ${parts.join(', ')}${m.problem ? `. ${m.problem}` : ''}`;
}

/** The header's measurement line, and one line per module variable when the snippet is a module prefix. */
export function renderMeasurement(el: HTMLElement, m: PanelMeasurement | null): void {
  if (!m) {
    el.replaceChildren();
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const variables = m.rows.filter((r) => r.name !== 'value');
  const list = variables.length > 1 ? [html('ul', {}, ...variables.map((r) => html('li', {}, `${r.name}: ${measuredFigures(r)}`)))] : [];
  el.replaceChildren(html('span', { class: 'measurement-summary' }, measurementSummary(m)), ...list);
}
