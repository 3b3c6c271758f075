// "Measure with Python": runs the snippet the model runs for a cursor position in a real interpreter, then runs
// the model for that interpreter's version and puts the two side by side (sys.getsizeof, deep size, tracemalloc).
// Core code: plain data in, plain data out (the CLI and the VS Code client format it).
import { formatVersion, parseVersion } from '../analysis/python-version';
import { extractSnippet } from '../model/extract/extract-snippet';
import { deepSize } from '../model/heap/deep-size';
import { simulate, type SimulationResult } from '../model/heap/simulate';
import { loadPythonParser, parsePython } from '../parse/python-parser';
import { runSnippetProgram, type BootstrapError, type RunFailure, type SizedValue } from './run-python';
import { BODY_FUNCTION, planProgram } from './snippet-program';

export const DEFAULT_TIMEOUT_SECONDS = 5;
export const DEFAULT_MEMORY_LIMIT_MB = 512;

export interface MeasureRequest {
  text: string;
  /** Absolute path of the file: tracebacks name it, and the run starts in its directory. */
  filename: string;
  /** 0-based cursor position. */
  line: number;
  column?: number;
  /** Path or command name of the interpreter (no shell: a name is looked up on PATH). */
  interpreter: string;
  timeoutSeconds?: number;
  memoryLimitMB?: number;
  signal?: AbortSignal;
}

export interface ModelSize {
  shallow: number | null;
  deep: number | null;
  /** Why a size is null (an unknown object, no value). */
  reason?: string;
}

export interface MeasuredRow {
  /** "value" for the snippet's value, else a module variable's name. */
  name: string;
  real?: SizedValue;
  realError?: string;
  model?: ModelSize;
}

export type MeasureErrorKind = RunFailure['kind'] | BootstrapError['kind'];

export interface MeasureError {
  kind: MeasureErrorKind;
  message: string;
  /** 1-based line of the user's file where the snippet raised. */
  line?: number;
  exceptionType?: string;
  stderrTail?: string;
}

export interface MeasureReport {
  /** What ran: "instance of Point (via __init__)". */
  snippet: { kind: string; label: string };
  interpreter: { command: string; version?: string; implementation?: string };
  /** "3.12" when the model ran for the interpreter's version; absent with `modelNote` saying why not. */
  modelPython?: string;
  modelNote?: string;
  rows: MeasuredRow[];
  tracemalloc?: { current: number; peak: number };
  /** The model's total for everything the snippet keeps alive (HeapSnapshot totals), beside tracemalloc. */
  modelHeapBytes?: number;
  memoryLimit?: { enforced: boolean; reason?: string; limitBytes?: number; baseVirtualBytes?: number };
  notes: string[];
  error?: MeasureError;
  elapsedMs: number;
}

function modelSizeOf(result: SimulationResult, id: number | undefined): ModelSize {
  if (id === undefined) return { shallow: null, deep: null, reason: 'the model has no value for this snippet' };
  const o = result.snapshot.objects.find((x) => x.id === id);
  if (!o) return { shallow: null, deep: null, reason: 'the model has no value for this snippet' };
  const deep = deepSize(result.snapshot, id);
  const reason = o.unknownReason ?? (deep.unknown > 0 ? `${deep.unknown} reachable object(s) of unknown size` : undefined);
  return { shallow: o.shallow, deep: deep.unknown > 0 ? null : deep.bytes, ...(reason ? { reason } : {}) };
}

/** Module variables the model sized (not functions, classes or modules: those are never entered). */
function moduleVariables(result: SimulationResult): Array<{ name: string; target: number }> {
  const frame = result.snapshot.frames.find((f) => f.kind === 'module');
  const leaves = new Set(result.snapshot.objects.filter((o) => o.leaf).map((o) => o.id));
  return (frame?.variables ?? []).filter((v) => !v.name.startsWith('<') && !v.name.startsWith('__') && !leaves.has(v.target));
}

function errorOf(failure: RunFailure, stderrTail: string): MeasureError {
  if (failure.kind === 'killed' && (failure.signal === 'SIGKILL' || failure.signal === 'SIGSEGV')) {
    return { kind: 'memory', message: `${failure.message}: the memory limit (or the system's out-of-memory killer) stopped it`, stderrTail };
  }
  return { kind: failure.kind, message: failure.message, ...(stderrTail ? { stderrTail } : {}) };
}

