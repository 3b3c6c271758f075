// The analysis worker thread: mirrors the open documents and runs the checks, one step at a time. Before each
// step it tells the main thread which step starts, so the main thread can stop the worker when one step runs too
// long; between checks it yields, so cancellations arrive. Messages are handled strictly in arrival order (an
// edit never lands while an analysis is using the tree it would replace), except `cancel`, which acts at once.
import { parentPort } from 'node:worker_threads';
import { analysisCacheOf, type AnalysisResult } from '../analysis/analyze';
import type { Finding } from '../analysis/finding';
import type { Tree } from '../parse/python-parser';
import { DEFAULT_PYTHON, type PythonVersion } from '../analysis/python-version';
import { ModuleAnalysis } from '../analysis/module-analysis';
import { loadPythonParser, parsePython } from '../parse/python-parser';
import type { FromWorker, ToWorker } from './analysis-protocol';
import type { PythonDocument } from '../parse/python-document';
import { binaryContentReason } from './binary-content';
import { emptyHeapSnapshot, heapSnapshotOf, type HeapSnapshotAnswer } from './heap-snapshot';
import { heapDefinitions, heapTargetsAt, type HeapTarget } from './heap-targets';
import { memoryHover, type HoverAnswer } from './hover';
import { warmModuleContainerHover } from './hover-module-container';
import { WorkerDocument } from './worker-document';

/** Documents at least this long (UTF-16 units) get a first, quick analysis of their beginning. */
export const PREFIX_FIRST_CHARS = 1024 * 1024;
const PREFIX_CHARS = 128 * 1024;
/** Once an analysis has run this long, the findings of each finished check are sent on as they come. */
const PARTIAL_AFTER_MS = 500;
export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;
const YIELD_EVERY_MS = 8;
const YIELD_AFTER_PARSE_CHARS = 64 * 1024;
/** How long the worker must have been idle after a document's first analysis before the heap simulator is warmed
 *  for it (see warmModuleContainerHover). */
const HOVER_WARMUP_IDLE_MS = 100;

