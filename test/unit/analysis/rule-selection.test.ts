// select / ignore as users write them in pyproject.toml, settings and on the command line.
import { strict as assert } from 'node:assert';
import { ALL_RULES } from '../../../server/src/analysis/checks';
import { isRuleEnabled, unknownSelectors } from '../../../server/src/analysis/rule-selection';

const enabled = (selection: { select?: string[]; ignore?: string[] }) => ALL_RULES.filter((r) => isRuleEnabled(r, selection)).map((r) => r.code);

describe('analysis: rule selection', () => {
  it('runs the default set when nothing is selected: every rule but the opt-in ones', () => {
    const codes = enabled({});
    assert.ok(codes.includes('MEM101') && codes.includes('MEM301') && codes.includes('MEM702'));
    assert.ok(!codes.includes('MEM701'), 'MEM701 (unmutated mutable default) is opt-in');
    assert.ok(!codes.includes('MEM203'), 'MEM203 (global rebinding) is opt-in');
  });

  it('enables opt-in rules when selected by code, prefix, category or all', () => {
    assert.deepEqual(enabled({ select: ['MEM701'] }), ['MEM701']);
    assert.ok(enabled({ select: ['MEM7'] }).includes('MEM701'));
    assert.ok(enabled({ select: ['mutable-default-retention'] }).includes('MEM701'));
    assert.equal(enabled({ select: ['all'] }).length, ALL_RULES.length);
  });

  it('applies ignore after select', () => {
    const codes = enabled({ select: ['MEM3'], ignore: ['MEM302'] });
    assert.ok(codes.includes('MEM301') && !codes.includes('MEM302'));
    assert.ok(codes.every((c) => c.startsWith('MEM3')));
  });

  it('reports selectors that match no rule', () => {
    assert.deepEqual(unknownSelectors(ALL_RULES, ['MEM301', 'MEM999', 'large-comprehension', 'nonsense']), ['MEM999', 'nonsense']);
  });
});
