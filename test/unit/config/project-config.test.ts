import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigResolver } from '../../../server/src/config/config-resolver';
import { analysisOptionsFor, ConfigError, EMPTY_CONFIG, parsePyproject, targetPython } from '../../../server/src/config/project-config';

function parse(text: string) {
  return parsePyproject(text, 'pyproject.toml');
}

function errorOf(text: string): string {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected the configuration to be rejected');
}

describe('config: [tool.memlens] in pyproject.toml', () => {
  it('reads select, ignore, python and thresholds', () => {
    const config = parse(`
[tool.memlens]
select = ["MEM3", "reference-cycle"]
ignore = ["MEM302"]
exclude = ["tests/fixtures/"]
python = "3.11"
large-collection = 50000
`);
    assert.deepEqual(config.exclude, ['tests/fixtures/']);
    assert.deepEqual(config.select, ['MEM3', 'reference-cycle']);
    assert.deepEqual(config.ignore, ['MEM302']);
    assert.deepEqual(config.python, { major: 3, minor: 11 });
    assert.deepEqual(config.thresholds, { largeCollection: 50000 });
    assert.deepEqual(config.warnings, []);
  });

  it('accepts a pyproject.toml without [tool.memlens]', () => {
    const config = parse('[project]\nname = "x"\n');
    assert.equal(config.select, undefined);
    assert.deepEqual(config.warnings, []);
  });

  it('names the file, the key and the expected type when a value has the wrong type', () => {
    assert.equal(errorOf('[tool.memlens]\nselect = 3\n'), 'pyproject.toml: [tool.memlens].select must be a list of strings, got integer');
    assert.equal(errorOf('[tool.memlens]\nexclude = [1]\n'), 'pyproject.toml: [tool.memlens].exclude must be a list of strings, but item 1 is integer');
    assert.equal(errorOf('[tool.memlens]\nignore = "MEM301"\n'), 'pyproject.toml: [tool.memlens].ignore must be a list of strings, got string');
    assert.equal(errorOf('[tool.memlens]\nselect = ["MEM1", 2]\n'), 'pyproject.toml: [tool.memlens].select must be a list of strings, but item 2 is integer');
    assert.equal(errorOf('[tool.memlens]\npython = 3.12\n'), 'pyproject.toml: [tool.memlens].python must be a string like "3.12", got float');
    assert.equal(errorOf('[tool.memlens]\nlarge-collection = "many"\n'), 'pyproject.toml: [tool.memlens].large-collection must be a positive integer, got string');
    assert.equal(errorOf('[tool.memlens]\nlarge-collection = 0\n'), 'pyproject.toml: [tool.memlens].large-collection must be a positive integer, got integer');
    assert.equal(errorOf('[tool]\nmemlens = 1\n'), 'pyproject.toml: [tool.memlens] must be a table, got integer');
  });

  it('rejects a python version the model does not know', () => {
    assert.match(errorOf('[tool.memlens]\npython = "2.7"\n'), /\[tool\.memlens\]\.python must be a CPython version from 3\.8 to 3\.14 like "3\.12", got "2\.7"/);
  });

  it('names file and line for a TOML syntax error', () => {
    assert.match(errorOf('[project]\nname = "x"\n[tool.memlens\nselect = []\n'), /^pyproject\.toml:3:\d+: invalid TOML: /);
  });

  it('warns about unknown keys instead of failing', () => {
    const config = parse('[tool.memlens]\nselct = ["MEM1"]\n');
    assert.equal(config.warnings.length, 1);
    assert.match(config.warnings[0], /pyproject\.toml: unknown key \[tool\.memlens\]\.selct/);
  });

  it('warns about rule selectors that match no rule', () => {
    const config = parse('[tool.memlens]\nselect = ["MEM3", "MEM999", "no-such-category"]\n');
    assert.deepEqual(config.select, ['MEM3', 'MEM999', 'no-such-category']);
    assert.match(config.warnings[0], /\[tool\.memlens\]\.select: unknown rule selector 'MEM999', 'no-such-category'/);
  });

  it('merges command-line overrides: --select replaces select and ignore, --ignore adds', () => {
    const config = parse('[tool.memlens]\nselect = ["MEM3"]\nignore = ["MEM302"]\nlarge-collection = 5\n');
    assert.deepEqual(analysisOptionsFor(config), { python: { major: 3, minor: 12 }, select: ['MEM3'], ignore: ['MEM302'], thresholds: { largeCollection: 5 } });
    assert.deepEqual(analysisOptionsFor(config, { ignore: ['MEM303'] }).ignore, ['MEM302', 'MEM303']);
    const selected = analysisOptionsFor(config, { select: ['MEM7'], python: { major: 3, minor: 9 } });
    assert.deepEqual([selected.select, selected.ignore, selected.python], [['MEM7'], [], { major: 3, minor: 9 }]);
  });

  it('takes the target version from requires-python, clamped to the modelled versions', () => {
    assert.deepEqual(parse('[project]\nrequires-python = ">=3.10"\n').requiresPython, { major: 3, minor: 10 });
    assert.deepEqual(parse('[project]\nrequires-python = ">=3.6"\n').requiresPython, { major: 3, minor: 8 });
    assert.deepEqual(parse('[project]\nrequires-python = ">=3.99"\n').requiresPython, { major: 3, minor: 14 });
    assert.equal(parse('[project]\nrequires-python = "<4"\n').requiresPython, undefined);
  });

  it('warns, without failing, about a requires-python it cannot read', () => {
    const config = parse('[project]\nrequires-python = "python3"\n');
    assert.equal(config.requiresPython, undefined);
    assert.match(config.warnings[0], /cannot read \[project\]\.requires-python "python3"/);
  });

  it('orders the sources of the target version: command line, [tool.memlens].python, requires-python, 3.12', () => {
    const both = parse('[project]\nrequires-python = ">=3.9"\n[tool.memlens]\npython = "3.11"\n');
    assert.deepEqual(targetPython(both, { major: 3, minor: 13 }), { major: 3, minor: 13 });
    assert.deepEqual(targetPython(both), { major: 3, minor: 11 });
    assert.deepEqual(targetPython(parse('[project]\nrequires-python = ">=3.9"\n')), { major: 3, minor: 9 });
    assert.deepEqual(targetPython(EMPTY_CONFIG), { major: 3, minor: 12 });
  });
});

