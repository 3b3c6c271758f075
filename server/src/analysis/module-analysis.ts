// analyzeTree, one check at a time: the language server runs a module's checks as separate steps so it can yield
// to other work between them, publish what the finished checks found, and skip a check that is too slow for a
// document. Same semantics as analyzeTree: one pass collects every node type the enabled checks need; findings
// are filtered by rule selection and inline suppressions and sorted by position.
import type { Tree } from '../parse/python-parser';
import { comparePositions } from '../parse/source-range';
import type { AnalysisCache, AnalysisOptions, AnalysisResult, CheckFailure } from './analyze';
import type { Check, CheckContext } from './check';
import { DEFAULT_THRESHOLDS } from './check';
import { ALL_CHECKS, ALL_RULES } from './checks';
import type { Finding } from './finding';
import { ModuleImports } from './module-imports';
import { DEFAULT_PYTHON } from './python-version';
import { collectNodes } from './node-collection';
import { compareRuleCodes } from './rule';
import { isRuleEnabled } from './rule-selection';
import { TextIndex, withTextIndex } from './syntax/text-index';
import { findSuppressions, isSuppressed, type LineSuppression } from './suppression';

const IMPORT_TYPES = ['import_statement', 'import_from_statement'];

export class ModuleAnalysis {
  /** The enabled checks, in registry order; run them with runCheck(i). */
  readonly checks: readonly Check[];
  private readonly enabledCodes: Set<string>;
  private readonly ctx: CheckContext;
  private readonly findings: Finding[] = [];
  private readonly failures: CheckFailure[] = [];
  private suppressions: Map<number, LineSuppression> | undefined;
  /** Word positions shared by the checks (and carried to the next analysis of the document by `cache`). */
  private readonly textIndex: TextIndex;

  /** `skip`: ids of checks not to run (the server's list of checks too slow for this document). */
  /** `cache`: analysisCacheOf(document) for an open document, so an edit re-collects only what it changed. */
  constructor(tree: Tree, text: string, options: AnalysisOptions = {}, skip: ReadonlySet<string> = new Set(), cache?: AnalysisCache) {
    this.enabledCodes = new Set(ALL_RULES.filter((r) => isRuleEnabled(r, options)).map((r) => r.code));
    this.checks = ALL_CHECKS.filter((c) => !skip.has(c.id) && c.rules.some((r) => this.enabledCodes.has(r.code)));
    const root = tree.rootNode;
    const wanted = new Set<string>(IMPORT_TYPES);
    for (const check of this.checks) for (const t of check.nodeTypes) wanted.add(t);
    const byType = cache ? cache.nodes.collect(tree, wanted, root) : collectNodes(root, wanted);
    this.textIndex = new TextIndex(text, cache?.textIndex);
    if (cache) cache.textIndex = this.textIndex;
    this.ctx = {
      text,
      tree,
      root,
      python: options.python ?? DEFAULT_PYTHON,
      thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
      nodesOfType: (type) => byType.get(type) ?? [],
      imports: new ModuleImports(root, [...(byType.get('import_statement') ?? []), ...(byType.get('import_from_statement') ?? [])]),
      isEnabled: (code) => this.enabledCodes.has(code),
    };
  }

  /** Runs one check; a check that throws is recorded as a failure and the others still run. */
  runCheck(index: number): void {
    const check = this.checks[index];
    withTextIndex(this.textIndex, () => {
      try {
        for (const f of check.run(this.ctx)) if (this.enabledCodes.has(f.code)) this.findings.push(f);
      } catch (error) {
        this.failures.push({ check: check.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  }

  runAll(): AnalysisResult {
    for (let i = 0; i < this.checks.length; i++) this.runCheck(i);
    const result = this.result();
    // Every word list this analysis will use is built: let the previous version of the text go.
    this.textIndex.detachPrevious();
    return result;
  }

  /** What the checks run so far found, without suppressed findings, sorted by position. */
  result(): AnalysisResult {
    this.suppressions ??= withTextIndex(this.textIndex, () => findSuppressions(this.ctx.text));
    const suppressions = this.suppressions;
    const kept = this.findings.filter((f) => !isSuppressed(suppressions, f.range.start.line, f.code));
    kept.sort((a, b) => comparePositions(a.range.start, b.range.start) || compareRuleCodes(a.code, b.code));
    return { findings: kept, failures: [...this.failures] };
  }
}
