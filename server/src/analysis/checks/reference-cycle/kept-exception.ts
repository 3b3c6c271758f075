// MEM101: a caught exception that outlives its except block. `except E as e` binds e only for the block (the
// compiler adds `e = None; del e` at its end, Python/compile.c `compiler_try_except`), because the exception's
// __traceback__ holds the handling frame (Python/traceback.c `tb_create_raw` stores tb_frame), and that frame holds
// its locals. Any other binding of the exception made in the block (`err = e`, `self.error = e`,
// `errors.append(e)`, `info = sys.exc_info()`) closes the loop frame -> local -> exception -> traceback -> frame:
// reference counting can never free it, only the cyclic GC (Modules/gcmodule.c; Python/gc.c from 3.13) does, and
// until it runs every local of every frame in the traceback stays alive.
import type { SyntaxNode } from '../../../parse/python-parser';
import { rangeOf } from '../../../parse/source-range';
import type { CheckContext } from '../../check';
import type { Finding, Fix, RelatedLocation } from '../../finding';
import { identifiersNamedIn } from '../../syntax/name-occurrences';
import { enclosingScope, scopeLabel } from '../../syntax/scopes';
import { mentions, wordOffsets } from '../../syntax/text-search';
import { clearInFinallyFix, statementIn } from './finally-fix';
import { clearedAfter, isCaptured, isLocal, nameLifetime, scopeBody, type NameLifetime } from './name-lifetime';
import { KEPT_EXCEPTION } from './rules';
import { holderOf, rootName, shortText, type Holder } from './value-flow';

const CONSEQUENCE = 'until the cyclic GC runs, every local of every frame in the traceback stays alive';

const EXCEPT_AS = /except\b\s*\*?[^:]*?\bas\s+[\p{L}_][\p{L}\p{N}_]*\s*:/uy;

export function keptExceptionFindings(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const offset of wordOffsets(ctx.text, 'except')) {
    EXCEPT_AS.lastIndex = offset;
    if (!EXCEPT_AS.test(ctx.text)) continue;
    const clause = ctx.root.descendantForIndex(offset, offset + 6)?.parent;
    if (clause?.type !== 'except_clause') continue;
    const alias = exceptAlias(clause);
    const block = clause.lastNamedChild;
    if (!alias || block?.type !== 'block') continue;
    const scope = enclosingScope(clause);
    // Class bodies run once and rarely catch; a lambda cannot contain a try.
    if (scope.type !== 'function_definition' && scope.type !== 'module') continue;
    for (const use of identifiersNamedIn(ctx.root, ctx.text, alias.text, block)) {
      let value = use;
      let traceback = false;
      const parent = use.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.text === '__traceback__') {
        value = parent;
        traceback = true;
      }
      const holder = holderOf(value);
      if (!holder || enclosingScope(use).id !== scope.id || isExceptionChaining(holder)) continue;
      const finding = judgeHolder(ctx, { clause, alias, scope, holder, traceback });
      if (finding) findings.push(finding);
    }
  }
  findings.push(...keptExcInfoFindings(ctx));
  return findings;
}

/** `new.__cause__ = e` / `__context__`: what `raise new from e` does anyway, not a store of its own. */
function isExceptionChaining(holder: Holder): boolean {
  if (holder.target.type !== 'attribute') return false;
  const attr = holder.target.childForFieldName('attribute')?.text;
  return attr === '__cause__' || attr === '__context__';
}

/** The `e` of `except E as e` (also `except* E as e`). */
function exceptAlias(clause: SyntaxNode): SyntaxNode | undefined {
  const pattern = clause.namedChildren.find((c) => c?.type === 'as_pattern');
  const target = pattern?.childForFieldName('alias');
  const name = target?.type === 'as_pattern_target' ? target.namedChild(0) : target;
  return name?.type === 'identifier' ? name : undefined;
}

interface Escape {
  clause: SyntaxNode;
  alias: SyntaxNode;
  scope: SyntaxNode;
  holder: Holder;
  /** The block kept `e.__traceback__` rather than `e`. */
  traceback: boolean;
}

