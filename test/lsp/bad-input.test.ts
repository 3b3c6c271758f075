// Bad input keeps the server working: out-of-range and malformed edits, edits to unopened documents, NUL bytes,
// lone surrogates and invalid UTF-8 on the wire, binary content, a 5 MB document, 10,000-deep nesting and a 1 MB
// line. After each, the server must still answer a request and publish diagnostics.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { LspClient, memoryUri } from '../support/lsp-client';

// MEM702 (on by default): a mutable default that the function mutates.
const MUTABLE = 'def f(x=[]):\n    x.append(1)\n    return x\n';

/** The server is alive and responsive: it answers a request and analyses a fresh document. */
async function assertServing(client: LspClient, label: string): Promise<void> {
  assert.ok(client.alive, `${label}: server exited\n${client.stderr}`);
  const uri = memoryUri(`probe-${Math.random().toString(36).slice(2)}.py`);
  const published = client.waitForDiagnostics(uri, () => true, 10_000);
  await client.open(uri, MUTABLE);
  const p = await published;
  assert.deepEqual(p.diagnostics.map((d) => d.code), ['MEM702'], label);
  const actions = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range: p.diagnostics[0].range, context: { diagnostics: p.diagnostics } });
  assert.ok(actions.length > 0, `${label}: code actions answered`);
}

/** Resident memory of the server process (both worker threads included), from ps; '?' where ps is missing. */
function serverRssMb(client: LspClient): string {
  try {
    return (Number(execFileSync('ps', ['-o', 'rss=', '-p', String(client.child.pid)]).toString().trim()) / 1024).toFixed(0);
  } catch {
    return '?';
  }
}

