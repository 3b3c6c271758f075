// A MeasureReport for people: a plain-text table (CLI) or Markdown (VS Code), model and real side by side.
import type { MeasureReport, MeasuredRow } from './measure-snippet';

function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '?';
  return `${n.toLocaleString('en-US')} B`;
}

function difference(real: number | undefined, model: number | null | undefined): string {
  if (real === undefined || model === null || model === undefined) return '';
  const d = real - model;
  return d === 0 ? 'equal' : `${d > 0 ? '+' : ''}${d.toLocaleString('en-US')} B`;
}

interface Cells {
  name: string;
  type: string;
  realShallow: string;
  modelShallow: string;
  shallowDiff: string;
  realDeep: string;
  modelDeep: string;
  deepDiff: string;
}

function cellsOf(row: MeasuredRow): Cells {
  return {
    name: row.name,
    type: row.real?.type ?? '',
    realShallow: row.real ? bytes(row.real.shallow) : (row.realError ?? '?'),
    modelShallow: row.model ? bytes(row.model.shallow) : '',
    shallowDiff: difference(row.real?.shallow, row.model?.shallow),
    realDeep: row.real ? bytes(row.real.deep) : '',
    modelDeep: row.model ? bytes(row.model.deep) : '',
    deepDiff: difference(row.real?.deep, row.model?.deep),
  };
}

function headline(report: MeasureReport): string {
  const who = report.interpreter.version ? `Python ${report.interpreter.version} (${report.interpreter.command})` : report.interpreter.command;
  return `${report.snippet.label}, measured with ${who}`;
}

function trailer(report: MeasureReport): string[] {
  const lines: string[] = [];
  if (report.tracemalloc) {
    lines.push(`tracemalloc while running the snippet: current ${bytes(report.tracemalloc.current)}, peak ${bytes(report.tracemalloc.peak)}` + (report.modelHeapBytes !== undefined ? ` (the model's heap total: ${bytes(report.modelHeapBytes)})` : ''));
  }
  if (report.modelNote) lines.push(report.modelNote);
  for (const r of report.rows) if (r.model?.reason) lines.push(`model, ${r.name}: ${r.model.reason}`);
  lines.push(...report.notes);
  return lines;
}

export function formatMeasureText(report: MeasureReport): string {
  const out = [headline(report)];
  if (report.error) {
    out.push(`error: ${report.error.message}`);
    if (report.error.stderrTail) out.push('stderr (last lines):', ...report.error.stderrTail.trimEnd().split('\n').slice(-12).map((l) => `  ${l}`));
    if (report.modelNote) out.push(report.modelNote);
    return out.join('\n') + '\n';
  }
  const model = report.modelPython ? `model ${report.modelPython}` : 'model';
  const header = ['', 'type', 'getsizeof', model, 'diff', 'deep size', model, 'diff'];
  const table = [header, ...report.rows.map((r) => Object.values(cellsOf(r)))];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) out.push(row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  if (report.rows.length === 0) out.push('(no value to size: the snippet produces none)');
  out.push(...trailer(report));
  return out.join('\n') + '\n';
}

export function formatMeasureMarkdown(report: MeasureReport): string {
  const out = [`**${headline(report)}**`, ''];
  if (report.error) {
    out.push(`Error: ${report.error.message}`);
    if (report.error.stderrTail) out.push('', '```', report.error.stderrTail.trimEnd().split('\n').slice(-12).join('\n'), '```');
    if (report.modelNote) out.push('', report.modelNote);
    return out.join('\n') + '\n';
  }
  const model = report.modelPython ? `model ${report.modelPython}` : 'model';
  if (report.rows.length > 0) {
    out.push(`| | type | sys.getsizeof | ${model} | diff | deep size | ${model} | diff |`, '|---|---|---:|---:|---|---:|---:|---|');
    for (const r of report.rows) out.push(`| ${Object.values(cellsOf(r)).join(' | ')} |`);
    out.push('');
  } else out.push('No value to size: the snippet produces none.', '');
  for (const l of trailer(report)) out.push(`- ${l}`);
  return out.join('\n') + '\n';
}
