// The diagram's input is the heap simulator's output: one definition, in the model (type-only import, so the
// browser bundle pulls in no server code).
export type {
  HeapSnapshot,
  HeapObject,
  HeapFrame,
  HeapReference,
  HeapStep,
  HeapTotals,
  ObjectFlag,
  SizePart,
} from '../../server/src/model/heap/snapshot';
export type { SourceRange } from '../../server/src/parse/source-range';
