// Quick fixes and "fix all". Fixes are data on the findings; this file only turns them into code actions.
//   - every fix of every finding matched by the request becomes a `quickfix`, the finding's first fix preferred;
//   - `source.fixAll.memlens` applies, for every finding in the document, its preferred fix when that fix is safe,
//     skipping a fix whose edits overlap an edit already taken (the rest is left for a second run). An unsafe
//     preferred fix is never replaced by a later safe one: a secondary fix is an alternative for a person to pick.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Finding, Fix, TextEdit } from '../analysis/finding';
import { comparePositions, type SourceRange } from '../parse/source-range';
import { DIAGNOSTIC_SOURCE, diagnosticMatches, toDiagnostic, toLspRange } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.memlens`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionInput {
  uri: string;
  /** The client's version of the document the findings were computed on. */
  version: number;
  findings: readonly Finding[];
  range: Range;
  diagnostics: readonly Diagnostic[];
  only?: readonly string[];
  /** The client accepts versioned `documentChanges` (edits are then rejected if the document moved on). */
  documentChanges: boolean;
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(input.only, CodeActionKind.QuickFix)) actions.push(...quickFixes(input));
  if (wants(input.only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(input);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** LSP: `only` lists kinds or their parents (`source` covers `source.fixAll.memlens`). No `only`: every kind. */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function quickFixes(input: CodeActionInput): CodeAction[] {
  const ours = input.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  // Diagnostics sent back by the client name the findings; a client that sends none gets the findings under the range.
  const matched =
    input.diagnostics.length > 0
      ? input.findings.filter((f) => ours.some((d) => diagnosticMatches(d, f)))
      : input.findings.filter((f) => overlapsOrTouches(f.range, input.range));
  const actions: CodeAction[] = [];
  for (const finding of matched) {
    const diagnostic = ours.find((d) => diagnosticMatches(d, finding)) ?? toDiagnostic(input.uri, finding);
    finding.fixes.forEach((fix, index) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: index === 0,
        edit: workspaceEdit(input, fix.edits),
      });
    });
  }
  return actions;
}

function fixAllAction(input: CodeActionInput): CodeAction | undefined {
  const edits = fixAllEdits(input.findings);
  if (edits.length === 0) return undefined;
  return { title: 'MemLens: fix all safe memory findings', kind: FIX_ALL_KIND, edit: workspaceEdit(input, edits) };
}

/** The edits of every safe preferred fix that does not conflict with one taken before it. */
export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    const fix: Fix | undefined = finding.fixes[0];
    if (!fix || !fix.safe || fix.edits.length === 0) continue;
    // The same edit from two findings (an import both need) is applied once.
    const fresh = fix.edits.filter((e) => !taken.some((t) => sameEdit(t, e)));
    if (fresh.some((e) => taken.some((t) => conflicts(t, e)))) continue;
    taken.push(...fresh);
  }
  return taken;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}

/** Overlapping ranges, or two insertions at one point (their order would be arbitrary). */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  const aEmpty = comparePositions(a.range.start, a.range.end) === 0;
  const bEmpty = comparePositions(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return comparePositions(a.range.start, b.range.start) === 0;
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

function overlapsOrTouches(a: SourceRange, b: Range): boolean {
  const bStart = { line: b.start.line, column: b.start.character };
  const bEnd = { line: b.end.line, column: b.end.character };
  return comparePositions(a.start, bEnd) <= 0 && comparePositions(bStart, a.end) <= 0;
}

function workspaceEdit(input: CodeActionInput, edits: readonly TextEdit[]): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: toLspRange(e.range), newText: e.newText }));
  if (input.documentChanges) return { documentChanges: [{ textDocument: { uri: input.uri, version: input.version }, edits: lspEdits }] };
  return { changes: { [input.uri]: lspEdits } };
}
