// Deep size of a value read from a HeapSnapshot, with the DESIGN.md definition the layout model uses
// (`layout/deep-size.ts`, `scripts/measure-cpython.py` `deep_size`): the sum, over each distinct object reachable
// from the value, of its sys.getsizeof rounded up to 8. Types, functions, modules, code objects and methods count
// only as the value itself; other leaves (scalars, frames, cells) are counted but never entered; weak references are not followed; summaries add their total. Objects of unknown size are counted in
// `unknown` instead (the bytes are then a lower bound).
import { roundUp8 } from '../layout/version-facts';
import type { HeapObject, HeapSnapshot } from './snapshot';

const OPAQUE_TYPES = new Set(['type', 'module', 'function', 'builtin_function_or_method', 'code', 'method']);

export interface DeepSize {
  bytes: number;
  objects: number;
  /** Reachable objects whose size the model does not know (not in `bytes`). */
  unknown: number;
}

export function deepSize(snapshot: Pick<HeapSnapshot, 'objects'>, objectId: number): DeepSize {
  const byId = new Map<number, HeapObject>();
  for (const o of snapshot.objects) if (!o.flags.includes('freed')) byId.set(o.id, o);
  const seen = new Set<number>();
  const stack = [objectId];
  const result: DeepSize = { bytes: 0, objects: 0, unknown: 0 };
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const o = byId.get(id);
    if (!o) continue;
    // A type, function, module or code object counts only as the value itself (DESIGN.md), as in
    // scripts/measure-cpython.py's OPAQUE_TYPES.
    if (id !== objectId && OPAQUE_TYPES.has(o.type)) continue;
    if (o.summary) {
      result.bytes += o.summary.bytes;
      result.objects += o.summary.count;
    } else if (o.shallow === null) result.unknown++;
    else {
      result.bytes += roundUp8(o.shallow);
      result.objects++;
    }
    if (o.leaf) continue; // never entered
    for (const r of o.references) if (!r.weak) stack.push(r.target);
  }
  return result;
}
