// Hover on class names: the per-instance cost from the memory model, its parts, and what __slots__ would save.
import { strict as assert } from 'node:assert';
import { LspClient, memoryUri } from '../support/lsp-client';

interface Hover {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const SOURCE = ['class Point:', '    def __init__(self, x, y):', '        self.x = x', '        self.y = y', '', '', 'class Slotted:', '    __slots__ = ("a",)', '', '    def __init__(self, a):', '        self.a = a', '', '', 'p = Point(1, 2)', ''].join('\n');

describe('lsp: hover', () => {
  let client: LspClient;
  const uri = memoryUri('hover.py');
  before(async () => {
    client = await LspClient.start();
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, SOURCE);
    await published;
  });
  after(async () => {
    await client.stop();
  });

  const hover = (line: number, character: number, target = uri) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri: target }, position: { line, character } });

  it('explains the per-instance cost of a class at its definition and at a use', async () => {
    for (const [line, character] of [
      [0, 8],
      [13, 5],
    ]) {
      const h = await hover(line, character);
      assert.ok(h, `hover at ${line}:${character}`);
      assert.equal(h.contents.kind, 'markdown');
      assert.match(h.contents.value, /\*\*class Point\*\*: about \*\*\d+ bytes\*\* per instance on CPython 3\.12/);
      assert.match(h.contents.value, /__dict__/);
      assert.match(h.contents.value, /With `__slots__`: \d+ bytes per instance.*1,000,000 instances/);
      assert.equal(h.range.start.line, line);
    }
  });

  it('does not offer __slots__ for a class that has them', async () => {
    const h = await hover(6, 8);
    assert.ok(h);
    assert.match(h.contents.value, /class Slotted/);
    assert.match(h.contents.value, /1 slot pointers/);
    assert.doesNotMatch(h.contents.value, /With `__slots__`/);
  });

  it('answers null elsewhere and for unknown documents, -32602 for malformed params', async () => {
    assert.equal(await hover(2, 14), null);
    assert.equal(await hover(0, 8, memoryUri('not-open.py')), null);
    const error = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }).catch((e: { code: number }) => e.code);
    assert.equal(error, -32602);
  });
});
