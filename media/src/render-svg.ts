// Draws a laid-out view as SVG. Built with createElementNS and textContent only: every name, value and key comes
// from user code and must never be parsed as markup.
import { LINE_HEIGHT, PADDING } from './box-content';
import { arrowPath } from './arrow-path';
import { frameRowY, objectRowY, routeKey, type Layout } from './layout';
import type { ViewModel } from './view-model';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface RenderOptions {
  /** Object ids that were not in the previous step: they fade in. */
  appeared: Set<number>;
  /** Object ids whose refcount changed since the previous step. */
  refcountChanged: Set<number>;
  selected: number | null;
  /** Objects on the selected GC-only object's cycle. */
  cycle: Set<number>;
}

function objectLabel(view: ViewModel, id: number, metrics: string): string {
  const o = view.nodeById.get(id)!.object;
  const parts = [o.type];
  if (o.repr !== undefined) parts.push(o.repr);
  parts.push(metrics);
  if (o.flags.includes('cached-singleton')) parts.push('shared cached object');
  if (o.flags.includes('gc-only')) parts.push('kept alive only by a reference cycle; only the cyclic garbage collector frees it');
  if (o.flags.includes('freed')) parts.push('freed at this step');
  if (o.allocatedAt) parts.push(`allocated at line ${o.allocatedAt.start.line + 1}`);
  return parts.join(', ');
}

