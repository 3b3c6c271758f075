// A layered layout made for heap diagrams: frames in the left column, each object in the column of its shortest
// distance from a frame variable, each box placed level with the row that first points at it (so a list's cells
// line up with their targets), columns wrapped when they grow taller than the view. Linear in objects + edges
// apart from one sort per column, with no iteration, so 500 objects lay out in a few milliseconds.
//
// Why not a graph-layout library: measured in Chromium on a 500-object heap and on the recorded 768-box tree
// (medians of 5, layout only): elkjs 0.12.1 (layered) 118 ms and 2.5-6.5 s; @dagrejs/dagre 3.1.3 60-117 ms and
// 186-688 ms depending on its ranker, with arrows routed through boxes; this layout 1-4 ms and 4-5 ms. Both
// libraries break the panel's 200 ms budget on the larger heap (test/webview/layout-speed.test.ts), and dagre
// would more than double the bundle (+70 kB).
import { LINE_HEIGHT, PADDING, frameBoxContent, frameBoxSize, objectBoxContent, objectBoxSize, type BoxContent } from './box-content';
import type { ViewModel } from './view-model';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ObjectPlacement extends Box {
  content: BoxContent;
}

export interface FramePlacement extends Box {
  content: ReturnType<typeof frameBoxContent>;
}

export interface Layout {
  objects: Map<number, ObjectPlacement>;
  frames: FramePlacement[];
  width: number;
  height: number;
  /** Top of the region of objects no frame reaches, when there are any. */
  unreachedTop: number | null;
}

const COLUMN_GAP = 72;
const BOX_GAP = 14;
const MARGIN = 16;
/** Columns taller than this wrap into a new column (keeps 500 objects on a few screens, not one long strip). */
const MAX_COLUMN_HEIGHT = 1400;

/** The y of a row's arrow port inside a box (object rows come after title, value and metrics lines). */
export function objectRowY(p: ObjectPlacement, row: number): number {
  const before = 2 + (p.content.value !== null ? 1 : 0);
  return p.y + PADDING / 2 + (before + row) * LINE_HEIGHT + LINE_HEIGHT / 2;
}

export function frameRowY(p: FramePlacement, row: number): number {
  return p.y + PADDING / 2 + (2 + row) * LINE_HEIGHT + LINE_HEIGHT / 2;
}

export function layoutView(view: ViewModel, python: string): Layout {
  // Frames: one column.
  const frames: FramePlacement[] = [];
  let y = MARGIN;
  let framesWidth = 0;
  for (const f of view.frames) {
    const content = frameBoxContent(f);
    const size = frameBoxSize(content);
    frames.push({ x: MARGIN, y, ...size, content });
    y += size.height + BOX_GAP;
    framesWidth = Math.max(framesWidth, size.width);
  }
  const framesBottom = y;

  // Ranks: breadth-first from the frames' variables, then from objects no frame reaches.
  const rank = new Map<number, number>();
  const queue: number[] = [];
  for (const f of view.frames) for (const v of f.frame.variables) if (view.nodeById.has(v.target) && !rank.has(v.target)) { rank.set(v.target, 0); queue.push(v.target); }
  const bfs = (): void => {
    for (let head = 0; head < queue.length; head++) {
      const id = queue[head];
      const r = rank.get(id)!;
      for (const row of view.nodeById.get(id)!.rows) if (view.nodeById.has(row.target) && !rank.has(row.target)) { rank.set(row.target, r + 1); queue.push(row.target); }
    }
  };
  bfs();
  const reachedCount = queue.length;
  // The rest: start from objects nothing else points at, then from containers (a pure cycle has no such start),
  // so scalars land right of the containers holding them.
  const rest = view.nodes.filter((n) => !rank.has(n.object.id));
  const pointedAt = new Set<number>();
  for (const n of rest) for (const row of n.rows) if (row.target !== n.object.id) pointedAt.add(row.target);
  const starts = [...rest.filter((n) => !pointedAt.has(n.object.id) && n.rows.length > 0), ...rest.filter((n) => n.rows.length > 0), ...rest];
  for (const n of starts) if (!rank.has(n.object.id)) { rank.set(n.object.id, 0); queue.push(n.object.id); bfs(); }

  // Where each box would like to be: level with the first row pointing at it from an earlier column.
  const wanted = new Map<number, number>();
  const want = (id: number, at: number): void => {
    const w = wanted.get(id);
    if (w === undefined || at < w) wanted.set(id, at);
  };
  frames.forEach((p, fi) => view.frames[fi].frame.variables.forEach((v, i) => want(v.target, frameRowY(p, i) - LINE_HEIGHT)));

  const objects = new Map<number, ObjectPlacement>();
  const left = MARGIN + framesWidth + COLUMN_GAP;
  // Objects no frame reaches (kept by cycles, or just freed) get their own region below the rest.
  const reached = placeRegion(view, python, queue.slice(0, reachedCount), rank, wanted, want, objects, left, MARGIN, true);
  let width = reached.right;
  let height = Math.max(framesBottom, reached.bottom);
  let unreachedTop: number | null = null;
  if (queue.length > reachedCount) {
    unreachedTop = height + 2 * BOX_GAP + LINE_HEIGHT;
    const region = placeRegion(view, python, queue.slice(reachedCount), rank, wanted, want, objects, left, unreachedTop, true);
    width = Math.max(width, region.right);
    height = region.bottom;
  }
  return { objects, frames, width: Math.max(width, left) + MARGIN + 40, height: height + MARGIN, unreachedTop };
}

function placeRegion(
  view: ViewModel,
  python: string,
  ids: number[],
  rank: Map<number, number>,
  wanted: Map<number, number>,
  want: (id: number, at: number) => void,
  objects: Map<number, ObjectPlacement>,
  left: number,
  top: number,
  /** Boxes move down to the level of the row that points at them (off only for tests of raw order). */
  alignWithReferrers: boolean,
): { right: number; bottom: number } {
  const byRank: number[][] = [];
  ids.forEach((id) => (byRank[rank.get(id)!] ??= []).push(id));
  const orderOf = new Map<number, number>(ids.map((id, i) => [id, i]));
  let x = left;
  let right = left;
  let regionBottom = top;
  for (const column of byRank) {
    if (!column) continue;
    const key = (id: number): number => (alignWithReferrers ? (wanted.get(id) ?? 1e9) * 1e4 : 0) + orderOf.get(id)!;
    column.sort((a, b) => key(a) - key(b));
    let columnWidth = 0;
    let bottom = top;
    for (const id of column) {
      const node = view.nodeById.get(id)!;
      const content = objectBoxContent(node, python);
      const size = objectBoxSize(content);
      const desired = alignWithReferrers ? wanted.get(id) : undefined;
      let y = Math.max(bottom, desired ?? bottom);
      if (y + size.height > top + MAX_COLUMN_HEIGHT && bottom > top) {
        // Wrap: a new column to the right, from the top.
        x += columnWidth + COLUMN_GAP / 2;
        columnWidth = 0;
        y = top;
      }
      const p: ObjectPlacement = { x, y, ...size, content };
      objects.set(id, p);
      bottom = y + size.height + BOX_GAP;
      regionBottom = Math.max(regionBottom, bottom);
      columnWidth = Math.max(columnWidth, size.width);
      right = Math.max(right, x + size.width);
      node.rows.forEach((row, i) => want(row.target, objectRowY(p, i) - LINE_HEIGHT));
    }
    x += columnWidth + COLUMN_GAP;
  }
  return { right, bottom: regionBottom };
}
