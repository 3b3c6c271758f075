// Runs the built CLI (`node bin/memlens.js`, as a user would) on temporary projects. Needs `node scripts/build.mjs`
// first (npm test does it). The findings these tests expect come from the real checks: MEM702 (mutated mutable default),
// MEM301 (list consumed once) and MEM302 (list(range(N)) iterated, whose message names the target CPython version).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sarifSchemaErrors } from './sarif-validator';

const REPO = join(__dirname, '..', '..', '..');
const BIN = join(REPO, 'bin', 'memlens.js');

const MUTABLE_DEFAULT = 'def remember(item, seen=[]):\n    seen.append(item)\n    return seen\n';
const RANGE_LIST = 'def count():\n    total = 0\n    for i in list(range(1_000_000)):\n        total += i\n    return total\n';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('cli: memlens check end to end', function () {
  this.timeout(60_000);
  let root: string;

  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const memlens = (...args: string[]): Run => {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const codes = (run: Run) => (JSON.parse(run.stdout) as { code: string }[]).map((f) => f.code);
  const targetVersion = (run: Run) => /CPython (3\.\d+)/.exec(run.stdout)?.[1];

  before(() => {
    assert.ok(existsSync(join(REPO, 'dist', 'cli.js')), 'dist/cli.js is missing: run node scripts/build.mjs first');
  });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'memlens-cli-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('output formats', () => {
    beforeEach(() => {
      write('pkg/a.py', MUTABLE_DEFAULT);
      write('pkg/clean.py', 'def remember(item, seen=None):\n    return item in (seen or ())\n');
    });

    it('text: path:line:col: CODE message, and a summary on stderr', () => {
      const run = memlens('check', '.');
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /^pkg\/a\.py:1:25: MEM702 .+\n$/);
      assert.match(run.stderr, /Found 1 finding in 1 file \(2 files checked\)\./);
      assert.doesNotMatch(run.stderr, /Checked \d+\/\d+/, 'no progress when stderr is not a terminal');
    });

    it('json: the Finding array with 1-based positions', () => {
      const run = memlens('check', 'pkg', '--format', 'json');
      assert.equal(run.status, 1, run.stderr);
      const [finding, ...rest] = JSON.parse(run.stdout);
      assert.deepEqual(rest, []);
      assert.deepEqual(
        { file: finding.file, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, code: finding.code, category: finding.category },
        { file: 'pkg/a.py', line: 1, column: 25, endLine: 1, endColumn: 27, code: 'MEM702', category: 'mutable-default-retention' },
      );
      assert.equal(typeof finding.message, 'string');
      assert.ok(finding.fix === null || typeof finding.fix.title === 'string');
      assert.equal(run.stderr, '', 'no summary for json');
    });

    it('sarif: a valid SARIF 2.1.0 log with every rule and the finding', () => {
      const run = memlens('check', '.', '--format', 'sarif');
      assert.equal(run.status, 1, run.stderr);
      const log = JSON.parse(run.stdout);
      assert.deepEqual(sarifSchemaErrors(log), []);
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.version, JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
      assert.ok(driver.rules.length >= 7);
      for (const rule of driver.rules) {
        assert.ok(rule.help.text.length > 0 && rule.help.markdown.length > 0 && rule.helpUri, `${rule.id} has help`);
      }
      assert.equal(log.runs[0].results.length, 1);
      const result = log.runs[0].results[0];
      assert.equal(result.ruleId, 'MEM702');
      assert.equal(driver.rules[result.ruleIndex].id, 'MEM702');
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'pkg/a.py');
    });

    it('--output writes the report to a file', () => {
      const run = memlens('check', '.', '--format', 'json', '--output', 'report.json');
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stdout, '');
      assert.deepEqual(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).map((f: { code: string }) => f.code), ['MEM702']);
    });
  });

  describe('exit codes', () => {
    it('0 without findings, 1 with, 0 with --exit-zero', () => {
      write('clean.py', 'x = 1\n');
      assert.equal(memlens('check', 'clean.py').status, 0);
      write('bad.py', MUTABLE_DEFAULT);
      assert.equal(memlens('check', '.').status, 1);
      assert.equal(memlens('check', '.', '--exit-zero').status, 0);
    });

    it('2 for a usage error, with a clear message', () => {
      const unknown = memlens('check', '.', '--frmat', 'json');
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /memlens: Unknown option '--frmat'/);
      assert.match(unknown.stderr, /memlens --help/);
      const python = memlens('check', '.', '--python', '2.7');
      assert.equal(python.status, 2);
      assert.match(python.stderr, /--python must be a CPython version from 3\.8 to 3\.14/);
    });

    it('2 for a missing path, after analysing the others', () => {
      write('a.py', MUTABLE_DEFAULT);
      const run = memlens('check', 'a.py', 'nope.py', '--exit-zero');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /memlens: path not found: nope\.py/);
      assert.match(run.stdout, /a\.py:1:\d+: MEM702/);
    });

    it('skips binary and non-UTF-8 files with a message; the exit code follows the findings', () => {
      write('blob.py', Buffer.from([0x78, 0x00, 0x01, 0x02]));
      write('latin.py', Buffer.from('name = "caf\xe9"\n', 'latin1'));
      write('clean.py', 'x = 1\n');
      const run = memlens('check', '.');
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /skipped blob\.py: binary file/);
      assert.match(run.stderr, /skipped latin\.py: not valid UTF-8/);
      assert.match(run.stderr, /No findings \(1 file checked, 2 skipped\)/);
    });

    it('decodes a file with a PEP 263 coding declaration', () => {
      write('declared.py', Buffer.from(`# -*- coding: latin-1 -*-\ndef f(caf\xe9, seen=[]):\n    seen.append(caf\xe9)\n    return seen\n`, 'latin1'));
      const run = memlens('check', 'declared.py', '--format', 'json');
      assert.deepEqual(codes(run), ['MEM702']);
    });
  });

  describe('which files', () => {
    it('skips files ignored by .gitignore and virtual environments, and sorts the output by path', () => {
      write('.gitignore', 'generated/\n');
      write('generated/bad.py', MUTABLE_DEFAULT);
      write('venv/pyvenv.cfg', 'home = /usr/bin\n');
      write('venv/lib/python3.12/site-packages/lib.py', MUTABLE_DEFAULT);
      write('z.py', MUTABLE_DEFAULT);
      write('a/b.py', MUTABLE_DEFAULT);
      write('a.py', MUTABLE_DEFAULT);
      const run = memlens('check', '.', '--format', 'json');
      assert.deepEqual(
        JSON.parse(run.stdout).map((f: { file: string }) => f.file),
        ['a.py', 'a/b.py', 'z.py'],
      );
    });

    it('gives the same findings in order when files are shared between worker threads', () => {
      for (let i = 0; i < 30; i++) write(`m${String(i).padStart(2, '0')}.py`, `${'\n'.repeat(i)}${MUTABLE_DEFAULT}`);
      const run = memlens('check', '.', '--format', 'json');
      const findings = JSON.parse(run.stdout) as { file: string; line: number }[];
      assert.equal(findings.length, 30, run.stderr);
      findings.forEach((f, i) => {
        assert.equal(f.file, `m${String(i).padStart(2, '0')}.py`);
        assert.equal(f.line, i + 1);
      });
    });
  });

  describe('configuration', () => {
    const both = 'def total(values=[]):\n    values.append(1)\n    return sum([v * 2 for v in values])\n';

    it('honours [tool.memlens] select and ignore', () => {
      write('a.py', both);
      assert.deepEqual(codes(memlens('check', '.', '--format', 'json')).sort(), ['MEM301', 'MEM702']);
      write('pyproject.toml', '[tool.memlens]\nignore = ["MEM702"]\n');
      assert.deepEqual(codes(memlens('check', '.', '--format', 'json')), ['MEM301']);
      write('pyproject.toml', '[tool.memlens]\nselect = ["large-comprehension"]\n');
      assert.deepEqual(codes(memlens('check', '.', '--format', 'json')), ['MEM301']);
      // The command line's --select replaces the configured selection; --ignore adds to it.
      assert.deepEqual(codes(memlens('check', '.', '--format', 'json', '--select', 'MEM7')), ['MEM702']);
      // Opt-in rules run only when selected: a default that is only read is MEM701, outside the default set.
      write('a.py', 'def total(values=[]):\n    return len(values)\n');
      write('pyproject.toml', '');
      assert.deepEqual(codes(memlens('check', '.', '--format', 'json')), []);
      assert.deepEqual(codes(memlens('check', '.', '--format', 'json', '--select', 'all')), ['MEM701']);
      assert.deepEqual(codes(memlens('check', '.', '--format', 'json', '--ignore', 'MEM3')), []);
    });

    it('uses the nearest pyproject.toml for each file', () => {
      write('pyproject.toml', '[tool.memlens]\nignore = ["MEM702"]\n');
      write('top.py', MUTABLE_DEFAULT);
      write('inner/pyproject.toml', '[project]\nname = "inner"\n');
      write('inner/mod.py', MUTABLE_DEFAULT);
      const run = memlens('check', '.', '--format', 'json');
      assert.deepEqual(JSON.parse(run.stdout).map((f: { file: string }) => f.file), ['inner/mod.py']);
    });

    it('targets --python, else [tool.memlens].python, else requires-python, else 3.12', () => {
      write('a.py', RANGE_LIST);
      assert.equal(targetVersion(memlens('check', 'a.py')), '3.12');
      write('pyproject.toml', '[project]\nname = "x"\nrequires-python = ">=3.9, <4"\n');
      assert.equal(targetVersion(memlens('check', 'a.py')), '3.9');
      write('pyproject.toml', '[project]\nrequires-python = "~=3.10"\n[tool.memlens]\npython = "3.11"\n');
      assert.equal(targetVersion(memlens('check', 'a.py')), '3.11');
      assert.equal(targetVersion(memlens('check', 'a.py', '--python', '3.13')), '3.13');
    });

    it('skips files matching [tool.memlens].exclude and --exclude when walking directories', () => {
      write('pyproject.toml', '[tool.memlens]\nexclude = ["generated/"]\n');
      write('generated/a.py', MUTABLE_DEFAULT);
      write('vendor/b.py', MUTABLE_DEFAULT);
      write('src/c.py', MUTABLE_DEFAULT);
      const files = (run: Run) => JSON.parse(run.stdout).map((f: { file: string }) => f.file);
      assert.deepEqual(files(memlens('check', '.', '--format', 'json')), ['src/c.py', 'vendor/b.py']);
      assert.deepEqual(files(memlens('check', '.', '--format', 'json', '--exclude', 'vendor')), ['src/c.py']);
      assert.deepEqual(files(memlens('check', 'generated/a.py', '--format', 'json')), ['generated/a.py'], 'a named file is always analysed');
      // A directory named outside the working directory: --exclude patterns are relative to it.
      mkdirSync(join(root, 'elsewhere'));
      const outside = spawnSync(process.execPath, [BIN, 'check', root, '--exclude', 'vendor/', '--format', 'json'], { cwd: join(root, 'elsewhere'), encoding: 'utf8' });
      assert.deepEqual(JSON.parse(outside.stdout).map((f: { file: string }) => f.file), ['../src/c.py']);
    });

    it('stops with exit code 2 on an invalid configuration, naming file, key and type', () => {
      write('proj/a.py', MUTABLE_DEFAULT);
      write('proj/pyproject.toml', '[tool.memlens]\nselect = 3\n');
      const run = memlens('check', '.');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /proj\/pyproject\.toml: \[tool\.memlens\]\.select must be a list of strings, got integer/);
      assert.equal(run.stdout, '');
    });

    it('names file and line for a TOML syntax error', () => {
      write('a.py', 'x = 1\n');
      write('pyproject.toml', '[project]\nname = "x"\nrequires-python = >=3.9\n');
      const run = memlens('check', '.');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /pyproject\.toml:3:\d+: invalid TOML/);
    });

    it('warns about unknown keys and selectors but still analyses', () => {
      write('a.py', MUTABLE_DEFAULT);
      write('pyproject.toml', '[tool.memlens]\nselct = ["MEM1"]\nignore = ["MEM999"]\n');
      const run = memlens('check', '.');
      assert.equal(run.status, 1);
      assert.match(run.stderr, /pyproject\.toml: unknown key \[tool\.memlens\]\.selct/);
      assert.match(run.stderr, /unknown rule selector 'MEM999'/);
    });
  });

  describe('suppression comments', () => {
    it('honours # memlens: ignore, # memlens: ignore[CODE] and # noqa: CODE', () => {
      write(
        'a.py',
        [
          'def a(x=[]):  # memlens: ignore',
          '    x.append(1)',
          'def b(x=[]):  # memlens: ignore[MEM702]',
          '    x.append(1)',
          'def c(x=[]):  # noqa: MEM702',
          '    x.append(1)',
          'def d(x=[]):  # memlens: ignore[MEM301]',
          '    x.append(1)',
          'def e(x=[]):  # noqa',
          '    x.append(1)',
          '',
        ].join('\n'),
      );
      const run = memlens('check', 'a.py', '--format', 'json');
      assert.deepEqual(
        JSON.parse(run.stdout).map((f: { line: number; code: string }) => `${f.line} ${f.code}`),
        ['7 MEM702', '9 MEM702'],
      );
    });
  });

  describe('other commands', () => {
    it('--version prints the package version', () => {
      const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
      assert.equal(memlens('--version').stdout, `memlens ${version}\n`);
    });

    it('--help prints usage', () => {
      const run = memlens('--help');
      assert.equal(run.status, 0);
      assert.match(run.stdout, /memlens check \[PATH\.\.\.\]/);
      assert.match(run.stdout, /--format text\|json\|sarif/);
    });

    it('rules lists every rule with code, category, severity, whether it runs by default, and summary', () => {
      const run = memlens('rules');
      assert.equal(run.status, 0);
      for (const code of ['MEM101', 'MEM201', 'MEM301', 'MEM401', 'MEM501', 'MEM601', 'MEM702']) assert.match(run.stdout, new RegExp(`^${code}\\s+[a-z-]+\\s+(error|warning|information|hint)\\s+on\\s+\\S`, 'm'));
      for (const code of ['MEM203', 'MEM701']) assert.match(run.stdout, new RegExp(`^${code}\\s+[a-z-]+\\s+(error|warning|information|hint)\\s+opt-in\\s+\\S`, 'm'));
    });
  });
});
