// Every handler runs inside a guard: an exception (a bug, or input nobody foresaw) is logged with its stack to the
// client's output and, for a request, answered with an error response. The server process never dies of it, so a
// bad document cannot start a crash-restart loop in the editor.
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export type Log = (message: string) => void;

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export function guardRequest<P, R>(log: Log, method: string, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`MemLens: ${method} failed: ${errorText(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

export function guardNotification<P>(log: Log, method: string, handler: (params: P) => void | Promise<void>) {
  return (params: P): void => {
    try {
      const result = handler(params);
      if (result instanceof Promise) result.catch((error) => log(`MemLens: ${method} failed: ${errorText(error)}`));
    } catch (error) {
      log(`MemLens: ${method} failed: ${errorText(error)}`);
    }
  };
}
