// Ints made by summarised loops (`list(range(10**7))`, `[i * 2 for i in range(n)]`): a run `start + k*step` for
// k < count, never unrolled. Each value outside the small-int cache (`Objects/longobject.c` `get_small_int`,
// -5..256) is a distinct object; the cached ones are shared with the rest of the heap and counted once.
import type { PythonVersion } from '../../analysis/python-version';
import { intDigits, intSize } from '../layout/scalars';
import { roundUp8 } from '../layout/version-facts';
import type { IntRun } from '../layout/objects';

export interface IntRunTotals {
  /** Ints outside the small-int cache: distinct objects. */
  count: number;
  /** Their sizes, each rounded up to 8 (the deep-size convention). */
  bytes: number;
  /** The cached small ints the run refers to. */
  smallInts: number[];
}

/** How many k in [0, count) have start + k*step in [lo, hi). */
export function countIn(start: number, step: number, count: number, lo: number, hi: number): number {
  if (count <= 0 || lo >= hi) return 0;
  // k range for which lo <= start + k*step < hi.
  let kLo: number;
  let kHi: number; // exclusive
  if (step > 0) {
    kLo = Math.ceil((lo - start) / step);
    kHi = Math.ceil((hi - start) / step);
  } else {
    kLo = Math.floor((start - hi) / -step) + 1;
    kHi = Math.floor((start - lo) / -step) + 1;
  }
  kLo = Math.max(kLo, 0);
  kHi = Math.min(kHi, count);
  return Math.max(0, kHi - kLo);
}

/** Totals of a run, computed per band of equal digit count (O(bands), not O(count)). */
export function intRunTotals(python: PythonVersion, run: IntRun): IntRunTotals {
  const { start, step, count } = run;
  if (count <= 0) return { count: 0, bytes: 0, smallInts: [] };
  const last = start + (count - 1) * step;
  const min = Math.min(start, last);
  const max = Math.max(start, last);
  const smallInts: number[] = [];
  for (let v = Math.max(min, -5); v <= Math.min(max, 256); v++) {
    if ((v - start) % step === 0) smallInts.push(v);
  }
  let bigCount = 0;
  let bytes = 0;
  // Bands of equal size: [2**(30(d-1)), 2**(30d)) for d digits, mirrored for negatives, minus the cache.
  const bands: Array<[number, number]> = [];
  for (let d = 1; d <= 3; d++) {
    const lo = d === 1 ? 0 : 2 ** (30 * (d - 1));
    const hi = 2 ** (30 * d);
    bands.push([lo, hi], [-hi + 1, -lo + 1]);
  }
  for (const [lo, hi] of bands) {
    const n = countIn(start, step, count, lo, hi) - countIn(start, step, count, Math.max(lo, -5), Math.min(hi, 257));
    if (n <= 0) continue;
    const sample = lo >= 0 ? Math.max(lo, 257) : Math.min(hi - 1, -6);
    bigCount += n;
    bytes += n * roundUp8(intSize(python, sample));
  }
  // |values| >= 2**90 do not occur in runs made from JavaScript numbers; checked so a future caller notices.
  if (Math.abs(min) >= 2 ** 53 || Math.abs(max) >= 2 ** 53) throw new Error(`int run beyond 2**53 (${intDigits(max)} digits)`);
  return { count: bigCount, bytes, smallInts };
}
