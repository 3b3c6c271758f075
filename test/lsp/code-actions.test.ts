// Quick fixes and "fix all" through LSP: each finding's fixes as quickfix actions (the first preferred), fix-all
// applying only safe fixes, and every edit giving code CPython compiles.
import { strict as assert } from 'node:assert';
import { compileErrors } from '../support/python-compile';
import { LspClient, memoryUri, type CodeAction, type Diagnostic, type TextEdit } from '../support/lsp-client';

const SOURCE = ['def f(x=[]):', '    x.append(1)', '    return x', '', 'names = list([n for n in "abc"])', 'count = 1', ''].join('\n');

function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

/** Applies LSP text edits (non-overlapping, all relative to the original text). */
function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start.line, b.range.start.character) - offsetOf(text, a.range.start.line, a.range.start.character));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(text, e.range.start.line, e.range.start.character)) + e.newText + out.slice(offsetOf(text, e.range.end.line, e.range.end.character));
  return out;
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  const changes = action.edit?.documentChanges;
  assert.ok(changes && changes.length === 1, 'one versioned document edit');
  assert.equal(changes[0].textDocument.uri, uri);
  return changes[0].edits;
}

describe('lsp: code actions', () => {
  let client: LspClient;
  const uri = memoryUri('actions.py');
  let diagnostics: Diagnostic[];
  before(async () => {
    client = await LspClient.start();
    const published = client.waitForDiagnostics(uri);
    await client.open(uri, SOURCE, 3);
    diagnostics = (await published).diagnostics;
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['MEM301', 'MEM702']);
  });
  after(async () => {
    await client.stop();
  });

  const request = (range: Diagnostic['range'], diags: Diagnostic[], only?: string[]) =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: diags, only } });

  it('offers every fix of the diagnostic as a quickfix, the first preferred, with the diagnostic attached', async () => {
    const d = diagnostics.find((x) => x.code === 'MEM702')!;
    const actions = (await request(d.range, [d])).filter((a) => a.kind === 'quickfix');
    assert.ok(actions.length >= 1);
    assert.equal(actions[0].isPreferred, true);
    assert.ok(actions.slice(1).every((a) => !a.isPreferred));
    for (const a of actions) {
      assert.deepEqual(a.diagnostics, [d]);
      assert.equal(a.edit!.documentChanges![0].textDocument.version, 3);
    }
    const results: Array<[string, string]> = actions.map((a) => [a.title, applyLspEdits(SOURCE, editsOf(a, uri))]);
    assert.deepEqual(compileErrors(results), []);
    assert.ok(!results[0][1].includes('x=[]'), 'the fix changed the default');
  });

  it('matches diagnostics by range and code, not by position alone', async () => {
    const d = diagnostics.find((x) => x.code === 'MEM702')!;
    const wrongCode = { ...d, code: 'MEM301' };
    const actions = await request(d.range, [wrongCode], ['quickfix']);
    assert.deepEqual(actions, []);
  });

  it('offers the findings under the range when the client sends no diagnostics', async () => {
    const d = diagnostics.find((x) => x.code === 'MEM301')!;
    const actions = await request(d.range, [], ['quickfix']);
    assert.ok(actions.length >= 1 && actions.every((a) => a.diagnostics![0].code === 'MEM301'));
  });

  it('source.fixAll.memlens applies the safe fixes only, and the result compiles', async () => {
    const actions = await request({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.memlens');
    const fixed = applyLspEdits(SOURCE, editsOf(actions[0], uri));
    assert.ok(!fixed.includes('list(['), 'the safe MEM301 fix is applied');
    assert.ok(fixed.includes('x=[]'), 'the unsafe MEM702 fix is not');
    assert.deepEqual(compileErrors([['fix-all', fixed]]), []);
  });

  it('answers with current findings after an edit, before the new diagnostics are published', async () => {
    await client.change(uri, 4, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'def g(y=[]):\n    y.append(2)\n    return y\n' }]);
    const actions = await request({ start: { line: 4, character: 0 }, end: { line: 4, character: 12 } }, [], ['quickfix']);
    assert.ok(actions.some((a) => a.diagnostics![0].code === 'MEM702' && a.diagnostics![0].range.start.line === 4), JSON.stringify(actions));
    assert.equal(actions[0].edit!.documentChanges![0].textDocument.version, 4);
  });
});
