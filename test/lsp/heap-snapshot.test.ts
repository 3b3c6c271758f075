// memlens/heapSnapshot: the heap diagram's snapshot over LSP. The simulation runs in the analysis worker; bad
// params are InvalidParams; code the simulator cannot model still gives a snapshot, with diagnostics.
import { strict as assert } from 'node:assert';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspClient, memoryUri } from '../support/lsp-client';

interface HeapObject {
  id: number;
  type: string;
  shallow: number | null;
  flags: string[];
  cyclePath?: string[];
}
interface HeapSnapshot {
  python: string;
  frames: Array<{ name: string; variables: Array<{ name: string; target: number }> }>;
  objects: HeapObject[];
  totals: { bytes: number; gcOnlyObjects: number; unknownObjects: number };
  diagnostics: Array<{ message: string }>;
  steps?: Array<{ range: { start: { line: number } } }>;
  snippet?: { kind: string; label: string };
  focus?: { label: string; target?: number };
}

const CLASSES = [
  'class Point:',
  '    def __init__(self, x: int, y: int):',
  '        self.x = x',
  '        self.y = y',
  '',
  '',
  'class Node:',
  '    def __init__(self):',
  '        self.children = []',
  '        self.parent = None',
  '',
  '',
  'root = Node()',
  'child = Node()',
  'child.parent = root',
  'root.children.append(child)',
  'del root, child',
  'names = [str(i) for i in range(3)]',
  '',
].join('\n');

const HUGE = ['import requests', '', 'data = requests.get("https://example.com").json()', 'rows = [0] * 10**12', 'big = [i for i in range(10**9)]', 'while True:', '    big.append(1)', ''].join('\n');

