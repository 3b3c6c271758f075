// `--format sarif`: SARIF 2.1.0 (OASIS), the format code-scanning services (GitHub, Azure DevOps) ingest.
// Every rule is listed with its help text; results point at paths relative to %SRCROOT% (the working directory);
// columns are UTF-16 code units (run.columnKind), the unit the analysis core uses.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../analysis/finding';
import { docsUrl, DOCS_BASE_URL, type RuleMeta } from '../analysis/rule';
import type { SourceRange } from '../parse/source-range';
import { loadRuleDoc, type RuleDoc } from './rule-docs';
import type { CheckedFile, Report } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  toolVersion: string;
  rules: readonly RuleMeta[];
  /** Rule page lookup; defaults to docs/rules beside the bundle. */
  ruleDoc?: (code: string) => RuleDoc | undefined;
  /** Shown as tool execution notifications (skipped files, internal errors). */
  notifications?: { level: 'warning' | 'error'; message: string }[];
}

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function formatSarif(report: Report, options: SarifOptions): string {
  return JSON.stringify(sarifLog(report, options), null, 2) + '\n';
}

export function sarifLog(report: Report, options: SarifOptions): object {
  const ruleDoc = options.ruleDoc ?? ((code: string) => loadRuleDoc(code));
  const ruleIndex = new Map(options.rules.map((r, i) => [r.code, i]));
  const results = report.files.flatMap((file) => fileResults(file, ruleIndex));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'MemLens',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: DOCS_BASE_URL.replace(/\/blob\/.*$/, ''),
            rules: options.rules.map((r) => sarifRule(r, ruleDoc(r.code))),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.root) } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (options.notifications ?? []).map((n) => ({ level: n.level, message: { text: n.message } })),
          },
        ],
      },
    ],
  };
}

function sarifRule(rule: RuleMeta, doc: RuleDoc | undefined): object {
  const helpMarkdown = doc?.markdown ?? `${rule.summary}\n\nSee [${rule.code}](${docsUrl(rule.code)}).`;
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: doc?.firstParagraph ?? rule.summary },
    help: { text: doc?.markdown ?? `${rule.summary} See ${docsUrl(rule.code)}`, markdown: helpMarkdown },
    helpUri: docsUrl(rule.code),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: [rule.category] },
  };
}

function fileResults(file: CheckedFile, ruleIndex: Map<string, number>): object[] {
  const artifactLocation = artifactLocationOf(file);
  const occurrences = new Map<string, number>();
  return file.findings.map((finding, i) => {
    const index = ruleIndex.get(finding.code);
    const result: Record<string, unknown> = {
      ruleId: finding.code,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: sarifLevel(finding.severity),
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(finding.range) } }],
      partialFingerprints: { primaryLocationLineHash: fingerprint(finding, file.displayPath, file.findingLines[i] ?? '', occurrences) },
      properties: { category: finding.category },
    };
    if (finding.related.length > 0) {
      result.relatedLocations = finding.related.map((r, id) => ({
        id,
        physicalLocation: { artifactLocation, region: region(r.range) },
        message: { text: r.message },
      }));
    }
    // SARIF requires at least one replacement per change: a fix without edits cannot be expressed.
    const fixes = finding.fixes.filter((fix) => fix.edits.length > 0);
    if (fixes.length > 0) {
      result.fixes = fixes.map((fix) => ({
        description: { text: fix.safe ? fix.title : `${fix.title} (unsafe: may change behaviour)` },
        artifactChanges: [
          {
            artifactLocation,
            replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          },
        ],
      }));
    }
    return result;
  });
}

function region(range: SourceRange): object {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.column + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.column + 1,
  };
}

/**
 * Stable across unrelated edits: the rule, the file and the flagged line's text (not its number), plus how many
 * times that triple occurred before in the file, so identical lines stay distinct.
 */
function fingerprint(finding: Finding, path: string, lineText: string, occurrences: Map<string, number>): string {
  const hash = createHash('sha256').update(`${finding.code}\0${path}\0${lineText.trim()}`).digest('hex').slice(0, 16);
  const n = (occurrences.get(hash) ?? 0) + 1;
  occurrences.set(hash, n);
  return `${hash}:${n}`;
}

function artifactLocationOf(file: CheckedFile): object {
  // Files outside the working directory get an absolute file: URI.
  if (file.displayPath.startsWith('../') || file.displayPath.startsWith('/')) return { uri: pathToFileURL(file.absolutePath).href };
  return { uri: file.displayPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}
