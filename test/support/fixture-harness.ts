// Fixture tests: every Python file under test/fixtures/<folder>/ states its expected findings inline.
//   x = sum([i for i in range(10)])  # expect: MEM301
//   y = ...                          # expect: MEM301 "substring of the message", MEM102
//   # memlens-test: python=3.10       (first lines: target version for this fixture)
// A line without `# expect:` must produce no finding. Every fix of every finding is applied on its own and the
// result must compile with CPython. When <name>.fixed.py exists, applying every finding's preferred fix must give
// exactly that file; UPDATE_EXPECT=1 rewrites those files from the current output.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTree } from '../../server/src/analysis/analyze';
import type { Finding, TextEdit } from '../../server/src/analysis/finding';
import { comparePositions } from '../../server/src/parse/source-range';
import { parseVersion } from '../../server/src/analysis/python-version';
import { loadPythonParser, parsePython } from '../../server/src/parse/python-parser';
import { applyEdits } from './apply-edits';
import { compileErrors } from './python-compile';

export const FIXTURES = join(__dirname, '..', 'fixtures');

interface Expectation {
  line: number;
  code: string;
  messageIncludes?: string;
}

export function parseExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split('\n').forEach((lineText, line) => {
    const m = /#\s*expect:\s*(.*)$/.exec(lineText);
    if (!m) return;
    for (const e of m[1].matchAll(/(MEM\d{3})(?:\s+"([^"]*)")?/g)) out.push({ line, code: e[1], messageIncludes: e[2] });
  });
  return out;
}

export function analyzeFixture(text: string): Finding[] {
  const header = /#\s*memlens-test:\s*python=(3\.\d+)/.exec(text.split('\n').slice(0, 5).join('\n'));
  const python = header ? parseVersion(header[1]) : undefined;
  const tree = parsePython(text);
  try {
    // Every rule runs, the opt-in ones too: a fixture states exactly what each rule finds.
    const result = analyzeTree(tree, text, { python, select: ['all'] });
    assert.deepEqual(result.failures, [], 'a check threw');
    return result.findings;
  } finally {
    tree.delete();
  }
}

function preferredFixesApplied(text: string, findings: Finding[]): string {
  const edits: TextEdit[] = [];
  const fixes = findings.map((f) => f.fixes[0]).filter((f) => f !== undefined);
  // Keep fixes whose edits do not overlap an earlier kept fix (as "fix all" does).
  const taken: typeof fixes = [];
  for (const fix of fixes) {
    const overlaps = taken.some((t) => t.edits.some((a) => fix.edits.some((b) => rangesOverlap(a.range, b.range))));
    if (!overlaps) taken.push(fix);
  }
  // Several fixes may add the same import at the same place: apply such an identical edit once, as fix-all does.
  for (const fix of taken) {
    for (const e of fix.edits) {
      const duplicate = edits.some((x) => x.newText === e.newText && comparePositions(x.range.start, e.range.start) === 0 && comparePositions(x.range.end, e.range.end) === 0);
      if (!duplicate) edits.push(e);
    }
  }
  return applyEdits(text, edits);
}

function rangesOverlap(a: Finding['range'], b: Finding['range']): boolean {
  const before = (p: { line: number; column: number }, q: { line: number; column: number }) => p.line < q.line || (p.line === q.line && p.column < q.column);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** Declares one mocha test per fixture file in test/fixtures/<folder>. */
export function describeFixtures(folder: string): void {
  const dir = join(FIXTURES, folder);
  const files = readdirSync(dir).filter((f) => f.endsWith('.py') && !f.endsWith('.fixed.py')).sort();
  describe(`fixtures: ${folder}`, () => {
    before(() => loadPythonParser());
    it('has fixtures', () => assert.ok(files.length > 0, `no fixtures in ${dir}`));
    for (const file of files) {
      it(file, () => {
        const path = join(dir, file);
        const text = readFileSync(path, 'utf8');
        const findings = analyzeFixture(text);
        const expected = parseExpectations(text);
        const actualKeys = findings.map((f) => `${f.range.start.line + 1}: ${f.code}`).sort();
        const expectedKeys = expected.map((e) => `${e.line + 1}: ${e.code}`).sort();
        assert.deepEqual(actualKeys, expectedKeys, `findings in ${file} (line: code)\n${findings.map((f) => `  ${f.range.start.line + 1}: ${f.code} ${f.message}`).join('\n')}`);
        for (const e of expected) {
          if (e.messageIncludes === undefined) continue;
          const f = findings.find((x) => x.range.start.line === e.line && x.code === e.code)!;
          assert.ok(f.message.includes(e.messageIncludes), `${file}:${e.line + 1} ${e.code}: message ${JSON.stringify(f.message)} lacks ${JSON.stringify(e.messageIncludes)}`);
        }
        const sources: Array<[string, string]> = [];
        findings.forEach((f, i) => f.fixes.forEach((fix, j) => sources.push([`${file}#${i}.${j} ${f.code} ${fix.title}`, applyEdits(text, fix.edits)])));
        assert.deepEqual(compileErrors(sources), [], 'every fix must give code CPython compiles');
        const fixedPath = path.replace(/\.py$/, '.fixed.py');
        if (process.env.UPDATE_EXPECT && findings.some((f) => f.fixes.length > 0)) writeFileSync(fixedPath, preferredFixesApplied(text, findings));
        if (existsSync(fixedPath)) assert.equal(preferredFixesApplied(text, findings), readFileSync(fixedPath, 'utf8'), `${file}: fixes differ from ${fixedPath}`);
      });
    }
  });
}
