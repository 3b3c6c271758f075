// Settings changes reach the server without a reload: ignoring a rule removes its squiggles, and the target Python
// version changes the sizes in the messages.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, memlens, openFixture, resetSettings, waitForDiagnostics } from './helpers';

describe('settings', () => {
  before(async () => {
    await memlens();
  });
  afterEach(resetSettings);

  it('memlens.ignore removes a rule\'s diagnostics, and clearing it brings them back', async () => {
    const { uri } = await openFixture('shapes.py');
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM702'));
    await vscode.workspace.getConfiguration('memlens').update('ignore', ['MEM702'], vscode.ConfigurationTarget.Workspace);
    const ignored = await waitForDiagnostics(uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'MEM702'), 'MEM702 to disappear');
    assert.deepEqual(ignored.map(codeOf).sort(), ['MEM301', 'MEM401']);
    await vscode.workspace.getConfiguration('memlens').update('ignore', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM702'), 'MEM702 to come back');
  });

  it('memlens.select reports only the selected rules', async () => {
    const { uri } = await openFixture('shapes.py');
    await vscode.workspace.getConfiguration('memlens').update('select', ['MEM4'], vscode.ConfigurationTarget.Workspace);
    const selected = await waitForDiagnostics(uri, (d) => d.length === 1, 'only MEM401');
    assert.equal(codeOf(selected[0]), 'MEM401');
  });

  it('memlens.pythonVersion changes the modelled sizes in the messages', async () => {
    const { uri } = await openFixture('shapes.py');
    const on312 = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM401' && /CPython 3\.12/.test(x.message)));
    const message312 = on312.find((d) => codeOf(d) === 'MEM401')!.message;
    await vscode.workspace.getConfiguration('memlens').update('pythonVersion', '3.10', vscode.ConfigurationTarget.Workspace);
    const on310 = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM401' && /CPython 3\.10/.test(x.message)), 'MEM401 on 3.10');
    const message310 = on310.find((d) => codeOf(d) === 'MEM401')!.message;
    // 3.10 has no inline values: each instance owns a dict, so one instance costs more than on 3.12.
    const size = (m: string) => Number(/costs (\d+) bytes/.exec(m)?.[1]);
    assert.ok(size(message310) > size(message312), `3.10: ${message310}\n3.12: ${message312}`);
  });
});
