// Places the boxes and routes the arrows with dagre (@dagrejs/dagre, a maintained layered-graph layout: network-simplex
// or tight-tree ranking, barycentre ordering to cut crossings, Brandes-Köpf coordinates), left to right: the frames
// form the first column, each object a column after what refers to it.
//
// Chosen by measuring layout time for 500 objects: `npm run bench` ("Heap diagram layout") runs this function and
// elkjs's layered algorithm on the same graphs (the same boxes and edges); elkjs was several times slower on both
// the 500-object heap and the recorded 772-object tree (docs/benchmarks.md). The panel lays out each snapshot step
// once and keeps it (main.ts), so selecting an object or returning to a step costs no layout.
//
// Stepping: all steps of a snapshot share one layout (layoutSteps), so an object keeps its place from the statement
// that allocates it to the one that frees it, and the picture changes only where the heap does. An object sits in
// the upper region while a frame reaches it and moves to the region below at a step where nothing does.
//
// dagre has no ports: a box is one node, the rows of a box that point at the same target are one weighted edge,
// and render-svg.ts draws each row's arrow from its own port through the waypoints dagre gives that edge (its dummy
// nodes in the columns it crosses, so long arrows pass between boxes, not through them).
import { BOX_GAP, COLUMN_GAP, placeGraph, type Box, type GraphPlacement, type Point } from './dagre-placement';
import { LINE_HEIGHT, PADDING, frameBoxContent, frameBoxSize, objectBoxContent, objectBoxSize, type BoxContent } from './box-content';
import type { ViewModel } from './view-model';

export type { Box, Point } from './dagre-placement';

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

const MARGIN = 16;
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

export function layoutView(view: ViewModel, python: string): Layout {
  return layoutSteps([view], python)[0];
}

interface Size {
  width: number;
  height: number;
}

/** What one step draws, sized. */
interface StepBoxes {
  view: ViewModel;
  objects: Map<number, Size & { content: BoxContent }>;
  frames: Array<Size & { key: string; content: ReturnType<typeof frameBoxContent> }>;
  /** Objects a frame reaches at this step, breadth-first from the frames' variables. */
  reached: Set<number>;
}

function stepBoxes(view: ViewModel, python: string): StepBoxes {
  const objects = new Map<number, Size & { content: BoxContent }>();
  for (const n of view.nodes) {
    const content = objectBoxContent(n, python);
    objects.set(n.object.id, { content, ...objectBoxSize(content) });
  }
  const frames = view.frames.map((f) => {
    const content = frameBoxContent(f);
    // Keyed by depth in the call stack: the frame at depth 1 is whichever function runs, always in the same place.
    return { key: String(f.index), content, ...frameBoxSize(content) };
  });
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
  return { view, objects, frames, reached };
}

const grow = (sizes: Map<string, Size>, name: string, size: Size): void => {
  const had = sizes.get(name);
  sizes.set(name, had ? { width: Math.max(had.width, size.width), height: Math.max(had.height, size.height) } : { width: size.width, height: size.height });
};

/**
 * One layout per step, sharing positions: each object is placed once for the steps where a frame reaches it (the
 * main graph, with the frame column) and once for the steps where nothing does (the graph below), at the largest
 * size it takes in any step; a frame keeps its place in the column. A single view is the one-step case.
 */
