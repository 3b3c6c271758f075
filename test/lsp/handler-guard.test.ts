// A handler that throws is logged and answered with an error response; the process lives on.
import { strict as assert } from 'node:assert';
import { CancellationToken, ResponseError } from 'vscode-languageserver/node';
import { guardNotification, guardRequest } from '../../server/src/features/handler-guard';

describe('lsp: handler guard', () => {
  it('turns an exception into an InternalError response and logs its stack', async () => {
    const logged: string[] = [];
    const handler = guardRequest(
      (m) => logged.push(m),
      'test/method',
      () => {
        throw new TypeError('boom');
      },
    );
    const error = await handler({}, CancellationToken.None).catch((e: unknown) => e);
    assert.ok(error instanceof ResponseError);
    assert.equal(error.code, -32603);
    assert.match(error.message, /test\/method failed: boom/);
    assert.match(logged[0], /TypeError: boom\n\s+at /);
  });

  it('passes JSON-RPC errors through unchanged', async () => {
    const handler = guardRequest(() => undefined, 'm', () => {
      throw new ResponseError(-32602, 'bad params');
    });
    const error = (await handler({}, CancellationToken.None).catch((e: unknown) => e)) as ResponseError<void>;
    assert.equal(error.code, -32602);
  });

  it('logs a failing notification handler, sync or async, without throwing', async () => {
    const logged: string[] = [];
    guardNotification((m) => logged.push(m), 'n1', () => {
      throw new Error('sync');
    })({});
    guardNotification((m) => logged.push(m), 'n2', async () => {
      throw new Error('async');
    })({});
    await new Promise((r) => setImmediate(r));
    assert.equal(logged.length, 2);
  });
});
