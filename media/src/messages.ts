// The messages between the heap diagram panel (media/src, in the webview) and the extension host
// (client/src/heap-panel). Both sides import this file and validate what they receive with the guards below:
// a webview message is untrusted input (a compromised or buggy page must not drive the host), and the host's
// messages carry data from user code. Plain data only: no DOM, no vscode types, so both bundles can import it.
import type { HeapSnapshot } from './snapshot-types';
import type { SourceRange } from '../../server/src/parse/source-range';

/** The CPython versions the panel offers in its version picker (the model covers 3.8 to 3.14). */
export const PANEL_PYTHON_VERSIONS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'] as const;

// ---- extension -> panel ----

export interface ShowSnapshotMessage {
  type: 'snapshot';
  snapshot: HeapSnapshot;
  /** Shown in the header: the file and what was run (`module`, `function f`, `lines 3-9`). */
  title: string;
  /** Keep the current step index (the document was edited) instead of jumping to the last step. */
  keepStep: boolean;
}

export interface ShowErrorMessage {
  type: 'error';
  message: string;
}

/** Asks the panel to move to a step (the tests and the extension's own commands use it). */
export interface GoToStepMessage {
  type: 'goToStep';
  index: number;
}

/** Asks the panel for an export of the current view; the panel answers with an `export` message. */
export interface RequestExportMessage {
  type: 'requestExport';
  format: ExportFormat;
}

/** One measured object of a "Measure with Python" run beside the model's figures (null: unknown or not sized). */
export interface PanelMeasuredRow {
  /** "value" for the snippet's value, else a module variable's name. */
  name: string;
  shallow: number | null;
  deep: number | null;
  modelShallow: number | null;
  modelDeep: number | null;
}

/** The last "Measure with Python" run for the panel's snippet: text only, the panel never reads it as markup. */
export interface PanelMeasurement {
  /** The interpreter's full version ("3.12.1"), or its command when it did not start. */
  python: string;
  /** What ran: "instance of Point (via __init__)". */
  label: string;
  rows: PanelMeasuredRow[];
  tracemallocPeak: number | null;
  modelHeapBytes: number | null;
  /** Why the run failed, or why the model could not compare. */
  problem: string | null;
}

/** The measurement for the panel's snippet, or null when there is none (not measured, or the code changed since). */
export interface ShowMeasurementMessage {
  type: 'measurement';
  measurement: PanelMeasurement | null;
}

export type HostToPanelMessage = ShowSnapshotMessage | ShowErrorMessage | GoToStepMessage | RequestExportMessage | ShowMeasurementMessage;

// ---- panel -> extension ----

export type ExportFormat = 'svg' | 'png';

export interface ReadyMessage {
  type: 'ready';
}

/** Sent after every render: the extension's tests read it to know the panel drew the snapshot. */
export interface RenderedMessage {
  type: 'rendered';
  step: number;
  steps: number;
  objects: number;
  edges: number;
  layoutMs: number;
  renderMs: number;
}

export interface StepChangedMessage {
  type: 'stepChanged';
  index: number;
  /** The statement just executed at this step; the extension highlights it in the editor. */
  range: SourceRange | null;
}

export interface RevealMessage {
  type: 'reveal';
  range: SourceRange;
}

export interface ChangeVersionMessage {
  type: 'changeVersion';
  python: string;
}

export interface ExportMessage {
  type: 'export';
  format: ExportFormat;
  /** SVG: the document text. PNG: a `data:image/png;base64,` URL. */
  data: string;
}

