// MEM202 and MEM203: functions that write module globals through a `global` declaration.
// MEM202: the writes accumulate (`X += [...]`, `X = X + ...`, `X.append(...)`, `X[k] = v`) and nothing resets X:
// the module keeps everything ever added. MEM203: any other write (the peers' "global statement", PLW0603/W0603):
// what the function stores stays reachable from the module's `__dict__` after the call returns, until the next
// rebinding, instead of dying with the call's frame. It is a hint: often intended, but it is where run-time data
// becomes module-lifetime data.
import type { SyntaxNode } from '../../../parse/python-parser';
import { rangeOf } from '../../../parse/source-range';
import type { CheckContext } from '../../check';
import type { Finding } from '../../finding';
import type { RuleMeta } from '../../rule';
import type { ModuleNameUses } from '../../syntax/module-name-uses';
import { bindingKind } from '../../syntax/name-bindings';
import { enclosingFunction, scopeContaining } from '../../syntax/scopes';
import { statementsOf, unparenthesized } from '../../syntax/statements';
import { classifyContainerUse, oneLine } from './container-uses';
import { isGrownInText } from './growth-text';

export const MEM202: RuleMeta = {
  code: 'MEM202',
  name: 'global-accumulation',
  category: 'global-retention',
  severity: 'warning',
  summary: 'A function declares a name global and accumulates into it, and nothing resets it.',
};

export const MEM203: RuleMeta = {
  code: 'MEM203',
  name: 'global-rebinding',
  category: 'global-retention',
  severity: 'hint',
  summary: 'A function rebinds a module global, so what it stores outlives the call and lives as long as the module.',
  defaultEnabled: false,
};

interface Accumulation {
  node: SyntaxNode;
  function: SyntaxNode;
  description: string;
}

/**
 * For each global name (not a MEM201 container), its accumulation sites when it only ever accumulates; names
 * with a reset, a removal or an escape anywhere in the module are left out.
 */
export function accumulatingGlobals(ctx: CheckContext, globals: readonly SyntaxNode[], uses: ModuleNameUses, containers: ReadonlySet<string>): Map<string, Accumulation[]> {
  const result = new Map<string, Accumulation[]>();
  const names = new Set<string>();
  for (const g of globals) for (const id of g.namedChildren) if (id?.type === 'identifier' && !containers.has(id.text)) names.add(id.text);
  for (const name of names) {
    if (!isGrownInText(ctx.text, name)) continue;
    const sites: Accumulation[] = [];
    let initial: SyntaxNode | undefined;
    let reset = false;
    for (const id of uses.usesOf(name)) {
      const fn = enclosingFunction(id);
      if (!fn) {
        if (bindingKind(id) === 'assign' && id.parent?.type === 'assignment') initial ??= id.parent.childForFieldName('right') ?? undefined;
        continue;
      }
      const use = classifyContainerUse(id);
      if (use.role === 'removal' || use.role === 'escape') {
        reset = true;
        break;
      }
      if (use.role === 'growth') sites.push({ node: use.site, function: fn, description: use.description });
    }
    if (reset || sites.length === 0) continue;
    if (!sites.every((s) => accumulates(s.node, initial))) continue;
    result.set(name, sites);
  }
  return result;
}

/** `X += 1` is a counter; `X += [x]`, `X += "s"`, or `+=` on something that started as a list or string, accumulates. */
function accumulates(site: SyntaxNode, initial: SyntaxNode | undefined): boolean {
  if (site.type !== 'augmented_assignment' && site.type !== 'assignment') return true; // X.append(...), X[k] = v
  if (site.type === 'assignment' && site.childForFieldName('left')?.type !== 'identifier') return true;
  const rhs = site.childForFieldName('right');
  if (initial && GROWABLE.has(unparenthesized(initial).type)) return true;
  if (!rhs) return false;
  const stack = [unparenthesized(rhs)];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (GROWABLE.has(n.type)) return true;
    if (n.type === 'binary_operator') for (const side of ['left', 'right']) {
      const s = n.childForFieldName(side);
      if (s) stack.push(unparenthesized(s));
    }
  }
  return false;
}

const GROWABLE = new Set(['list', 'tuple', 'set', 'dictionary', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'string', 'concatenated_string']);

