// Zooming the diagram itself (the window's zoom scales the whole panel): large heaps are taller than any screen, and
// "Fit" shows all of one at once. The SVG keeps its natural size in its attributes (exports use them); the zoom only
// sets its CSS size, and the viewBox scales the drawing into it.
import { html } from './details';

/** Below this even Fit does not go: a box would be under a pixel. */
const MIN_FIT = 0.02;
const LEVELS = [0.1, 0.25, 0.33, 0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

export interface DiagramZoom {
  /** The controls for the header: zoom out, the level (click: back to 100%), zoom in, fit. */
  controls: HTMLElement;
  /** Sizes a freshly drawn SVG at the current level. */
  apply(svg: SVGSVGElement): void;
  /** Keys with no modifier: + / = in, - out, 0 back to 100%, f fit. True when the key was a zoom key. */
  handleKey(key: string): boolean;
}

export function createDiagramZoom(container: HTMLElement): DiagramZoom {
  let level = 1;
  const out = html('button', { type: 'button', class: 'zoom-out', 'aria-label': 'Zoom out', title: 'Zoom out (-)' }, '−');
  const label = html('button', { type: 'button', class: 'zoom-level', 'aria-label': 'Zoom level: back to 100%', title: 'Back to 100% (0)' }, '100%');
  const into = html('button', { type: 'button', class: 'zoom-in', 'aria-label': 'Zoom in', title: 'Zoom in (+)' }, '+');
  const fit = html('button', { type: 'button', class: 'zoom-fit', title: 'Fit the whole diagram in view (F)' }, 'Fit');
  const controls = html('span', { class: 'zoom', role: 'group', 'aria-label': 'Diagram zoom' }, out, label, into, fit);

  const svg = (): SVGSVGElement | null => container.querySelector('svg.heap-svg');
  const apply = (el: SVGSVGElement): void => {
    const width = Number(el.getAttribute('width'));
    const height = Number(el.getAttribute('height'));
    el.style.width = `${Math.round(width * level)}px`;
    el.style.height = `${Math.round(height * level)}px`;
    label.textContent = `${Math.round(level * 100)}%`;
    out.toggleAttribute('disabled', level <= LEVELS[0] + 1e-9);
    into.toggleAttribute('disabled', level >= LEVELS[LEVELS.length - 1]);
  };
  const set = (next: number): void => {
    // Fit may go below the smallest step (a tall heap as an outline); the steps never do.
    level = Math.min(LEVELS[LEVELS.length - 1], Math.max(MIN_FIT, next));
    const el = svg();
    if (el) apply(el);
  };
  const step = (direction: 1 | -1): void => {
    const next = direction > 0 ? LEVELS.find((l) => l > level + 1e-9) : [...LEVELS].reverse().find((l) => l < level - 1e-9);
    if (next !== undefined) set(next);
  };
  const fitAll = (): void => {
    const el = svg();
    if (!el) return;
    // The container's inside, less a little for its scroll bars; never above 100%: small diagrams stay readable.
    const width = Number(el.getAttribute('width'));
    const height = Number(el.getAttribute('height'));
    set(Math.min(1, (container.clientWidth - 4) / width, (container.clientHeight - 4) / height));
  };
  out.addEventListener('click', () => step(-1));
  into.addEventListener('click', () => step(1));
  label.addEventListener('click', () => set(1));
  fit.addEventListener('click', fitAll);

  return {
    controls,
    apply,
    handleKey(key: string): boolean {
      if (key === '+' || key === '=') step(1);
      else if (key === '-') step(-1);
      else if (key === '0') set(1);
      else if (key === 'f') fitAll();
      else return false;
      return true;
    },
  };
}