export interface LogMessage {
  type: 'log';
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** The panel's "Measure with Python" button: run the command for the panel's snippet. */
export interface MeasureRequestMessage {
  type: 'measure';
}

export type PanelToHostMessage =
  | MeasureRequestMessage
  | ReadyMessage
  | RenderedMessage
  | StepChangedMessage
  | RevealMessage
  | ChangeVersionMessage
  | ExportMessage
  | LogMessage;

// ---- guards ----

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isPosition(v: unknown): boolean {
  return isRecord(v) && isCount(v.line) && isCount(v.column);
}

export function isSourceRange(v: unknown): v is SourceRange {
  return isRecord(v) && isPosition(v.start) && isPosition(v.end);
}

const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

/** Why a panel message is rejected, or null when it is well-formed. */
export function panelMessageProblem(m: unknown): string | null {
  if (!isRecord(m) || typeof m.type !== 'string') return 'not an object with a string `type`';
  switch (m.type) {
    case 'ready':
    case 'measure':
      return null;
    case 'rendered':
      return ['step', 'steps', 'objects', 'edges'].every((k) => isCount(m[k])) && typeof m.layoutMs === 'number' && typeof m.renderMs === 'number'
        ? null
        : 'rendered: counts must be non-negative integers';
    case 'stepChanged':
      return isCount(m.index) && (m.range === null || isSourceRange(m.range)) ? null : 'stepChanged: needs index and range';
    case 'reveal':
      return isSourceRange(m.range) ? null : 'reveal: needs a range';
    case 'changeVersion':
      return typeof m.python === 'string' && (PANEL_PYTHON_VERSIONS as readonly string[]).includes(m.python) ? null : 'changeVersion: unknown python version';
    case 'export':
      if (m.format !== 'svg' && m.format !== 'png') return 'export: format must be svg or png';
      if (typeof m.data !== 'string' || m.data.length > MAX_EXPORT_CHARS) return 'export: data must be a string';
      if (m.format === 'png' && !m.data.startsWith('data:image/png;base64,')) return 'export: png data must be a PNG data URL';
      if (m.format === 'svg' && !m.data.trimStart().startsWith('<svg')) return 'export: svg data must be an SVG document';
      return null;
    case 'log':
      return (m.level === 'info' || m.level === 'warning' || m.level === 'error') && typeof m.message === 'string' ? null : 'log: needs level and message';
    default:
      return `unknown message type ${JSON.stringify(m.type).slice(0, 40)}`;
  }
}

export function isPanelToHostMessage(m: unknown): m is PanelToHostMessage {
  return panelMessageProblem(m) === null;
}

/**
 * Checks the shape the renderer relies on (not every field: the simulator is trusted to fill sizes; a missing
 * optional field only hides a detail). Strings are never interpreted as markup by the renderer, whatever they hold.
 */
export function snapshotProblem(s: unknown): string | null {
  if (!isRecord(s)) return 'snapshot is not an object';
  if (typeof s.python !== 'string') return 'snapshot.python must be a string';
  if (!Array.isArray(s.frames) || !Array.isArray(s.objects)) return 'snapshot.frames and snapshot.objects must be arrays';
  for (const f of s.frames) {
    if (!isRecord(f) || typeof f.name !== 'string' || !Array.isArray(f.variables)) return 'a frame needs name and variables';
    for (const v of f.variables) if (!isRecord(v) || typeof v.name !== 'string' || typeof v.target !== 'number') return 'a variable needs name and target';
  }
  for (const o of s.objects) {
    if (!isRecord(o) || typeof o.id !== 'number' || typeof o.type !== 'string') return 'an object needs id and type';
    if (!(o.shallow === null || typeof o.shallow === 'number')) return 'object.shallow must be a number or null';
    if (typeof o.refcount !== 'number' || !Array.isArray(o.references) || !Array.isArray(o.flags)) return 'an object needs refcount, references and flags';
    for (const r of o.references) if (!isRecord(r) || typeof r.label !== 'string' || typeof r.target !== 'number') return 'a reference needs label and target';
  }
  if (!isRecord(s.totals)) return 'snapshot.totals must be an object';
  if (s.steps !== undefined) {
    if (!Array.isArray(s.steps)) return 'snapshot.steps must be an array';
    for (const step of s.steps) {
      if (!isRecord(step) || !isSourceRange(step.range)) return 'a step needs a range';
      const inner = snapshotProblem({ ...(step.snapshot as Json), steps: undefined });
      if (inner) return `step: ${inner}`;
    }
  }
  return null;
}

const MAX_MEASURED_ROWS = 200;
const MAX_MEASUREMENT_TEXT = 4000;

function isSize(v: unknown): boolean {
  return v === null || isCount(v);
}

function isShortText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_MEASUREMENT_TEXT;
}

/** Why a measurement is rejected, or null when it is well-formed. */
export function measurementProblem(m: unknown): string | null {
  if (m === null) return null;
  if (!isRecord(m)) return 'measurement must be an object or null';
  if (!isShortText(m.python) || !isShortText(m.label)) return 'measurement: needs python and label strings';
  if (!(m.problem === null || isShortText(m.problem))) return 'measurement.problem must be a string or null';
  if (!isSize(m.tracemallocPeak) || !isSize(m.modelHeapBytes)) return 'measurement: tracemallocPeak and modelHeapBytes must be byte counts or null';
  if (!Array.isArray(m.rows) || m.rows.length > MAX_MEASURED_ROWS) return 'measurement.rows must be an array';
  for (const r of m.rows) {
    if (!isRecord(r) || !isShortText(r.name)) return 'a measured row needs a name';
    if (!['shallow', 'deep', 'modelShallow', 'modelDeep'].every((k) => isSize(r[k]))) return 'a measured row needs byte counts or null';
  }
  return null;
}

export function hostMessageProblem(m: unknown): string | null {
  if (!isRecord(m) || typeof m.type !== 'string') return 'not an object with a string `type`';
  switch (m.type) {
    case 'snapshot': {
      if (typeof m.title !== 'string' || typeof m.keepStep !== 'boolean') return 'snapshot: needs title and keepStep';
      return snapshotProblem(m.snapshot);
    }
    case 'error':
      return typeof m.message === 'string' ? null : 'error: needs a message';
    case 'goToStep':
      return isCount(m.index) ? null : 'goToStep: needs a non-negative index';
    case 'requestExport':
      return m.format === 'svg' || m.format === 'png' ? null : 'requestExport: format must be svg or png';
    case 'measurement':
      return 'measurement' in m ? measurementProblem(m.measurement) : 'measurement: needs a measurement (or null)';
    default:
      return `unknown message type ${JSON.stringify(m.type).slice(0, 40)}`;
  }
}

export function isHostToPanelMessage(m: unknown): m is HostToPanelMessage {
  return hostMessageProblem(m) === null;
}
