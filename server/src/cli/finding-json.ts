// The Finding JSON contract (../shared/DESIGN.md), shared by `--format json` and anything that reads it:
// positions are 1-based; columns count UTF-16 code units, as the analysis core and LSP do (so a column after an
// emoji is one more than a count of code points would give).
import type { Category, Finding, Severity } from '../analysis/finding';
import type { SourceRange } from '../parse/source-range';

export interface JsonPosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonEdit extends JsonPosition {
  newText: string;
}

export interface JsonFix {
  title: string;
  safe: boolean;
  edits: JsonEdit[];
}

export interface JsonFinding extends JsonPosition {
  file: string;
  code: string;
  category: Category;
  severity: Severity;
  message: string;
  /** The preferred fix (the finding's first), or null. */
  fix: JsonFix | null;
}

export function oneBased(range: SourceRange): JsonPosition {
  return { line: range.start.line + 1, column: range.start.column + 1, endLine: range.end.line + 1, endColumn: range.end.column + 1 };
}

export function toJsonFinding(finding: Finding, file: string): JsonFinding {
  const fix = finding.fixes[0];
  return {
    file,
    ...pick(oneBased(finding.range)),
    code: finding.code,
    category: finding.category,
    severity: finding.severity,
    message: finding.message,
    fix: fix ? { title: fix.title, safe: fix.safe, edits: fix.edits.map((e) => ({ ...oneBased(e.range), newText: e.newText })) } : null,
  };
}

/** Keeps the documented key order: file, line, column, endLine, endColumn. */
function pick(p: JsonPosition): JsonPosition {
  return { line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn };
}
