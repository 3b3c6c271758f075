// "MemLens: Measure with Python" in a real VS Code: in a trusted workspace it runs the snippet for the cursor in a
// real interpreter (memlens.pythonPath here: the stand-in Python extension has no executable) and reports the
// same sizes as the model; in an untrusted workspace (the second launch, with workspace trust on) it refuses and
// says why. The consent modal is answered through the internal command memlens.measure.rememberConsent.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { memlens, openFixture, revert, waitFor } from './helpers';

interface Row {
  name: string;
  real?: { type: string; shallow: number; deep: number };
  model?: { shallow: number | null; deep: number | null };
}
type Result = { refused: string } | { cancelled: true } | { report: { rows: Row[]; modelPython?: string; interpreter: { version?: string }; error?: { message: string } }; markdown: string };

/** A pyenv CPython 3.10 when installed (a version other than the default 3.12), else python3 on PATH. */
function interpreter(): string {
  const root = join(homedir(), '.pyenv', 'versions');
  try {
    const name = readdirSync(root).find((n) => n.startsWith('3.10.'));
    if (name && existsSync(join(root, name, 'bin', 'python'))) return join(root, name, 'bin', 'python');
  } catch {
    // no pyenv
  }
  return 'python3';
}

async function measureAt(line: number, character: number): Promise<Result> {
  const { editor } = await openFixture('measure-sizes.py');
  editor.selection = new vscode.Selection(line, character, line, character);
  return (await vscode.commands.executeCommand('memlens.measureWithPython')) as Result;
}