function rawMessage(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

describe('lsp: bad input', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('clamps didChange positions past the end of the document', async () => {
    const uri = memoryUri('out-of-range.py');
    await client.open(uri, 'x = 1\n');
    await client.waitForDiagnostics(uri);
    const published = client.waitForDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, 2, [{ range: { start: { line: 1000, character: 9999 }, end: { line: 5000, character: 1 } }, text: '\n' + MUTABLE }]);
    const p = await published;
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['MEM702'], 'the text was appended at the end');
    assert.equal(p.diagnostics[0].range.start.line, 2);
    await assertServing(client, 'out-of-range change');
  });

  it('survives malformed didChange notifications', async () => {
    const uri = memoryUri('malformed.py');
    await client.open(uri, MUTABLE);
    await client.waitForDiagnostics(uri);
    const bad: unknown[] = [
      { textDocument: { uri, version: 2 } },
      { textDocument: { uri, version: 3 }, contentChanges: 'x' },
      { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: -3, character: 0.5 }, end: { line: 'a', character: 0 } }, text: 'y' }] },
      { textDocument: { uri, version: 5 }, contentChanges: [{ range: { start: { line: -3, character: 0.5 }, end: { line: 0, character: -1 } }, text: '# start\n' }] },
      { textDocument: { uri, version: 6 }, contentChanges: [null, 3, { text: 42 }] },
      { textDocument: {}, contentChanges: [] },
      null,
    ];
    for (const params of bad) await client.notify('textDocument/didChange', params);
    const p = await client.waitForDiagnostics(uri, (q) => (q.version ?? 0) >= 5);
    assert.equal(p.diagnostics[0]?.range.start.line, 1, `negative positions clamped to the start: ${JSON.stringify(p)}`);
    await assertServing(client, 'malformed didChange');
  });

  it('ignores edits and closes for documents that were never opened', async () => {
    const uri = memoryUri('never-opened.py');
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    await client.change(uri, 3, [{ text: MUTABLE }]);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.notify('textDocument/didOpen', { textDocument: { uri } });
    await assertServing(client, 'edits to unopened documents');
    assert.equal(client.publishes.filter((p) => p.uri === uri).length, 0);
  });

  it('analyses text with NUL bytes and lone surrogates', async () => {
    const uri = memoryUri('nul.py');
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, `s = "a\u0000b"\nt = "\ud800 \udfff"\n${MUTABLE}`);
    const p = await published;
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['MEM702']);
    assert.equal(p.diagnostics[0].range.start.line, 2);
    const changed = client.waitForDiagnostics(uri, (q) => q.version === 2);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: '\u0000\ud83d' }]);
    await changed;
    await assertServing(client, 'NUL and surrogates');
  });

  it('survives invalid UTF-8 and invalid JSON on the wire', async () => {
    const uri = memoryUri('bytes.py');
    const head = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'python', version: 1, text: 'XX' } } }));
    const at = head.indexOf('XX');
    const body = Buffer.concat([head.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from('\\n'), head.subarray(at + 2)]);
    const published = client.waitForDiagnostics(uri);
    client.child.stdin.write(rawMessage(body));
    await published;
    client.child.stdin.write(rawMessage(Buffer.from('{"jsonrpc": "2.0", "method": ')));
    await assertServing(client, 'invalid UTF-8 and JSON');
  });

  it('reports binary content once, publishes nothing for it, and keeps serving', async () => {
    const uri = memoryUri('image.py');
    let binary = '';
    for (let i = 0; i < 20_000; i++) binary += String.fromCharCode((i * 7919) % 256);
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, binary);
    assert.deepEqual((await published).diagnostics, []);
    const changed = client.waitForDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\u0001\u0002' }]);
    await changed;
    const about = client.messages.filter((m) => m.message.includes('image.py'));
    assert.equal(about.length, 1, JSON.stringify(client.messages));
    assert.match(about[0].message, /binary/);
    await assertServing(client, 'binary content');
  });

  it('handles brackets nested 10,000 deep without a stack overflow', async () => {
    const depth = 10_000;
    const sources = {
      'deep-list.py': `x = ${'['.repeat(depth)}${']'.repeat(depth)}\n${MUTABLE}`,
      'deep-call.py': `y = ${'f('.repeat(depth)}1${')'.repeat(depth)}\n${MUTABLE}`,
      'deep-comprehension.py': `z = sum(${'[i for i in '.repeat(500)}y${']'.repeat(500)})\n${MUTABLE}`,
      'deep-unclosed.py': `w = ${'({['.repeat(depth)}\n${MUTABLE}`,
    };
    for (const [name, text] of Object.entries(sources)) {
      const uri = memoryUri(name);
      const published = client.waitForDiagnostics(uri);
      await client.open(uri, text);
      const p = await published;
      if (name !== 'deep-unclosed.py') assert.ok(p.diagnostics.some((d) => d.code === 'MEM702'), name);
    }
    assert.ok(!client.logs.some((l) => /Maximum call stack/.test(l)), client.logs.join('\n'));
    await assertServing(client, 'deep nesting');
  });

  it('analyses a 1 MB line', async () => {
    const uri = memoryUri('long-line.py');
    const published = client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'MEM702'));
    await client.open(uri, `data = [${'1, '.repeat(350_000)}]\n${MUTABLE}`);
    await published;
    await assertServing(client, 'long line');
  });
});

