// The MemLens language server: wiring only. Transport and lifecycle gate, open documents, configuration, the
// analysis scheduler and worker, the workspace scan and the code action provider are in features/; this file
// connects them. The same bundle is also the analysis worker thread's script (see analysis-worker.ts).
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MarkupKind,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Diagnostic,
  type Hover,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { isMainThread, workerData } from 'node:worker_threads';
import { WORKER_MARKER } from './features/analysis-protocol';
import { runAnalysisWorker } from './features/analysis-worker';
import { AnalysisWorkers } from './features/analysis-workers';
import { AnalysisScheduler } from './features/analysis-scheduler';
import { CODE_ACTION_KINDS, codeActions } from './features/code-actions';
import { heapCodeAction, heapCodeLenses, wantsHeapAction } from './features/heap-commands';
import { Configuration, filePath } from './features/configuration';
import { registerDocumentSync } from './features/document-sync';
import { guardNotification, guardRequest } from './features/handler-guard';
import { emptyHeapSnapshot, HEAP_SNAPSHOT_METHOD, requireHeapSnapshotParams, type HeapSnapshotAnswer } from './features/heap-snapshot';
import { LifecycleGate } from './features/lifecycle-gate';
import { measureLink } from './features/hover-format';
import { Notices } from './features/notices';
import { OpenDocuments } from './features/open-documents';
import { invalidParams, requireCodeActionParams, requireDocumentUri, requireTextDocumentPosition } from './features/request-params';
import { toLspRange } from './features/diagnostics';
import { DEFAULT_PYTHON } from './analysis/python-version';
import { transportFromArgs } from './features/transport';
import { WorkspaceScan } from './features/workspace-scan';

if (isMainThread) startLanguageServer();
else if ((workerData as { role?: string } | undefined)?.role === WORKER_MARKER) runAnalysisWorker();

