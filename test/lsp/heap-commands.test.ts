// The editor's ways into the heap diagram: a "Show heap diagram" CodeLens above classes and functions (not
// methods), and a "Show heap diagram for this" code action on the class, function or comprehension under the
// cursor. Both run memlens.showHeapDiagram with (uri, range of the target); memlens.codeLens turns the lenses off.
import { strict as assert } from 'node:assert';
import { LspClient, memoryUri, type Range } from '../support/lsp-client';

interface Command {
  title: string;
  command: string;
  arguments: [string, Range];
}
interface CodeLens {
  range: Range;
  command: Command;
}
interface Action {
  title: string;
  kind?: string;
  command?: Command;
}

const SOURCE = [
  'import dataclasses',
  '',
  '',
  '@dataclasses.dataclass',
  'class Point:',
  '    x: int',
  '    y: int',
  '',
  '    def norm(self):',
  '        return (self.x ** 2 + self.y ** 2) ** 0.5',
  '',
  '',
  'def squares(n=10):',
  '    return [i * i for i in range(n)]',
  '',
  '',
  'count = 1',
  '',
].join('\n');

describe('lsp: heap diagram lens and action', function () {
  this.timeout(20_000);
  let client: LspClient;
  let lensesOn = true;
  const uri = memoryUri('heap-commands.py');
  before(async () => {
    client = await LspClient.start({ settings: () => ({ codeLens: lensesOn }) });
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, SOURCE);
    await published;
  });
  after(async () => {
    await client.stop();
  });

  const lenses = () => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  const actions = (line: number, character: number, only?: string[]) =>
    client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character }, end: { line, character } }, context: { diagnostics: [], only } });

  it('declares the CodeLens provider and puts a lens above each class and function, not above methods', async () => {
    const got = await lenses();
    assert.deepEqual(
      got.map((l) => [l.range.start.line, l.command.title, l.command.command]),
      [
        [4, 'Show heap diagram', 'memlens.showHeapDiagram'],
        [12, 'Show heap diagram', 'memlens.showHeapDiagram'],
      ],
    );
    const [lensUri, range] = got[0].command.arguments;
    assert.equal(lensUri, uri);
    assert.deepEqual(range.start, { line: 4, character: 0 });
    assert.equal(range.end.line, 9);
  });

  it('offers "Show heap diagram for this" on the innermost class, function or comprehension, without a kind', async () => {
    const inMethod = (await actions(9, 10)).filter((a) => a.command?.command === 'memlens.showHeapDiagram');
    assert.deepEqual(
      inMethod.map((a) => a.title),
      ['Show heap diagram for class Point'],
    );
    assert.equal(inMethod[0].kind, undefined);
    const inComprehension = (await actions(13, 14)).filter((a) => a.command?.command === 'memlens.showHeapDiagram');
    assert.deepEqual(
      inComprehension.map((a) => a.title),
      ['Show heap diagram for this list comprehension'],
    );
    assert.deepEqual(inComprehension[0].command!.arguments[1].start, { line: 13, character: 11 });
    assert.deepEqual(
      (await actions(16, 2)).filter((a) => a.command),
      [],
    );
    // A request for quick fixes only does not get it.
    assert.deepEqual(
      (await actions(9, 10, ['quickfix'])).filter((a) => a.command),
      [],
    );
  });

  it('the panel gets the class snippet for the range the lens sends', async () => {
    const [lens] = await lenses();
    const snapshot = await client.request<{ snippet?: { kind: string; label: string } }>('memlens/heapSnapshot', { textDocument: { uri }, range: lens.command.arguments[1], steps: true });
    assert.equal(snapshot.snippet?.kind, 'class-instance');
    assert.match(snapshot.snippet!.label, /Point/);
  });

  it('memlens.codeLens: false turns the lenses off', async () => {
    lensesOn = false;
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await lenses(), []);
    lensesOn = true;
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await lenses()).length, 2);
  });
});