describe('lsp: huge documents', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics for a 5 MB document within 2 s, and stays responsive', async function () {
    this.timeout(120_000);
    const unit = (n: number) =>
      `class Record${n}:\n    def __init__(self, x, items=[]):\n        self.x = x\n        self.items = items\n\n    def total(self):\n        return sum([i for i in self.items])\n\n\nCACHE_${n} = {}\n\n\ndef helper_${n}(a, b=None):\n    with open("f.txt") as fh:\n        data = fh.read()\n    return [a, b, data]\n\n\n`;
    const parts: string[] = [];
    let size = 0;
    for (let n = 0; size < 5 * 1024 * 1024; n++) {
      parts.push(unit(n));
      size += parts[parts.length - 1].length;
    }
    const text = parts.join('');
    const uri = memoryUri('huge.py');
    const published = client.waitForDiagnostics(uri, () => true, 20_000);
    const started = performance.now();
    await client.open(uri, text);
    const p = await published;
    const ms = performance.now() - started;
    console.log(`      5 MB document (${text.split('\n').length} lines): ${p.diagnostics.length} diagnostics in ${ms.toFixed(0)} ms`);
    assert.ok(p.diagnostics.length > 100, 'the first findings (of the beginning of the document, at least)');
    assert.ok(ms < 2000, `diagnostics took ${ms.toFixed(0)} ms`);

    // A keystroke in the huge document, then a request on another document: answered while it re-analyses.
    const small = memoryUri('beside-huge.py');
    await client.open(small, MUTABLE);
    const d = (await client.waitForDiagnostics(small)).diagnostics;
    const again = client.waitForDiagnostics(uri, (q) => q.version === 2, 90_000);
    const edited = performance.now();
    await client.change(uri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '        pass\n' }]);
    const requested = performance.now();
    await client.request('textDocument/codeAction', { textDocument: { uri: small }, range: d[0].range, context: { diagnostics: d } });
    const answered = performance.now() - requested;
    assert.ok(answered < 1000, `a request on another document waited ${answered.toFixed(0)} ms`);
    // Hovers in the huge document itself while it is being re-analysed.
    // They wait for the worker to have parsed the keystroke (a hover must match the editor's text), and give up
    // after 2 s; a hover must never answer for the wrong class.
    const hoverTimes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const line = i === 0 ? 0 : 18 * i * 100 + 1; // + 1: the keystroke added a line in the first class
      const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } });
      const ms = performance.now() - t;
      hoverTimes.push(`${ms.toFixed(0)}${h ? '' : ' (none)'}`);
      assert.ok(ms < 2500, `hover ${i} took ${ms.toFixed(0)} ms`);
      if (h) assert.match(h.contents.value, new RegExp(`class Record${i * 100}\\*`));
    }
    console.log(`      hovers in the 5 MB document during re-analysis: ${hoverTimes.join(', ')} ms`);
    const full = await again;
    const lastLine = Math.max(...full.diagnostics.map((d) => d.range.start.line));
    assert.ok(lastLine > text.split('\n').length - 100, `the complete analysis reaches the end of the document (last finding on line ${lastLine})`);
    console.log(`      after a keystroke: re-published in ${(performance.now() - edited).toFixed(0)} ms; a code action request meanwhile took ${answered.toFixed(0)} ms; server RSS ${serverRssMb(client)} MB`);
    await assertServing(client, '5 MB document');
  });
});

describe('lsp: analysis time limits', () => {
  let client: LspClient;
  before(async () => {
    // Every check "runs too long" at a 1 ms limit: each is stopped, left out for the document, and the rest goes on.
    client = await LspClient.start({ env: { MEMLENS_CHECK_LIMIT_MS: '1' } });
  });
  after(async () => {
    await client.stop();
  });

  it('stops a check that runs too long, says so, and still publishes and serves', async function () {
    this.timeout(60_000);
    const uri = memoryUri('slow.py');
    const settled = client.waitForDiagnostics(uri, () => client.messages.some((m) => m.message.includes('slow.py')), 30_000);
    await client.open(uri, MUTABLE.repeat(200));
    await settled;
    assert.match(client.messages.find((m) => m.message.includes('slow.py'))!.message, /skips the [a-z-]+ check on .*slow\.py: it took longer than the limit/);
    assert.ok(client.alive);
    const error = await client.request('memlens/unknown').catch((e: { code: number }) => e.code);
    assert.equal(error, -32601, 'still answering');
  });

  it('re-opens documents in a restarted worker with the editor text, edits included', async function () {
    this.timeout(60_000);
    const uri = memoryUri('restarted.py');
    await client.open(uri, 'class Early:\n    pass\n');
    await client.waitForDiagnostics(uri, () => true, 30_000);
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# moved down\n\n' }]);
    // Another document's slow checks restart the worker (1 ms limit), which re-opens this one from its text.
    const restartsBefore = client.logs.filter((l) => l.includes('restarting the analysis worker')).length;
    const other = memoryUri('restarts-worker.py');
    await client.open(other, MUTABLE.repeat(50));
    await client.waitForDiagnostics(other, () => true, 30_000);
    assert.ok(client.logs.filter((l) => l.includes('restarting the analysis worker')).length > restartsBefore, 'the worker was restarted');
    await client.change(uri, 3, [{ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 11 } }, text: 'Later' }]);
    const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 8 } });
    assert.ok(h, 'hover answered');
    assert.match(h.contents.value, /class Later/);
  });
});
