// What the real-VS-Code suites share: the workspace copy they run in, waiting for MemLens's diagnostics, and
// settings that are put back after each test.
import * as path from 'node:path';
import * as vscode from 'vscode';

export const workspace = process.env.MEMLENS_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0].uri.fsPath;

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspace, name));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

export function memlensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'memlens');
}

/** Waits until the document's MemLens diagnostics satisfy `accept` (they arrive asynchronously after each change). */
export function waitForDiagnostics(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what = 'MemLens diagnostics'): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const d = memlensDiagnostics(uri);
    return accept(d) ? d : undefined;
  });
}

export async function openFixture(name: string): Promise<{ uri: vscode.Uri; document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = fixtureUri(name);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  return { uri, document, editor };
}

/** The MemLens extension, activated; its exports are the test API (client/src/extension.ts MemLensApi). */
export async function memlens(): Promise<vscode.Extension<{ statusBar: { text: string; tooltip: string; refresh(): Promise<void> } }>> {
  const ext = await waitFor('the MemLens extension', () => vscode.extensions.getExtension('memlens.memlens'));
  if (!ext.isActive) await ext.activate();
  return ext as vscode.Extension<{ statusBar: { text: string; tooltip: string; refresh(): Promise<void> } }>;
}

/** Resets the `memlens` settings the suites change, at workspace level. */
export async function resetSettings(): Promise<void> {
  const config = vscode.workspace.getConfiguration('memlens');
  for (const key of ['ignore', 'select', 'pythonVersion']) {
    if (config.inspect(key)?.workspaceValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

/** Reverts a document to its saved text (the suites edit in memory and never save). */
export async function revert(uri: vscode.Uri): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  if (editor.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
}
