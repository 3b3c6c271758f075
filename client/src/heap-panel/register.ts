// Wires the heap diagram into the extension: the "Show Heap Diagram" command (editor, context menu, command
// palette) and two internal commands the real-VS-Code tests use to read the panel's state and move its step.
import * as vscode from 'vscode';
import { HeapPanel, type HeapPanelState } from './heap-panel';
import type { SnapshotClient } from './snapshot-request';

export const SHOW_HEAP_DIAGRAM_COMMAND = 'memlens.showHeapDiagram';

export function registerHeapPanel(context: vscode.ExtensionContext, client: SnapshotClient & { outputChannel: vscode.OutputChannel }): HeapPanel {
  const panel = new HeapPanel(context.extensionUri, client, client.outputChannel);
  context.subscriptions.push(
    { dispose: () => panel.dispose() },
    vscode.commands.registerCommand(SHOW_HEAP_DIAGRAM_COMMAND, async (uri?: vscode.Uri, range?: vscode.Range) => {
      // From a CodeLens or code action: (uri, range of the class or function). From the palette: the active editor.
      let editor = vscode.window.activeTextEditor;
      if (uri instanceof vscode.Uri && editor?.document.uri.toString() !== uri.toString()) editor = await vscode.window.showTextDocument(uri, { preview: false });
      if (!editor) {
        void vscode.window.showInformationMessage('Open a Python file to show its heap diagram.');
        return;
      }
      const selection = range instanceof vscode.Range ? new vscode.Selection(range.start, range.end) : editor.selection;
      await panel.show(editor.document, selection, editor.viewColumn);
    }),
    vscode.commands.registerCommand('memlens.internal.heapPanelState', (): HeapPanelState => ({ ...panel.state })),
    vscode.commands.registerCommand('memlens.internal.heapPanelGoToStep', (index: number) => panel.goToStep(index)),
  );
  return panel;
}
