// The heap simulator's output and the heap diagram's input (sent over the custom LSP request memlens/heapSnapshot
// and written by `memlens heap --format json`). Plain JSON data; every size is what CPython's sys.getsizeof would
// report for the target version, or null with a reason when the model cannot know it.
import type { SourceRange } from '../../parse/source-range';

export type ObjectFlag =
  /** Shared by the whole interpreter: small ints (-5..256), interned strings, None/True/False, (). */
  | 'cached-singleton'
  /** Unreachable from any frame but kept alive by a reference cycle: only the cyclic GC frees it. */
  | 'gc-only'
  /** Freed at once when its refcount dropped to zero (kept in step snapshots so the diagram can fade it out). */
  | 'freed'
  /** Stands for many elements that were summarised rather than simulated one by one. */
  | 'summary'
  /** Produced by code the model cannot simulate (I/O, unknown calls, third-party libraries). */
  | 'unknown';

export interface HeapReference {
  /** How the referrer reaches the target: `[0]`, `['key']`, `.attr`, `__dict__`, `key`, `value`, `cell`... */
  label: string;
  target: number;
  /** A weak reference (weakref.ref/proxy): not counted in the target's refcount and does not keep it alive. */
  weak?: boolean;
  /** How many references this one stands for (`[x] * n`: n references to one object). Absent: 1. */
  count?: number;
}

export interface SizePart {
  label: string;
  bytes: number;
}

export interface HeapObject {
  id: number;
  /** Python type name as type(x).__name__ gives it (`list`, `dict`, `Point`). */
  type: string;
  /** sys.getsizeof, or null when unknown (see unknownReason). Summary objects have null here: their total is
   *  `summary.bytes`. */
  shallow: number | null;
  /** How the shallow size is made up (header, pointer array, dict keys table...). */
  parts?: SizePart[];
  /** References to it the model sees: variables (a captured variable counts once, from its cell), container
   *  slots, attributes, cells, defaults, tracebacks. Interpreter internals (the code object's constants, the
   *  evaluation stack, the type's own references) are not counted, so `sys.getrefcount(x) - 1` can be higher. */
  refcount: number;
  references: HeapReference[];
  /** Types, functions, modules, frames, cells, methods, iterators: the deep size counts them but never enters them
   *  (DESIGN.md; as `scripts/measure-cpython.py` `deep_size` and `layout/deep-size.ts` do). */
  leaf?: boolean;
  /** A short, truncated repr for scalars (ints, floats, strs) and a summary for containers. */
  repr?: string;
  /** Where an instance keeps its attributes. */
  attributeStorage?: 'dict' | 'managed-dict' | 'inline-values' | 'slots';
  allocatedAt?: SourceRange;
  flags: ObjectFlag[];
  /** For gc-only objects: the reference path that closes the cycle, e.g. ["Node#3", ".parent", "Node#1", ".children", "list#2", "[0]", "Node#3"]. */
  cyclePath?: string[];
  /** For summary objects: how many elements they stand for and their total size. */
  summary?: { count: number; shown: number; bytes: number };
  unknownReason?: string;
}

export interface HeapFrame {
  /** `<module>` or the function's name. */
  name: string;
  kind: 'module' | 'function' | 'class';
  variables: Array<{ name: string; target: number }>;
}

export interface HeapTotals {
  objects: number;
  /** Sum of shallow sizes rounded up to 8, counting each distinct object once: everything reachable from a frame
   *  plus the gc-only objects (alive until the cyclic GC runs), summaries by their `summary.bytes`. Cached
   *  singletons that the snippet refers to count once. Freed objects (in steps) are not counted. */
  bytes: number;
  gcOnlyObjects: number;
  gcOnlyBytes: number;
  byType: Array<{ type: string; count: number; bytes: number }>;
  /** Objects whose size is unknown are not in `bytes`; they are counted here. */
  unknownObjects: number;
}

export interface HeapStep {
  /** The statement just executed. */
  range: SourceRange;
  snapshot: Omit<HeapSnapshot, 'steps'>;
}

export interface HeapSnapshot {
  /** Target CPython version, e.g. "3.12". */
  python: string;
  frames: HeapFrame[];
  objects: HeapObject[];
  totals: HeapTotals;
  /** What could not be simulated, with where and why: the snapshot is still valid for the rest. */
  diagnostics: Array<{ range?: SourceRange; message: string }>;
  /** One snapshot per executed statement, when requested (at most `maxSteps`; then `stepsTruncated`). */
  steps?: HeapStep[];
  stepsTruncated?: boolean;
  /** What was run for a cursor position ("instance of Point (via __init__)", its source range) and the object it
   *  produced, for the diagram to centre on. Absent when the whole module ran. */
  focus?: { label: string; range: SourceRange; target?: number };
}
