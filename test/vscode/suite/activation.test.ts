// The extension inside a real VS Code: it activates on a Python file and publishes MemLens diagnostics.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as vscode from 'vscode';

const workspace = process.env.MEMLENS_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0].uri.fsPath;

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('MemLens in a real VS Code', () => {
  it('activates when a Python file opens and publishes diagnostics', async () => {
    const uri = vscode.Uri.file(path.join(workspace, 'shapes.py'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ext = await waitFor('the MemLens extension', () => vscode.extensions.getExtension('memlens.memlens'));
    await waitFor('activation', () => (ext.isActive ? true : undefined));
    const diagnostics = await waitFor('MemLens diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'memlens');
      return d.length > 0 ? d : undefined;
    });
    const codes = diagnostics.map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
    assert.ok(codes.includes('MEM702'), `expected MEM702 (mutated mutable default) among ${codes.join(', ')}`);
  });
});
