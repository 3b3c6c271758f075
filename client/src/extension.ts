// The VS Code side, kept thin: it starts the bundled language server (dist/server.js, Node IPC), forwards the
// `memlens` settings, and offers "MemLens: Restart Server". Everything MemLens knows lives in the server, so other
// editors get the same behaviour over LSP.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerHeapPanel } from './heap-panel/register';

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ],
    // The server pulls the section (workspace/configuration) whenever it is told it changed.
    synchronize: { configurationSection: 'memlens' },
    outputChannel,
    // `memlens.trace.server` is read by the client library itself (traceOutputChannel defaults to outputChannel).
  };
  return new LanguageClient('memlens', 'MemLens', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('MemLens');
  context.subscriptions.push(outputChannel);
  client = createClient(context, outputChannel);
  registerHeapPanel(context, client);

  context.subscriptions.push(
    vscode.commands.registerCommand('memlens.restartServer', async () => {
      if (!client) return;
      outputChannel.appendLine('Restarting the MemLens server');
      await client.restart();
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