export function renderSvg(view: ViewModel, layout: Layout, options: RenderOptions): SVGSVGElement {
  const svg = svgElement('svg', {
    xmlns: SVG_NS,
    class: 'heap-svg',
    width: Math.ceil(layout.width),
    height: Math.ceil(layout.height),
    viewBox: `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`,
    role: 'group',
    'aria-label': `Heap diagram: ${view.frames.length} frames, ${view.nodes.length} objects`,
  });
  const defs = svgElement('defs');
  for (const kind of ['', '-gc', '-selected']) {
    const marker = svgElement('marker', { id: `arrow${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9, orient: 'auto-start-reverse' });
    marker.append(svgElement('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrowhead${kind}` }));
    defs.append(marker);
  }
  svg.append(defs);

  const edgesLayer = svgElement('g', { class: 'edges' });
  const framesLayer = svgElement('g', { class: 'frames' });
  const objectsLayer = svgElement('g', { class: 'objects' });
  svg.append(edgesLayer, framesLayer, objectsLayer);

  if (layout.unreachedTop !== null) {
    const gc = view.nodes.some((n) => n.object.flags.includes('gc-only'));
    const freed = view.nodes.some((n) => n.object.flags.includes('freed'));
    const top = layout.unreachedTop;
    const left = layout.frames.reduce((x, f) => Math.max(x, f.x + f.width), 0) + 24;
    svg.append(svgElement('line', { class: 'region-rule', x1: left, x2: layout.width - 16, y1: top - LINE_HEIGHT - 6, y2: top - LINE_HEIGHT - 6 }));
    svg.append(svgElement('text', { class: 'region-label', x: left, y: top - 8 }, gc ? 'Unreachable from every frame: kept alive by reference cycles, only the cyclic GC frees them' : freed ? 'Unreachable from every frame: freed at this step' : 'Not reachable from the variables shown'));
  }

  // Frames.
  layout.frames.forEach((p, fi) => {
    const g = svgElement('g', { class: 'frame', 'data-frame': fi, transform: `translate(${p.x},${p.y})`, role: 'group', 'aria-label': `frame ${p.content.title}, ${p.content.total}` });
    g.append(svgElement('rect', { class: 'frame-box', width: p.width, height: p.height, rx: 4 }));
    g.append(svgElement('text', { class: 'frame-title', x: PADDING, y: PADDING / 2 + LINE_HEIGHT * 0.75 }, p.content.title));
    g.append(svgElement('text', { class: 'frame-total', x: PADDING, y: PADDING / 2 + LINE_HEIGHT * 1.75 }, p.content.total));
    p.content.rows.forEach((name, i) => {
      const rowY = frameRowY(p, i) - p.y;
      g.append(svgElement('line', { class: 'row-rule', x1: 0, x2: p.width, y1: rowY - LINE_HEIGHT / 2, y2: rowY - LINE_HEIGHT / 2 }));
      g.append(svgElement('text', { class: 'var-name', x: PADDING, y: rowY + 4 }, name));
      g.append(svgElement('circle', { class: 'port', cx: p.width - 8, cy: rowY, r: 3 }));
    });
    framesLayer.append(g);
  });

  // Objects, in reading order (column by column, top to bottom), which is also the Tab order.
  const ordered = view.nodes.filter((n) => layout.objects.has(n.object.id));
  ordered.sort((a, b) => {
    const pa = layout.objects.get(a.object.id)!;
    const pb = layout.objects.get(b.object.id)!;
    return pa.x - pb.x || pa.y - pb.y;
  });
  for (const node of ordered) {
    const id = node.object.id;
    const p = layout.objects.get(id);
    if (!p) continue;
    const o = node.object;
    const classes = ['obj', `kind-${kindOf(o.type, o.references.length > 0)}`];
    if (o.flags.includes('cached-singleton')) classes.push('shared');
    if (o.flags.includes('gc-only')) classes.push('gc-only');
    if (o.flags.includes('freed')) classes.push('freed');
    if (o.flags.includes('unknown') || (o.shallow === null && !o.summary)) classes.push('unknown');
    if (options.appeared.has(id)) classes.push('appeared');
    if (options.selected === id) classes.push('selected');
    if (options.cycle.has(id)) classes.push('on-cycle');
    const g = svgElement('g', {
      class: classes.join(' '),
      'data-id': id,
      transform: `translate(${p.x},${p.y})`,
      tabindex: 0,
      role: 'button',
      'aria-label': objectLabel(view, id, p.content.metrics),
    });
    g.append(svgElement('title', {}, objectLabel(view, id, p.content.metrics)));
    g.append(svgElement('rect', { class: 'box', width: p.width, height: p.height, rx: 4 }));
    const title = svgElement('text', { class: 'obj-title', x: PADDING, y: PADDING / 2 + LINE_HEIGHT * 0.75 });
    title.append(svgElement('tspan', { class: 'type-name' }, p.content.title));
    for (const b of p.content.badges) {
      title.append(svgElement('tspan', { class: `badge badge-${b.replace(/[^a-z]/gi, '-').toLowerCase()}`, dx: 6 }, `[${b}]`));
    }
    g.append(title);
    let line = 1;
    if (p.content.value !== null) {
      g.append(svgElement('text', { class: 'obj-value', x: PADDING, y: PADDING / 2 + LINE_HEIGHT * (line + 0.75) }, p.content.value));
      line++;
    }
    g.append(svgElement('text', { class: `obj-metrics${options.refcountChanged.has(id) ? ' rc-changed' : ''}`, x: PADDING, y: PADDING / 2 + LINE_HEIGHT * (line + 0.75) }, p.content.metrics));
    p.content.rows.forEach((row, i) => {
      const rowY = objectRowY(p, i) - p.y;
      g.append(svgElement('line', { class: 'row-rule', x1: 0, x2: p.width, y1: rowY - LINE_HEIGHT / 2, y2: rowY - LINE_HEIGHT / 2 }));
      g.append(svgElement('text', { class: 'row-label', x: PADDING, y: rowY + 4 }, row.label));
      g.append(svgElement('circle', { class: 'port', cx: p.width - 8, cy: rowY, r: 3 }));
    });
    if (p.content.summary !== null) {
      const rowY = objectRowY(p, p.content.rows.length) - p.y;
      g.append(svgElement('line', { class: 'row-rule', x1: 0, x2: p.width, y1: rowY - LINE_HEIGHT / 2, y2: rowY - LINE_HEIGHT / 2 }));
      g.append(svgElement('text', { class: 'summary-row', x: PADDING, y: rowY + 4 }, p.content.summary));
    }
    objectsLayer.append(g);
  }

  // Edges: from a row's port to the left side of the target box, level with its title.
  for (const e of view.edges) {
    const target = layout.objects.get(e.to);
    if (!target) continue;
    const [kind, rest] = [e.from[0], e.from.slice(1)];
    const [ownerText, rowText] = rest.split(':');
    const owner = Number(ownerText);
    const row = Number(rowText);
    let sx: number;
    let sy: number;
    let fromGc = false;
    if (kind === 'f') {
      const fp = layout.frames[owner];
      sx = fp.x + fp.width - 8;
      sy = frameRowY(fp, row);
    } else {
      const op = layout.objects.get(owner);
      if (!op) continue;
      sx = op.x + op.width - 8;
      sy = objectRowY(op, row);
      fromGc = view.nodeById.get(owner)!.object.flags.includes('gc-only');
    }
    // Forward arrows enter the target's left side; arrows back to an earlier or the same column enter its right
    // side, so they never cross the boxes in between. Long arrows pass through dagre's waypoints.
    const forward = target.x > sx + 20;
    const end = { x: forward ? target.x : target.x + target.width, y: target.y + PADDING / 2 + LINE_HEIGHT / 2 };
    const waypoints = layout.routes.get(routeKey(kind === 'f' ? 'frames' : owner, e.to)) ?? [];
    const d = arrowPath({ x: sx, y: sy }, waypoints, end, forward);
    const onCycle = options.cycle.has(e.to) && kind === 'o' && options.cycle.has(owner);
    const selected = options.selected !== null && (e.to === options.selected || (kind === 'o' && owner === options.selected));
    const classes = ['edge'];
    if (fromGc) classes.push('gc-edge');
    if (onCycle) classes.push('cycle-edge');
    if (selected) classes.push('selected-edge');
    edgesLayer.append(svgElement('path', { class: classes.join(' '), d, 'data-from': e.from, 'data-to': e.to, 'marker-end': `url(#arrow${selected ? '-selected' : fromGc || onCycle ? '-gc' : ''})` }));
  }
  return svg;
}

function kindOf(type: string, hasReferences: boolean): string {
  if (type === 'list' || type === 'tuple' || type === 'set' || type === 'frozenset') return 'sequence';
  if (type === 'dict') return 'dict';
  if (['int', 'float', 'str', 'bytes', 'bool', 'NoneType', 'complex'].includes(type)) return 'scalar';
  return hasReferences ? 'instance' : 'other';
}
