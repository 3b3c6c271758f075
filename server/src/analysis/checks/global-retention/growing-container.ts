// MEM201: a module-level dict/list/set that functions add to and nothing removes from. A module's globals live in
// its `__dict__`, which `sys.modules` keeps until interpreter shutdown, so every entry added at run time stays
// reachable (with everything it refers to) for the life of the process.
import type { SyntaxNode } from '../../../parse/python-parser';
import { rangeOf } from '../../../parse/source-range';
import type { CheckContext } from '../../check';
import type { Finding } from '../../finding';
import type { RuleMeta } from '../../rule';
import type { ModuleNameUses } from '../../syntax/module-name-uses';
import { mutableValueOf, type MutableValue } from '../../syntax/mutable-values';
import { enclosingFunction, owningClass } from '../../syntax/scopes';
import { activeTextIndex, type LineScan } from '../../syntax/text-index';
import { classifyContainerUse } from './container-uses';
import { isGrownInText } from './growth-text';
import { isImportTimeFunction } from './import-time';

export const MEM201: RuleMeta = {
  code: 'MEM201',
  name: 'growing-module-container',
  category: 'global-retention',
  severity: 'warning',
  summary: 'A module-level container that functions add to and nothing ever removes from.',
};

export interface ModuleContainer {
  name: string;
  /** The module-level assignment that creates it. */
  definition: SyntaxNode;
  value: MutableValue;
}

export interface GrowthSite {
  node: SyntaxNode;
  function: SyntaxNode;
  description: string;
}

/**
 * Module-level `NAME = <new mutable container>` that the text shows being grown somewhere. Candidates come from
 * assignments that start a line at column 0 with a display or a call as value (the tree then confirms the
 * container type), so a container defined only inside a module-level `if`/`try` block is not considered.
 * Everything before the tree queries is plain text search: most modules need no tree query at all.
 */
export function moduleContainers(ctx: CheckContext): ModuleContainer[] {
  const out: ModuleContainer[] = [];
  const seen = new Set<string>();
  for (const m of topLevelAssignments(ctx.text)) {
    const targets = m.targets.split('=').slice(0, -1).map((t) => t.replace(/:.*$/s, '').trim());
    let at = m.index;
    for (const name of targets) {
      const offset = ctx.text.indexOf(name, at);
      at = offset + name.length;
      if (seen.has(name)) continue;
      seen.add(name);
      if (/^__\w+__$/.test(name) || !isGrownInText(ctx.text, name)) continue;
      const id = ctx.root.descendantForIndex(offset, offset + name.length);
      const assignment = id?.parent;
      if (id?.type !== 'identifier' || assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== id.id) continue;
      let right = assignment.childForFieldName('right');
      while (right?.type === 'assignment') right = right.childForFieldName('right'); // `A = B = {}`
      const value = right ? mutableValueOf(right, ctx.imports) : undefined;
      if (value && !value.bounded) out.push({ name, definition: assignment, value });
    }
  }
  return out;
}

