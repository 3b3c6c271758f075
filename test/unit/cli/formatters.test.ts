// The three output formats, driven by synthetic findings so they are tested independently of the checks.
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../server/src/analysis/finding';
import type { RuleMeta } from '../../../server/src/analysis/rule';
import { formatJson } from '../../../server/src/cli/format-json';
import { sarifLog } from '../../../server/src/cli/format-sarif';
import { formatSummary, formatText } from '../../../server/src/cli/format-text';
import type { Report } from '../../../server/src/cli/report';
import { sarifSchemaErrors } from './sarif-validator';

const RULES: RuleMeta[] = [
  { code: 'MEM101', name: 'kept-exception', category: 'reference-cycle', severity: 'warning', summary: 'A caught exception outlives its except block.' },
  { code: 'MEM301', name: 'list-consumed-once', category: 'large-comprehension', severity: 'warning', summary: 'A list built only to be consumed once.' },
  { code: 'MEM701', name: 'mutable-default', category: 'mutable-default-retention', severity: 'information', summary: 'A mutable default argument.' },
];

const range = (line: number, column: number, endLine: number, endColumn: number) => ({ start: { line, column }, end: { line: endLine, column: endColumn } });

const comprehension: Finding = {
  code: 'MEM301',
  category: 'large-comprehension',
  severity: 'warning',
  range: range(0, 8, 0, 34),
  message: 'List comprehension consumed once by sum(): about 80 MB',
  related: [],
  fixes: [
    { title: 'Use a generator expression', safe: true, edits: [{ range: range(0, 8, 0, 9), newText: '' }, { range: range(0, 33, 0, 34), newText: '' }] },
    { title: 'Second choice', safe: false, edits: [] },
  ],
};
const keptException: Finding = {
  code: 'MEM101',
  category: 'reference-cycle',
  severity: 'warning',
  range: range(4, 8, 4, 15),
  message: 'caught exception `e` outlives its except block',
  related: [{ range: range(6, 4, 6, 13), message: 'raised again here' }],
  fixes: [],
};
// A column after an astral character: columns count UTF-16 code units.
const afterEmoji: Finding = {
  code: 'MEM701',
  category: 'mutable-default-retention',
  severity: 'information',
  range: range(1, 13, 1, 15),
  message: 'mutable default',
  related: [],
  fixes: [{ title: 'Default to None', safe: false, edits: [{ range: range(1, 13, 1, 15), newText: 'None' }] }],
};

function report(): Report {
  return {
    root: '/project',
    skipped: [{ displayPath: 'data/blob.py', reason: 'binary file (NUL byte)' }],
    files: [
      { displayPath: 'pkg/a.py', absolutePath: '/project/pkg/a.py', findings: [comprehension, keptException], findingLines: ['total = sum([i for i in range(10**7)])', '        err = e'] },
      { displayPath: 'pkg/clean.py', absolutePath: '/project/pkg/clean.py', findings: [], findingLines: [] },
      { displayPath: 'pkg/ünï code.py', absolutePath: '/project/pkg/ünï code.py', findings: [afterEmoji], findingLines: ['def f(x="😀", y=[]): pass'] },
    ],
  };
}

