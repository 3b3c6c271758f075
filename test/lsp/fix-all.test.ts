// Which edits "fix all" (source.fixAll.memlens) takes: safe preferred fixes, each edit once, never two that overlap.
import { strict as assert } from 'node:assert';
import type { Finding, Fix } from '../../server/src/analysis/finding';
import { fixAllEdits } from '../../server/src/features/code-actions';
import { toDiagnostic } from '../../server/src/features/diagnostics';

const at = (line: number, start: number, end = start) => ({ start: { line, column: start }, end: { line, column: end } });

function finding(fixes: Fix[], extra: Partial<Finding> = {}): Finding {
  return { code: 'MEM301', category: 'large-comprehension', severity: 'warning', range: at(0, 0, 1), message: 'm', related: [], fixes, ...extra };
}

describe('lsp: fix-all edit selection', () => {
  it('takes safe preferred fixes and skips unsafe ones (never a later safe alternative)', () => {
    const edits = fixAllEdits([
      finding([{ title: 'a', safe: true, edits: [{ range: at(0, 0, 3), newText: 'A' }] }]),
      finding([
        { title: 'b', safe: false, edits: [{ range: at(1, 0, 3), newText: 'B' }] },
        { title: 'b2', safe: true, edits: [{ range: at(1, 0, 3), newText: 'B2' }] },
      ]),
    ]);
    assert.deepEqual(edits.map((e) => e.newText), ['A']);
  });

  it('skips a fix that overlaps one already taken, and applies a shared edit once', () => {
    const importEdit = { range: at(0, 0), newText: 'import weakref\n' };
    const edits = fixAllEdits([
      finding([{ title: 'a', safe: true, edits: [importEdit, { range: at(2, 0, 5), newText: 'A' }] }]),
      finding([{ title: 'b', safe: true, edits: [{ ...importEdit }, { range: at(3, 0, 5), newText: 'B' }] }]),
      finding([{ title: 'c', safe: true, edits: [{ range: at(2, 4, 8), newText: 'C' }] }]),
      finding([{ title: 'd', safe: true, edits: [{ range: at(0, 0), newText: 'import gc\n' }] }]),
    ]);
    assert.deepEqual(edits.map((e) => e.newText), ['import weakref\n', 'A', 'B']);
  });
});

describe('lsp: diagnostic conversion', () => {
  it('maps severity, related locations and the Unnecessary tag', () => {
    const d = toDiagnostic('file:///a.py', finding([], { severity: 'hint', unnecessary: true, related: [{ range: at(4, 1, 2), message: 'here' }] }));
    assert.equal(d.severity, 4);
    assert.deepEqual(d.tags, [1]);
    assert.deepEqual(d.relatedInformation, [{ location: { uri: 'file:///a.py', range: { start: { line: 4, character: 1 }, end: { line: 4, character: 2 } } }, message: 'here' }]);
    assert.equal(d.code, 'MEM301');
    assert.match(d.codeDescription!.href, /^file:\/\/\/.*docs\/rules\/MEM301\.md$/);
  });
});
