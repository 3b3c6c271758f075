// A small LSP client for integration tests: spawns the bundled server (`node dist/server.js --stdio`), speaks
// JSON-RPC to it with vscode-jsonrpc, answers the server's own requests (configuration, progress tokens,
// registrations) and records what the server sends (diagnostics, messages, logs, progress).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER_JS = join(__dirname, '..', '..', 'dist', 'server.js');

export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  tags?: number[];
  relatedInformation?: Array<{ location: { uri: string; range: Range }; message: string }>;
}
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edit?: { changes?: Record<string, TextEdit[]>; documentChanges?: Array<{ textDocument: { uri: string; version: number }; edits: TextEdit[] }> };
}

export interface StartOptions {
  /** Answered to workspace/configuration; when set, the client declares the configuration capability. */
  settings?: () => unknown;
  workspaceFolders?: string[];
  capabilities?: Record<string, unknown>;
  initialize?: boolean;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
}

interface Waiter {
  uri: string;
  test: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspClient {
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly messages: Array<{ type: number; message: string }> = [];
  readonly logs: string[] = [];
  readonly progress: Array<{ token: unknown; value: { kind: string; title?: string; message?: string; percentage?: number } }> = [];
  stderr = '';
  exitCode: number | null | undefined;
  private waiters: Waiter[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run node scripts/build.mjs (npm test builds first)`);
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...options.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection);
    child.stderr.on('data', (d: Buffer) => (client.stderr += d.toString()));
    child.on('exit', (code) => (client.exitCode = code));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.recordPublish(p));
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => client.messages.push(p));
    connection.onNotification('window/logMessage', (p: { message: string }) => client.logs.push(p.message));
    connection.onNotification('$/progress', (p: LspClient['progress'][number]) => client.progress.push(p));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => options.settings?.() ?? null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.listen();
    if (options.initialize !== false) await client.initialize(options);
    return client;
  }

  async initialize(options: StartOptions = {}): Promise<{ capabilities: Record<string, any> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, any> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: (options.workspaceFolders ?? []).map((uri) => ({ uri, name: uri })),
      capabilities: {
        workspace: { configuration: options.settings !== undefined, workDoneProgress: true, workspaceEdit: { documentChanges: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
        ...options.capabilities,
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  request<R = unknown>(method: string, params?: unknown): Promise<R> {
    return params === undefined ? this.connection.sendRequest<R>(method) : this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1, languageId = 'python'): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** The next publish for `uri` received after this call that satisfies `test`. */
  waitForDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const got = this.publishes.filter((p) => p.uri === uri).map((p) => `v${p.version}: ${p.diagnostics.length > 5 ? `${p.diagnostics.length} diagnostics` : JSON.stringify(p.diagnostics.map((d) => [d.code, d.range.start.line]))}`);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${got.slice(-5).join('; ') || 'none'}\nstderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits until no diagnostics arrived for `quietMs`, then returns the publishes for `uri`. */
  async settle(uri: string, quietMs = 600): Promise<PublishDiagnosticsParams[]> {
    let count = -1;
    while (count !== this.publishes.length) {
      count = this.publishes.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
    return this.publishes.filter((p) => p.uri === uri);
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await Promise.race([this.request('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await this.notify('exit');
      } catch {
        // already gone
      }
      await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
    }
    if (this.alive) this.child.kill();
    this.connection.dispose();
  }

  private recordPublish(p: PublishDiagnosticsParams): void {
    this.publishes.push(p);
    for (const w of [...this.waiters]) {
      if (w.uri === p.uri && w.test(p)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(p);
      }
    }
  }
}

/** A file: URI that does not exist on disk, so no pyproject.toml above it applies. */
export function memoryUri(name: string): string {
  return `file:///memlens-test-nonexistent/${name}`;
}
