// Which interpreter "Measure with Python" runs: the Python extension's active interpreter for the file when that
// extension is installed and can resolve it to an executable, else the `memlens.pythonPath` setting, else
// `python3` (looked up on PATH; no shell is involved).
import { PythonExtension } from '@vscode/python-extension';
import * as vscode from 'vscode';

export interface ChosenInterpreter {
  command: string;
  /** Where it came from, for the report. */
  source: 'python-extension' | 'memlens.pythonPath' | 'default';
}

async function fromPythonExtension(resource: vscode.Uri): Promise<string | undefined> {
  if (!vscode.extensions.getExtension('ms-python.python')) return undefined;
  try {
    const api = await PythonExtension.api();
    const environment = await api.environments.resolveEnvironment(api.environments.getActiveEnvironmentPath(resource));
    return environment?.executable.uri?.fsPath;
  } catch {
    return undefined; // installed but unusable: fall back to the setting
  }
}

export async function chooseInterpreter(resource: vscode.Uri): Promise<ChosenInterpreter> {
  const fromExtension = await fromPythonExtension(resource);
  if (fromExtension) return { command: fromExtension, source: 'python-extension' };
  const configured = vscode.workspace.getConfiguration('memlens', resource).get<string>('pythonPath', '').trim();
  if (configured) return { command: configured, source: 'memlens.pythonPath' };
  return { command: 'python3', source: 'default' };
}
