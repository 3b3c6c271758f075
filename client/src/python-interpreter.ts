// `memlens.pythonVersion: auto` follows the Python extension's active interpreter when that extension is installed
// (through its published API, @vscode/python-extension). Without it, or for an interpreter MemLens does not model,
// the answer is undefined and the pyproject.toml rules apply.
import { PythonExtension } from '@vscode/python-extension';
import * as vscode from 'vscode';
import { parseVersion } from '../../server/src/analysis/python-version';

export class PythonInterpreter implements vscode.Disposable {
  private api: PythonExtension | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** Fires when the active interpreter changes. */
  readonly onDidChange = this.changed.event;

  /** Connects to the Python extension if it is installed; resolves either way. */
  async connect(): Promise<void> {
    if (!vscode.extensions.getExtension('ms-python.python')) return;
    try {
      this.api = await PythonExtension.api();
      this.subscriptions.push(this.api.environments.onDidChangeActiveEnvironmentPath(() => this.changed.fire()));
    } catch {
      this.api = undefined; // installed but failed to activate: behave as if absent
    }
  }

  get available(): boolean {
    return this.api !== undefined;
  }

  /** "3.11" for the interpreter active for `resource`, when known and modelled. */
  async version(resource: vscode.Uri | undefined): Promise<string | undefined> {
    if (!this.api) return undefined;
    try {
      const path = this.api.environments.getActiveEnvironmentPath(resource);
      const environment = await this.api.environments.resolveEnvironment(path);
      const v = environment?.version;
      if (!v || v.major !== 3 || v.minor === undefined) return undefined;
      return parseVersion(`3.${v.minor}`) ? `3.${v.minor}` : undefined;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