/** `name = `, `a = b = `, `name: T = ` at column 0, followed by a display (`[`, `{`) or a call. */
const TOP_LEVEL_ASSIGNMENT = /((?:[A-Za-z_]\w*[ \t]*(?::[^=\n]*)?=(?!=)[ \t]*)+)(?:\[|\{|[A-Za-z_][\w.]*[ \t]*\()/y;

interface TopLevelAssignment {
  index: number;
  targets: string;
}

/**
 * Line by line (only lines starting with a name are tried): cheaper than a multiline `^` pattern. The pattern never
 * crosses a line end, so the analysis's text index rescans only the edited lines after a keystroke (the scan of
 * every line was ~0.1 ms of a keystroke on a 6k-line file).
 */
export const TOP_LEVEL_ASSIGNMENTS: LineScan<TopLevelAssignment> = {
  at: (m) => m.index,
  moved: (m, delta) => ({ index: m.index + delta, targets: m.targets }),
  scan(text, from, to, out) {
    for (let start = from; start < to; ) {
      const next = text.indexOf('\n', start);
      const c = text.charCodeAt(start);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
        TOP_LEVEL_ASSIGNMENT.lastIndex = start;
        const m = TOP_LEVEL_ASSIGNMENT.exec(text);
        if (m) out.push({ index: start, targets: m[1] });
      }
      if (next < 0) break;
      start = next + 1;
    }
  },
};

function topLevelAssignments(text: string): readonly TopLevelAssignment[] {
  const index = activeTextIndex(text);
  if (index) return index.lineRecords(TOP_LEVEL_ASSIGNMENTS);
  const out: TopLevelAssignment[] = [];
  TOP_LEVEL_ASSIGNMENTS.scan(text, 0, text.length, out);
  return out;
}

/**
 * The run-time growth sites of a container, or undefined when something removes from it, resets it or may (it
 * escapes to other code). Growth in a function that also looks at the container (`if key not in C`,
 * `C.get(key)`, `len(C)`) is a memo table or a guarded insert whose size we cannot judge, and growth at import
 * time is bounded by the code: neither is reported.
 */
export function growthSites(container: ModuleContainer, uses: ModuleNameUses, ctx: CheckContext): GrowthSite[] | undefined {
  const sites: GrowthSite[] = [];
  const readingFunctions = new Set<number>();
  const definitionEnd = container.definition.childForFieldName('right')?.startIndex ?? container.definition.startIndex;
  for (const id of uses.usesOf(container.name)) {
    if (id.startIndex >= container.definition.startIndex && id.endIndex <= definitionEnd) continue;
    const fn = enclosingFunction(id);
    const use = classifyContainerUse(id);
    if (use.role === 'removal' || use.role === 'escape') {
      // At module level, a later `C = {...}` or `f(C)` is import-time setup; only removals count there.
      if (!fn && (use.role === 'escape' || use.site.type === 'assignment')) continue;
      return undefined;
    }
    if (use.role === 'read' && fn && !isGlobalDeclaration(id) && !insideOwnGrowth(id)) readingFunctions.add(fn.id);
    if (use.role === 'growth' && fn) sites.push({ node: use.site, function: fn, description: use.description });
  }
  return sites.filter((s) => !readingFunctions.has(s.function.id) && !isImportTimeFunction(s.function, ctx, uses));
}

/** `C = C + [x]`: the read on the right is part of the growth, not a look-up. */
function insideOwnGrowth(id: SyntaxNode): boolean {
  for (let p = id.parent; p && p.type !== 'expression_statement' && p.type !== 'block'; p = p.parent) {
    if (p.type === 'assignment' && p.childForFieldName('left')?.text === id.text) return true;
  }
  return false;
}

function isGlobalDeclaration(id: SyntaxNode): boolean {
  return id.parent?.type === 'global_statement';
}

export function growingContainerFinding(container: ModuleContainer, sites: GrowthSite[]): Finding {
  const byFunction = new Map<string, GrowthSite[]>();
  for (const s of sites) {
    const name = functionLabel(s.function);
    byFunction.set(name, [...(byFunction.get(name) ?? []), s]);
  }
  const listed = [...byFunction.entries()].map(([fn, ss]) =>
    ss.length === 1 ? `${fn} (line ${ss[0].node.startPosition.row + 1}: ${ss[0].description})` : `${fn} (lines ${ss.map((s) => s.node.startPosition.row + 1).join(', ')})`,
  );
  const where = listed.length <= 3 ? joinList(listed) : `${joinList(listed.slice(0, 3))} and ${listed.length - 3} more`;
  return {
    code: MEM201.code,
    category: MEM201.category,
    severity: MEM201.severity,
    range: rangeOf(container.definition.childForFieldName('left') ?? container.definition),
    message: `Module-level ${container.value.type} \`${container.name}\` grows in ${where}, and nothing in the module ever removes from it or resets it: every entry stays alive as long as the module (sys.modules keeps it until shutdown).`,
    related: sites.map((s) => ({ range: rangeOf(s.node), message: `${s.description} in ${functionLabel(s.function)}` })),
    fixes: [],
  };
}

function functionLabel(fn: SyntaxNode): string {
  if (fn.type === 'lambda') return 'a lambda';
  const name = fn.childForFieldName('name')?.text ?? 'function';
  const cls = owningClass(fn)?.childForFieldName('name')?.text;
  return `\`${cls ? `${cls}.` : ''}${name}()\``;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
