import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { discoverPythonFiles } from '../../../server/src/cli/discover-files';

describe('cli: file discovery', () => {
  let root: string;
  const write = (path: string, text = 'x = 1\n') => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const found = (...paths: string[]) => discoverPythonFiles(paths.length ? paths : ['.'], root).files.map((f) => relative(root, f)).sort();

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'memlens-discover-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds .py files (not .pyi or other files) and skips hidden dirs, node_modules, __pycache__ and site-packages', () => {
    write('a.py');
    write('pkg/b.py');
    write('pkg/b.pyi');
    write('pkg/notes.txt');
    write('.hidden/c.py');
    write('node_modules/d.py');
    write('pkg/__pycache__/e.py');
    write('lib/site-packages/f.py');
    assert.deepEqual(found(), ['a.py', 'pkg/b.py']);
  });

  it('skips virtual environments: pyvenv.cfg, or .venv/venv/env with a Python inside', () => {
    write('app.py');
    write('myenv/pyvenv.cfg', 'home = /usr/bin\n');
    write('myenv/lib/site.py');
    write('venv/bin/python', '');
    write('venv/lib/x.py');
    write('env/settings.py'); // a package named env, not a virtualenv
    assert.deepEqual(found(), ['app.py', 'env/settings.py']);
  });

  it('honours .gitignore files at every level, deeper ones overriding', () => {
    write('.gitignore', 'build/\ngenerated_*.py\n');
    write('keep.py');
    write('generated_a.py');
    write('build/out.py');
    write('sub/.gitignore', '!generated_b.py\nlocal.py\n');
    write('sub/generated_b.py');
    write('sub/local.py');
    write('sub/other.py');
    assert.deepEqual(found(), ['keep.py', 'sub/generated_b.py', 'sub/other.py']);
  });

  it('applies the .gitignore of the repository root and .git/info/exclude to a named subdirectory', () => {
    write('.git/info/exclude', 'secret.py\n');
    write('.gitignore', 'ignored_dir/\n');
    write('src/ok.py');
    write('src/secret.py');
    write('src/ignored_dir/x.py');
    assert.deepEqual(found('src'), ['src/ok.py']);
  });

  it('analyses named files whatever their name or ignore status', () => {
    write('.gitignore', '*.py\n');
    write('ignored.py');
    write('script');
    assert.deepEqual(found('ignored.py', 'script'), ['ignored.py', 'script']);
    assert.deepEqual(found(), []);
  });

  it('reports missing paths and lists each file once', () => {
    write('a.py');
    const discovery = discoverPythonFiles(['.', 'a.py', 'nope.py'], root);
    assert.deepEqual(discovery.files.map((f) => relative(root, f)), ['a.py']);
    assert.deepEqual(discovery.missing, ['nope.py']);
  });

  it('applies exclude rules given for the directories it walks, relative to their base', () => {
    write('keep.py');
    write('gen/out.py');
    write('pkg/api_pb2.py');
    write('pkg/api.py');
    const excludesFor = () => [{ base: root, patterns: ['gen/'] }, { base: join(root, 'pkg'), patterns: ['*_pb2.py'] }];
    assert.deepEqual(discoverPythonFiles(['.'], root, { excludesFor }).files.map((f) => relative(root, f)).sort(), ['keep.py', 'pkg/api.py']);
    assert.deepEqual(discoverPythonFiles(['gen/out.py'], root, { excludesFor }).files.map((f) => relative(root, f)), ['gen/out.py']);
  });

  it('does not follow symbolic links to directories (no loops)', () => {
    write('pkg/a.py');
    symlinkSync(root, join(root, 'pkg', 'loop'));
    assert.deepEqual(found(), ['pkg/a.py']);
  });
});
