import { strict as assert } from 'node:assert';
import { analyzeTree } from '../../../server/src/analysis/analyze';
import { loadPythonParser, parsePython } from '../../../server/src/parse/python-parser';
import { describeFixtures } from '../../support/fixture-harness';

describeFixtures('large-comprehension');

describe('large-comprehension: diagnostics tags', () => {
  before(() => loadPythonParser());
  it('marks list(range(...)) read once as unnecessary code, and a comprehension consumed once not', () => {
    const text = 'for i in list(range(100_000)):\n    print(i)\ntotal = sum([i * 2 for i in range(10)])\n';
    const tree = parsePython(text);
    try {
      const findings = analyzeTree(tree, text, {}).findings;
      assert.deepEqual(findings.map((f) => [f.code, f.unnecessary === true]), [['MEM302', true], ['MEM301', false]]);
    } finally {
      tree.delete();
    }
  });
});
