// Places the boxes and routes the arrows with dagre (@dagrejs/dagre, a maintained layered-graph layout: network-simplex
// or tight-tree ranking, barycentre ordering to cut crossings, Brandes-Köpf coordinates), left to right: the frames
// form the first column, each object a column after what refers to it.
//
// Chosen by measuring layout time for 500 objects: `npm run bench` ("Heap diagram layout") runs this function and
// elkjs's layered algorithm on the same graphs (the same boxes and edges); elkjs was several times slower on both
// the 500-object heap and the recorded 772-object tree (docs/benchmarks.md). The panel lays out each snapshot step
// once and keeps it (main.ts), so selecting an object or returning to a step costs no layout.
//
// dagre has no ports: a box is one node, the rows of a box that point at the same target are one weighted edge,
// and render-svg.ts draws each row's arrow from its own port through the waypoints dagre gives that edge (its dummy
// nodes in the columns it crosses, so long arrows pass between boxes, not through them).
import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';
import { LINE_HEIGHT, PADDING, frameBoxContent, frameBoxSize, objectBoxContent, objectBoxSize, type BoxContent } from './box-content';
import type { ViewModel } from './view-model';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
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
  /** Waypoints between source and target, per edge: `routeKey(source, targetId)`. Absent: a direct arrow. */
  routes: Map<string, Point[]>;
  width: number;
  height: number;
  /** Top of the region of objects no frame reaches, when there are any. */
  unreachedTop: number | null;
}

const COLUMN_GAP = 72;
const BOX_GAP = 14;
/** Space dagre keeps between the dummy nodes of parallel long arrows. */
const EDGE_GAP = 8;
const MARGIN = 16;
/**
 * Up to this many objects dagre gets its full treatment: network-simplex ranking (short arrows) and its ordering
 * passes (fewest crossings). Beyond it, a tight-tree ranking and the initial depth-first order, which for a heap
 * (mostly a tree, frames -> containers -> items) already has few crossings: 3-5x faster on 500+ objects.
 */
const DETAILED_LAYOUT_LIMIT = 200;
/** The node standing for all frames: they are stacked in one box so they share the first column. */
const FRAMES_NODE = 'frames';

/** Key of the waypoints of the arrows from a box (an object id, or 'frames' for any frame) to a target. */
export function routeKey(source: number | 'frames', target: number): string {
  return `${source}>${target}`;
}

/** The y of a row's arrow port inside a box (object rows come after title, value and metrics lines). */
export function objectRowY(p: ObjectPlacement, row: number): number {
  const before = 2 + (p.content.value !== null ? 1 : 0);
  return p.y + PADDING / 2 + (before + row) * LINE_HEIGHT + LINE_HEIGHT / 2;
}

export function frameRowY(p: FramePlacement, row: number): number {
  return p.y + PADDING / 2 + (2 + row) * LINE_HEIGHT + LINE_HEIGHT / 2;
}

interface SizedContent {
  content: BoxContent;
  width: number;
  height: number;
}

interface GraphPlacement {
  boxes: Map<string, Box>;
  routes: Map<string, Point[]>;
  width: number;
  height: number;
}