export function layoutSteps(views: readonly ViewModel[], python: string): Layout[] {
  const steps = views.map((view) => stepBoxes(view, python));

  // The frame column: one slot per call depth, as tall as the frame at that depth ever gets.
  const frameSizes = new Map<string, Size>();
  for (const step of steps) for (const f of step.frames) grow(frameSizes, f.key, f);
  const frameTop = new Map<string, number>();
  let framesHeight = 0;
  let framesWidth = 0;
  for (const [key, size] of frameSizes) {
    frameTop.set(key, framesHeight);
    framesHeight += size.height + BOX_GAP;
    framesWidth = Math.max(framesWidth, size.width);
  }
  framesHeight = Math.max(0, framesHeight - BOX_GAP);

  const main = { nodes: new Map<string, Size>(), edges: [] as Array<[string, string]> };
  const rest = { nodes: new Map<string, Size>(), edges: [] as Array<[string, string]> };
  if (frameSizes.size > 0) main.nodes.set(FRAMES_NODE, { width: framesWidth, height: framesHeight });
  for (const step of steps) {
    // Reached objects in breadth-first order from the frames, so dagre's depth-first cycle breaking starts there.
    for (const id of step.reached) grow(main.nodes, String(id), step.objects.get(id)!);
    for (const [id, size] of step.objects) if (!step.reached.has(id)) grow(rest.nodes, String(id), size);
    for (const f of step.view.frames) for (const v of f.frame.variables) if (step.reached.has(v.target)) main.edges.push([FRAMES_NODE, String(v.target)]);
    for (const n of step.view.nodes) {
      const from = n.object.id;
      const graph = step.reached.has(from) ? main : rest;
      for (const row of n.rows) if (step.objects.has(row.target) && step.reached.has(row.target) === step.reached.has(from)) graph.edges.push([String(from), String(row.target)]);
    }
  }
  const placedMain = placeGraph(main);
  const placedRest: GraphPlacement | null = rest.nodes.size > 0 ? placeGraph(rest) : null;

  // On the page: the frame column starts at the top-left margin (it is alone in dagre's first column, which centres
  // it among its targets: the top is where a reader starts); the region below starts under the taller of the frame
  // column and the main graph, right of the frames.
  const framesAt = placedMain.boxes.get(FRAMES_NODE) ?? { x: 0, y: 0 };
  const mainDx = MARGIN - framesAt.x;
  const mainBottom = MARGIN + Math.max(placedMain.height, framesHeight);
  const restTop = mainBottom + 2 * BOX_GAP + LINE_HEIGHT;
  const restLeft = MARGIN + framesWidth + COLUMN_GAP;
  const mainWidth = Math.max(mainDx + placedMain.width, MARGIN + framesWidth);

  return steps.map((step) => {
    const objects = new Map<number, ObjectPlacement>();
    for (const [id, box] of step.objects) {
      const reached = step.reached.has(id);
      const at = (reached ? placedMain : placedRest!).boxes.get(String(id))!;
      objects.set(id, { x: at.x + (reached ? mainDx : restLeft), y: at.y + (reached ? MARGIN : restTop), width: box.width, height: box.height, content: box.content });
    }
    const frames: FramePlacement[] = step.frames.map((f) => ({ x: MARGIN, y: MARGIN + frameTop.get(f.key)!, width: f.width, height: f.height, content: f.content }));
    const routes = new Map<string, Point[]>();
    const route = (source: number | 'frames', target: number, inMain: boolean): void => {
      const points = (inMain ? placedMain : placedRest)?.routes.get(`${source}>${target}`);
      if (points) routes.set(routeKey(source, target), points.map((p) => (inMain ? { x: p.x + mainDx, y: p.y + MARGIN } : { x: p.x + restLeft, y: p.y + restTop })));
    };
    for (const f of step.view.frames) for (const v of f.frame.variables) route(FRAMES_NODE, v.target, true);
    for (const n of step.view.nodes) {
      const inMain = step.reached.has(n.object.id);
      for (const row of n.rows) if (step.reached.has(row.target) === inMain) route(n.object.id, row.target, inMain);
    }
    const anyUnreached = step.objects.size > step.reached.size;
    const width = Math.max(mainWidth, anyUnreached && placedRest ? restLeft + placedRest.width : 0) + MARGIN + 40;
    const height = (anyUnreached && placedRest ? restTop + placedRest.height : mainBottom) + MARGIN;
    return { objects, frames, routes, width, height, unreachedTop: anyUnreached ? restTop : null };
  });
}
