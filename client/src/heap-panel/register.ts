// Wires the heap diagram into the extension: the "Show Heap Diagram" command (editor, context menu, command
// palette) and two internal commands the real-VS-Code tests use to read the panel's state and move its step.
import * as vscode from 'vscode';
import { HeapPanel, type HeapPanelState } from './heap-panel';
import type { SnapshotClient } from './snapshot-request';

export const SHOW_HEAP_DIAGRAM_COMMAND = 'memlens.showHeapDiagram';

interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function toRange(value: vscode.Range | PlainRange | undefined): vscode.Range | undefined {
  if (value instanceof vscode.Range) return value;
  if (!value || typeof value.start?.line !== 'number' || typeof value.end?.line !== 'number') return undefined;
  return new vscode.Range(value.start.line, value.start.character, value.end.line, value.end.character);
}

export function registerHeapPanel(context: vscode.ExtensionContext, client: SnapshotClient & { outputChannel: vscode.OutputChannel }): HeapPanel {
  const panel = new HeapPanel(context.extensionUri, client, client.outputChannel);
  context.subscriptions.push(
    { dispose: () => panel.dispose() },
    vscode.commands.registerCommand(SHOW_HEAP_DIAGRAM_COMMAND, async (uriArg?: vscode.Uri | string, rangeArg?: vscode.Range | PlainRange) => {
      // From a CodeLens or code action the language client passes the server's arguments as plain JSON: a URI
      // string and an LSP range of the class or function. From the palette or the context menu: nothing, so the
      // active editor's selection is used.
      const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg;
      const range = toRange(rangeArg);
      let editor = vscode.window.activeTextEditor;
      if (uri instanceof vscode.Uri && editor?.document.uri.toString() !== uri.toString()) editor = await vscode.window.showTextDocument(uri, { preview: false });
      if (!editor) {
        void vscode.window.showInformationMessage('Open a Python file to show its heap diagram.');
        return;
      }
      const selection = range ? new vscode.Selection(range.start, range.end) : editor.selection;
      await panel.show(editor.document, selection, editor.viewColumn);
    }),
    vscode.commands.registerCommand('memlens.internal.heapPanelState', (): HeapPanelState => ({ ...panel.state })),
    vscode.commands.registerCommand('memlens.internal.heapPanelGoToStep', (index: number) => panel.goToStep(index)),
  );
  return panel;
}
