// The registry: every check MemLens runs, in the order of their codes.
import type { Check } from '../check';
import { compareRuleCodes, type RuleMeta } from '../rule';
import { referenceCycleChecks } from './reference-cycle';
import { globalRetentionCheck } from './global-retention';
import { largeComprehensionCheck } from './large-comprehension';
import { dictHeavyClassCheck } from './dict-heavy-class';
import { unclosedResourceCheck } from './unclosed-resource';
import { cachedMethodLeakCheck } from './cached-method-leak';
import { mutableDefaultCheck } from './mutable-default';

export const ALL_CHECKS: readonly Check[] = [
  ...referenceCycleChecks,
  globalRetentionCheck,
  largeComprehensionCheck,
  dictHeavyClassCheck,
  unclosedResourceCheck,
  cachedMethodLeakCheck,
  mutableDefaultCheck,
];

export const ALL_RULES: readonly RuleMeta[] = ALL_CHECKS.flatMap((c) => c.rules).sort((a, b) => compareRuleCodes(a.code, b.code));

export function ruleByCode(code: string): RuleMeta | undefined {
  return ALL_RULES.find((r) => r.code === code);
}
