// Runs every enabled check over one parsed module (module-analysis.ts does the work). The node types all checks
// need are collected in a single pass over the tree, so adding a check does not add a walk, and the checks' word
// searches share one index of the text. For a document edited in place (analyzeDocument), both are carried over
// from the previous analysis and updated only where the edit changed the tree and the text (node-collection.ts,
// syntax/text-index.ts).
import type { PythonDocument } from '../parse/python-document';
import type { Tree } from '../parse/python-parser';
import type { Check, Thresholds } from './check';
import { ALL_CHECKS } from './checks';
import type { Finding } from './finding';
import { ModuleAnalysis } from './module-analysis';
import { NodeCollectionCache } from './node-collection';
import type { PythonVersion } from './python-version';
import type { RuleSelection } from './rule-selection';
import type { TextIndex } from './syntax/text-index';

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

/** What analyzeTree may carry from one analysis of a document to the next (see analyzeDocument). */
export class AnalysisCache {
  readonly nodes = new NodeCollectionCache();
  /** Word positions in the last analysed text, updated around the change instead of rescanned. */
  textIndex: TextIndex | undefined;

  /** Releases the tree the node cache holds (wasm memory); the cache stays usable. */
  dispose(): void {
    this.nodes.dispose();
    this.textIndex = undefined;
  }
}

const documentCaches = new WeakMap<PythonDocument, AnalysisCache>();

/** The cache analyses of this document share; created on first use and released by document.dispose(). */
export function analysisCacheOf(document: PythonDocument): AnalysisCache {
  let cache = documentCaches.get(document);
  if (!cache) {
    const created = (cache = new AnalysisCache());
    documentCaches.set(document, created);
    document.onDispose(() => created.dispose());
  }
  return cache;
}

/**
 * analyzeTree for an open document that is edited in place: same findings, but the node collection re-walks only
 * the statements the edits re-parsed and word searches rescan only the changed text (see AnalysisCache).
 */
export function analyzeDocument(document: PythonDocument, options: AnalysisOptions = {}): AnalysisResult {
  return analyzeTree(document.tree, document.text, options, analysisCacheOf(document));
}

/**
 * Every enabled check over one module. `cache`: reuse what an analysis of an earlier version of the same document
 * found (see analyzeDocument). The language server drives ModuleAnalysis one check at a time; this runs them all.
 */
export function analyzeTree(tree: Tree, text: string, options: AnalysisOptions = {}, cache?: AnalysisCache): AnalysisResult {
  return new ModuleAnalysis(tree, text, options, new Set(), cache).runAll();
}

export function checkById(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
