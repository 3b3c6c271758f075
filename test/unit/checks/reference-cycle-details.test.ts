// What the reference-cycle findings carry besides their line: the other places of the cycle, which fixes are
// offered and whether they are safe, and fixes that stay valid Python with tabs, CRLF and multi-line strings.
import { strict as assert } from 'node:assert';
import { analyzeTree } from '../../../server/src/analysis/analyze';
import type { Finding } from '../../../server/src/analysis/finding';
import { loadPythonParser, parsePython } from '../../../server/src/parse/python-parser';
import { applyEdits } from '../../support/apply-edits';
import { compileErrors } from '../../support/python-compile';

function analyze(text: string, codes = ['MEM101', 'MEM102', 'MEM103', 'MEM104']): Finding[] {
  const tree = parsePython(text);
  try {
    const result = analyzeTree(tree, text, { select: codes });
    assert.deepEqual(result.failures, []);
    return result.findings;
  } finally {
    tree.delete();
  }
}

function only(findings: Finding[], code: string): Finding {
  const matching = findings.filter((f) => f.code === code);
  assert.equal(matching.length, 1, JSON.stringify(findings.map((f) => `${f.range.start.line + 1}: ${f.code} ${f.message}`)));
  return matching[0];
}

const CONNECT = [
  'def connect(addresses, open_one):',
  '    err = None',
  '    for address in addresses:',
  '        try:',
  '            return open_one(address)',
  '        except OSError as e:',
  '            err = e',
  '    if err is not None:',
  '        raise err',
  '',
].join('\n');

describe('reference-cycle details', () => {
  before(() => loadPythonParser());

  it('MEM101 points at the caught exception and the later use, and clears the name in a finally (safe)', () => {
    const f = only(analyze(CONNECT), 'MEM101');
    assert.equal(f.range.start.line, 6);
    assert.match(f.message, /err -> err\.__traceback__ -> frame of connect\(\) -> err/);
    assert.deepEqual(
      f.related.map((r) => [r.range.start.line, r.message]),
      [
        [5, 'exception `e` caught here'],
        [7, '`err` still holds it here'],
        [8, '`err` still holds it here'],
      ],
    );
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].safe, true);
    const fixed = applyEdits(CONNECT, f.fixes[0].edits);
    assert.match(fixed, /\n    try:\n        for address in addresses:[\s\S]*\n    finally:\n        err = None\n$/);
    assert.deepEqual(analyze(fixed), [], 'the fixed code is not reported again');
  });

  it('MEM101 fix is unsafe when a nested function reads the name', () => {
    const text = CONNECT.replace('    if err is not None:', '    report = lambda: err\n    if err is not None:');
    const f = only(analyze(text), 'MEM101');
    assert.equal(f.fixes[0].safe, false);
  });

  it('MEM101 offers no re-indenting fix over a multi-line string', () => {
    const text = CONNECT.replace('        raise err', '        raise err\n    doc = """a\nb"""');
    const f = only(analyze(text), 'MEM101');
    assert.deepEqual(f.fixes, []);
  });

  it('fixes keep tab indentation and CRLF line ends valid', () => {
    const tabbed = CONNECT.replace(/ {4}/g, '\t');
    const crlf = CONNECT.replace(/\n/g, '\r\n');
    for (const text of [tabbed, crlf]) {
      const f = only(analyze(text), 'MEM101');
      assert.equal(f.fixes.length, 1);
      assert.deepEqual(compileErrors([['fixed', applyEdits(text, f.fixes[0].edits)]]), []);
    }
  });

  it('MEM102 offers weakref.proxy first, then weakref.ref, both unsafe, and relates the line that keeps the child', () => {
    const text = ['class Node:', '    def add(self, child):', '        child.parent = self', '        self.children.append(child)', ''].join('\n');
    const f = only(analyze(text), 'MEM102');
    assert.deepEqual(
      f.fixes.map((x) => [x.title.split(' ')[1], x.safe]),
      [
        ['weakref.proxy(self)', false],
        ['weakref.ref(self)', false],
      ],
    );
    assert.deepEqual(f.related.map((r) => r.range.start.line), [3]);
    assert.match(applyEdits(text, f.fixes[0].edits), /^import weakref\nclass Node:[\s\S]*child\.parent = weakref\.proxy\(self\)/);
  });

  it('MEM103 offers WeakMethod (unsafe) for a bound method, nothing for a lambda', () => {
    const text = ['class Button:', '    def __init__(self):', '        self.cb = self.done', '        self.fn = lambda: self.done()', '', '    def done(self):', '        pass', ''].join('\n');
    const findings = analyze(text).filter((f) => f.code === 'MEM103');
    assert.equal(findings.length, 2);
    assert.equal(findings[0].fixes[0].safe, false);
    assert.match(applyEdits(text, findings[0].fixes[0].edits), /self\.cb = weakref\.WeakMethod\(self\.done\)/);
    assert.deepEqual(findings[1].fixes, []);
  });

  it('MEM104 deletes the frame in a finally, the idiom the inspect docs give', () => {
    const text = ['import inspect', '', 'def where():', '    frame = inspect.currentframe()', '    return frame.f_lineno', ''].join('\n');
    const f = only(analyze(text), 'MEM104');
    assert.equal(f.fixes[0].safe, true);
    assert.equal(applyEdits(text, f.fixes[0].edits), ['import inspect', '', 'def where():', '    frame = inspect.currentframe()', '    try:', '        return frame.f_lineno', '    finally:', '        del frame', ''].join('\n'));
  });

  it('reports only the selected rules', () => {
    assert.deepEqual(analyze(CONNECT, ['MEM102', 'MEM103', 'MEM104']), []);
  });

  it('survives code tree-sitter only half understands', () => {
    const text = 'class A:\n    def f(self):\n        try:\n            x(\n        except E as e:\n            self.e = e\n        print "x"\n';
    analyze(text);
  });
});
