// The VS Code side, kept thin: it starts the bundled language server (dist/server.js, Node IPC), forwards the
// `memlens` settings (with `auto` resolved through the Python extension's interpreter when there is one), shows the
// target version and analysis state in the status bar, and offers the commands. Everything MemLens knows lives in
// the server, so other editors get the same behaviour over LSP.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { explainMemoryAtCursor, selectPythonVersion } from './commands';
import { registerHeapPanel } from './heap-panel/register';
import { registerMeasureCommand } from './measure-command';
import { measureHoverMiddleware } from './measure-hover';
import { PythonInterpreter } from './python-interpreter';
import { MemLensStatusBar } from './status-bar';

let client: LanguageClient | undefined;

/** What `activate` returns: read by the real-VS-Code tests (status bar items of other extensions are not readable). */
export interface MemLensApi {
  statusBar: { readonly text: string; readonly tooltip: string; refresh(): Promise<void> };
}

/**
 * Marks documents as being analysed until their diagnostics arrive, and replaces `pythonVersion: auto` in the
 * settings the server pulls with the Python extension's interpreter version when one is known (the server reads an
 * explicit version as given; without the Python extension `auto` reaches it unchanged and pyproject.toml decides).
 */
function middleware(status: MemLensStatusBar, interpreter: PythonInterpreter): Middleware {
  return {
    // Trusts the hover's "Measure with Python" link and adds the last measurement of the hovered snippet.
    ...measureHoverMiddleware,
    didOpen: (document, next) => {
      if (document.languageId === 'python') status.analysisStarted(document.uri.toString());
      return next(document);
    },
    didChange: (event, next) => {
      if (event.document.languageId === 'python' && event.contentChanges.length > 0) status.analysisStarted(event.document.uri.toString());
      return next(event);
    },
    handleDiagnostics: (uri, diagnostics, next) => {
      status.analysisFinished(uri.toString());
      next(uri, diagnostics);
    },
    workspace: {
      configuration: async (params, token, next) => {
        const result = await next(params, token);
        if (!interpreter.available || !Array.isArray(result)) return result;
        const resource = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
        const version = await interpreter.version(resource);
        if (!version) return result;
        return result.map((section, i) => {
          const wanted = params.items[i]?.section;
          if (wanted !== 'memlens' || !section || typeof section !== 'object') return section;
          const memlens = section as { pythonVersion?: unknown };
          return memlens.pythonVersion === 'auto' || memlens.pythonVersion === undefined ? { ...memlens, pythonVersion: version } : section;
        });
      },
    },
  };
}

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.OutputChannel, middleware: Middleware): LanguageClient {
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
    middleware,
    // The hovers may end with a `command:` link: this client runs it (server/src/features/hover-format.ts).
    initializationOptions: { commandLinks: true },
    // `memlens.trace.server` is read by the client library itself (traceOutputChannel defaults to outputChannel).
  };
  return new LanguageClient('memlens', 'MemLens', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<MemLensApi> {
  const outputChannel = vscode.window.createOutputChannel('MemLens');
  const interpreter = new PythonInterpreter();
  const status = new MemLensStatusBar(interpreter);
  context.subscriptions.push(outputChannel, interpreter, status);
  client = createClient(context, outputChannel, middleware(status, interpreter));
  registerHeapPanel(context, client);
  registerMeasureCommand(context);

  context.subscriptions.push(
    vscode.commands.registerCommand('memlens.selectPythonVersion', (version?: string) => selectPythonVersion(version)),
    vscode.commands.registerCommand('memlens.explainMemoryAtCursor', () => explainMemoryAtCursor()),
    // A new interpreter changes what `auto` means: have the server pull the settings again.
    interpreter.onDidChange(() => {
      void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('memlens.restartServer', async () => {
      if (!client) return;
      outputChannel.appendLine('Restarting the MemLens server');
      await client.restart();
    }),
  );

  // Activation does not wait for the server process to start and answer `initialize` (~100-400 ms): the language
  // client queues requests until then, so activate() returns at once and VS Code is never held up by it.
  const started = client.start().then(
    () => status.refresh(),
    (error: unknown) => outputChannel.appendLine(`MemLens: the language server did not start: ${error instanceof Error ? error.message : String(error)}`),
  );
  // Not awaited either: activating the Python extension can take seconds. Once it answers, the server pulls the
  // settings again with `auto` resolved to its interpreter.
  void Promise.all([started, interpreter.connect()]).then(() => {
    if (!interpreter.available) return;
    void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    void status.refresh();
  });
  return { statusBar: status };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}
