// `memlens rules`: every rule with its code, category, default severity and summary, aligned in columns.
import type { RuleMeta } from '../analysis/rule';

export function formatRuleList(rules: readonly RuleMeta[]): string {
  const header = { code: 'CODE', category: 'CATEGORY', severity: 'SEVERITY', summary: 'SUMMARY' };
  const rows = [header, ...rules.map((r) => ({ code: r.code, category: r.category, severity: r.severity, summary: r.summary }))];
  const width = (key: 'code' | 'category' | 'severity') => Math.max(...rows.map((r) => r[key].length));
  const [c, k, s] = [width('code'), width('category'), width('severity')];
  return rows.map((r) => `${r.code.padEnd(c)}  ${r.category.padEnd(k)}  ${r.severity.padEnd(s)}  ${r.summary}`).join('\n') + '\n';
}
