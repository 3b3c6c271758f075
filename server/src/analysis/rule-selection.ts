// `select` / `ignore` lists, as in Ruff: entries are codes (MEM301), code prefixes (MEM3), category slugs
// (large-comprehension), rule names or "all". An empty or absent `select` means the default set: every rule but
// those marked defaultEnabled: false, which run only when a select entry names them.
import type { RuleMeta } from './rule';

export interface RuleSelection {
  select?: readonly string[];
  ignore?: readonly string[];
}

function matches(rule: RuleMeta, entry: string): boolean {
  const e = entry.trim();
  if (e.length === 0) return false;
  if (e.toLowerCase() === 'all') return true;
  if (e === rule.category || e === rule.name) return true;
  return rule.code.startsWith(e.toUpperCase());
}

export function isRuleEnabled(rule: RuleMeta, selection: RuleSelection): boolean {
  const selected =
    !selection.select || selection.select.length === 0 ? rule.defaultEnabled !== false : selection.select.some((e) => matches(rule, e));
  const ignored = (selection.ignore ?? []).some((e) => matches(rule, e));
  return selected && !ignored;
}

/** Entries that match no rule: reported to the user as configuration mistakes. */
export function unknownSelectors(rules: readonly RuleMeta[], entries: readonly string[]): string[] {
  return entries.filter((e) => !rules.some((r) => matches(r, e)));
}
