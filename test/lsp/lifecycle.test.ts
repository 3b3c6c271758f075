// The LSP lifecycle over stdio: handshake, capabilities, and the JSON-RPC errors a client gets for requests that
// are early, unknown or malformed.
import { strict as assert } from 'node:assert';
import { LspClient, memoryUri } from '../support/lsp-client';

async function errorOf(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; message: string };
  }
  assert.fail('expected an error response');
}

describe('lsp: lifecycle and JSON-RPC errors', () => {
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('initializes with incremental sync and code actions (quickfix, source.fixAll.memlens)', async () => {
    client = await LspClient.start({ initialize: false });
    const result = await client.initialize();
    const caps = result.capabilities;
    assert.equal(caps.textDocumentSync.change, 2, 'incremental sync');
    assert.equal(caps.textDocumentSync.openClose, true);
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.memlens']);
  });

  it('answers a request before initialize with -32002 and drops notifications, then initializes normally', async () => {
    client = await LspClient.start({ initialize: false });
    const uri = memoryUri('early.py');
    const early = await errorOf(client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }));
    assert.equal(early.code, -32002);
    await client.open(uri, 'def f(x=[]):\n    x.append(1)\n    return x\n');
    await client.initialize();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.publishes.filter((p) => p.uri === uri).length, 0, 'a didOpen before initialize is dropped');
  });

  it('answers an unknown method with -32601 and keeps serving', async () => {
    client = await LspClient.start();
    const error = await errorOf(client.request('memlens/noSuchThing', {}));
    assert.equal(error.code, -32601);
    const uri = memoryUri('after-unknown.py');
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, 'x = 1\n');
    await published;
  });

  it('answers invalid initialize params with -32602, then accepts a valid initialize', async () => {
    client = await LspClient.start({ initialize: false });
    for (const params of [null, 42, { processId: 'me', capabilities: {} }, { processId: null }, { processId: null, capabilities: {}, workspaceFolders: 'x' }]) {
      const error = await errorOf(client.request('initialize', params));
      assert.equal(error.code, -32602, `initialize ${JSON.stringify(params)}`);
    }
    await client.initialize();
    const again = await errorOf(client.request('initialize', { processId: null, capabilities: {} }));
    assert.equal(again.code, -32600, 'a second initialize is an invalid request');
  });

  it('answers malformed codeAction params with -32602, not an internal error', async () => {
    client = await LspClient.start();
    const uri = memoryUri('params.py');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const bad = [
      undefined,
      [],
      { textDocument: { uri: 42 }, range, context: { diagnostics: [] } },
      { textDocument: { uri }, range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } },
      { textDocument: { uri }, range: { start: { line: 0.5, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } },
      { textDocument: { uri }, range },
      { textDocument: { uri }, range, context: { diagnostics: 'all' } },
      { textDocument: { uri }, range, context: { diagnostics: [{ message: 'no range' }] } },
      { textDocument: { uri }, range, context: { diagnostics: [], only: 'quickfix' } },
    ];
    for (const params of bad) {
      const error = await errorOf(client.request('textDocument/codeAction', params));
      assert.equal(error.code, -32602, `codeAction ${JSON.stringify(params)}: ${error.message}`);
    }
    const ok = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.deepEqual(ok, [], 'a valid request for an unknown document gets no actions');
  });

  it('refuses requests after shutdown and exits with 0 on exit', async () => {
    client = await LspClient.start();
    await client.request('shutdown');
    const error = await errorOf(client.request('textDocument/codeAction', {}));
    assert.equal(error.code, -32600);
    await client.notify('exit');
    await new Promise((r) => client!.child.once('exit', r));
    assert.equal(client.exitCode, 0);
  });
});
