// The commands beside the server's: "Select Target Python Version" (writes memlens.pythonVersion) and "Explain
// Memory at Cursor" (the hover's explanation, in a panel that stays open while the user reads and edits).
import * as vscode from 'vscode';

export const VERSIONS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

/**
 * Asks for a version (or takes it as an argument, for keybindings and tests) and writes it to the workspace
 * settings when a folder is open, else to the user settings. Returns the chosen value.
 */
export async function selectPythonVersion(chosen?: string): Promise<string | undefined> {
  const config = vscode.workspace.getConfiguration('memlens', vscode.window.activeTextEditor?.document.uri);
  const current = config.get<string>('pythonVersion', 'auto');
  let value = chosen;
  if (value === undefined) {
    const items: vscode.QuickPickItem[] = [
      { label: 'auto', description: current === 'auto' ? 'current' : undefined, detail: 'The active Python interpreter, else pyproject.toml, else 3.12' },
      ...VERSIONS.map((v) => ({ label: v, description: v === current ? 'current' : undefined, detail: `Sizes and rules of CPython ${v}` })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'MemLens: target CPython version', placeHolder: `Currently ${current}` });
    value = picked?.label;
  }
  if (value === undefined) return undefined;
  if (value !== 'auto' && !VERSIONS.includes(value)) throw new Error(`MemLens: "${value}" is not a supported Python version (auto or ${VERSIONS.join(', ')})`);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('pythonVersion', value === 'auto' ? undefined : value, target);
  return value;
}

let explainPanel: vscode.WebviewPanel | undefined;

/** Markdown of the hovers at the cursor, or undefined when there is nothing to explain there. */
async function hoverMarkdown(editor: vscode.TextEditor): Promise<string | undefined> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.selection.active);
  const parts: string[] = [];
  for (const hover of hovers ?? []) {
    for (const content of hover.contents) {
      const text = typeof content === 'string' ? content : 'value' in content ? content.value : '';
      if (/MemLens|bytes|MEM\d{3}/.test(text)) parts.push(text);
    }
  }
  return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
}

/**
 * Shows what the hover at the cursor says, rendered by VS Code's own markdown renderer, in a side panel. Returns the
 * markdown shown (undefined when there was nothing to explain) so callers and tests can read it.
 */
export async function explainMemoryAtCursor(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('MemLens: open a Python file and put the cursor on a class name, a constructor call or a collection.');
    return undefined;
  }
  const markdown = await hoverMarkdown(editor);
  if (!markdown) {
    void vscode.window.showInformationMessage('MemLens has nothing to explain at the cursor: try a class name, a constructor call, a literal or a comprehension.');
    return undefined;
  }
  const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown).then(
    (rendered) => rendered,
    () => undefined,
  );
  const word = editor.document.getText(editor.document.getWordRangeAtPosition(editor.selection.active)) || 'cursor';
  if (!explainPanel) {
    explainPanel = vscode.window.createWebviewPanel('memlens.explain', 'MemLens: memory', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      // The hover ends with a "Measure with Python" link: let exactly that command run from the panel.
      enableCommandUris: ['memlens.measureWithPython'],
    });
    explainPanel.onDidDispose(() => (explainPanel = undefined));
  }
  explainPanel.title = `Memory: ${word}`;
  explainPanel.webview.html = page(html ?? `<pre>${escapeHtml(markdown)}</pre>`);
  explainPanel.reveal(vscode.ViewColumn.Beside, true);
  return markdown;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function page(body: string): string {
  // No scripts; links open through VS Code. Colours follow the theme.
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 1em;line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid var(--vscode-panel-border);padding:2px 8px}code{font-family:var(--vscode-editor-font-family)}a{color:var(--vscode-textLink-foreground)}</style></head><body>${body}</body></html>`;
}