describe('lsp: heap snapshot', function () {
  this.timeout(30_000);
  let client: LspClient;
  const uri = memoryUri('heap-classes.py');
  const hugeUri = memoryUri('heap-huge.py');
  before(async () => {
    client = await LspClient.start();
    await client.open(uri, CLASSES);
    await client.open(hugeUri, HUGE);
  });
  after(async () => {
    await client.stop();
  });

  const snapshot = (params: Record<string, unknown>, target = uri) => client.request<HeapSnapshot>('memlens/heapSnapshot', { textDocument: { uri: target }, steps: true, ...params });
  const invalid = (params: unknown) =>
    client.request('memlens/heapSnapshot', params).then(
      () => assert.fail(`accepted ${JSON.stringify(params)}`),
      (e: { code: number; message: string }) => e,
    );

  it('sizes one instance of the class at the cursor, for the document version or the one asked for', async () => {
    const s = await snapshot({ position: { line: 0, character: 8 } });
    assert.equal(s.python, '3.12');
    assert.equal(s.snippet?.kind, 'class-instance');
    assert.match(s.snippet!.label, /instance of Point/);
    const point = s.objects.find((o) => o.type === 'Point');
    assert.ok(point, JSON.stringify(s.objects.map((o) => o.type)));
    assert.equal(s.focus?.target, point.id);
    assert.ok(typeof point.shallow === 'number' && point.shallow > 0);
    assert.ok(s.totals.bytes >= point.shallow);
    assert.ok(s.steps && s.steps.length > 0, 'steps were asked for');

    const old = await snapshot({ position: { line: 0, character: 8 }, python: '3.8' });
    assert.equal(old.python, '3.8');
    const oldPoint = old.objects.find((o) => o.type === 'Point');
    assert.ok(oldPoint && typeof oldPoint.shallow === 'number');
  });

  it('flags a cycle left after del as gc-only (a range over top-level statements runs the module up to its end)', async () => {
    const s = await snapshot({ range: { start: { line: 12, character: 0 }, end: { line: 16, character: 15 } } });
    assert.equal(s.snippet?.kind, 'statements');
    const nodes = s.objects.filter((o) => o.type === 'Node');
    assert.equal(nodes.length, 2, JSON.stringify(s.objects.map((o) => o.type)));
    for (const n of nodes) assert.ok(n.flags.includes('gc-only'), `Node#${n.id} flags ${n.flags.join(',')}`);
    assert.ok(s.totals.gcOnlyObjects >= 2);
    assert.ok(nodes.some((n) => (n.cyclePath?.length ?? 0) > 0), 'the cycle path is given');
    // The statement after the range did not run.
    assert.ok(!s.frames.some((f) => f.variables.some((v) => v.name === 'names')));
  });

  it('runs the class for a range on its definition (what the CodeLens sends) and the whole module without a position', async () => {
    const s = await snapshot({ range: { start: { line: 6, character: 0 }, end: { line: 9, character: 26 } } });
    assert.equal(s.snippet?.kind, 'class-instance');
    assert.ok(s.objects.some((o) => o.type === 'Node'));
    const whole = await snapshot({});
    assert.equal(whole.snippet?.kind, 'module');
    assert.ok(whole.frames.some((f) => f.variables.some((v) => v.name === 'names')));
  });

  it('answers -32602 with the reason for malformed params', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /params must be an object|"textDocument.uri" must be a string/],
      [{ textDocument: {} }, /textDocument\.uri/],
      [{ textDocument: { uri }, position: { line: -1, character: 0 } }, /"position"/],
      [{ textDocument: { uri }, range: { start: { line: 3, character: 0 }, end: { line: 1, character: 0 } } }, /before/],
      [{ textDocument: { uri }, range: { start: { line: 0, character: 0 } } }, /range\.end/],
      [{ textDocument: { uri }, position: { line: 0, character: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, /not both/],
      [{ textDocument: { uri }, python: '2.7' }, /"python" must be one of/],
      [{ textDocument: { uri }, steps: 'yes' }, /"steps"/],
      [{ textDocument: { uri: memoryUri('not-open.py') } }, /not open/],
    ];
    for (const [params, message] of cases) {
      const e = await invalid(params);
      assert.equal(e.code, -32602, JSON.stringify(params));
      assert.match(e.message, message);
    }
  });

  it('gives a snapshot with diagnostics and unknowns, within the time limit, for code it cannot model', async () => {
    const started = Date.now();
    const pending = snapshot({}, hugeUri);
    // The simulation runs in the worker: the main thread answers meanwhile (params are checked there).
    const e = await invalid({ textDocument: { uri }, python: 'x' });
    assert.equal(e.code, -32602);
    const s = await pending;
    assert.ok(Date.now() - started < 12_000, `took ${Date.now() - started} ms`);
    assert.ok(s.diagnostics.length > 0, 'says what was left out');
    assert.ok(s.totals.unknownObjects > 0 || s.objects.some((o) => o.flags.includes('unknown')), 'the requests result is unknown');
    // The server still answers other requests afterwards.
    const again = await snapshot({ position: { line: 0, character: 8 } });
    assert.equal(again.snippet?.kind, 'class-instance');
  });

  it('skips queued requests that a newer one for the same document replaced, and cancelled ones', async () => {
    const first = snapshot({}, hugeUri);
    const replaced = snapshot({ position: { line: 3, character: 0 } }, hugeUri);
    const latest = snapshot({ position: { line: 4, character: 8 } }, hugeUri);
    const [, r, l] = await Promise.all([first, replaced, latest]);
    assert.match(r.diagnostics.map((d) => d.message).join('\n'), /newer request/);
    assert.equal(r.objects.length, 0);
    assert.doesNotMatch(l.diagnostics.map((d) => d.message).join('\n'), /newer request/);

    const running = snapshot({}, hugeUri);
    const source = new CancellationTokenSource();
    const cancelled = client.connection.sendRequest('memlens/heapSnapshot', { textDocument: { uri: hugeUri }, steps: true }, source.token).then(
      () => 'answered',
      (e: { code: number }) => e.code,
    );
    source.cancel();
    assert.equal(await cancelled, -32800);
    await running;
  });

  it('follows edits: the snapshot is of the text the client has', async () => {
    await client.change(uri, 2, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '        self.z = [1, 2, 3]\n' }]);
    const s = await snapshot({ position: { line: 0, character: 8 } });
    assert.ok(s.objects.some((o) => o.type === 'list'), JSON.stringify(s.objects.map((o) => o.type)));
  });
});