export function layoutView(view: ViewModel, python: string): Layout {
  const frames: FramePlacement[] = [];
  let framesHeight = 0;
  let framesWidth = 0;
  for (const f of view.frames) {
    const content = frameBoxContent(f);
    const size = frameBoxSize(content);
    frames.push({ x: MARGIN, y: framesHeight, ...size, content });
    framesHeight += size.height + BOX_GAP;
    framesWidth = Math.max(framesWidth, size.width);
  }
  framesHeight = Math.max(0, framesHeight - BOX_GAP);

  const sized = new Map<number, SizedContent>();
  for (const n of view.nodes) {
    const content = objectBoxContent(n, python);
    sized.set(n.object.id, { content, ...objectBoxSize(content) });
  }

  // What the frames reach goes in the main graph; the rest (kept by cycles, or freed at this step) in a second
  // graph below a rule, so the picture separates "in use" from "waiting for the collector".
  const reached = new Set<number>();
  const queue: number[] = [];
  const visit = (id: number): void => {
    if (view.nodeById.has(id) && !reached.has(id)) {
      reached.add(id);
      queue.push(id);
    }
  };
  for (const f of view.frames) for (const v of f.frame.variables) visit(v.target);
  for (let head = 0; head < queue.length; head++) for (const row of view.nodeById.get(queue[head])!.rows) visit(row.target);
  const unreached = view.nodes.map((n) => n.object.id).filter((id) => !reached.has(id));

  const objects = new Map<number, ObjectPlacement>();
  const routes = new Map<string, Point[]>();
  const place = (placement: GraphPlacement, dx: number, dy: number): void => {
    for (const [name, box] of placement.boxes) {
      if (name === FRAMES_NODE) continue;
      const id = Number(name);
      const s = sized.get(id)!;
      objects.set(id, { x: box.x + dx, y: box.y + dy, width: s.width, height: s.height, content: s.content });
    }
    for (const [key, points] of placement.routes) routes.set(key, points.map((p) => ({ x: p.x + dx, y: p.y + dy })));
  };

  const framesBox = frames.length > 0 ? { width: framesWidth, height: framesHeight } : null;
  const main = placeGraph(view, queue, sized, framesBox);
  // The frames node is in the first column: shift so that it starts at the margin.
  const at = main.boxes.get(FRAMES_NODE) ?? { x: 0, y: 0 };
  const dx = MARGIN - at.x;
  place(main, dx, MARGIN);
  for (const f of frames) f.y += MARGIN + at.y;
  let width = main.width + dx;
  let height = Math.max(MARGIN + main.height, MARGIN + framesHeight);
  let unreachedTop: number | null = null;
  if (unreached.length > 0) {
    unreachedTop = height + 2 * BOX_GAP + LINE_HEIGHT;
    const rest = placeGraph(view, unreached, sized, null);
    const left = MARGIN + framesWidth + COLUMN_GAP;
    place(rest, left, unreachedTop);
    width = Math.max(width, left + rest.width);
    height = unreachedTop + rest.height;
  }
  return { objects, frames, routes, width: Math.max(width, MARGIN + framesWidth) + MARGIN + 40, height: height + MARGIN, unreachedTop };
}

/** Lays out one set of objects (with the frames node first, for the main graph); top-left at 0,0. */
function placeGraph(view: ViewModel, ids: readonly number[], sized: Map<number, SizedContent>, framesBox: { width: number; height: number } | null): GraphPlacement {
  const g = new graphlib.Graph();
  const large = ids.length > DETAILED_LAYOUT_LIMIT;
  g.setGraph({ rankdir: 'LR', ranker: large ? 'tight-tree' : 'network-simplex', nodesep: BOX_GAP, ranksep: COLUMN_GAP, edgesep: EDGE_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const inGraph = new Set(ids);
  // The frames node goes in first: dagre breaks cycles depth-first in insertion order, so it stays the one source.
  if (framesBox) g.setNode(FRAMES_NODE, { ...framesBox });
  for (const id of ids) {
    const s = sized.get(id)!;
    g.setNode(String(id), { width: s.width, height: s.height });
  }
  const addEdge = (from: string, to: number): void => {
    if (!inGraph.has(to) || from === String(to)) return;
    const label = g.edge(from, String(to)) as { weight: number } | undefined;
    if (label) label.weight++;
    else g.setEdge(from, String(to), { weight: 1, minlen: 1 });
  };
  if (framesBox) for (const f of view.frames) for (const v of f.frame.variables) addEdge(FRAMES_NODE, v.target);
  for (const id of ids) for (const row of view.nodeById.get(id)!.rows) addEdge(String(id), row.target);
  dagreLayout(g, { disableOptimalOrderHeuristic: large });

  const boxes = new Map<string, Box>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const extend = (x0: number, y0: number, x1: number, y1: number): void => {
    minX = Math.min(minX, x0);
    minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
  };
  for (const name of g.nodes()) {
    const n = g.node(name) as Box;
    const box = { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
    boxes.set(name, box);
    extend(box.x, box.y, box.x + box.width, box.y + box.height);
  }
  if (!Number.isFinite(minX)) return { boxes, routes: new Map(), width: 0, height: 0 };
  const kept: Array<[string, Point[]]> = [];
  for (const e of g.edges()) {
    // dagre's first and last points are where the straight line meets each box; the arrows start at row ports and
    // end at the target's title instead, so only the points in between (one per column crossed) are kept. They
    // can lie beyond the boxes (an arrow routed around the bottom of a column): they count in the graph's extent,
    // or the region below would be drawn over them.
    const points = ((g.edge(e) as { points?: Point[] }).points ?? []).slice(1, -1);
    if (points.length === 0) continue;
    for (const p of points) extend(p.x, p.y, p.x, p.y);
    kept.push([routeKey(e.v === FRAMES_NODE ? FRAMES_NODE : Number(e.v), Number(e.w)), points]);
  }
  for (const box of boxes.values()) {
    box.x -= minX;
    box.y -= minY;
  }
  const routes = new Map<string, Point[]>(kept.map(([key, points]) => [key, points.map((p) => ({ x: p.x - minX, y: p.y - minY }))]));
  return { boxes, routes, width: maxX - minX, height: maxY - minY };
}