function bootstrapErrorOf(error: BootstrapError, stderrTail: string): MeasureError {
  const where = error.line ? ` at line ${error.line}` : '';
  const what = `${error.type}${error.message ? `: ${error.message}` : ''}`;
  const message =
    error.kind === 'memory'
      ? `memory limit hit${where}: ${what}`
      : error.kind === 'syntax'
        ? `the interpreter cannot compile the snippet${where}: ${what}`
        : `the snippet raised ${what}${where}`;
  return { kind: error.kind, message, line: error.line ?? undefined, exceptionType: error.type, stderrTail: (stderrTail ? `${stderrTail.trimEnd()}\n` : '') + error.traceback };
}

export async function measureSnippet(request: MeasureRequest): Promise<MeasureReport> {
  await loadPythonParser();
  const column = request.column ?? 0;
  const tree = parsePython(request.text);
  let plan;
  let snippetInfo;
  try {
    const snippet = extractSnippet(tree, request.line, column);
    plan = planProgram(request.text, snippet);
    snippetInfo = { kind: snippet.kind, label: snippet.label };
  } finally {
    tree.delete();
  }
  // Which module variables to size for a module prefix: the model's, at any version (names do not depend on it).
  const names = snippetInfo.kind === 'module-prefix' ? moduleVariables(simulate(request.text, { line: request.line, column })).map((v) => v.name) : [];
  const outcome = await runSnippetProgram(
    { filename: request.filename, steps: plan.steps, hasValue: plan.hasValue, names },
    {
      interpreter: request.interpreter,
      timeoutMs: (request.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
      memoryLimitBytes: (request.memoryLimitMB ?? DEFAULT_MEMORY_LIMIT_MB) * 1024 * 1024,
      signal: request.signal,
    },
  );
  const report: MeasureReport = {
    snippet: snippetInfo,
    interpreter: { command: request.interpreter, version: outcome.start?.python, implementation: outcome.start?.implementation },
    rows: [],
    notes: [],
    elapsedMs: outcome.elapsedMs,
  };
  if (plan.placeholders.length > 0) {
    report.notes.push(`no default or known type for ${plan.placeholders.map((p) => `'${p}'`).join(', ')}: the real run passes None, the model a placeholder`);
  }
  const result = outcome.result;
  if (result?.memoryLimit) {
    report.memoryLimit = result.memoryLimit;
    if (!result.memoryLimit.enforced) report.notes.push(`memory limit not enforced: ${result.memoryLimit.reason}`);
  }
  if (outcome.failure) report.error = errorOf(outcome.failure, outcome.stderrTail);
  else if (result?.error) {
    report.error = bootstrapErrorOf(result.error, outcome.stderrTail);
    // The body ran as a copy of the function: give the frames its own name back.
    if (plan.bodyOf && report.error.stderrTail) report.error.stderrTail = report.error.stderrTail.split(BODY_FUNCTION).join(plan.bodyOf);
  }

  // The model, for the interpreter's own version.
  const match = /^(\d+)\.(\d+)/.exec(outcome.start?.python ?? '');
  const version = match ? parseVersion(`${match[1]}.${match[2]}`) : undefined;
  let model: SimulationResult | undefined;
  if (!outcome.start) report.modelNote = 'the interpreter did not start: nothing to compare';
  else if (outcome.start.implementation !== 'cpython') report.modelNote = `the model describes CPython, not ${outcome.start.implementation}: it cannot compare`;
  else if (!version) report.modelNote = `the model covers CPython 3.8 to 3.14, not ${outcome.start.python}: it cannot compare`;
  else {
    report.modelPython = formatVersion(version);
    model = simulate(request.text, { python: version, line: request.line, column });
    report.modelHeapBytes = model.snapshot.totals.bytes;
  }
  if (result && !report.error) {
    report.tracemalloc = result.tracemalloc;
    if (plan.hasValue && result.value?.type === 'NoneType' && model && model.focus === undefined) {
      report.notes.push('the snippet produces no value (None): nothing to size');
    } else if (plan.hasValue) report.rows.push({ name: 'value', real: result.value, ...(model ? { model: modelSizeOf(model, model.focus) } : {}) });
    const variables = model ? new Map(moduleVariables(model).map((v) => [v.name, v.target])) : undefined;
    for (const n of result.names ?? []) {
      const row: MeasuredRow = { name: n.name };
      if ('error' in n) row.realError = n.error;
      else row.real = { type: n.type, shallow: n.shallow, deep: n.deep };
      if (model) row.model = modelSizeOf(model, variables?.get(n.name));
      report.rows.push(row);
    }
  }
  return report;
}
