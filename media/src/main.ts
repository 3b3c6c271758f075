/// <reference lib="dom" />
// The heap diagram panel: receives snapshots from the extension (or, in the standalone page, from an embedded
// JSON block), lays them out and draws them as SVG, and lets the user step through statements, select objects,
// switch the CPython version and export the view. Every message in either direction is validated (messages.ts).
import { formatBytes, formatCount } from '../../server/src/analysis/byte-size-text';
import { cycleIds, html, renderAllocatorSummary, renderDetails, renderMeasurement } from './details';
import { createDiagramZoom } from './zoom';
import { pngDataUrl, standaloneSvgText } from './export-image';
import { layoutSteps, layoutView, type Layout } from './layout';
import { hostMessageProblem, PANEL_PYTHON_VERSIONS, snapshotProblem, type ExportFormat, type HostToPanelMessage, type PanelToHostMessage } from './messages';
import { renderSvg } from './render-svg';
import type { HeapObject, HeapSnapshot } from './snapshot-types';
import { buildViewModel, type ViewModel } from './view-model';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const host: VsCodeApi = acquireVsCodeApi();
const standalone = document.body.dataset.standalone === 'true';

function post(message: PanelToHostMessage): void {
  host.postMessage(message);
}

function warn(message: string): void {
  console.warn(`memlens heap diagram: ${message}`);
  post({ type: 'log', level: 'warning', message });
}

// ---- state ----
let root: HeapSnapshot | null = null;
let title = '';
let stepIndex = 0;
let selected: number | null = null;
let showAllocator = false;
let previousRefcounts = new Map<number, number>();
let currentView: ViewModel | null = null;
let pendingVersion: string | null = null;

function stepCount(): number {
  return root?.steps?.length ?? 0;
}

function currentSnapshot(): Omit<HeapSnapshot, 'steps'> | null {
  if (!root) return null;
  const steps = root.steps ?? [];
  return steps.length > 0 ? steps[Math.min(stepIndex, steps.length - 1)].snapshot : root;
}