describe('measure with python', function () {
  this.timeout(60_000);
  before(async () => {
    await memlens();
  });

  describe('in a trusted workspace', () => {
    before(async function () {
      if (!vscode.workspace.isTrusted) this.skip();
      await vscode.workspace.getConfiguration('memlens').update('pythonPath', interpreter(), vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('memlens.measure.rememberConsent', true);
    });
    after(async () => {
      if (!vscode.workspace.isTrusted) return;
      await vscode.workspace.getConfiguration('memlens').update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('memlens.measure.rememberConsent', false);
    });

    for (const c of [
      { what: 'an instance of the class under the cursor', line: 3, character: 12, names: ['value'] },
      { what: 'the dict literal under the cursor', line: 8, character: 10, names: ['value'] },
    ]) {
      it(`measures ${c.what} and reports the model's numbers`, async () => {
        const result = await measureAt(c.line, c.character);
        assert.ok('report' in result, JSON.stringify(result));
        const { report, markdown } = result;
        assert.equal(report.error, undefined, report.error?.message);
        const expected = interpreter() === 'python3' ? undefined : '3.10';
        if (expected) assert.equal(report.modelPython, expected);
        assert.deepEqual(report.rows.map((r) => r.name), c.names);
        for (const row of report.rows) {
          assert.ok(row.real && row.model, JSON.stringify(row));
          assert.equal(row.real.shallow, row.model.shallow, `${row.name}: sys.getsizeof`);
          assert.equal(row.real.deep, row.model.deep, `${row.name}: deep size`);
        }
        assert.match(markdown, /\| value \| \w+ \| [\d,]+ B \| [\d,]+ B \| equal \| [\d,]+ B \| [\d,]+ B \| equal \|/);
        assert.match(markdown, /memlens\.pythonPath/);
      });
    }
  });

  describe('the result in the hover and the heap diagram (trusted workspace)', () => {
    before(async function () {
      if (!vscode.workspace.isTrusted) this.skip();
      await vscode.workspace.getConfiguration('memlens').update('pythonPath', interpreter(), vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('memlens.measure.rememberConsent', true);
    });
    after(async () => {
      if (!vscode.workspace.isTrusted) return;
      await vscode.workspace.getConfiguration('memlens').update('pythonPath', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('memlens.measure.rememberConsent', false);
    });

    const hoverText = async (uri: vscode.Uri, position: vscode.Position): Promise<string> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };

    it('the hover offers the command for its position; once run (uri, position), it shows the real figures beside the model', async () => {
      const { uri, document } = await openFixture('measure-sizes.py');
      // A new version of the document: the measurements of the tests above belong to the old one.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, document.lineAt(document.lineCount - 1).range.end, '\n# edited\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const onBrace = new vscode.Position(8, 8); // the `{` of the dict literal
      const before = await waitFor('the memory hover of the dict literal', async () => {
        const text = await hoverText(uri, onBrace);
        return text.includes('Measure with Python') ? text : undefined;
      });
      const link = /\[Measure with Python\]\(command:memlens\.measureWithPython\?([^ )]+)/.exec(before);
      assert.ok(link, before);
      const [linkUri, linkPosition] = JSON.parse(decodeURIComponent(link[1])) as [string, { line: number; character: number }];
      assert.equal(linkUri, uri.toString());
      assert.deepEqual(linkPosition, { line: 8, character: 8 });
      assert.ok(!before.includes('Measured with'), 'nothing measured yet');
      // The link runs only from Markdown trusted for that command, and the hover trusts nothing else.
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, onBrace);
      const linked = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && c.value.includes('command:memlens.measureWithPython'));
      assert.deepEqual(linked?.isTrusted, { enabledCommands: ['memlens.measureWithPython'] });

      // What the link runs: the command with the link's arguments (the cursor is elsewhere).
      const result = (await vscode.commands.executeCommand('memlens.measureWithPython', linkUri, linkPosition)) as Result;
      assert.ok('report' in result, JSON.stringify(result));
      const value = result.report.rows.find((r) => r.name === 'value');
      assert.ok(value?.real && value.model, JSON.stringify(result.report.rows));
      const version = result.report.interpreter.version!;
      const figures = `getsizeof ${value.real.shallow.toLocaleString('en-US')} B (model ${value.model.shallow!.toLocaleString('en-US')} B), deep ${value.real.deep.toLocaleString('en-US')} B (model ${value.model.deep!.toLocaleString('en-US')} B)`;
      const after = await hoverText(uri, new vscode.Position(8, document.lineAt(8).text.lastIndexOf('}'))); // the same literal's closing brace
      assert.ok(after.includes(`**Measured with Python ${version}**: the value: ${figures}`), after);
      assert.match(after, /tracemalloc peak [\d,]+ B \(model heap [\d,]+ B\)/);
      // Another snippet (the class) was not measured: its hover has the link but no figures.
      const other = await hoverText(uri, new vscode.Position(1, 7));
      assert.ok(other.includes('Measure with Python') && !other.includes('Measured with'), other);

      // The heap diagram for that snippet shows the same measurement.
      await vscode.commands.executeCommand('memlens.showHeapDiagram', uri, new vscode.Range(8, 8, 8, 8));
      const panel = await waitFor(
        'the heap panel to show the measurement',
        async () => {
          const s = await vscode.commands.executeCommand<{ open: boolean; lastRendered: unknown; measurement: { python: string; rows: Array<{ name: string; shallow: number | null; deep: number | null; modelShallow: number | null; modelDeep: number | null }> } | null }>('memlens.internal.heapPanelState');
          return s.open && s.lastRendered && s.measurement ? s.measurement : undefined;
        },
        60_000,
      );
      assert.equal(panel.python, version);
      assert.deepEqual(panel.rows, [{ name: 'value', shallow: value.real.shallow, deep: value.real.deep, modelShallow: value.model.shallow, modelDeep: value.model.deep }]);
      await revert(uri);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });

  describe('in an untrusted workspace', () => {
    it('refuses to run the snippet and explains why (untrusted workspace)', async function () {
      if (vscode.workspace.isTrusted) this.skip(); // runs in the launch with workspace trust on
      const result = await measureAt(3, 12);
      assert.ok('refused' in result, JSON.stringify(result));
      assert.match(result.refused, /runs code from this workspace .* unavailable until you trust the workspace/);
    });
  });
});
