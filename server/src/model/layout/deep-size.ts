// Deep size as DESIGN.md defines it: the sum, over each distinct object reachable from the value, of its
// sys.getsizeof rounded up to 8. Reachable: dict keys and values; items of list, tuple, set, frozenset, deque; an
// instance's `__dict__` (counted itself) and filled slots. Scalars, str, bytes, bytearray, range, slice, memoryview
// and singletons are leaves; types, functions and code objects count only as the value itself.
import type { PythonVersion } from '../../analysis/python-version';
import { instanceDictOf, isSmallInt, shallowSize, type IntRun, type Items, type PyObject } from './objects';
import { intDigits, intSize } from './scalars';
import { roundUp8 } from './version-facts';

export type SizeResult = { bytes: number } | { unknown: string };

/** Bytes of the distinct int objects of a run; the cached small ints are added to `smallSeen` instead (counted once
 *  over the whole walk). Sums by digit count, so it is O(number of 30-bit bands), not O(count). */
function intRunBytes(python: PythonVersion, run: IntRun, smallSeen: Set<number>): number {
  if (run.count === 0) return 0;
  if (run.step !== 1) {
    let total = 0;
    for (let i = 0; i < run.count; i++) {
      const v = run.start + i * run.step;
      if (isSmallInt(v)) smallSeen.add(v);
      else total += roundUp8(intSize(python, v));
    }
    return total;
  }
  const lo = run.start;
  const hi = run.start + run.count; // exclusive
  for (let v = Math.max(lo, -5); v < Math.min(hi, 257); v++) smallSeen.add(v);
  let total = 0;
  // Count values outside [-5, 256] grouped by digit count; |v| < 2**53 here.
  const bands: Array<[number, number]> = [];
  if (lo < -5) bands.push([lo, Math.min(hi, -5)]);
  if (hi > 257) bands.push([Math.max(lo, 257), hi]);
  for (const [a, b] of bands) {
    let v = a;
    while (v < b) {
      const digits = intDigits(v);
      // The end of the run of values with this digit count.
      const limit = 2 ** (30 * digits);
      const end = v >= 0 ? Math.min(b, limit) : Math.min(b, -(2 ** (30 * (digits - 1))) + 1);
      total += (end - v) * roundUp8(intSize(python, v));
      v = end;
    }
  }
  return total;
}

export function deepSize(python: PythonVersion, root: PyObject): SizeResult {
  const seen = new Set<PyObject>();
  const smallSeen = new Set<number>();
  let total = 0;
  const stack: PyObject[] = [root];
  const pushItems = (items: Items) => {
    if (Array.isArray(items)) {
      for (const it of items) if (!seen.has(it)) stack.push(it);
    } else if (items.kind === 'repeat') {
      if (items.count > 0) stack.push(items.item);
    } else total += intRunBytes(python, items, smallSeen);
  };
  while (stack.length > 0) {
    const o = stack.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    // A type, function, module or code object counts only as the value itself (DESIGN.md).
    if (o !== root && o.kind === 'fixed' && o.opaque) continue;
    // The cached small ints (-5..256, `Objects/longobject.c` `get_small_int`) are one object per value, however reached.
    if (o.kind === 'int' && isSmallInt(o.value)) {
      smallSeen.add(Number(o.value));
      continue;
    }
    const own = shallowSize(python, o);
    if (typeof own !== 'number') return own;
    total += roundUp8(own);
    switch (o.kind) {
      case 'tuple':
      case 'list':
      case 'set':
      case 'deque':
        pushItems(o.items);
        break;
      case 'dict':
        for (const k of o.keys) stack.push(k);
        for (const v of o.values) stack.push(v);
        if (o.instanceDict) stack.push(o.instanceDict);
        break;
      case 'instance':
        if (o.cls.slots) for (const v of o.attrs.values()) stack.push(v);
        else stack.push(instanceDictOf(o));
        break;
      case 'instance-dict':
        for (const n of o.owner.names.values()) stack.push(n);
        for (const v of o.owner.attrs.values()) stack.push(v);
        break;
      default:
        break;
    }
  }
  // Small ints reached through runs count once each, unless already reached as objects.
  for (const v of smallSeen) {
    total += roundUp8(intSize(python, v));
  }
  return { bytes: total };
}