// ---- DOM ----
const app = document.getElementById('app') ?? document.body.appendChild(html('div', { id: 'app' }));
const header = html('header', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Heap diagram controls' });
const titleEl = html('h1', { class: 'title' }, 'Heap diagram');
const firstBtn = html('button', { type: 'button', class: 'step-first', 'aria-label': 'First step', title: 'First step (Home)' }, '« First');
const prevBtn = html('button', { type: 'button', class: 'step-prev', 'aria-label': 'Previous step', title: 'Previous step (Left arrow)' }, '◀ Prev');
const slider = html('input', { type: 'range', class: 'step-slider', min: '0', max: '0', value: '0', 'aria-label': 'Step' });
const nextBtn = html('button', { type: 'button', class: 'step-next', 'aria-label': 'Next step', title: 'Next step (Right arrow)' }, 'Next ▶');
const lastBtn = html('button', { type: 'button', class: 'step-last', 'aria-label': 'Last step', title: 'Last step (End)' }, 'Last »');
const stepLabel = html('span', { class: 'step-label', 'aria-live': 'polite' }, '');
const versionSelect = html('select', { class: 'python-version', 'aria-label': 'CPython version' });
for (const v of PANEL_PYTHON_VERSIONS) versionSelect.append(html('option', { value: v }, `Python ${v}`));
const allocatorBtn = html('button', { type: 'button', class: 'show-allocator', 'aria-pressed': 'false' }, 'Allocator');
const svgBtn = html('button', { type: 'button', class: 'export-svg' }, 'Export SVG');
const pngBtn = html('button', { type: 'button', class: 'export-png' }, 'Export PNG');
// Runs the snippet in the user's interpreter (the extension asks for consent); the standalone page has no extension.
const measureBtn = html('button', { type: 'button', class: 'measure', title: 'Run this snippet in your Python interpreter and compare with the model' }, 'Measure with Python');
measureBtn.hidden = standalone;
header.append(titleEl, html('span', { class: 'stepper' }, firstBtn, prevBtn, slider, nextBtn, lastBtn, stepLabel), html('span', { class: 'actions' }, versionSelect, allocatorBtn, svgBtn, pngBtn, measureBtn));
const totalsEl = html('p', { class: 'totals', 'aria-live': 'polite' });
const measurementEl = html('div', { class: 'measurement', 'aria-live': 'polite' });
measurementEl.hidden = true;
const statusEl = html('p', { class: 'status', role: 'status' });
const diagram = html('div', { class: 'diagram', tabindex: '-1' });
const zoom = createDiagramZoom(diagram);
header.querySelector('.actions')!.prepend(zoom.controls);
const side = html('aside', { class: 'details', 'aria-label': 'Selected object' });
const main = html('main', { class: 'content' }, diagram, side);
const diagnosticsEl = html('ul', { class: 'diagnostics', 'aria-label': 'What could not be simulated' });
app.replaceChildren(header, totalsEl, measurementEl, statusEl, main, diagnosticsEl);

// ---- rendering ----
// Each step's view and layout, computed once: selecting an object or returning to a step reuses them. The steps of
// one snapshot share positions (layoutSteps), so stepping shows objects appear, change and go, not move; above
// STABLE_STEPS_LIMIT objects summed over the steps each step is laid out on its own, when first shown.
const STABLE_STEPS_LIMIT = 4000;
const layouts = new WeakMap<object, { view: ViewModel; layout: Layout }>();
function laidOut(snap: Omit<HeapSnapshot, 'steps'>): { view: ViewModel; layout: Layout } {
  let entry = layouts.get(snap);
  if (entry) return entry;
  const steps = root?.steps?.map((s) => s.snapshot) ?? [];
  if (steps.includes(snap) && steps.reduce((n, s) => n + s.objects.length, 0) <= STABLE_STEPS_LIMIT) {
    const views = steps.map((s) => buildViewModel(s));
    const all = layoutSteps(views, snap.python);
    steps.forEach((s, i) => layouts.set(s, { view: views[i], layout: all[i] }));
    return layouts.get(snap)!;
  }
  const view = buildViewModel(snap);
  entry = { view, layout: layoutView(view, snap.python) };
  layouts.set(snap, entry);
  return entry;
}

function render(): void {
  const snap = currentSnapshot();
  if (!snap || !root) return;
  const t0 = performance.now();
  const { view, layout } = laidOut(snap);
  const t1 = performance.now();
  const appeared = new Set<number>();
  const refcountChanged = new Set<number>();
  if (previousRefcounts.size > 0) {
    for (const n of view.nodes) {
      const before = previousRefcounts.get(n.object.id);
      if (before === undefined) appeared.add(n.object.id);
      else if (before !== n.object.refcount) refcountChanged.add(n.object.id);
    }
  }
  const selectedObject = selected !== null ? view.nodeById.get(selected)?.object ?? null : null;
  if (selectedObject === null) selected = null;
  const cycle = new Set(cycleIds(selectedObject?.cyclePath));
  const svg = renderSvg(view, layout, { appeared, refcountChanged, selected, cycle });
  const focusedId = (document.activeElement as Element | null)?.getAttribute?.('data-id');
  zoom.apply(svg);
  diagram.replaceChildren(svg);
  if (focusedId) (diagram.querySelector(`[data-id="${CSS.escape(focusedId)}"]`) as SVGGElement | null)?.focus();
  const t2 = performance.now();
  currentView = view;
  previousRefcounts = new Map(snap.objects.map((o) => [o.id, o.refcount]));

  const steps = stepCount();
  titleEl.textContent = title;
  slider.max = String(Math.max(0, steps - 1));
  slider.value = String(stepIndex);
  slider.disabled = steps <= 1;
  prevBtn.disabled = firstBtn.disabled = stepIndex <= 0;
  nextBtn.disabled = lastBtn.disabled = stepIndex >= steps - 1;
  const range = root.steps?.[stepIndex]?.range;
  stepLabel.textContent = steps > 0 ? `Step ${stepIndex + 1} of ${steps}${range ? `, line ${range.start.line + 1}` : ''}` : 'No steps';
  slider.setAttribute('aria-valuetext', stepLabel.textContent);
  versionSelect.value = snap.python;
  versionSelect.disabled = standalone;
  const t = snap.totals;
  const live = snap.objects.filter((o) => !o.flags.includes('freed')).length;
  totalsEl.textContent =
    `CPython ${snap.python}: ${formatCount(live)} objects, ${formatBytes(t.bytes)} in all` +
    (t.gcOnlyObjects > 0 ? `; ${formatCount(t.gcOnlyObjects)} only the cyclic GC can free (${formatBytes(t.gcOnlyBytes)})` : '') +
    (t.unknownObjects > 0 ? `; ${formatCount(t.unknownObjects)} of unknown size` : '') +
    '. Frames: ' +
    view.frames.map((f) => `${f.frame.name} ${formatBytes(f.deepBytes)}`).join(', ');
  statusEl.textContent = pendingVersion ? `Loading Python ${pendingVersion}…` : '';
  diagnosticsEl.replaceChildren(...snap.diagnostics.map((d) => html('li', {}, d.range ? `Line ${d.range.start.line + 1}: ${d.message}` : d.message)));
  if (showAllocator) renderAllocatorSummary(side, snap);
  else renderDetails(side, selectedObject, snap, { reveal: revealObject });
  document.body.dataset.rendered = String(Date.now());
  post({ type: 'rendered', step: stepIndex, steps, objects: view.nodes.length, edges: view.edges.length, layoutMs: t1 - t0, renderMs: t2 - t1 });
  prepareNeighbourSteps();
}

/** Lays out the steps either side of this one while the panel is idle, so stepping to them draws at once. */
function prepareNeighbourSteps(): void {
  const steps = root?.steps;
  if (!steps || steps.length === 0 || typeof requestIdleCallback !== 'function') return;
  const from = root;
  for (const i of [stepIndex + 1, stepIndex - 1]) {
    if (i < 0 || i >= steps.length) continue;
    requestIdleCallback(() => {
      if (root === from) laidOut(steps[i].snapshot);
    });
  }
}

function revealObject(o: HeapObject): void {
  if (o.allocatedAt) post({ type: 'reveal', range: o.allocatedAt });
}

function goToStep(index: number): void {
  const steps = stepCount();
  if (steps === 0) return;
  const clamped = Math.max(0, Math.min(steps - 1, index));
  if (clamped === stepIndex && currentView) return;
  stepIndex = clamped;
  host.setState({ stepIndex });
  render();
  post({ type: 'stepChanged', index: stepIndex, range: root?.steps?.[stepIndex]?.range ?? null });
}

function select(id: number | null, reveal: boolean): void {
  selected = id;
  showAllocator = false;
  allocatorBtn.setAttribute('aria-pressed', 'false');
  render();
  const o = id !== null ? currentView?.nodeById.get(id)?.object : undefined;
  if (o && reveal) revealObject(o);
}

async function exportView(format: ExportFormat): Promise<void> {
  const svg = diagram.querySelector('svg');
  if (!svg) return;
  const background = getComputedStyle(document.body).backgroundColor || '#ffffff';
  const text = standaloneSvgText(svg, background);
  const data = format === 'svg' ? text : await pngDataUrl(text, svg.width.baseVal.value, svg.height.baseVal.value);
  if (standalone) {
    const a = html('a', { href: format === 'svg' ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}` : data, download: `heap.${format}` });
    a.click();
  }
  post({ type: 'export', format, data });
}

// ---- events ----
firstBtn.addEventListener('click', () => goToStep(0));
prevBtn.addEventListener('click', () => goToStep(stepIndex - 1));
nextBtn.addEventListener('click', () => goToStep(stepIndex + 1));
lastBtn.addEventListener('click', () => goToStep(stepCount() - 1));
slider.addEventListener('input', () => goToStep(Number(slider.value)));
versionSelect.addEventListener('change', () => {
  pendingVersion = versionSelect.value;
  statusEl.textContent = `Loading Python ${pendingVersion}…`;
  post({ type: 'changeVersion', python: versionSelect.value });
});
allocatorBtn.addEventListener('click', () => {
  showAllocator = !showAllocator;
  allocatorBtn.setAttribute('aria-pressed', String(showAllocator));
  render();
});
svgBtn.addEventListener('click', () => void exportView('svg').catch((e: unknown) => warn(`export failed: ${String(e)}`)));
pngBtn.addEventListener('click', () => void exportView('png').catch((e: unknown) => warn(`export failed: ${String(e)}`)));
measureBtn.addEventListener('click', () => post({ type: 'measure' }));

function objectIdOf(target: EventTarget | null): number | null {
  const g = (target as Element | null)?.closest?.('g.obj');
  const id = g?.getAttribute('data-id');
  return id ? Number(id) : null;
}

diagram.addEventListener('click', (e) => {
  const id = objectIdOf(e.target);
  if (id !== null) select(id, true);
});

document.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  const id = objectIdOf(target);
  if (id !== null && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    select(id, true);
    return;
  }
  if (target && ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName) && e.key !== 'Escape') {
    // The slider, the version picker and buttons handle their own keys (arrows move the slider itself).
    if (target.tagName !== 'BUTTON' || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
  }
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  switch (e.key) {
    case 'ArrowLeft':
    case 'k':
      goToStep(stepIndex - 1);
      break;
    case 'ArrowRight':
    case 'j':
      goToStep(stepIndex + 1);
      break;
    case 'Home':
      goToStep(0);
      break;
    case 'End':
      goToStep(stepCount() - 1);
      break;
    case 'Escape':
      select(null, false);
      return;
    default:
      if (!zoom.handleKey(e.key)) return;
  }
  e.preventDefault();
});

function receive(message: HostToPanelMessage): void {
  switch (message.type) {
    case 'snapshot': {
      const keep = message.keepStep && root !== null;
      root = message.snapshot;
      title = message.title;
      pendingVersion = null;
      const steps = stepCount();
      stepIndex = keep ? Math.min(stepIndex, Math.max(0, steps - 1)) : Math.max(0, steps - 1);
      if (!keep) {
        previousRefcounts = new Map();
        selected = null;
      }
      render();
      post({ type: 'stepChanged', index: stepIndex, range: root.steps?.[stepIndex]?.range ?? null });
      break;
    }
    case 'error':
      pendingVersion = null;
      statusEl.textContent = message.message;
      break;
    case 'goToStep':
      goToStep(message.index);
      break;
    case 'requestExport':
      void exportView(message.format).catch((e: unknown) => warn(`export failed: ${String(e)}`));
      break;
    case 'measurement':
      renderMeasurement(measurementEl, message.measurement);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const problem = hostMessageProblem(event.data);
  if (problem) {
    warn(`ignored a malformed message: ${problem}`);
    return;
  }
  receive(event.data as HostToPanelMessage);
});

// The standalone page carries its snapshot in a JSON block (never executed: type application/json).
const embedded = document.getElementById('memlens-initial-snapshot');
if (embedded?.textContent) {
  try {
    const parsed = JSON.parse(embedded.textContent) as { title?: unknown; snapshot?: unknown };
    const problem = snapshotProblem(parsed.snapshot);
    if (problem) warn(`the embedded snapshot is malformed: ${problem}`);
    else receive({ type: 'snapshot', snapshot: parsed.snapshot as HeapSnapshot, title: String(parsed.title ?? ''), keepStep: false });
  } catch (e) {
    warn(`the embedded snapshot is not JSON: ${String(e)}`);
  }
} else {
  const saved = host.getState() as { stepIndex?: unknown } | undefined;
  if (saved && typeof saved.stepIndex === 'number') stepIndex = saved.stepIndex;
  renderDetails(side, null, { python: '', frames: [], objects: [], totals: { objects: 0, bytes: 0, gcOnlyObjects: 0, gcOnlyBytes: 0, byType: [], unknownObjects: 0 }, diagnostics: [] }, { reveal: () => undefined });
  post({ type: 'ready' });
}
