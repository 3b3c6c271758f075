// The status bar item: the CPython version MemLens models for the active Python file and whether an analysis is
// under way ("$(pulse) MemLens 3.12", "$(sync~spin) MemLens 3.12: analysing"). Clicking it picks the version.
// "Analysing" runs from a document's open/change to the diagnostics the server publishes for it.
import * as vscode from 'vscode';
import type { PythonInterpreter } from './python-interpreter';
import { targetVersion } from './target-version';

/** A server that publishes nothing for a change (no findings before or after) must not leave the spinner on. */
const ANALYSIS_TIMEOUT_MS = 5000;

export class MemLensStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('memlens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private version = '';
  private refreshCount = 0;

  constructor(private readonly interpreter: PythonInterpreter) {
    this.item.name = 'MemLens';
    this.item.command = 'memlens.selectPythonVersion';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('memlens.pythonVersion')) void this.refresh();
      }),
      interpreter.onDidChange(() => void this.refresh()),
    );
    // requires-python or [tool.memlens].python may change under `auto`.
    const pyprojects = vscode.workspace.createFileSystemWatcher('**/pyproject.toml');
    for (const event of [pyprojects.onDidCreate, pyprojects.onDidChange, pyprojects.onDidDelete]) this.subscriptions.push(event(() => void this.refresh()));
    this.subscriptions.push(pyprojects);
  }

  /** A document was sent to the server: its diagnostics are on the way. */
  analysisStarted(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(uri, setTimeout(() => this.analysisFinished(uri), ANALYSIS_TIMEOUT_MS));
    this.render();
  }

  analysisFinished(uri: string): void {
    clearTimeout(this.pending.get(uri));
    if (this.pending.delete(uri)) this.render();
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  /** Recomputes the version for the active editor; shows the item only while a Python file is active. */
  async refresh(): Promise<void> {
    const ticket = ++this.refreshCount;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'python') {
      this.item.hide();
      return;
    }
    const target = await targetVersion(this.interpreter, editor.document.uri);
    if (ticket !== this.refreshCount) return; // a newer refresh is under way
    this.version = target.version;
    this.item.tooltip = `MemLens models the memory of CPython ${target.version} (from ${target.source}). Click to choose another version.`;
    this.render();
    this.item.show();
  }

  private render(): void {
    if (!this.version) return;
    this.item.text = this.pending.size > 0 ? `$(sync~spin) MemLens ${this.version}: analysing` : `$(pulse) MemLens ${this.version}`;
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    for (const s of this.subscriptions) s.dispose();
  }
}
