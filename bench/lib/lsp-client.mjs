// A minimal LSP client for the benchmark (the tests' client is TypeScript: test/support/lsp-client.ts). Spawns the
// bundled server (`node dist/server.js --stdio`), speaks JSON-RPC with vscode-jsonrpc, answers the server's own
// requests, and lets the caller wait for the publishDiagnostics of one document version. Times are taken on
// arrival of the message in this process, so they include the pipe and JSON (de)serialisation, as in an editor.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import rpc from 'vscode-jsonrpc/node.js';
import { nowMs } from './stats.mjs';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = rpc;

/** Linux clock ticks per second for /proc/<pid>/stat (USER_HZ is 100 on every Linux the bench runs on). */
const CLOCK_TICKS = 100;

export class BenchLspClient {
  /** Every publishDiagnostics, with its arrival time. */
  publishes = [];
  waiters = [];
  stderr = '';

  /** `nodeArgs`: options for the server's node (e.g. `--cpu-prof`, which NODE_OPTIONS does not allow). */
  constructor(serverJs, { env = {}, nodeArgs = [] } = {}) {
    this.spawnedAt = nowMs();
    this.child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...env } });
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => this.record(p));
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.listen();
  }

  async initialize() {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, workDoneProgress: true },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { didSave: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri, text, version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  hover(uri, position) {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  /** The first publish for `uri` (already received after `since`, or still to come) that satisfies `test`. */
  waitForPublish(uri, test = () => true, { since = 0, timeoutMs = 15_000 } = {}) {
    const seen = this.publishes.find((p) => p.at >= since && p.params.uri === uri && test(p.params));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { uri, test, resolve };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no publishDiagnostics for ${uri} within ${timeoutMs} ms (server stderr: ${this.stderr.slice(-500)})`));
      }, timeoutMs);
      waiter.resolve = (p) => {
        clearTimeout(timer);
        resolve(p);
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once no publish has arrived for `quietMs`. */
  async settle(quietMs = 500) {
    let count = -1;
    while (count !== this.publishes.length) {
      count = this.publishes.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  }

  /** The server process's user + system CPU time so far (all its threads, the analysis worker included), in ms. */
  cpuMs() {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return NaN;
    }
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 2000))]);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    this.connection.dispose();
  }

  record(params) {
    const entry = { at: nowMs(), params };
    this.publishes.push(entry);
    for (const w of [...this.waiters]) {
      if (w.uri === params.uri && w.test(params)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(entry);
      }
    }
  }
}
