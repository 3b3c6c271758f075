// `--format text`: one line per finding, `path:line:col: CODE message`, as Ruff and compilers print them, so
// editors and terminals turn them into links. Line and column are 1-based (columns in UTF-16 code units).
import { findingCount, type Report } from './report';

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      lines.push(`${file.displayPath}:${f.range.start.line + 1}:${f.range.start.column + 1}: ${f.code} ${f.message.replace(/\r?\n/g, ' ')}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

/** The closing line on stderr: "Found 12 findings in 5 files (734 files checked)." */
export function formatSummary(report: Report): string {
  const count = findingCount(report);
  const checked = `${report.files.length} ${plural(report.files.length, 'file')} checked`;
  const skipped = report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : '';
  if (count === 0) return `No findings (${checked}${skipped}).`;
  const withFindings = report.files.filter((f) => f.findings.length > 0).length;
  return `Found ${count} ${plural(count, 'finding')} in ${withFindings} ${plural(withFindings, 'file')} (${checked}${skipped}).`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
