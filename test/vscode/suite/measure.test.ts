// "MemLens: Measure with Python" in a real VS Code: in a trusted workspace it runs the snippet for the cursor in a
// real interpreter (memlens.pythonPath here: the stand-in Python extension has no executable) and reports the
// same sizes as the model; in an untrusted workspace (the second launch, with workspace trust on) it refuses and
// says why. The consent modal is answered through the internal command memlens.measure.rememberConsent.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { memlens, openFixture } from './helpers';

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

  describe('in an untrusted workspace', () => {
    it('refuses to run the snippet and explains why (untrusted workspace)', async function () {
      if (vscode.workspace.isTrusted) this.skip(); // runs in the launch with workspace trust on
      const result = await measureAt(3, 12);
      assert.ok('refused' in result, JSON.stringify(result));
      assert.match(result.refused, /runs code from this workspace .* unavailable until you trust the workspace/);
    });
  });
});
