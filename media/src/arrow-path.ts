// The SVG path of one arrow: it leaves a row's port to the right, passes through the layout's waypoints (one per
// column it crosses) and ends at the target's title, entering from the left (forward) or the right (back to an
// earlier column). Each piece is a cubic curve whose ends follow the direction of travel at that point, so the
// arrow is smooth and horizontal where it meets a box.
import type { Point } from './layout';

/** How far a curve's control points reach at least, so short hops still bend smoothly. */
const MIN_REACH = 40;
/** How far a back arrow swings out to the right of its port before turning back. */
const BACK_SWING = 70;

export function arrowPath(start: Point, waypoints: readonly Point[], end: Point, forward: boolean): string {
  const points = [start, ...waypoints, end];
  // Direction of travel (+1 right, -1 left) at each point: ports always leave rightwards; between them the arrow
  // runs the way its target lies; it arrives moving right into a left side, or left into a right side.
  const along = forward ? 1 : -1;
  const heading = points.map((_, i) => (i === 0 ? 1 : along));
  let d = `M${fmt(start.x)},${fmt(start.y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const reach = Math.max(MIN_REACH, Math.abs(b.x - a.x) / 2);
    // Leaving a port towards the left: swing out first so the curve clears its own box.
    const reachA = i === 1 && !forward ? BACK_SWING : reach;
    const reachB = i === points.length - 1 && !forward ? BACK_SWING : reach;
    d += ` C${fmt(a.x + heading[i - 1] * reachA)},${fmt(a.y)} ${fmt(b.x - heading[i] * reachB)},${fmt(b.y)} ${fmt(b.x)},${fmt(b.y)}`;
  }
  return d;
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}