function startLanguageServer(): void {
  const transport = transportFromArgs(process.argv.slice(2));
  const gate = new LifecycleGate(transport.writer);
  const connection = createConnection(ProposedFeatures.all, gate.wrap(transport.reader), transport.writer);
  const log = (message: string) => connection.console.error(message);

  if (transport.stdio) {
    // stdout is the protocol: anything printed goes to the client's log instead.
    console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
    console.info = console.log;
    console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
    console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
    process.stdin.on('close', () => process.exit(shuttingDown ? 0 : 1));
  }
  process.on('uncaughtException', (error) => log(`MemLens: uncaught exception: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => log(`MemLens: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

  let shuttingDown = false;
  let capabilities: ClientCapabilities = {};
  /** The client runs `command:` links in hovers (initializationOptions.commandLinks: the VS Code client). */
  let commandLinks = false;
  let workspaceFolders: string[] = [];

  // window/showMessage (a notification): the warning needs no answer, and a request would wait on the user.
  const notices = new Notices((message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }));
  const configuration = new Configuration(notices);
  const documents = new OpenDocuments();
  const loggedFailures = new Set<string>();
  const worker = new AnalysisWorkers(__filename, {
    openDocuments: () => documents.all(),
    restarted: () => scheduler.restartAll(),
    log,
    gaveUp: (why) => notices.once(`MemLens stopped analysing: ${why}. Run "MemLens: Restart Server" to try again.`),
  });

  function publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    void connection.sendDiagnostics({ uri, version, diagnostics });
  }

  // Settings arrive after `initialized` (workspace/configuration); analyses wait for them, or for a second at most
  // when the client never answers.
  let settingsLoaded: () => void = () => undefined;
  const settingsReady = new Promise<void>((resolve) => (settingsLoaded = resolve));

  const scheduler = new AnalysisScheduler(documents, worker, {
    settingsReady,
    optionsFor: (uri) => configuration.optionsForUri(uri),
    publish,
    checkFailed: (uri, failures) => {
      // Logged once per document and check: the same bug would otherwise be logged on every keystroke.
      for (const f of failures) {
        const key = `${uri}\n${f.check}\n${f.message.split('\n')[0]}`;
        if (loggedFailures.has(key)) continue;
        loggedFailures.add(key);
        log(`MemLens: check ${f.check} failed on ${uri} (its findings are missing): ${f.message}`);
      }
    },
    notice: (message) => notices.once(message),
    error: log,
    timing: process.env.MEMLENS_LOG_TIMING === '1' ? (message) => connection.console.log(message) : undefined,
  });

  const scan = new WorkspaceScan(worker, {
    createProgress: () => connection.window.createWorkDoneProgress(),
    optionsForFile: (path) => configuration.optionsForFile(path),
    isOpen: (uri) => documents.get(uri) !== undefined,
    publish,
    log: (message) => connection.console.log(message),
  });

  function startScanIfEnabled(): void {
    if (configuration.settings.workspaceScan && workspaceFolders.length > 0) scan.start(workspaceFolders).catch((e) => log(`MemLens: workspace scan failed: ${e}`));
    else scan.clear();
  }

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders.map(filePath).filter((p): p is string => p !== undefined);
    configuration.workspaceRoot = workspaceFolders[0];
    const options: unknown = params.initializationOptions;
    if (options && typeof options === 'object' && 'settings' in options) configuration.updateEditorSettings((options as { settings: unknown }).settings);
    commandLinks = !!options && typeof options === 'object' && (options as { commandLinks?: unknown }).commandLinks === true;
    // A client that never sends `initialized` or never answers workspace/configuration still gets diagnostics.
    setTimeout(settingsLoaded, 1000);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'memlens', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    guardNotification(log, 'initialized', async () => {
      try {
        await pullSettings();
      } finally {
        settingsLoaded();
      }
      startScanIfEnabled();
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'memlens' });
      }
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/pyproject.toml' }, { globPattern: '**/*.py' }] });
      }
    }),
  );

  /** Asks the client for the `memlens` section when it supports workspace/configuration. */
  async function pullSettings(): Promise<void> {
    if (!capabilities.workspace?.configuration) return;
    const [section] = await connection.workspace.getConfiguration([{ section: 'memlens' }]);
    configuration.updateEditorSettings(section);
  }

  connection.onDidChangeConfiguration(
    guardNotification(log, 'workspace/didChangeConfiguration', async (params) => {
      const scanWasOn = configuration.settings.workspaceScan;
      const lensWasOn = configuration.settings.codeLens;
      if (capabilities.workspace?.configuration) await pullSettings();
      else configuration.updateEditorSettings((params?.settings as { memlens?: unknown } | undefined)?.memlens);
      if (configuration.settings.codeLens !== lensWasOn && capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh');
      scheduler.reanalyseAll();
      if (configuration.settings.workspaceScan || scanWasOn) startScanIfEnabled();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification(log, 'workspace/didChangeWatchedFiles', (params) => {
      let projectChanged = false;
      for (const change of params?.changes ?? []) {
        if (typeof change?.uri !== 'string') continue;
        if (change.uri.endsWith('/pyproject.toml')) projectChanged = true;
        else if (configuration.settings.workspaceScan && !scan.running) {
          const path = filePath(change.uri);
          if (change.type === FileChangeType.Deleted) scan.forget(change.uri);
          else if (path) void scan.analyseFile(path);
        }
      }
      if (projectChanged) {
        configuration.projectFilesChanged();
        scheduler.reanalyseAll(true);
        startScanIfEnabled();
      }
    }),
  );

  registerDocumentSync(
    connection,
    documents,
    worker,
    scheduler,
    {
      closed: (uri) => {
        const path = filePath(uri);
        if (configuration.settings.workspaceScan && path) void scan.analyseFile(path);
        else publish(uri, undefined, []);
      },
    },
    log,
  );

  connection.onCodeAction(
    guardRequest(log, 'textDocument/codeAction', async (raw: unknown) => {
      const params = requireCodeActionParams(raw);
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const revision = doc.revision;
      const only = params.context.only ?? undefined;
      const [result, targets] = await Promise.all([scheduler.resultFor(doc), wantsHeapAction(only) ? worker.heapTargets(doc.uri, { line: params.range.start.line, column: params.range.start.character }) : Promise.resolve(null)]);
      // Edited while waiting: these findings no longer match the text the client has.
      if (doc.revision !== revision) return [];
      const heapAction = targets ? heapCodeAction(doc.uri, targets, params.range) : undefined;
      if (!result) return heapAction ? [heapAction] : [];
      const fixes = codeActions({
        uri: doc.uri,
        version: doc.version,
        findings: result.findings,
        range: params.range,
        diagnostics: params.context.diagnostics,
        only,
        documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      });
      return heapAction ? [...fixes, heapAction] : fixes;
    }),
  );

  connection.onCodeLens(
    guardRequest(log, 'textDocument/codeLens', async (raw: unknown) => {
      const uri = requireDocumentUri('textDocument/codeLens', raw);
      const doc = documents.get(uri);
      if (!doc || !configuration.settings.codeLens) return [];
      const revision = doc.revision;
      const targets = await worker.heapTargets(uri);
      if (doc.revision !== revision || !targets) return [];
      return heapCodeLenses(uri, targets);
    }),
  );

  connection.onHover(
    guardRequest(log, 'textDocument/hover', async (raw: unknown): Promise<Hover | null> => {
      const { uri, position } = requireTextDocumentPosition('textDocument/hover', raw);
      if (!documents.get(uri)) return null;
      const python = configuration.optionsForUri(uri).python ?? DEFAULT_PYTHON;
      // A hover that takes longer than this is useless: the pointer has moved on.
      const answer = await Promise.race([worker.hover(uri, position.line, position.character, python), new Promise<null>((r) => setTimeout(() => r(null), 2000))]);
      if (!answer) return null;
      const markdown = commandLinks ? `${answer.markdown}\n\n${measureLink(uri, position)}` : answer.markdown;
      return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: toLspRange(answer.range) };
    }),
  );

  // memlens/heapSnapshot (custom request; custom methods need no capability): the heap diagram panel's snapshot.
  // The simulation runs in the analysis worker, so this thread keeps answering while it runs.
  connection.onRequest(
    HEAP_SNAPSHOT_METHOD,
    guardRequest(log, HEAP_SNAPSHOT_METHOD, async (raw: unknown, token): Promise<HeapSnapshotAnswer> => {
      const request = requireHeapSnapshotParams(raw);
      if (!documents.get(request.uri)) throw invalidParams(HEAP_SNAPSHOT_METHOD, `${request.uri} is not open (send textDocument/didOpen first)`);
      const python = request.python ?? configuration.optionsForUri(request.uri).python ?? DEFAULT_PYTHON;
      const outcome = await worker.heapSnapshot({ uri: request.uri, position: request.position, range: request.range, steps: request.steps, python }, (cancel) => token.onCancellationRequested(cancel));
      // $/cancelRequest: LSP's answer for a cancelled request (the simulation was skipped if it had not started).
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${HEAP_SNAPSHOT_METHOD}: cancelled`);
      if (outcome.kind === 'done') return outcome.snapshot;
      if (outcome.kind === 'not-open') return emptyHeapSnapshot(python, 'not simulated: the document was closed');
      return emptyHeapSnapshot(python, `not simulated: ${outcome.why}`);
    }),
  );

  connection.onShutdown(() => {
    shuttingDown = true;
    scan.cancel();
    for (const doc of documents.all()) scheduler.forget(doc.uri);
    worker.dispose();
  });

  connection.listen();
}