function judgeHolder(ctx: CheckContext, escape: Escape): Finding | undefined {
  const { holder, alias, scope } = escape;
  const e = alias.text;
  const frame = `frame of ${scopeLabel(scope)}`;
  const after = holder.statement.endIndex;
  const what = escape.traceback ? `the traceback of caught exception \`${e}\`` : `caught exception \`${e}\``;
  if (holder.kind === 'name') {
    const name = holder.target.text;
    if (name === e) return undefined;
    const lifetime = nameLifetime(ctx.root, ctx.text, scope, name);
    if (clearedAfter(lifetime, after)) return undefined;
    const hops = holder.wrapped ? `${name} -> ${e}${escape.traceback ? '.__traceback__' : ` -> ${e}.__traceback__`}` : escape.traceback ? name : `${name} -> ${name}.__traceback__`;
    const path = lifetime.notLocal ? `${hops} -> ${frame} -> ${outerLink(scope)} -> ${name}` : `${hops} -> ${frame} -> ${name}`;
    const message = `${what} outlives its except block in \`${name}\`: ${path}; ${CONSEQUENCE}`;
    return finding(holder.statement, message, related(escape, lifetime), lifetime.notLocal ? [] : clearFix(ctx, escape, lifetime));
  }
  const root = rootName(holder.target);
  if (!root) return undefined;
  const lifetime = nameLifetime(ctx.root, ctx.text, scope, root.text);
  const local = isLocal(lifetime);
  if (local && clearedAfter(lifetime, after)) return undefined;
  if (targetClearedAfter(ctx, scope, holder, after)) return undefined;
  const target = holder.statement.type === 'call' ? `${shortText(ctx.text, holder.target)}[…]` : shortText(ctx.text, holder.target);
  const hop = escape.traceback ? '' : ` -> ${e}.__traceback__`;
  const path = local ? `${target}${hop} -> ${frame} -> ${root.text}` : `${target}${hop} -> ${frame} -> ${outerLink(scope)} -> ${root.text}`;
  const message = `${what} is stored in \`${target}\` and outlives its except block: ${path}; ${CONSEQUENCE}`;
  return finding(holder.statement, message, related(escape, undefined), local ? clearFix(ctx, escape, lifetime) : []);
}

/** How a frame reaches a name it does not own: its globals, or a closure cell of the enclosing function. */
function outerLink(scope: SyntaxNode): string {
  return enclosingScope(scope).type === 'function_definition' ? 'closure cell' : 'f_globals';
}

/** `self.error = None`, `del self.error` or `errors.clear()` after the store. */
function targetClearedAfter(ctx: CheckContext, scope: SyntaxNode, holder: Holder, after: number): boolean {
  const body = scopeBody(scope);
  if (!body) return false;
  const target = holder.target.type === 'subscript' ? holder.target.childForFieldName('value') : holder.target;
  if (!target || target.endIndex - target.startIndex > 80) return false;
  const spelled = ctx.text.slice(target.startIndex, target.endIndex).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const clearing = new RegExp(`(?:^|[^\\w.])(?:${spelled}\\s*=\\s*None\\b|del\\s+${spelled}(?![\\w.[])|${spelled}\\.clear\\(\\))`);
  return clearing.test(ctx.text.slice(after, body.endIndex));
}

/** Where the exception was caught, and where the kept name is used after the except block (a few of them). */
function related(escape: Escape, lifetime: NameLifetime | undefined): RelatedLocation[] {
  const out: RelatedLocation[] = [{ range: rangeOf(escape.alias), message: `exception \`${escape.alias.text}\` caught here` }];
  if (!lifetime) return out;
  for (const use of lifetime.uses) {
    if (out.length >= 4) break;
    if (use.node.startIndex < escape.clause.endIndex) continue;
    out.push({ range: rangeOf(use.node), message: `\`${lifetime.name}\` still holds it here` });
  }
  return out;
}

function clearFix(ctx: CheckContext, escape: Escape, lifetime: NameLifetime): Fix[] {
  // Wrapping the rest of a module in try/finally would be no fix at all: its globals must outlive the block.
  if (escape.scope.type !== 'function_definition') return [];
  const body = scopeBody(escape.scope);
  const from = body && statementIn(body, escape.clause);
  if (!body || !from) return [];
  const fix = clearInFinallyFix({
    text: ctx.text,
    block: body,
    from,
    clear: `${lifetime.name} = None`,
    title: `Clear \`${lifetime.name}\` in a finally block`,
    safe: !isCaptured(lifetime),
  });
  return fix ? [fix] : [];
}

function finding(node: SyntaxNode, message: string, relatedLocations: RelatedLocation[], fixes: Fix[]): Finding {
  return {
    code: KEPT_EXCEPTION.code,
    category: KEPT_EXCEPTION.category,
    severity: KEPT_EXCEPTION.severity,
    range: rangeOf(node),
    message,
    related: relatedLocations,
    fixes,
  };
}

const EMPTY_CALL = /^\w+\s*\(\s*\)/;

