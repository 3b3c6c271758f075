// The heap diagram inside the real VS Code: memlens.showHeapDiagram opens the panel for a fixture, the panel
// renders the server's snapshot (memlens/heapSnapshot) and says so, and moving to another step moves the line
// highlighted in the editor. The CodeLens above a class offers the same command.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { memlens, openFixture, waitFor } from './helpers';

interface HeapPanelState {
  open: boolean;
  lastRendered: { step: number; steps: number; objects: number; edges: number } | null;
  step: number;
  highlightedLine: number | null;
  python: string | null;
}

const state = () => vscode.commands.executeCommand<HeapPanelState>('memlens.internal.heapPanelState');

describe('heap panel', function () {
  this.timeout(120_000);
  before(async () => {
    await memlens();
  });

  it('renders the snapshot for the selected statements and stepping moves the editor highlight', async () => {
    const { uri, document } = await openFixture('heap-steps.py');
    // The last statement, `del root, leaf`: the selection runs the module up to it.
    const last = document.getText().split('\n').findIndex((line) => line.startsWith('del '));
    await vscode.commands.executeCommand('memlens.showHeapDiagram', uri, new vscode.Range(6, 0, last, document.lineAt(last).text.length));
    const rendered = await waitFor(
      'the heap panel to render a snapshot with steps',
      async () => {
        const s = await state();
        return s.open && s.lastRendered && s.lastRendered.steps > 1 ? s : undefined;
      },
      60_000,
    );
    assert.equal(rendered.python, '3.12');
    assert.ok(rendered.lastRendered!.objects > 0, JSON.stringify(rendered));
    const steps = rendered.lastRendered!.steps;

    await vscode.commands.executeCommand('memlens.internal.heapPanelGoToStep', 0);
    const first = await waitFor('step 0 to be highlighted', async () => {
      const s = await state();
      return s.step === 0 && s.highlightedLine !== null ? s : undefined;
    });
    assert.ok(first.highlightedLine! >= 0 && first.highlightedLine! <= last);

    await vscode.commands.executeCommand('memlens.internal.heapPanelGoToStep', steps - 1);
    const end = await waitFor(`step ${steps - 1} to be highlighted`, async () => {
      const s = await state();
      return s.step === steps - 1 && s.highlightedLine !== null ? s : undefined;
    });
    assert.notEqual(end.highlightedLine, first.highlightedLine, 'the highlight moved');
    assert.equal(end.highlightedLine, last);
  });

  it('puts a "Show heap diagram" CodeLens above the class, running memlens.showHeapDiagram', async () => {
    const { uri } = await openFixture('heap-steps.py');
    const lenses = await waitFor('the CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return found && found.length > 0 ? found : undefined;
    });
    const lens = lenses.find((l) => l.range.start.line === 0);
    assert.ok(lens?.command, JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title])));
    assert.equal(lens.command.title, 'Show heap diagram');
    assert.equal(lens.command.command, 'memlens.showHeapDiagram');
  });

  it('offers "Show heap diagram for this" in the code actions on a class, function body or comprehension', async () => {
    const { uri } = await openFixture('heap-steps.py');
    const titles = async (line: number, character: number) => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(line, character, line, character));
      return actions.filter((a) => a.command?.command === 'memlens.showHeapDiagram').map((a) => a.title);
    };
    assert.deepEqual(await waitFor('the code action', async () => ((await titles(2, 10)).length > 0 ? titles(2, 10) : undefined)), ['Show heap diagram for class Node']);
    assert.deepEqual(await titles(10, 10), ['Show heap diagram for this list comprehension']);
  });
});
