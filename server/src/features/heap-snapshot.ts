// The custom request `memlens/heapSnapshot` (the heap diagram panel's data): params checking on the main thread,
// the simulation in the analysis worker. Custom requests need no server capability: a client that knows the
// method sends it (client/src/heap-panel/snapshot-request.ts).
//
// What runs:
// - `position`: the snippet at the cursor (model/extract: the enclosing class instantiated, the function's body, the
//   comprehension or literal under the cursor, or the module's statements up to the cursor line).
// - `range` starting inside a class or function (or on its decorators, as a CodeLens range does): the snippet at
//   the range start, so a selection inside `def f` runs f's body and one on a class makes an instance of it.
// - any other `range` (top-level statements): the module's top-level statements from the start of the file up to
//   the last one that starts at or before the range end. The statements before the selection are its context (the
//   imports and names it uses); the steps cover all of them.
// - neither: the whole module.
// The simulator has its own time limit; a run that ends early or meets code it cannot model still gives a snapshot,
// with diagnostics saying what was left out. Errors are only for malformed params.
import { formatVersion, parseVersion, SUPPORTED_MINORS, type PythonVersion } from '../analysis/python-version';
import { simulate, simulateParsed } from '../model/heap';
import type { HeapSnapshot } from '../model/heap';
import type { SyntaxNode } from '../parse/python-parser';
import type { PythonDocument } from '../parse/python-document';
import type { SourcePosition, SourceRange } from '../parse/source-range';
import { invalidParams, requireDocumentUri } from './request-params';

export const HEAP_SNAPSHOT_METHOD = 'memlens/heapSnapshot';
/** Wall-clock budget the simulator gets for one request. */
export const HEAP_TIME_LIMIT_MS = 2_000;

export interface HeapSnapshotRequest {
  uri: string;
  position?: SourcePosition;
  range?: SourceRange;
  steps: boolean;
  /** The version asked for in the params (the panel's version picker), when given. */
  python?: PythonVersion;
}

/** What the snapshot stands for, sent next to the snapshot (additive: the panel may show it in its title). */
export interface SnippetSummary {
  kind: 'class-instance' | 'function-body' | 'expression' | 'module-prefix' | 'module' | 'statements';
  label: string;
  range?: SourceRange;
}

/** The answer: a HeapSnapshot (whose `focus` names the snippet's value) plus, additively, the kind of snippet run. */
export type HeapSnapshotAnswer = HeapSnapshot & { snippet?: SnippetSummary };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function position(method: string, name: string, value: unknown): SourcePosition {
  if (!isObject(value) || !isUinteger(value.line) || !isUinteger(value.character)) throw invalidParams(method, `"${name}" must be a Position of non-negative integers`);
  return { line: value.line, column: value.character };
}

function isUinteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Checks the params (InvalidParams, -32602, with what is wrong) and converts them to core positions. */
export function requireHeapSnapshotParams(params: unknown): HeapSnapshotRequest {
  const method = HEAP_SNAPSHOT_METHOD;
  const uri = requireDocumentUri(method, params);
  const p = params as Record<string, unknown>;
  const request: HeapSnapshotRequest = { uri, steps: false };
  if (p.position !== undefined && p.position !== null) request.position = position(method, 'position', p.position);
  if (p.range !== undefined && p.range !== null) {
    if (!isObject(p.range)) throw invalidParams(method, '"range" must be a Range');
    const start = position(method, 'range.start', p.range.start);
    const end = position(method, 'range.end', p.range.end);
    if (end.line < start.line || (end.line === start.line && end.column < start.column)) throw invalidParams(method, '"range.end" is before "range.start"');
    request.range = { start, end };
  }
  if (request.position && request.range) throw invalidParams(method, 'give "position" or "range", not both');
  if (p.steps !== undefined && p.steps !== null) {
    if (typeof p.steps !== 'boolean') throw invalidParams(method, '"steps" must be true or false');
    request.steps = p.steps;
  }
  if (p.python !== undefined && p.python !== null) {
    const version = typeof p.python === 'string' ? parseVersion(p.python) : undefined;
    if (!version) throw invalidParams(method, `"python" must be one of ${SUPPORTED_MINORS.map((m) => `"3.${m}"`).join(', ')}, got ${JSON.stringify(p.python)?.slice(0, 40)}`);
    request.python = version;
  }
  return request;
}

