// Enforces the LSP lifecycle in front of the connection, where every message passes: before `initialize`, requests
// get ServerNotInitialized (-32002) and notifications are dropped (LSP 3.17 "Initialize Request"); an `initialize`
// whose params are not an InitializeParams gets InvalidParams (-32602) instead of an internal error from deep inside
// the library; after `shutdown`, requests get InvalidRequest. Doing it on the reader covers every method, including
// those the library answers itself.
import {
  ErrorCodes,
  Message,
  type DataCallback,
  type Disposable,
  type MessageReader,
  type MessageWriter,
  type NotificationMessage,
  type RequestMessage,
} from 'vscode-languageserver/node';

type Phase = 'waiting' | 'running' | 'shut-down';

export class LifecycleGate {
  private phase: Phase = 'waiting';

  constructor(private readonly writer: MessageWriter) {}

  get initialized(): boolean {
    return this.phase !== 'waiting';
  }

  /** Wraps a reader so only messages valid in the current phase reach the connection. */
  wrap(reader: MessageReader): MessageReader {
    return {
      onError: reader.onError,
      onClose: reader.onClose,
      onPartialMessage: reader.onPartialMessage,
      listen: (callback: DataCallback): Disposable => reader.listen((message) => this.admit(message) && callback(message)),
      dispose: () => reader.dispose(),
    };
  }

  private admit(message: Message): boolean {
    if (Message.isRequest(message)) return this.admitRequest(message);
    if (Message.isNotification(message)) return this.admitNotification(message);
    return true; // responses to our own requests
  }

  private admitRequest(request: RequestMessage): boolean {
    if (request.method === 'initialize') {
      if (this.phase !== 'waiting') return this.refuse(request, ErrorCodes.InvalidRequest, 'initialize may only be sent once');
      const problem = initializeParamsProblem(request.params);
      if (problem) return this.refuse(request, ErrorCodes.InvalidParams, `invalid initialize params: ${problem}`);
      this.phase = 'running';
      return true;
    }
    if (this.phase === 'waiting') return this.refuse(request, ErrorCodes.ServerNotInitialized, `${request.method}: the server is not initialized yet (send initialize first)`);
    if (this.phase === 'shut-down') return this.refuse(request, ErrorCodes.InvalidRequest, `${request.method}: the server is shutting down`);
    if (request.method === 'shutdown') this.phase = 'shut-down';
    return true;
  }

  private admitNotification(notification: NotificationMessage): boolean {
    return this.phase !== 'waiting' || notification.method === 'exit';
  }

  private refuse(request: RequestMessage, code: number, message: string): false {
    void this.writer.write({ jsonrpc: '2.0', id: request.id, error: { code, message } } as Message).catch(() => undefined);
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with an InitializeParams, or undefined when it is usable. */
export function initializeParamsProblem(params: unknown): string | undefined {
  if (!isObject(params)) return 'params must be an object';
  if (!isObject(params.capabilities)) return '"capabilities" must be an object';
  if (params.processId !== undefined && params.processId !== null && !Number.isInteger(params.processId)) return '"processId" must be an integer or null';
  for (const key of ['rootUri', 'rootPath', 'trace', 'locale'] as const) {
    const v = params[key];
    if (v !== undefined && v !== null && typeof v !== 'string') return `"${key}" must be a string or null`;
  }
  const folders = params.workspaceFolders;
  if (folders !== undefined && folders !== null) {
    if (!Array.isArray(folders) || folders.some((f) => !isObject(f) || typeof f.uri !== 'string')) return '"workspaceFolders" must be a list of { uri, name } or null';
  }
  return undefined;
}
