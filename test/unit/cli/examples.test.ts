// The bundled examples/ (what `npm run demo` shows): every category appears, and clean.py stays clean.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../../server/src/analysis/checks';

const REPO = join(__dirname, '..', '..', '..');

describe('cli: bundled examples', function () {
  this.timeout(60_000);
  let findings: { file: string; code: string; category: string; message: string }[];

  before(() => {
    const run = spawnSync(process.execPath, [join(REPO, 'bin', 'memlens.js'), 'check', 'examples', '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /internal error|skipped/);
    findings = JSON.parse(run.stdout);
  });

  // A check still waiting for its implementation asks for no node types; its category cannot appear yet.
  const implemented = [...new Set(ALL_CHECKS.filter((c) => c.nodeTypes.length > 0).flatMap((c) => c.rules.map((r) => r.category)))];
  for (const category of implemented) {
    it(`shows ${category}`, () => {
      assert.ok(findings.some((f) => f.category === category), `no ${category} finding in examples/`);
    });
  }

  it('reports nothing in clean.py', () => {
    assert.deepEqual(findings.filter((f) => f.file === 'examples/clean.py'), []);
  });

  it('gives a memory estimate for the large comprehension with a known size', () => {
    assert.ok(findings.some((f) => f.code === 'MEM301' && /\d+ MB/.test(f.message)));
  });
});
