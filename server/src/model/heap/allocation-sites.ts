// Where each object of one simulation was made (the snapshot's `allocatedAt`). A Map while the run is small, a
// WeakMap once it is large. Why not a WeakMap all along: V8's minor GCs handle WeakMap (ephemeron) entries
// slowly, and an entry per object made this the costliest table of a run: on the 200-line benchmark module the
// Map cut simulateModule's p95 from 14 ms to 11 ms (p50 6.0 -> 5.7 ms). Why not a Map all along: a Map keeps every
// object ever made alive until the run ends, and a loop making millions of floats would hold them all; past
// MAP_LIMIT entries the sites move to a WeakMap, which lets the dead ones go.
import type { SourceRange } from '../../parse/source-range';

const MAP_LIMIT = 100_000;

export class AllocationSites {
  private strong: Map<object, SourceRange> | undefined = new Map();
  private readonly weak = new WeakMap<object, SourceRange>();

  has(v: object): boolean {
    return this.strong ? this.strong.has(v) : this.weak.has(v);
  }

  get(v: object): SourceRange | undefined {
    return this.strong ? this.strong.get(v) : this.weak.get(v);
  }

  set(v: object, range: SourceRange): void {
    if (!this.strong) {
      this.weak.set(v, range);
      return;
    }
    this.strong.set(v, range);
    if (this.strong.size > MAP_LIMIT) {
      for (const [key, value] of this.strong) this.weak.set(key, value);
      this.strong = undefined;
    }
  }
}
