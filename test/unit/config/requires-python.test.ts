import { strict as assert } from 'node:assert';
import { requiresPythonLowerBound, RequiresPythonError } from '../../../server/src/config/requires-python';

describe('config: requires-python lower bound', () => {
  const cases: [string, string | undefined][] = [
    ['>=3.9', '3.9'],
    ['>= 3.10', '3.10'],
    ['~=3.10', '3.10'],
    ['~=3.10.2', '3.10'],
    ['>3.8,<4', '3.8'], // 3.8.1 satisfies >3.8
    ['>=3.8, <3.13', '3.8'],
    ['<4', undefined],
    ['!=3.9.*', undefined],
    ['==3.11.*', '3.11'],
    ['==3.11', '3.11'],
    ['===3.12', '3.12'],
    ['>=3.8,!=3.8.*', '3.9'],
    ['>=3.8, !=3.8.*, !=3.9.*', '3.10'],
    ['>=2.7, !=3.0.*, !=3.1.*', '2.7'],
    ['>=3.9.0rc1', '3.9'],
    ['>=3.10.post1', '3.10'],
    ['>=3.7, >=3.11', '3.11'], // the tighter bound wins
    ['>=3', '3.0'],
    ['', undefined],
  ];
  for (const [spec, expected] of cases) {
    it(`"${spec}" -> ${expected ?? 'no lower bound'}`, () => {
      const bound = requiresPythonLowerBound(spec);
      assert.equal(bound ? `${bound.major}.${bound.minor}` : undefined, expected);
    });
  }

  for (const bad of ['3.9', '>=three', '~=3', '>=3.9.*', '>=3.9,,<4', '=>3.9']) {
    it(`rejects "${bad}"`, () => {
      assert.throws(() => requiresPythonLowerBound(bad), RequiresPythonError);
    });
  }
});