/** A snapshot that says why nothing was simulated (document refused, worker stopped...). */
export function emptyHeapSnapshot(python: PythonVersion, message: string): HeapSnapshotAnswer {
  return {
    python: formatVersion(python),
    frames: [],
    objects: [],
    totals: { objects: 0, bytes: 0, gcOnlyObjects: 0, gcOnlyBytes: 0, byType: [], unknownObjects: 0 },
    diagnostics: [{ message }],
  };
}

/** Runs the simulation for a request on the document's current tree (in the analysis worker: no second parse,
 *  except for a module prefix, which is a different text). */
export function heapSnapshotOf(doc: PythonDocument, request: { position?: SourcePosition; range?: SourceRange; steps: boolean; python: PythonVersion }): HeapSnapshotAnswer {
  const options = { python: request.python, steps: request.steps, timeLimitMs: HEAP_TIME_LIMIT_MS };
  const at = request.position ?? (request.range ? definitionStart(doc, request.range.start) : undefined);
  if (at) {
    const result = simulateParsed(doc.tree, { ...options, line: at.line, column: at.column });
    const answer: HeapSnapshotAnswer = result.snapshot;
    if (result.snippet) answer.snippet = { kind: result.snippet.kind, label: result.snippet.label, range: result.snippet.range };
    return answer;
  }
  if (request.range) {
    const end = topLevelEnd(doc, request.range.end);
    const answer: HeapSnapshotAnswer = simulate(doc.text.slice(0, end.offset), options).snapshot;
    answer.snippet = { kind: 'statements', label: `module up to line ${end.line + 1}`, range: { start: { line: 0, column: 0 }, end: { line: end.line, column: end.column } } };
    return answer;
  }
  const answer: HeapSnapshotAnswer = simulateParsed(doc.tree, options).snapshot;
  answer.snippet = { kind: 'module', label: 'whole module' };
  return answer;
}

/** Where a range that starts inside a class or function should be run from: the definition itself when the range
 *  starts on its decorators (the extractor looks for the enclosing class_definition/function_definition), the range
 *  start otherwise. Undefined when the range starts at top level, outside any definition. */
function definitionStart(doc: PythonDocument, start: SourcePosition): SourcePosition | undefined {
  const root = doc.tree.rootNode;
  const node: SyntaxNode | null = root.descendantForPosition({ row: start.line, column: start.column });
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (n.type === 'decorated_definition') {
      const definition = n.childForFieldName('definition');
      if (definition) return { line: definition.startPosition.row, column: definition.startPosition.column };
    }
    if (n.type === 'class_definition' || n.type === 'function_definition') return start;
  }
  return undefined;
}

/** The end of the last top-level statement that starts at or before `end`, as an offset into the text. */
function topLevelEnd(doc: PythonDocument, end: SourcePosition): { offset: number; line: number; column: number } {
  let last: SyntaxNode | undefined;
  for (const statement of doc.tree.rootNode.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    const s = statement.startPosition;
    if (s.row > end.line || (s.row === end.line && s.column > end.column)) break;
    last = statement;
  }
  if (!last) return { offset: 0, line: 0, column: 0 };
  // Positions are UTF-16 columns like JavaScript string indices; converting through the line starts avoids
  // depending on what unit the binding's byte indices use.
  return { offset: offsetOf(doc.text, last.endPosition.row, last.endPosition.column), line: last.endPosition.row, column: last.endPosition.column };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column);
}