export function accumulationFinding(statement: SyntaxNode, name: string, sites: Accumulation[]): Finding {
  const here = sites.filter((s) => enclosingFunction(s.node)?.id === enclosingFunction(statement)?.id);
  const shown = here.length > 0 ? here : sites;
  const fn = enclosingFunction(statement);
  const fnName = fn?.childForFieldName('name')?.text ?? 'function';
  return {
    code: MEM202.code,
    category: MEM202.category,
    severity: MEM202.severity,
    range: rangeOf(statement),
    message: `\`${fnName}()\` accumulates into module global \`${name}\` (${shown.map((s) => `${s.description} on line ${s.node.startPosition.row + 1}`).join(', ')}) and nothing resets it: everything added stays alive as long as the module.`,
    related: sites.map((s) => ({ range: rangeOf(s.node), message: `${s.description} accumulates into \`${name}\`` })),
    fixes: [],
  };
}

/** The writes a function makes to each name its `global` statement declares (in the function's own scope). */
export function writesInFunction(statement: SyntaxNode, uses: ModuleNameUses): Map<string, SyntaxNode[]> {
  const writes = new Map<string, SyntaxNode[]>();
  const fn = enclosingFunction(statement);
  if (!fn || fn.type !== 'function_definition') return writes;
  for (const declared of statement.namedChildren) {
    if (declared?.type !== 'identifier') continue;
    for (const id of uses.usesWithin(declared.text, fn.startIndex, fn.endIndex)) {
      if (!bindingKind(id) || scopeContaining(id)?.id !== fn.id) continue;
      writes.set(id.text, [...(writes.get(id.text) ?? []), id]);
    }
  }
  return writes;
}

/**
 * Lazy initialisation: every write sits under an `if` (or `while`) that tests one of the declared names
 * (`if _x is None:`, `if not _built:`), or follows an early `if _checked: return`. It runs once and keeps one
 * object by design, like import-time setup: not reported.
 */
export function isLazyInitialisation(statement: SyntaxNode, writes: Map<string, SyntaxNode[]>): boolean {
  const declared = statement.namedChildren.filter((c): c is SyntaxNode => c?.type === 'identifier').map((c) => c.text);
  const mentionsDeclared = (node: SyntaxNode | null) => node !== null && declared.some((name) => new RegExp(`(^|[^\\w.])${name}(?!\\w)`).test(node.text));
  const fn = enclosingFunction(statement);
  const earlyReturn = statementsOf(fn?.childForFieldName('body') ?? null).find(
    (s) => s.type === 'if_statement' && mentionsDeclared(s.childForFieldName('condition')) && /^\s*return\b/m.test(s.childForFieldName('consequence')?.text ?? ''),
  );
  for (const ids of writes.values()) {
    for (const id of ids) {
      if (earlyReturn && id.startIndex > earlyReturn.endIndex) continue;
      let guarded = false;
      for (let p = id.parent; p && p.id !== fn?.id; p = p.parent) {
        if ((p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'while_statement') && mentionsDeclared(p.childForFieldName('condition'))) {
          guarded = true;
          break;
        }
      }
      if (!guarded) return false;
    }
  }
  return writes.size > 0;
}

export function rebindingFinding(statement: SyntaxNode, writes: Map<string, SyntaxNode[]>): Finding {
  const fn = enclosingFunction(statement);
  const fnName = fn?.childForFieldName('name')?.text ?? 'function';
  const names = [...writes.keys()];
  const first = writes.get(names[0])![0];
  const deletesOnly = names.every((n) => writes.get(n)!.every((w) => bindingKind(w) === 'delete'));
  const what = deletesOnly
    ? `deletes module global${names.length > 1 ? 's' : ''} ${names.map((n) => `\`${n}\``).join(', ')}: module-lifetime state is created and dropped from inside functions, so what the module keeps alive depends on which functions ran`
    : `rebinds module global${names.length > 1 ? 's' : ''} ${names.map((n) => `\`${n}\``).join(', ')} (line ${first.startPosition.row + 1}: \`${oneLine(statementText(first))}\`): whatever it stores there outlives the call and stays alive as long as the module, until the next rebinding`;
  return {
    code: MEM203.code,
    category: MEM203.category,
    severity: MEM203.severity,
    range: rangeOf(statement),
    message: `\`${fnName}()\` ${what}.`,
    related: names.flatMap((n) => writes.get(n)!.map((w) => ({ range: rangeOf(w), message: `\`${n}\` is written here` }))),
    fixes: [],
  };
}

function statementText(id: SyntaxNode): string {
  for (let p = id.parent; p; p = p.parent) {
    if (p.type.endsWith('_statement') || p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'assignment' || p.type === 'augmented_assignment') {
      return p.type === 'function_definition' || p.type === 'class_definition' ? p.text.split('\n')[0].replace(/:\s*$/, '') : p.text;
    }
  }
  return id.text;
}