export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runAnalysisWorker() must run in a worker thread');
  const post = (message: FromWorker) => port.postMessage(message);
  const documents = new Map<string, WorkerDocument>();
  const cancelled = new Set<number>();
  const waitingHovers = new Set<Extract<ToWorker, { kind: 'hover' }>>();

  /** The findings of the last finished analysis per document and the tree they were computed on: hovers reuse
   *  them (MEM201's growth sites) while the tree is still current. Analyses may leave rules out (settings), and the
   *  hover then says nothing about them either. */
  const lastFindings = new Map<string, { tree: Tree; findings: Finding[] }>();

  /** The newest heap request per document: older ones still queued are answered without simulating (the panel
   *  asks again after each edit and only wants the latest). */
  const latestHeap = new Map<string, number>();

  /** Edits received for a document but still queued behind a running analysis. */
  const queuedEdits = new Map<string, number>();

  /** The document's tree when it reflects every edit received so far (hovers must match the editor's text). */
  function upToDate(uri: string): PythonDocument | undefined {
    return queuedEdits.get(uri) ? undefined : documents.get(uri)?.current;
  }

  function serveWaitingHovers(): void {
    for (const hover of waitingHovers) {
      const current = upToDate(hover.uri);
      if (!current) continue;
      waitingHovers.delete(hover);
      post({ kind: 'hover', id: hover.id, answer: hoverIn(current, hover) });
    }
  }
  let queue: Promise<void> = loadPythonParser().then(() => undefined);
  /** Messages queued or being handled: the hover warm-up runs only when this is 0. */
  let inFlight = 0;
  /** Documents whose first analysis has scheduled the simulator's warm-up (once per open). */
  const warmedUp = new Set<string>();

  /** Once per opened document, after its first analysis and once the worker has nothing to do, runs the module's
   *  simulation so that the first hover on a module-level container does not pay the simulator's cold start. */
  function warmUpHoverLater(uri: string, python: PythonVersion): void {
    if (warmedUp.has(uri)) return;
    warmedUp.add(uri);
    const attempt = () => {
      if (!warmedUp.has(uri)) return; // closed meanwhile
      if (inFlight > 0) {
        setTimeout(attempt, HOVER_WARMUP_IDLE_MS).unref();
        return;
      }
      const current = upToDate(uri);
      if (!current || refusalOf(current.text)) return;
      try {
        warmModuleContainerHover(current.tree, current.text, python);
      } catch {
        // A warm-up only: the hover itself reports what goes wrong.
      }
    };
    setTimeout(attempt, HOVER_WARMUP_IDLE_MS).unref();
  }

  const handle = async (message: ToWorker): Promise<void> => {
    if (message.kind === 'open' || message.kind === 'change' || message.kind === 'close') {
      const left = (queuedEdits.get(message.uri) ?? 1) - 1;
      if (left > 0) queuedEdits.set(message.uri, left);
      else queuedEdits.delete(message.uri);
    }
    switch (message.kind) {
      case 'open':
        documents.get(message.uri)?.dispose();
        documents.set(message.uri, new WorkerDocument(message.text));
        return;
      case 'change':
        documents.get(message.uri)?.applyChanges(message.changes);
        return;
      case 'close':
        warmedUp.delete(message.uri);
        lastFindings.delete(message.uri);
        documents.get(message.uri)?.dispose();
        documents.delete(message.uri);
        return;
      case 'analyze':
        try {
          await analyze(message);
        } catch (error) {
          post({ kind: 'failed', id: message.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        } finally {
          cancelled.delete(message.id);
        }
        return;
      case 'cancel':
        return;
      case 'targets':
        post({ kind: 'targets', id: message.id, targets: targetsIn(documents.get(message.uri), message) });
        return;
      case 'heap': {
        // Let messages that arrived meanwhile (a newer request, a cancellation) be received first: a simulation
        // blocks this thread, so they queue up behind it.
        await yieldToMessages();
        const skipped = cancelled.delete(message.id) ? 'the request was cancelled' : latestHeap.get(message.uri) !== message.id ? 'a newer request for this document came in' : undefined;
        if (skipped) {
          post({ kind: 'heap', id: message.id, snapshot: emptyHeapSnapshot(message.python, `not simulated: ${skipped}`) });
          return;
        }
        latestHeap.delete(message.uri);
        post({ kind: 'heap-started', id: message.id });
        post({ kind: 'heap', id: message.id, snapshot: heapIn(documents.get(message.uri), message) });
        return;
      }
      case 'hover':
        if (!waitingHovers.delete(message)) return; // answered already
        post({ kind: 'hover', id: message.id, answer: hoverIn(documents.get(message.uri)?.document(), message) });
        return;
    }
  };

  function targetsIn(doc: WorkerDocument | undefined, request: Extract<ToWorker, { kind: 'targets' }>): HeapTarget[] | null {
    if (!doc) return null;
    try {
      const parsed = doc.document();
      if (refusalOf(parsed.text)) return [];
      return request.at ? heapTargetsAt(parsed.tree, request.at) : heapDefinitions(parsed.tree);
    } catch {
      return [];
    }
  }

  function heapIn(doc: WorkerDocument | undefined, request: Extract<ToWorker, { kind: 'heap' }>): HeapSnapshotAnswer | null {
    if (!doc) return null;
    try {
      const parsed = doc.document();
      const refusal = refusalOf(parsed.text);
      if (refusal) return emptyHeapSnapshot(request.python, `not simulated: ${refusal}`);
      return heapSnapshotOf(parsed, request);
    } catch (error) {
      // The simulator reports its own failures as diagnostics; this is a bug around it. Still a snapshot.
      return emptyHeapSnapshot(request.python, `not simulated: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function hoverIn(parsed: PythonDocument | undefined, request: Extract<ToWorker, { kind: 'hover' }>): HoverAnswer | null {
    if (!parsed) return null;
    try {
      const cached = lastFindings.get(request.uri);
      const findings = cached?.tree === parsed.tree ? cached.findings : undefined;
      return memoryHover(parsed.tree, parsed.text, request.line, request.character, request.python, findings) ?? null;
    } catch {
      return null;
    }
  }

  port.on('message', (message: ToWorker) => {
    if (message.kind === 'open' || message.kind === 'change' || message.kind === 'close') {
      queuedEdits.set(message.uri, (queuedEdits.get(message.uri) ?? 0) + 1);
    }
    if (message.kind === 'cancel') {
      cancelled.add(message.id);
      return;
    }
    if (message.kind === 'heap') latestHeap.set(message.uri, message.id);
    // A hover on a document whose tree is up to date is answered now, between two checks of a running analysis
    // (it only reads the tree). Otherwise it waits until the running analysis has parsed the edits (see
    // serveWaitingHovers), or for its turn in the queue, whichever comes first.
    if (message.kind === 'hover') {
      const current = upToDate(message.uri);
      if (current) {
        post({ kind: 'hover', id: message.id, answer: hoverIn(current, message) });
        return;
      }
      waitingHovers.add(message);
    }
    inFlight++;
    queue = queue.then(() => handle(message)).finally(() => inFlight--);
  });

  async function analyze(request: Extract<ToWorker, { kind: 'analyze' }>): Promise<void> {
    const { id } = request;
    const stopped = () => {
      if (!cancelled.has(id)) return false;
      post({ kind: 'cancelled', id });
      return true;
    };
    if (stopped()) return;
    const doc = documents.get(request.uri);
    if (!doc) {
      post({ kind: 'failed', id, message: `${request.uri} is not open` });
      return;
    }
    const skip = new Set(request.skip);
    const started = performance.now();

    const firstText = doc.unparsedText;
    if (firstText !== undefined) {
      const refusal = refusalOf(firstText);
      if (refusal) {
        post({ kind: 'refused', id, reason: refusal });
        return;
      }
      const cut = topLevelBoundary(firstText, PREFIX_CHARS);
      // No statement boundary near the start (one giant statement): the first part would be nearly all of it.
      if (request.prefixFirst && firstText.length >= PREFIX_FIRST_CHARS && cut <= 2 * PREFIX_CHARS) {
        post({ kind: 'step', id, step: 'prefix' });
        const prefix = firstText.slice(0, cut);
        const tree = parsePython(prefix);
        try {
          post({ kind: 'partial', id, result: new ModuleAnalysis(tree, prefix, request.options, skip).runAll() });
        } finally {
          tree.delete();
        }
        await yieldToMessages();
        if (stopped()) return;
      }
    }

    const timings: Record<string, number> = {};
    let stepStart = performance.now();
    const timed = (step: string) => {
      const now = performance.now();
      timings[step] = now - stepStart;
      stepStart = now;
    };
    post({ kind: 'step', id, step: 'parse' });
    stepStart = performance.now();
    const parsed = doc.document();
    timed('parse');
    const refusal = refusalOf(parsed.text);
    if (refusal) {
      post({ kind: 'refused', id, reason: refusal });
      return;
    }
    let lastYield = performance.now();
    if (parsed.text.length > YIELD_AFTER_PARSE_CHARS) {
      await yieldToMessages();
      serveWaitingHovers();
      if (stopped()) return;
      lastYield = performance.now();
    }

    post({ kind: 'step', id, step: 'collect' });
    stepStart = performance.now();
    // The document's cache: an edit re-collects only the statements it re-parsed (see analyzeDocument).
    const analysis = new ModuleAnalysis(parsed.tree, parsed.text, request.options, skip, analysisCacheOf(parsed));
    timed('collect');
    for (let i = 0; i < analysis.checks.length; i++) {
      post({ kind: 'step', id, step: analysis.checks[i].id });
      stepStart = performance.now();
      analysis.runCheck(i);
      timed(analysis.checks[i].id);
      if (performance.now() - started > PARTIAL_AFTER_MS && i < analysis.checks.length - 1) post({ kind: 'partial', id, result: analysis.result() });
      // Yield (for cancellations and hovers) only when a while has passed: on a small file the checks take
      // milliseconds, and a turn of the event loop per check would add up on a busy machine.
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToMessages();
        serveWaitingHovers();
        if (stopped()) return;
        lastYield = performance.now();
      }
    }
    const result: AnalysisResult = analysis.result();
    lastFindings.set(request.uri, { tree: parsed.tree, findings: result.findings });
    post({ kind: 'done', id, result, timings });
    warmUpHoverLater(request.uri, request.options.python ?? DEFAULT_PYTHON);
  }
}

function refusalOf(text: string): string | undefined {
  if (text.length > MAX_DOCUMENT_CHARS) return `it is larger than ${MAX_DOCUMENT_CHARS / (1024 * 1024)} MB`;
  return binaryContentReason(text);
}

/** An offset near `near` where a top-level statement starts (a line beginning with a name or a decorator). */
export function topLevelBoundary(text: string, near: number): number {
  if (near >= text.length) return text.length;
  const boundary = /\n(?=[A-Za-z_@])/g;
  boundary.lastIndex = near;
  const m = boundary.exec(text);
  return m ? m.index + 1 : text.length;
}

function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