describe('config: finding the nearest pyproject.toml', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'memlens-config-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('walks up from the file and stops at the nearest one', () => {
    mkdirSync(join(root, 'pkg', 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(root, 'pyproject.toml'), '[tool.memlens]\npython = "3.9"\n');
    writeFileSync(join(root, 'pkg', 'pyproject.toml'), '[tool.memlens]\npython = "3.13"\n');
    const resolver = new ConfigResolver();
    assert.deepEqual(resolver.forFile(join(root, 'pkg', 'sub', 'deeper', 'a.py')).python, { major: 3, minor: 13 });
    assert.deepEqual(resolver.forFile(join(root, 'top.py')).python, { major: 3, minor: 9 });
    assert.equal(resolver.forFile(join(root, 'pkg', 'sub', 'b.py')).file, join(root, 'pkg', 'pyproject.toml'));
  });

  it('caches per directory until cleared', () => {
    writeFileSync(join(root, 'pyproject.toml'), '[tool.memlens]\npython = "3.9"\n');
    const resolver = new ConfigResolver();
    const first = resolver.forFile(join(root, 'a.py'));
    writeFileSync(join(root, 'pyproject.toml'), '[tool.memlens]\npython = "3.10"\n');
    assert.equal(resolver.forFile(join(root, 'b.py')), first);
    resolver.clear();
    assert.deepEqual(resolver.forFile(join(root, 'b.py')).python, { major: 3, minor: 10 });
  });

  it('throws the same ConfigError for every file under an invalid pyproject.toml, named as described', () => {
    writeFileSync(join(root, 'pyproject.toml'), '[tool.memlens]\nselect = true\n');
    const resolver = new ConfigResolver({ describe: () => 'proj/pyproject.toml' });
    assert.throws(() => resolver.forFile(join(root, 'a.py')), /proj\/pyproject\.toml: \[tool\.memlens\]\.select must be a list of strings, got boolean/);
    assert.throws(() => resolver.forFile(join(root, 'b.py')), ConfigError);
  });
});