/** `info = sys.exc_info()` (or its value or traceback) kept in a local or attribute inside the except block handling it. */
function keptExcInfoFindings(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  if (!ctx.imports.imported('sys')) return findings;
  const offsets: number[] = [];
  const alias = /\s+as\s+(\w+)/y;
  const calledAt = (word: string) => (o: number) => EMPTY_CALL.test(ctx.text.slice(o, o + word.length + 16));
  for (const word of ['exc_info', 'exception']) {
    if (!mentions(ctx.text, word)) continue;
    for (const o of wordOffsets(ctx.text, word)) {
      if (calledAt(word)(o)) offsets.push(o);
      // `from sys import exc_info as info` calls it `info()`.
      alias.lastIndex = o + word.length;
      const m = alias.exec(ctx.text);
      if (m) offsets.push(...wordOffsets(ctx.text, m[1]).filter(calledAt(m[1])));
    }
  }
  for (const offset of new Set(offsets)) {
    const id = ctx.root.descendantForIndex(offset, offset + 1);
    if (id?.type !== 'identifier') continue;
    const fn = id.parent?.type === 'attribute' ? id.parent : id;
    const call = fn.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== fn.id) continue;
    const qualified = ctx.imports.qualifiedName(fn);
    if (qualified !== 'sys.exc_info' && qualified !== 'sys.exception') continue;
    const scope = enclosingScope(call);
    const clause = handlingClause(call, scope);
    if (!clause || (scope.type !== 'function_definition' && scope.type !== 'module')) continue;
    const finding = judgeExcInfo(ctx, call, qualified === 'sys.exc_info', scope, clause);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** The except clause whose block the node is in, within the same scope. */
function handlingClause(node: SyntaxNode, scope: SyntaxNode): SyntaxNode | undefined {
  for (let up = node.parent; up && up.id !== scope.id; up = up.parent) {
    if (up.type === 'block' && up.parent?.type === 'except_clause') return up.parent;
  }
  return undefined;
}

function judgeExcInfo(ctx: CheckContext, call: SyntaxNode, isTuple: boolean, scope: SyntaxNode, clause: SyntaxNode): Finding | undefined {
  let value = call;
  const parent = call.parent;
  if (isTuple && parent?.type === 'subscript' && parent.childForFieldName('value')?.id === call.id) {
    const index = parent.childForFieldName('subscript')?.text.trim();
    if (index === '0' || index === '-3') return undefined;
    value = parent;
  }
  const spelled = isTuple ? 'sys.exc_info()' : 'sys.exception()';
  const frame = `frame of ${scopeLabel(scope)}`;
  const held: Array<{ name: string; path: string }> = [];
  const assignment = value.parent;
  const left = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === value.id ? assignment.childForFieldName('left') : null;
  let statement: SyntaxNode | undefined;
  let lifetimes: NameLifetime[] = [];
  if (left && value.id === call.id && isTuple && (left.type === 'pattern_list' || left.type === 'tuple_pattern')) {
    // `t, v, tb = sys.exc_info()`: the value and the traceback reach the frame; the type does not.
    statement = assignment!;
    const targets = left.namedChildren.filter((c): c is SyntaxNode => c !== null);
    for (const [index, target] of targets.entries()) {
      if (index === 0 || target.type !== 'identifier') continue;
      const lifetime = nameLifetime(ctx.root, ctx.text, scope, target.text);
      if (clearedAfter(lifetime, statement.endIndex)) continue;
      lifetimes.push(lifetime);
      held.push({ name: target.text, path: index === 1 ? `${target.text} -> ${target.text}.__traceback__ -> ${frame} -> ${target.text}` : `${target.text} -> ${frame} -> ${target.text}` });
    }
  } else {
    const holder = holderOf(value);
    if (!holder) return undefined;
    statement = holder.statement;
    if (holder.kind === 'store') {
      // `self.exc_info = sys.exc_info()`: the object keeps the traceback, the frame keeps the object.
      const root = rootName(holder.target);
      if (!root) return undefined;
      const lifetime = nameLifetime(ctx.root, ctx.text, scope, root.text);
      const local = isLocal(lifetime);
      if ((local && clearedAfter(lifetime, statement.endIndex)) || targetClearedAfter(ctx, scope, holder, statement.endIndex)) return undefined;
      const target = shortText(ctx.text, holder.target);
      const path = `${target} -> traceback -> ${frame} -> ${local ? root.text : `${outerLink(scope)} -> ${root.text}`}`;
      const message = `${spelled} is stored in \`${target}\` inside the except block handling it: ${path}; ${CONSEQUENCE}`;
      return finding(statement, message, [{ range: rangeOf(clause), message: 'the exception is handled here' }], []);
    }
    const name = holder.target.text;
    const lifetime = nameLifetime(ctx.root, ctx.text, scope, name);
    if (clearedAfter(lifetime, statement.endIndex)) return undefined;
    lifetimes = [lifetime];
    held.push({ name, path: `${name} -> traceback -> ${frame} -> ${name}` });
  }
  if (held.length === 0 || !statement) return undefined;
  const names = held.map((h) => `\`${h.name}\``).join(', ');
  const message = `${spelled} is kept in ${names} inside the except block handling it: ${held.map((h) => h.path).join('; ')}; ${CONSEQUENCE}`;
  const body = scope.type === 'function_definition' ? scopeBody(scope) : null;
  const from = body && statementIn(body, clause);
  const fix =
    body && from && lifetimes.every((l) => !l.notLocal)
      ? clearInFinallyFix({
          text: ctx.text,
          block: body,
          from,
          clear: `${lifetimes.map((l) => l.name).join(' = ')} = None`,
          title: `Clear ${names} in a finally block`,
          safe: lifetimes.every((l) => !isCaptured(l)),
        })
      : undefined;
  return finding(statement, message, [{ range: rangeOf(clause), message: 'the exception is handled here' }], fix ? [fix] : []);
}
