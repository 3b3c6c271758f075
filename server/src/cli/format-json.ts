// `--format json`: the Finding array of the design notes, in the order text output uses.
import { toJsonFinding, type JsonFinding } from './finding-json';
import type { Report } from './report';

export function jsonFindings(report: Report): JsonFinding[] {
  return report.files.flatMap((file) => file.findings.map((f) => toJsonFinding(f, file.displayPath)));
}

export function formatJson(report: Report): string {
  return JSON.stringify(jsonFindings(report), null, 2) + '\n';
}
