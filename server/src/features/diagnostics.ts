// Findings -> LSP diagnostics. The code links to the rule's page shipped inside the package (docs/rules/MEMxxx.md
// beside dist/), as a file: URI: there is no public website, and the packaged docs always match the installed rules.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../analysis/finding';
import type { SourceRange } from '../parse/source-range';

export const DIAGNOSTIC_SOURCE = 'memlens';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** dist/server.js -> <package>/docs/rules/<code>.md. */
export function ruleDocsUri(code: string): string {
  return pathToFileURL(join(__dirname, '..', 'docs', 'rules', `${code}.md`)).href;
}

export function toLspRange(range: SourceRange): Range {
  return {
    start: { line: range.start.line, character: range.start.column },
    end: { line: range.end.line, character: range.end.column },
  };
}

export function toDiagnostic(uri: string, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: SEVERITIES[finding.severity] ?? DiagnosticSeverity.Warning,
    code: finding.code,
    codeDescription: { href: ruleDocsUri(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: toLspRange(r.range) }, message: r.message }));
  }
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** True when a diagnostic the client sends back (code action context) stands for this finding. */
export function diagnosticMatches(diagnostic: Diagnostic, finding: Finding): boolean {
  if (diagnostic.code !== finding.code) return false;
  const r = diagnostic.range;
  const f = finding.range;
  return r.start.line === f.start.line && r.start.character === f.start.column && r.end.line === f.end.line && r.end.character === f.end.column;
}
