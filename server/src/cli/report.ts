// What a `memlens check` run produced, in the order it is printed: files sorted by their displayed path, findings
// by position (the analyzer already sorts them within a file).
import type { Finding } from '../analysis/finding';

export interface CheckedFile {
  /** As shown to the user: relative to the working directory, with forward slashes. */
  displayPath: string;
  absolutePath: string;
  findings: Finding[];
  /** The text of each finding's first line, parallel to findings. */
  findingLines: string[];
}

export interface SkippedFile {
  displayPath: string;
  reason: string;
}

export interface Report {
  /** Every analysed file, with or without findings. */
  files: CheckedFile[];
  skipped: SkippedFile[];
  /** The directory relative paths start from (SARIF's %SRCROOT%). */
  root: string;
}

export function findingCount(report: Report): number {
  return report.files.reduce((n, f) => n + f.findings.length, 0);
}

/** Byte order, not locale order: the same on every machine. */
export function compareDisplayPaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
