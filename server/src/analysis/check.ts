// The contract between the analyzer and each check: a check is a pure function from a parsed module to findings.
import type { Tree, SyntaxNode } from '../parse/python-parser';
import type { Finding } from './finding';
import type { PythonVersion } from './python-version';
import type { RuleMeta } from './rule';
import type { ModuleImports } from './module-imports';

export interface Thresholds {
  /** A list, dict or set whose statically known length is at least this counts as large. */
  largeCollection: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { largeCollection: 10_000 };

export interface CheckContext {
  readonly text: string;
  readonly tree: Tree;
  readonly root: SyntaxNode;
  readonly python: PythonVersion;
  readonly thresholds: Thresholds;
  /** Every node of one of the types a check asked for, in document order (collected once per module). */
  nodesOfType(type: string): readonly SyntaxNode[];
  /** What the module's imports bind, for resolving `ft.lru_cache` or `from tempfile import TemporaryFile`. */
  readonly imports: ModuleImports;
  /** True when the code may report findings under this rule (select/ignore applied). */
  isEnabled(code: string): boolean;
}

export interface Check {
  /** Used in error reports when a check throws. */
  readonly id: string;
  readonly rules: readonly RuleMeta[];
  /** Node types this check reads through ctx.nodesOfType. */
  readonly nodeTypes: readonly string[];
  run(ctx: CheckContext): Finding[];
}
