// "MemLens: Measure with Python": runs the snippet the model runs for the cursor (server/src/measure) in the
// user's interpreter and shows model and reality side by side. Running the user's code needs a trusted workspace
// and the user's consent, asked once per workspace; the run shows progress and can be cancelled, which kills the
// interpreter's whole process group.
import * as vscode from 'vscode';
import { formatMeasureMarkdown, measureSnippet, type MeasureReport } from '../../server/src/measure';
import { chooseInterpreter } from './measure-interpreter';
import { recordMeasurement, snippetRangeAt } from './measure-results';

/** The command id (the hover's link and the heap panel's button run it with a document URI and a position). */
export const MEASURE_COMMAND = 'memlens.measureWithPython';

/** workspaceState key: the user answered "Run" to the consent question in this workspace. */
export const CONSENT_KEY = 'memlens.measure.confirmed';

export const UNTRUSTED_EXPLANATION =
  'MemLens: Measure with Python runs code from this workspace in a Python interpreter, so it is unavailable until you trust the workspace (Workspaces: Manage Workspace Trust).';

/** What the command returns (for keybindings, other commands and tests). */
export type MeasureCommandResult = { refused: string } | { cancelled: true } | { report: MeasureReport; markdown: string };

let panel: vscode.WebviewPanel | undefined;

async function askConsent(state: vscode.Memento): Promise<boolean> {
  if (state.get<boolean>(CONSENT_KEY)) return true;
  const answer = await vscode.window.showWarningMessage(
    'Run this snippet in your Python interpreter?',
    {
      modal: true,
      detail:
        'MemLens runs the code the memory model simulates for the cursor (the module\'s statements up to it, then the class, function or expression) in a separate, isolated Python process with a time and memory limit. It can do anything that code does. You are asked once per workspace.',
    },
    'Run',
  );
  if (answer !== 'Run') return false;
  await state.update(CONSENT_KEY, true);
  return true;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function show(markdown: string): Promise<void> {
  const rendered = await vscode.commands.executeCommand<string>('markdown.api.render', markdown).then(
    (html) => html,
    () => undefined,
  );
  if (!panel) {
    panel = vscode.window.createWebviewPanel('memlens.measure', 'MemLens: measured', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 1em;line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid var(--vscode-panel-border);padding:2px 8px}code,pre{font-family:var(--vscode-editor-font-family)}</style></head><body>${rendered ?? `<pre>${escapeHtml(markdown)}</pre>`}</body></html>`;
  panel.reveal(vscode.ViewColumn.Beside, true);
}

interface PlainPosition {
  line: number;
  character: number;
}

function isPlainPosition(v: unknown): v is PlainPosition {
  const p = v as Partial<PlainPosition> | null | undefined;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line! >= 0 && p.character! >= 0;
}

/** The document and position to measure: the arguments when given (a hover link passes a URI string and an LSP
 *  position as plain JSON; the heap panel a Uri and a Position), else the active editor's cursor (the palette passes
 *  nothing, the editor's context menu only the document's URI). */
async function target(uriArg: unknown, positionArg: unknown): Promise<{ document: vscode.TextDocument; position: vscode.Position } | undefined> {
  if (isPlainPosition(positionArg)) {
    const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg, true) : uriArg instanceof vscode.Uri ? uriArg : undefined;
    if (!uri) return undefined;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
    return { document, position: document.validatePosition(new vscode.Position(positionArg.line, positionArg.character)) };
  }
  const editor = vscode.window.activeTextEditor;
  return editor ? { document: editor.document, position: editor.selection.active } : undefined;
}

export async function measureWithPython(context: vscode.ExtensionContext, uriArg?: unknown, positionArg?: unknown): Promise<MeasureCommandResult> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(UNTRUSTED_EXPLANATION);
    return { refused: UNTRUSTED_EXPLANATION };
  }
  const chosen = await target(uriArg, positionArg).catch(() => undefined);
  if (!chosen || chosen.document.languageId !== 'python') {
    const why = 'MemLens: open a Python file and put the cursor on a class, a function, a comprehension or a literal to measure it.';
    void vscode.window.showInformationMessage(why);
    return { refused: why };
  }
  if (!(await askConsent(context.workspaceState))) return { cancelled: true };
  const { document, position } = chosen;
  // The text and version the run sees: an edit during the run makes the result belong to the older version.
  const text = document.getText();
  const version = document.version;
  const interpreter = await chooseInterpreter(document.uri);
  const config = vscode.workspace.getConfiguration('memlens', document.uri);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `MemLens: measuring with ${interpreter.command}`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      return measureSnippet({
        text,
        filename: document.uri.fsPath,
        line: position.line,
        column: position.character,
        interpreter: interpreter.command,
        timeoutSeconds: config.get<number>('measure.timeoutSeconds', 5),
        memoryLimitMB: config.get<number>('measure.memoryLimitMB', 512),
        signal: abort.signal,
      }).finally(() => subscription.dispose());
    },
  );
  if (report.error?.kind === 'cancelled') return { cancelled: true };
  const markdown = formatMeasureMarkdown(report) + `\n_Interpreter from ${interpreter.source === 'default' ? 'the default (python3 on PATH)' : interpreter.source === 'python-extension' ? 'the Python extension' : 'the memlens.pythonPath setting'}._\n`;
  await show(markdown);
  const snippet = await snippetRangeAt(text, position);
  if (snippet) recordMeasurement(document, version, snippet, report);
  if (report.error) void vscode.window.showErrorMessage(`MemLens: ${report.error.message}`);
  return { report, markdown };
}

/** The command and its internal companion (not contributed to the palette): `memlens.measure.rememberConsent`
 *  records the consent as the modal's "Run" would, for automated runs that cannot answer a modal. */
export function registerMeasureCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(MEASURE_COMMAND, (uri?: unknown, position?: unknown) => measureWithPython(context, uri, position)),
    vscode.commands.registerCommand('memlens.measure.rememberConsent', (confirmed: boolean = true) => context.workspaceState.update(CONSENT_KEY, confirmed ? true : undefined)),
  );
}
