// Runs every enabled check over one parsed module. The node types all checks need are collected in a single
// pass over the tree, so adding a check does not add a walk.
import type { SyntaxNode, Tree } from '../parse/python-parser';
import { comparePositions } from '../parse/source-range';
import type { Check, CheckContext, Thresholds } from './check';
import { DEFAULT_THRESHOLDS } from './check';
import { ALL_CHECKS, ALL_RULES } from './checks';
import type { Finding } from './finding';
import { ModuleImports } from './module-imports';
import { DEFAULT_PYTHON, type PythonVersion } from './python-version';
import { isRuleEnabled, type RuleSelection } from './rule-selection';
import { findSuppressions, isSuppressed } from './suppression';

export interface AnalysisOptions extends RuleSelection {
  python?: PythonVersion;
  thresholds?: Partial<Thresholds>;
}

export interface CheckFailure {
  check: string;
  message: string;
}

export interface AnalysisResult {
  findings: Finding[];
  /** A check that threw; the others still ran. Reported so a bug never silently hides findings. */
  failures: CheckFailure[];
}

const IMPORT_TYPES = ['import_statement', 'import_from_statement'];

export function analyzeTree(tree: Tree, text: string, options: AnalysisOptions = {}): AnalysisResult {
  const enabledCodes = new Set(ALL_RULES.filter((r) => isRuleEnabled(r, options)).map((r) => r.code));
  const checks = ALL_CHECKS.filter((c) => c.rules.some((r) => enabledCodes.has(r.code)));
  const root = tree.rootNode;

  const wanted = new Set<string>(IMPORT_TYPES);
  for (const check of checks) for (const t of check.nodeTypes) wanted.add(t);
  const byType = collectNodes(root, wanted);

  const ctx: CheckContext = {
    text,
    tree,
    root,
    python: options.python ?? DEFAULT_PYTHON,
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    nodesOfType: (type) => byType.get(type) ?? [],
    imports: new ModuleImports(root, [...(byType.get('import_statement') ?? []), ...(byType.get('import_from_statement') ?? [])]),
    isEnabled: (code) => enabledCodes.has(code),
  };

  const findings: Finding[] = [];
  const failures: CheckFailure[] = [];
  for (const check of checks) {
    try {
      for (const f of check.run(ctx)) if (enabledCodes.has(f.code)) findings.push(f);
    } catch (error) {
      failures.push({ check: check.id, message: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  }

  const suppressions = findSuppressions(text);
  const kept = findings.filter((f) => !isSuppressed(suppressions, f.range.start.line, f.code));
  kept.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.code.localeCompare(b.code));
  return { findings: kept, failures };
}

/** One descendantsOfType call (done inside the wasm, no per-node JavaScript objects for the rest). */
function collectNodes(root: SyntaxNode, types: Set<string>): Map<string, SyntaxNode[]> {
  const byType = new Map<string, SyntaxNode[]>();
  for (const node of root.descendantsOfType([...types])) {
    if (!node) continue;
    let list = byType.get(node.type);
    if (!list) byType.set(node.type, (list = []));
    list.push(node);
  }
  return byType;
}

export function checkById(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
