// What a user sees in a real VS Code: squiggles (code, range, severity, docs link, related locations), hovers with
// the memory model's sizes, quick fixes that apply and make their finding go away, and "fix all".
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, memlens, memlensDiagnostics, openFixture, revert, waitForDiagnostics } from './helpers';

function byCode(diagnostics: vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.find((d) => codeOf(d) === code);
  assert.ok(found, `expected ${code} among ${diagnostics.map(codeOf).join(', ')}`);
  return found;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('diagnostics in the editor', () => {
  before(async () => {
    await memlens();
  });

  it('shows each finding of shapes.py with its code, range, severity, docs link and related locations', async () => {
    const { uri } = await openFixture('shapes.py');
    // Wait for results on the default target (3.12): an earlier suite may just have reset another version.
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length >= 3 && d.some((x) => codeOf(x) === 'MEM401' && /CPython 3\.12/.test(x.message)));
    assert.deepEqual(diagnostics.map(codeOf).sort(), ['MEM301', 'MEM401', 'MEM702']);

    const mutable = byCode(diagnostics, 'MEM702');
    assert.equal(mutable.severity, vscode.DiagnosticSeverity.Warning);
    // `into=[]` on line 4 (1-based): the `[]`.
    assert.deepEqual([mutable.range.start.line, mutable.range.start.character, mutable.range.end.line, mutable.range.end.character], [3, 23, 3, 25]);
    assert.match(mutable.message, /mutates its default `into`/);
    assert.ok(typeof mutable.code === 'object', 'the code carries a link');
    assert.match(String(mutable.code.target), /MEM702/);
    const related = mutable.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0].location.uri.toString(), uri.toString());
    assert.equal(related[0].location.range.start.line, 4, 'points at `into.append(item)`');
    assert.match(related[0].message, /`into` is mutated here/);

    const comprehension = byCode(diagnostics, 'MEM301');
    assert.equal(comprehension.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(comprehension.range.start.line, 9);

    const dictHeavy = byCode(diagnostics, 'MEM401');
    assert.equal(dictHeavy.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual([dictHeavy.range.start.line, dictHeavy.range.start.character, dictHeavy.range.end.character], [12, 6, 11]);
    assert.match(dictHeavy.message, /on CPython 3\.12/);
    assert.equal(dictHeavy.relatedInformation?.[0]?.location.range.start.line, 18, 'where Point instances are created');
  });
});

describe('hovers', () => {
  it('gives the size of one instance from the memory model, at the class and at a constructor call', async () => {
    const { uri } = await openFixture('shapes.py');
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'MEM401'));
    // The finding and the hovers all come from the memory model: one number for one instance.
    const sizeInMessage = /costs (\d+) bytes/.exec(byCode(diagnostics, 'MEM401').message)?.[1];
    assert.ok(sizeInMessage, 'MEM401 names a per-instance size');
    for (const position of [new vscode.Position(12, 8), new vscode.Position(18, 11)]) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      const text = hoverText(hovers);
      const m = /class Point\*\*:? .*?about \*\*(\d+) bytes\*\*.*? on CPython 3\.12/.exec(text);
      assert.ok(m, `hover at ${position.line}:${position.character}: ${text}`);
      assert.equal(m[1], sizeInMessage, `the hover and MEM401 agree on one instance's size:\n${text}`);
      assert.match(text, /With `__slots__`: \d+ bytes per instance/);
      assert.match(text, /1,000,000 instances/);
    }
  });

  it('shows no MemLens hover on a plain name', async () => {
    const { uri } = await openFixture('shapes.py');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(15, 17));
    assert.doesNotMatch(hoverText(hovers), /bytes/);
  });
});

describe('quick fixes', () => {
  afterEach(async () => {
    await revert((await openFixture('fixes.py')).uri);
  });

  async function quickFixesAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    // The server answers for the diagnostics in the range; keep the fixes of this one (by its code when attached).
    return actions.filter((a) => a.diagnostics === undefined || a.diagnostics.length === 0 || a.diagnostics.some((d) => codeOf(d) === codeOf(diagnostic)));
  }

  it('offers each finding its fix as the preferred quickfix; applying it changes the code and clears the finding', async () => {
    const { uri, document } = await openFixture('fixes.py');
    const before = await waitForDiagnostics(uri, (d) => d.length >= 3);
    const mutable = byCode(before, 'MEM702');
    const actions = await quickFixesAt(uri, mutable);
    const fix = actions.find((a) => a.title === 'Default `into` to None and create a new object in the body');
    assert.ok(fix, `quick fixes offered: ${actions.map((a) => `${a.title} ${JSON.stringify(a.diagnostics)}`).join(' | ')}`);
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit, 'the fix carries its edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /def collect\(item, into=None\):\n {4}if into is None:\n {8}into = \[\]\n {4}into\.append\(item\)/);
    await waitForDiagnostics(uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'MEM702'), 'MEM702 to disappear');
    assert.equal(memlensDiagnostics(uri).filter((d) => codeOf(d) === 'MEM301').length, 2, 'the other findings stay');
  });

  it('turns a comprehension consumed once into a generator expression', async () => {
    const { uri, document } = await openFixture('fixes.py');
    const before = await waitForDiagnostics(uri, (d) => d.filter((x) => codeOf(x) === 'MEM301').length === 2);
    const first = before.filter((d) => codeOf(d) === 'MEM301').sort((a, b) => a.range.start.line - b.range.start.line)[0];
    const [fix] = (await quickFixesAt(uri, first)).filter((a) => a.isPreferred);
    assert.equal(fix?.title, 'Use a generator expression');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(document.getText(), /return sum\(v \* 2 for v in values\)/);
    await waitForDiagnostics(uri, (d) => d.filter((x) => codeOf(x) === 'MEM301').length === 1, 'one MEM301 left');
  });

  it('fixes every safe finding at once with source.fixAll.memlens, leaving the unsafe ones', async () => {
    const { uri, document } = await openFixture('fixes.py');
    await waitForDiagnostics(uri, (d) => d.length >= 3);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 0, document.lineCount, 0),
      'source.fixAll.memlens',
    );
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.memlens');
    assert.ok(fixAll, `actions: ${actions.map((a) => `${a.kind?.value} ${a.title}`).join(' | ')}`);
    assert.equal(fixAll.title, 'MemLens: fix all safe memory findings');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit!));
    const text = document.getText();
    assert.match(text, /sum\(v \* 2 for v in values\)/);
    assert.match(text, /max\(len\(w\) for w in words\)/);
    assert.match(text, /into=\[\]/, 'MEM702\'s fix changes behaviour for callers that pass nothing, so fix-all leaves it');
    const after = await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'MEM301'), 'MEM301 findings to disappear');
    assert.deepEqual(after.map(codeOf), ['MEM702']);
  });
});
