// The client's own features: the status bar item (target version, analysis state) and the commands.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, memlens, openFixture, resetSettings, waitFor, waitForDiagnostics } from './helpers';

describe('status bar and commands', () => {
  afterEach(resetSettings);

  it('shows the target CPython version and where it comes from', async () => {
    const ext = await memlens();
    const { uri } = await openFixture('shapes.py');
    await waitForDiagnostics(uri, (d) => d.length > 0);
    await ext.exports.statusBar.refresh();
    const text = await waitFor('the idle status text', () => (ext.exports.statusBar.text === '$(pulse) MemLens 3.12' ? ext.exports.statusBar.text : undefined));
    assert.equal(text, '$(pulse) MemLens 3.12');
    assert.match(ext.exports.statusBar.tooltip, /CPython 3\.12 \(from the default\)/);
  });

  it('follows requires-python of the nearest pyproject.toml', async () => {
    const ext = await memlens();
    const { uri } = await openFixture('legacy/app.py');
    await waitForDiagnostics(uri, (d) => d.length > 0);
    await ext.exports.statusBar.refresh();
    assert.match(ext.exports.statusBar.text, /MemLens 3\.9$/);
    assert.match(ext.exports.statusBar.tooltip, /requires-python ">=3\.9"/);
  });

  it('shows "analysing" while an edit is being analysed, then the version again', async () => {
    const ext = await memlens();
    const { uri, editor } = await openFixture('fixes.py');
    await waitForDiagnostics(uri, (d) => d.length > 0);
    await ext.exports.statusBar.refresh();
    const seen = new Set<string>();
    const watcher = setInterval(() => seen.add(ext.exports.statusBar.text), 5);
    try {
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
      seen.add(ext.exports.statusBar.text);
      await waitForDiagnostics(uri, (d) => d.length > 0 && d.every((x) => x.range.start.line >= 4), 'diagnostics of the edited text');
      await waitFor('idle again', () => (ext.exports.statusBar.text === '$(pulse) MemLens 3.12' ? true : undefined));
    } finally {
      clearInterval(watcher);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.ok(seen.has('$(sync~spin) MemLens 3.12: analysing'), `texts seen: ${[...seen].join(' | ')}`);
  });

  it('"Select Target Python Version" writes memlens.pythonVersion and the status bar follows', async () => {
    const ext = await memlens();
    const { uri } = await openFixture('shapes.py');
    assert.equal(await vscode.commands.executeCommand('memlens.selectPythonVersion', '3.11'), '3.11');
    assert.equal(vscode.workspace.getConfiguration('memlens').inspect('pythonVersion')?.workspaceValue, '3.11');
    await waitFor('the status bar on 3.11', () => (/MemLens 3\.11$/.test(ext.exports.statusBar.text) ? true : undefined));
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM401' && /CPython 3\.11/.test(x.message)), 'MEM401 on 3.11');
    await vscode.commands.executeCommand('memlens.selectPythonVersion', 'auto');
    assert.equal(vscode.workspace.getConfiguration('memlens').inspect('pythonVersion')?.workspaceValue, undefined);
    await waitFor('the status bar back on 3.12', () => (/MemLens 3\.12$/.test(ext.exports.statusBar.text) ? true : undefined));
  });

  it('"Explain Memory at Cursor" shows the hover\'s explanation of the class under the cursor', async () => {
    const { uri, editor } = await openFixture('shapes.py');
    await waitForDiagnostics(uri, (d) => d.length > 0);
    editor.selection = new vscode.Selection(12, 8, 12, 8);
    const markdown = await vscode.commands.executeCommand<string | undefined>('memlens.explainMemoryAtCursor');
    assert.match(markdown ?? '', /\*\*class Point\*\*: about \*\*\d+ bytes\*\* per instance/);
    const tab = await waitFor('a "Memory: Point" panel', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Memory: Point'), 5000).catch(() => {
      throw new Error(`tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`);
    });
    await vscode.window.tabGroups.close(tab);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.window.showTextDocument(editor.document);
    assert.equal(await vscode.commands.executeCommand('memlens.explainMemoryAtCursor'), undefined, 'nothing to explain in the docstring');
  });
});

describe('pythonVersion auto with the Python extension', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('fakePython.setInterpreter', undefined);
    await resetSettings();
  });

  it('follows the active interpreter: status bar and the sizes the server models', async function () {
    if (!vscode.extensions.getExtension('ms-python.python')) this.skip(); // the stand-in is installed by run-vscode-tests.mjs
    const ext = await memlens();
    const { uri } = await openFixture('shapes.py');
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM401' && /CPython 3\.12/.test(x.message)));
    await vscode.commands.executeCommand('fakePython.setInterpreter', '3.11');
    await waitFor('the status bar on the interpreter\'s 3.11', () => (/MemLens 3\.11$/.test(ext.exports.statusBar.text) ? true : undefined));
    assert.match(ext.exports.statusBar.tooltip, /from the active Python interpreter/);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM401' && /CPython 3\.11/.test(x.message)), 'MEM401 on 3.11');
    // An explicit setting wins over the interpreter.
    await vscode.workspace.getConfiguration('memlens').update('pythonVersion', '3.13', vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM401' && /CPython 3\.13/.test(x.message)), 'MEM401 on 3.13');
    assert.match(ext.exports.statusBar.text, /MemLens 3\.13$/);
  });
});
