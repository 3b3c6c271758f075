// The CPython version MemLens analyses a document for, as the user would explain it: an explicit
// `memlens.pythonVersion`, else (auto) the Python extension's active interpreter, else pyproject.toml, else 3.12.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { projectPython } from './project-python';
import type { PythonInterpreter } from './python-interpreter';

export interface TargetVersion {
  version: string;
  source: string;
}

export async function targetVersion(interpreter: PythonInterpreter, resource: vscode.Uri | undefined): Promise<TargetVersion> {
  const setting = vscode.workspace.getConfiguration('memlens', resource).get<string>('pythonVersion', 'auto');
  if (setting && setting !== 'auto') return { version: setting, source: 'the memlens.pythonVersion setting' };
  const fromInterpreter = await interpreter.version(resource);
  if (fromInterpreter) return { version: fromInterpreter, source: 'the active Python interpreter' };
  const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : vscode.workspace.workspaceFolders?.[0];
  const directory = resource?.scheme === 'file' ? dirname(resource.fsPath) : folder?.uri.fsPath;
  return projectPython(directory, folder?.uri.fsPath);
}
