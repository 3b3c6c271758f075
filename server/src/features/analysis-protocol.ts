// Messages between the language server's main thread and its analysis worker thread. The worker mirrors the
// open documents (incremental edits, one incremental tree each) and runs the checks; the main thread speaks LSP
// and can stop the worker at any moment, which is what bounds the time any analysis can take.
import type { AnalysisOptions, AnalysisResult } from '../analysis/analyze';
import type { PythonVersion } from '../analysis/python-version';
import type { TextChange } from '../parse/python-document';
import type { HoverAnswer } from './hover';

export type ToWorker =
  | { kind: 'open'; uri: string; text: string }
  | { kind: 'change'; uri: string; changes: TextChange[] }
  | { kind: 'close'; uri: string }
  /** `prefixFirst`: publish findings for the first part of a huge document before parsing all of it. */
  | { kind: 'analyze'; id: number; uri: string; options: AnalysisOptions; skip: string[]; prefixFirst: boolean }
  | { kind: 'cancel'; id: number }
  | { kind: 'hover'; id: number; uri: string; line: number; character: number; python: PythonVersion };

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
  | { kind: 'hover'; id: number; answer: HoverAnswer | null };

export const WORKER_MARKER = 'memlens-analysis-worker';
