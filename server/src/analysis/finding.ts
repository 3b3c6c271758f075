// Plain data produced by the checks. No LSP types here: features/ turns these into diagnostics and code actions,
// and the CLI into text, JSON and SARIF.
import type { SourceRange } from '../parse/source-range';

export type Category =
  | 'reference-cycle'
  | 'global-retention'
  | 'cached-method-leak'
  | 'mutable-default-retention'
  | 'large-comprehension'
  | 'dict-heavy-class'
  | 'unclosed-resource';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: SourceRange;
  newText: string;
}

export interface Fix {
  title: string;
  /** Safe fixes keep behaviour; unsafe ones may change it (and are never applied by "fix all"). */
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  range: SourceRange;
  message: string;
}

export interface Finding {
  code: string;
  category: Category;
  severity: Severity;
  range: SourceRange;
  message: string;
  /** Other places that make up the finding: the rest of a cycle, a container's growth sites. */
  related: RelatedLocation[];
  /** The first fix is the preferred one. */
  fixes: Fix[];
  /** The flagged code does nothing useful (LSP's Unnecessary tag). */
  unnecessary?: boolean;
}
