// What every rule declares about itself. The README table, docs/rules/*.md, SARIF rule metadata and the
// diagnostics' code links are all produced from these records.
import type { Category, Severity } from './finding';

export interface RuleMeta {
  /** Stable code, e.g. MEM301. */
  code: string;
  /** Short kebab-case name, e.g. list-comprehension-consumed-once. */
  name: string;
  category: Category;
  /** Default severity; a check may raise or lower it per finding (documented in the rule's page). */
  severity: Severity;
  /** One sentence saying what the rule finds. */
  summary: string;
  /**
   * False for rules that report something true but usually harmless (an unmutated mutable default, any write
   * through `global`): they run only when selected by code, prefix, category or "all", as Ruff keeps its
   * pedantic rules out of the default set. Measured on the standard library, they would otherwise bury the
   * findings that point at real retention.
   */
  defaultEnabled?: boolean;
}

/**
 * Orders rule codes. They are ASCII (MEMnnn), so a plain comparison does; localeCompare would start ICU's collator
 * in every check worker (5-9 ms each).
 */
export function compareRuleCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const DOCS_BASE_URL = 'https://github.com/memlens/memlens/blob/main/docs/rules/';

export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