describe('cli: formatters', () => {
  it('text: one path:line:col: CODE message line per finding, 1-based', () => {
    assert.equal(
      formatText(report()),
      [
        'pkg/a.py:1:9: MEM301 List comprehension consumed once by sum(): about 80 MB',
        'pkg/a.py:5:9: MEM101 caught exception `e` outlives its except block',
        'pkg/ünï code.py:2:14: MEM701 mutable default',
        '',
      ].join('\n'),
    );
  });

  it('text: the summary counts findings, files with findings, files checked and skipped', () => {
    assert.equal(formatSummary(report()), 'Found 3 findings in 2 files (3 files checked, 1 skipped).');
    assert.equal(formatSummary({ root: '/', files: [{ displayPath: 'a.py', absolutePath: '/a.py', findings: [], findingLines: [] }], skipped: [] }), 'No findings (1 file checked).');
  });

  it('json: the Finding array of the design notes, with the preferred fix only', () => {
    const parsed = JSON.parse(formatJson(report()));
    assert.equal(parsed.length, 3);
    assert.deepEqual(parsed[0], {
      file: 'pkg/a.py',
      line: 1,
      column: 9,
      endLine: 1,
      endColumn: 35,
      code: 'MEM301',
      category: 'large-comprehension',
      severity: 'warning',
      message: 'List comprehension consumed once by sum(): about 80 MB',
      fix: {
        title: 'Use a generator expression',
        safe: true,
        edits: [
          { line: 1, column: 9, endLine: 1, endColumn: 10, newText: '' },
          { line: 1, column: 34, endLine: 1, endColumn: 35, newText: '' },
        ],
      },
    });
    assert.deepEqual(Object.keys(parsed[1]), ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'category', 'severity', 'message', 'fix']);
    assert.equal(parsed[1].fix, null);
    assert.equal(parsed[2].column, 14);
  });

  it('json: an empty report is an empty array', () => {
    assert.deepEqual(JSON.parse(formatJson({ root: '/', files: [], skipped: [] })), []);
  });

  it('sarif: validates against the SARIF 2.1.0 schema', () => {
    const log = sarifLog(report(), { toolVersion: '1.2.3', rules: RULES, notifications: [{ level: 'warning', message: 'skipped data/blob.py' }] });
    assert.deepEqual(sarifSchemaErrors(log), []);
    const empty = sarifLog({ root: '/', files: [], skipped: [] }, { toolVersion: '1.2.3', rules: RULES });
    assert.deepEqual(sarifSchemaErrors(empty), []);
  });

  it('sarif: describes the tool and every rule with help text and links', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const log = sarifLog(report(), { toolVersion: '1.2.3', rules: RULES, ruleDoc: (code) => (code === 'MEM301' ? { markdown: '# MEM301\n\nBuilds a list.\n', firstParagraph: 'Builds a list.' } : undefined) }) as any;
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'MemLens');
    assert.equal(driver.version, '1.2.3');
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), ['MEM101', 'MEM301', 'MEM701']);
    const mem301 = driver.rules[1];
    assert.equal(mem301.name, 'list-consumed-once');
    assert.equal(mem301.shortDescription.text, 'A list built only to be consumed once.');
    assert.equal(mem301.fullDescription.text, 'Builds a list.');
    assert.equal(mem301.help.markdown, '# MEM301\n\nBuilds a list.\n');
    assert.match(mem301.helpUri, /MEM301\.md$/);
    assert.deepEqual(mem301.defaultConfiguration, { level: 'warning' });
    assert.deepEqual(mem301.properties.tags, ['large-comprehension']);
    // Without a rule page the summary stands in.
    assert.equal(driver.rules[0].fullDescription.text, 'A caught exception outlives its except block.');
    assert.deepEqual(driver.rules[2].defaultConfiguration, { level: 'note' });
  });

  it('sarif: results carry rule, level, location, related locations, fixes and fingerprints', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const run = (sarifLog(report(), { toolVersion: '1', rules: RULES, ruleDoc: () => undefined }) as any).runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///project/');
    const [first, second, third] = run.results;
    assert.equal(first.ruleId, 'MEM301');
    assert.equal(first.ruleIndex, 1);
    assert.equal(first.level, 'warning');
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'pkg/a.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 9, endLine: 1, endColumn: 35 },
    });
    assert.equal(first.fixes.length, 1, 'a fix without edits is left out');
    assert.deepEqual(first.fixes[0].artifactChanges[0].replacements[1], { deletedRegion: { startLine: 1, startColumn: 34, endLine: 1, endColumn: 35 }, insertedContent: { text: '' } });
    assert.match(first.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:1$/);
    assert.equal(second.relatedLocations[0].message.text, 'raised again here');
    assert.deepEqual(second.relatedLocations[0].physicalLocation.region, { startLine: 7, startColumn: 5, endLine: 7, endColumn: 14 });
    assert.equal(third.level, 'note');
    assert.equal(third.locations[0].physicalLocation.artifactLocation.uri, 'pkg/%C3%BCn%C3%AF%20code.py');
  });

  it('sarif: fingerprints follow the line text, not the line number', () => {
    const moved = report();
    moved.files[0].findings = moved.files[0].findings.map((f) => ({ ...f, range: { start: { ...f.range.start, line: f.range.start.line + 10 }, end: { ...f.range.end, line: f.range.end.line + 10 } } }));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const fingerprints = (r: Report) => (sarifLog(r, { toolVersion: '1', rules: RULES, ruleDoc: () => undefined }) as any).runs[0].results.map((x: any) => x.partialFingerprints.primaryLocationLineHash);
    assert.deepEqual(fingerprints(moved), fingerprints(report()));
  });
});
