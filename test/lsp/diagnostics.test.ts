// Diagnostics through LSP: what is published for an open document, how it follows incremental edits, and that
// a publish always matches the version it names (never stale results after a newer edit).
import { strict as assert } from 'node:assert';
import { LspClient, memoryUri, type PublishDiagnosticsParams } from '../support/lsp-client';

const MUTATED_DEFAULT = 'def remember(item, seen=[]):\n    seen.append(item)\n    return seen\n';

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code)).sort();
}

describe('lsp: diagnostics', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes a finding with range, code, docs link, source, severity and related locations', async () => {
    const uri = memoryUri('related.py');
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, MUTATED_DEFAULT, 7);
    const p = await published;
    assert.equal(p.version, 7);
    const d = p.diagnostics.find((x) => x.code === 'MEM702');
    assert.ok(d, `MEM702 expected, got ${codes(p)}`);
    assert.deepEqual(d.range.start, { line: 0, character: 24 });
    assert.equal(d.source, 'memlens');
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/MEM702\.md$/);
    assert.equal(d.severity, 2, 'MEM702 is a warning');
    assert.ok(d.relatedInformation && d.relatedInformation.length > 0, 'related location of the mutation');
    assert.equal(d.relatedInformation[0].location.uri, uri);
    assert.equal(d.relatedInformation[0].location.range.start.line, 1);
    assert.match(d.relatedInformation[0].message, /mutated/);
  });

  it('tags list(range(...)) read once as unnecessary code, which editors show faded', async () => {
    const uri = memoryUri('unnecessary.py');
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, 'for i in list(range(100_000)):\n    print(i)\n', 1);
    const d = (await published).diagnostics.find((x) => x.code === 'MEM302');
    assert.ok(d, 'MEM302 expected');
    assert.deepEqual(d.tags, [1], 'DiagnosticTag.Unnecessary');
  });

  it('publishes for untitled documents too', async () => {
    const uri = 'untitled:Untitled-1';
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, 'def f(x=[]):\n    x.append(1)\n    return x\n');
    assert.deepEqual(codes(await published), ['MEM702']);
  });

  it('follows incremental edits: a finding appears, moves and disappears', async () => {
    const uri = memoryUri('incremental.py');
    let published = client.waitForDiagnostics(uri);
    await client.open(uri, 'x = 1\n', 1);
    assert.deepEqual(codes(await published), []);

    published = client.waitForDiagnostics(uri, (p) => p.version === 2);
    await client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'def f(x=[]):\n    x.append(1)\n    return x\n' }]);
    let p = await published;
    assert.deepEqual(codes(p), ['MEM702']);
    assert.equal(p.diagnostics[0].range.start.line, 1);

    published = client.waitForDiagnostics(uri, (q) => q.version === 3);
    await client.change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# moved\n\n' }]);
    p = await published;
    assert.equal(p.diagnostics[0].range.start.line, 3, 'the finding moved down two lines');

    published = client.waitForDiagnostics(uri, (q) => q.version === 4);
    await client.change(uri, 4, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } }, text: 'None' }]);
    assert.deepEqual(codes(await published), []);
  });

  it('never publishes results of an older version after a newer edit (20 quick edits)', async () => {
    const uri = memoryUri('stale.py');
    await client.open(uri, 'def f(x=[]):\n    x.append(1)\n    return x\n', 1);
    await client.waitForDiagnostics(uri);
    const start = client.publishes.length;
    // Each edit inserts a line at the top, so the finding's line tells which version a publish was computed from.
    for (let version = 2; version <= 21; version++) {
      await client.change(uri, version, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# edit ${version}\n` }]);
      if (version % 5 === 0) await new Promise((r) => setTimeout(r, 3));
    }
    const all = (await client.settle(uri, 500)).slice(0);
    const after = client.publishes.slice(start).filter((p) => p.uri === uri);
    assert.ok(after.length >= 1);
    for (const p of after) assert.equal(p.diagnostics[0]?.range.start.line, (p.version ?? 0) - 1, `publish for version ${p.version} matches that version's text`);
    const versions = after.map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only go forward');
    assert.equal(all[all.length - 1].version, 21, 'the last publish is for the last version');
  });

  it('clears diagnostics when the document closes', async () => {
    const uri = memoryUri('closing.py');
    await client.open(uri, 'def f(x=[]):\n    x.append(1)\n    return x\n');
    await client.waitForDiagnostics(uri);
    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    await cleared;
  });

  it('ignores documents that are not Python', async () => {
    const uri = memoryUri('notes.txt');
    await client.open(uri, 'def f(x=[]): pass\n', 1, 'plaintext');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.publishes.filter((p) => p.uri === uri).length, 0);
  });
});
