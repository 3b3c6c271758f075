// Messages between the language server's main thread and its analysis worker thread. The worker mirrors the
// open documents (incremental edits, one incremental tree each) and runs the checks; the main thread speaks LSP
// and can stop the worker at any moment, which is what bounds the time any analysis can take.
import type { AnalysisOptions, AnalysisResult } from '../analysis/analyze';
import type { PythonVersion } from '../analysis/python-version';
import type { TextChange } from '../parse/python-document';
import type { HeapSnapshotAnswer } from './heap-snapshot';
import type { HoverAnswer } from './hover';
import type { HeapTarget } from './heap-targets';
import type { SourcePosition, SourceRange } from '../parse/source-range';

export type ToWorker =
  | { kind: 'open'; uri: string; text: string }
  | { kind: 'change'; uri: string; changes: TextChange[] }
  | { kind: 'close'; uri: string }
  /** `prefixFirst`: publish findings for the first part of a huge document before parsing all of it. */
  | { kind: 'analyze'; id: number; uri: string; options: AnalysisOptions; skip: string[]; prefixFirst: boolean }
  /** Cancels an analysis, or a heap simulation that has not started. */
  | { kind: 'cancel'; id: number }
  | { kind: 'hover'; id: number; uri: string; line: number; character: number; python: PythonVersion }
  /** Runs the heap simulator (memlens/heapSnapshot). Queued behind edits, so it sees the editor's text. */
  /** What the heap diagram can be shown for: every class and function (CodeLens), or, with `at`, the classes,
   *  functions and comprehensions containing that position (code action). */
  | { kind: 'targets'; id: number; uri: string; at?: SourcePosition }
  | { kind: 'heap'; id: number; uri: string; position?: SourcePosition; range?: SourceRange; steps: boolean; python: PythonVersion };

export type FromWorker =
  /** A step began: `parse`, `prefix` or a check id. The main thread times each step. */
  | { kind: 'step'; id: number; step: string }
  /** Findings so far (the first part of a huge document, or the checks finished so far). */
  | { kind: 'partial'; id: number; result: AnalysisResult }
  /** `timings`: milliseconds per step (parse, collect, each check), for MEMLENS_LOG_TIMING. */
  | { kind: 'done'; id: number; result: AnalysisResult; timings: Record<string, number> }
  | { kind: 'cancelled'; id: number }
  | { kind: 'refused'; id: number; reason: string }
  | { kind: 'failed'; id: number; message: string }
  | { kind: 'hover'; id: number; answer: HoverAnswer | null }
  /** A heap simulation began (it may have waited in the queue): the main thread times it from here. */
  | { kind: 'heap-started'; id: number }
  /** `snapshot` null: the document is not open in the worker. */
  /** `targets` null: the document is not open in the worker. */
  | { kind: 'targets'; id: number; targets: HeapTarget[] | null }
  | { kind: 'heap'; id: number; snapshot: HeapSnapshotAnswer | null };

export const WORKER_MARKER = 'memlens-analysis-worker';
