// One dagre run: boxes of known sizes and the arrows between them, laid out left to right, with the top-left corner of
// everything (boxes and arrow waypoints) at 0,0. layout.ts decides what goes in (which objects, which arrows, the
// frame column as one box) and where the result goes on the page.
import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';

export interface Point {
  x: number;
  y: number;
}

export interface Box extends Point {
  width: number;
  height: number;
}

export interface GraphInput {
  /** Node name -> size. Insertion order matters: dagre breaks cycles depth-first in this order. */
  nodes: Map<string, { width: number; height: number }>;
  /** Arrows by source and target node name; several rows to one target are one edge, weighted by their number. */
  edges: Array<[from: string, to: string]>;
}

export interface GraphPlacement {
  boxes: Map<string, Box>;
  /** `from>to` -> the points between the two boxes (none for neighbouring columns). */
  routes: Map<string, Point[]>;
  width: number;
  height: number;
}

export const COLUMN_GAP = 72;
export const BOX_GAP = 14;
/** Space dagre keeps between the dummy nodes of parallel long arrows. */
const EDGE_GAP = 8;
/**
 * Up to this many boxes dagre gets its full treatment: network-simplex ranking (short arrows) and its ordering
 * passes (fewest crossings). Beyond it, a tight-tree ranking and the initial depth-first order, which for a heap
 * (mostly a tree, frames -> containers -> items) already has few crossings: 3-5x faster on 500+ objects.
 */
const DETAILED_LAYOUT_LIMIT = 200;

export function placeGraph(input: GraphInput): GraphPlacement {
  const g = new graphlib.Graph();
  const large = input.nodes.size > DETAILED_LAYOUT_LIMIT;
  g.setGraph({ rankdir: 'LR', ranker: large ? 'tight-tree' : 'network-simplex', nodesep: BOX_GAP, ranksep: COLUMN_GAP, edgesep: EDGE_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const [name, size] of input.nodes) g.setNode(name, { ...size });
  for (const [from, to] of input.edges) {
    if (from === to || !input.nodes.has(from) || !input.nodes.has(to)) continue;
    const label = g.edge(from, to) as { weight: number } | undefined;
    if (label) label.weight++;
    else g.setEdge(from, to, { weight: 1, minlen: 1 });
  }
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
    // or what is drawn below it would cover them.
    const points = ((g.edge(e) as { points?: Point[] }).points ?? []).slice(1, -1);
    if (points.length === 0) continue;
    for (const p of points) extend(p.x, p.y, p.x, p.y);
    kept.push([`${e.v}>${e.w}`, points]);
  }
  for (const box of boxes.values()) {
    box.x -= minX;
    box.y -= minY;
  }
  const routes = new Map<string, Point[]>(kept.map(([key, points]) => [key, points.map((p) => ({ x: p.x - minX, y: p.y - minY }))]));
  return { boxes, routes, width: maxX - minX, height: maxY - minY };
}
