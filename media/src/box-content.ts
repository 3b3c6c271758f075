// The text of each box, decided once and used by both the layout (to size boxes) and the renderer (to draw them),
// so a box is always as wide as what it shows. Every string here may come from user code: the renderer only ever
// puts it in text nodes.
import { formatBytes } from '../../server/src/analysis/byte-size-text';
import { allocationRequests } from './allocator';
import type { ViewFrame, ViewNode } from './view-model';

/** Width of one character of the diagram's monospace font at 12px, in CSS px (measured for the usual fonts: 7.2). */
export const CHAR_WIDTH = 7.4;
export const LINE_HEIGHT = 18;
export const PADDING = 8;
export const MAX_TEXT_CHARS = 36;

export function clip(text: string, max = MAX_TEXT_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const STORAGE_TEXT: Record<string, string> = {
  dict: '__dict__',
  'managed-dict': 'managed dict',
  'inline-values': 'inline values',
  slots: '__slots__',
};

export interface BoxContent {
  title: string;
  badges: string[];
  value: string | null;
  metrics: string;
  rows: Array<{ label: string }>;
  summary: string | null;
}

export function sizeText(bytes: number | null): string {
  return bytes === null ? 'size unknown' : bytes < 1000 ? `${bytes} B` : formatBytes(bytes);
}

export function blocksText(node: ViewNode, python: string): string {
  const o = node.object;
  if (o.flags.includes('cached-singleton')) return 'shared';
  const requests = allocationRequests(o, python).filter((r) => r.count === 1);
  if (requests.length === 0) return '';
  return requests.map((r) => (r.sizeClass === null ? 'malloc' : String(r.sizeClass))).join('+') + (requests.every((r) => r.sizeClass === null) ? '' : ' blk');
}

export function objectBoxContent(node: ViewNode, python: string): BoxContent {
  const o = node.object;
  const badges: string[] = [];
  if (o.flags.includes('cached-singleton')) badges.push('shared');
  if (o.flags.includes('gc-only')) badges.push('GC only');
  if (o.flags.includes('freed')) badges.push('freed');
  if (o.flags.includes('unknown')) badges.push('unknown');
  if (o.attributeStorage) badges.push(STORAGE_TEXT[o.attributeStorage] ?? o.attributeStorage);
  const blocks = blocksText(node, python);
  const size = o.shallow === null && o.summary ? `${sizeText(o.summary.bytes)} in all` : sizeText(o.shallow);
  const metrics = [size, `rc ${o.refcount}`, blocks].filter((s) => s !== '').join(' · ');
  const isScalarLike = o.references.length === 0 && o.repr !== undefined;
  return {
    title: clip(o.type, 24),
    badges,
    value: isScalarLike || (o.repr !== undefined && node.rows.length === 0) ? clip(o.repr ?? '') : null,
    metrics,
    rows: node.rows.map((r) => ({ label: clip(r.label) })),
    summary: node.summaryText,
  };
}

export function objectBoxSize(content: BoxContent): { width: number; height: number } {
  const titleChars = content.title.length + content.badges.reduce((n, b) => n + b.length + 3, 0);
  const chars = Math.max(titleChars, content.value?.length ?? 0, content.metrics.length, content.summary?.length ?? 0, ...content.rows.map((r) => r.label.length + 3));
  const lines = 2 + (content.value !== null ? 1 : 0) + content.rows.length + (content.summary !== null ? 1 : 0);
  return { width: Math.max(96, Math.ceil(chars * CHAR_WIDTH) + 2 * PADDING + 10), height: lines * LINE_HEIGHT + PADDING };
}

export function frameBoxContent(frame: ViewFrame): { title: string; total: string; rows: string[] } {
  return {
    title: clip(frame.frame.kind === 'module' ? frame.frame.name : `${frame.frame.kind} ${frame.frame.name}`, 30),
    total: `reaches ${sizeText(frame.deepBytes)}`,
    rows: frame.frame.variables.map((v) => clip(v.name, 28)),
  };
}

export function frameBoxSize(c: { title: string; total: string; rows: string[] }): { width: number; height: number } {
  const chars = Math.max(c.title.length, c.total.length, ...c.rows.map((r) => r.length + 3));
  return { width: Math.max(120, Math.ceil(chars * CHAR_WIDTH) + 2 * PADDING + 10), height: (2 + c.rows.length) * LINE_HEIGHT + PADDING };
}
