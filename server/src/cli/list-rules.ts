// `memlens rules`: every rule with its code, category, default severity, whether it runs by default, and summary,
// aligned in columns.
import type { RuleMeta } from '../analysis/rule';

type Column = 'code' | 'category' | 'severity' | 'enabled';

export function formatRuleList(rules: readonly RuleMeta[]): string {
  const header = { code: 'CODE', category: 'CATEGORY', severity: 'SEVERITY', enabled: 'DEFAULT', summary: 'SUMMARY' };
  const rows = [
    header,
    ...rules.map((r) => ({ code: r.code, category: r.category, severity: r.severity, enabled: r.defaultEnabled === false ? 'opt-in' : 'on', summary: r.summary })),
  ];
  const width = (key: Column) => Math.max(...rows.map((r) => r[key].length));
  const widths = { code: width('code'), category: width('category'), severity: width('severity'), enabled: width('enabled') };
  const cells = (r: (typeof rows)[number]) => (['code', 'category', 'severity', 'enabled'] as const).map((k) => r[k].padEnd(widths[k])).join('  ');
  return rows.map((r) => `${cells(r)}  ${r.summary}`).join('\n') + '\n';
}
