// MEM104: a frame object kept in a variable, an attribute or a container. A frame owns its locals
// (Objects/frameobject.c: f_locals, and since 3.11 the _PyInterpreterFrame it takes over when the function
// returns, Python/frame.c `_PyFrame_ClearExceptCode`/`take_ownership`), and links to its caller through f_back.
// A local that holds the frame it lives in is a cycle (frame -> local -> frame): reference counting never frees
// it, only the cyclic GC (Modules/gcmodule.c; Python/gc.c from 3.13). The inspect documentation gives the idiom:
// `frame = inspect.currentframe(); try: ... finally: del frame`.
import type { SyntaxNode } from '../../../parse/python-parser';
import { rangeOf } from '../../../parse/source-range';
import type { CheckContext } from '../../check';
import type { Finding, Fix } from '../../finding';
import { enclosingScope, owningClass, scopeLabel } from '../../syntax/scopes';
import { mentions, wordOffsets } from '../../syntax/text-search';
import { clearInFinallyFix, statementIn } from './finally-fix';
import { isCaptured, isLocal, nameLifetime, reboundAfter, scopeBody } from './name-lifetime';
import { classClears } from './explicit-clearing';
import { KEPT_FRAME } from './rules';
import { holderOf, rootName, shortText } from './value-flow';

/** What a frame-producing expression gives: a frame, a list of FrameInfo records, or one record. */
type FrameValue = 'frame' | 'records' | 'record';

interface FrameSource {
  value: SyntaxNode;
  kind: FrameValue;
  /** The value is (or contains) the frame of the function that evaluates it. */
  current: boolean;
  spelled: string;
}

const CALLS: Record<string, { kind: FrameValue; current: (call: SyntaxNode) => boolean }> = {
  'inspect.currentframe': { kind: 'frame', current: () => true },
  'sys._getframe': { kind: 'frame', current: (call) => isCurrentDepth(call) },
  'inspect.stack': { kind: 'records', current: () => true },
  'inspect.trace': { kind: 'records', current: () => true },
  'inspect.getouterframes': { kind: 'records', current: () => false },
  'inspect.getinnerframes': { kind: 'records', current: () => false },
};

function isCurrentDepth(call: SyntaxNode): boolean {
  const args = call.childForFieldName('arguments');
  const first = args?.namedChild(0);
  return !first || first.text === '0';
}

/** Words that start a frame-producing expression; the module must import where they come from. */
const FRAME_WORDS: ReadonlyArray<{ word: string; needs: 'inspect' | 'sys' | 'frame' | 'f_back' }> = [
  { word: 'currentframe', needs: 'inspect' },
  { word: 'stack', needs: 'inspect' },
  { word: 'trace', needs: 'inspect' },
  { word: 'getouterframes', needs: 'inspect' },
  { word: 'getinnerframes', needs: 'inspect' },
  { word: '_getframe', needs: 'sys' },
  { word: 'tb_frame', needs: 'frame' },
  { word: 'f_back', needs: 'f_back' },
];

export function keptFrameFindings(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const text = ctx.text;
  const seen = new Set<number>();
  // Each text pass costs; skip the words this module cannot be using.
  const mentionsFrame = mentions(text, 'frame');
  const available = {
    inspect: ctx.imports.imported('inspect'),
    sys: mentionsFrame && ctx.imports.imported('sys'),
    frame: mentionsFrame,
    f_back: mentions(text, 'f_back'),
  };
  for (const { word, needs } of FRAME_WORDS) {
    if (!available[needs]) continue;
    for (const offset of wordOffsets(text, word)) {
      const source = word === 'tb_frame' || word === 'f_back' ? attributeSource(ctx, offset) : callSource(ctx, offset);
      if (!source) continue;
      const climbed = climb(source);
      if (!climbed || seen.has(climbed.value.id)) continue;
      seen.add(climbed.value.id);
      const finding = judge(ctx, climbed);
      if (finding) findings.push(finding);
    }
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return findings;
}

function callSource(ctx: CheckContext, index: number): FrameSource | undefined {
  const id = ctx.root.descendantForIndex(index, index + 1);
  if (id?.type !== 'identifier') return undefined;
  const fn = id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id ? id.parent : id;
  const call = fn.parent;
  if (call?.type !== 'call' || call.childForFieldName('function')?.id !== fn.id) return undefined;
  const qualified = ctx.imports.qualifiedName(fn);
  const known = qualified ? CALLS[qualified] : undefined;
  if (!known) return undefined;
  return { value: call, kind: known.kind, current: known.current(call), spelled: `${qualified}()` };
}

/**
 * `tb.tb_frame`, `frame.f_back`: a frame, not the current one, except `e.__traceback__.tb_frame` inside the block
 * that caught `e` (a traceback starts at the frame that catches it).
 */
function attributeSource(ctx: CheckContext, index: number): FrameSource | undefined {
  const name = ctx.root.descendantForIndex(index, index + 1);
  const attribute = name?.parent;
  if (name?.type !== 'identifier' || attribute?.type !== 'attribute' || attribute.childForFieldName('attribute')?.id !== name.id) return undefined;
  const current = name.text === 'tb_frame' && isCaughtHere(attribute.childForFieldName('object'));
  return { value: attribute, kind: 'frame', current, spelled: `.${name.text}` };
}

/** `e.__traceback__` where `e` is the name of an except clause around the expression. */
function isCaughtHere(traceback: SyntaxNode | null): boolean {
  if (traceback?.type !== 'attribute' || traceback.childForFieldName('attribute')?.text !== '__traceback__') return false;
  const exception = traceback.childForFieldName('object');
  if (exception?.type !== 'identifier') return false;
  for (let up = traceback.parent; up && up.type !== 'function_definition' && up.type !== 'lambda'; up = up.parent) {
    if (up.type !== 'except_clause') continue;
    const alias = up.namedChildren.find((c) => c?.type === 'as_pattern')?.childForFieldName('alias');
    if (alias?.text === exception.text) return true;
  }
  return false;
}

/** Follows `.f_back`, `[0]`, `.frame` from the source while the value is still a frame or a record. */
function climb(source: FrameSource): FrameSource | undefined {
  let { value, kind, current } = source;
  for (;;) {
    const parent = value.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === value.id) {
      const attr = parent.childForFieldName('attribute')?.text;
      if (kind === 'frame' && attr === 'f_back') current = false;
      else if (kind === 'record' && attr === 'frame') kind = 'frame';
      else return undefined;
      value = parent;
    } else if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === value.id) {
      const index = parent.childForFieldName('subscript');
      if (kind === 'records' && index?.type !== 'slice') {
        kind = 'record';
        current = current && index?.text === '0';
      } else if (kind === 'record' && index?.text === '0') kind = 'frame';
      else if (kind !== 'records') return undefined;
      value = parent;
    } else {
      return { ...source, value, kind, current };
    }
  }
}

function judge(ctx: CheckContext, source: FrameSource): Finding | undefined {
  const holder = holderOf(source.value);
  if (!holder) return undefined;
  const scope = enclosingScope(source.value);
  if (scope.type !== 'function_definition') return undefined;
  const frame = `frame of ${scopeLabel(scope)}`;
  const what = source.kind === 'frame' ? 'a frame object' : source.kind === 'record' ? 'a FrameInfo record (it holds a frame)' : 'a list of FrameInfo records (they hold frames)';
  if (holder.kind === 'name') {
    if (!source.current) return undefined;
    const name = holder.target.text;
    const lifetime = nameLifetime(ctx.root, ctx.text, scope, name);
    if (lifetime.notLocal || reboundAfter(lifetime, holder.statement.endIndex)) return undefined;
    const hop = source.kind === 'frame' ? '' : ' -> FrameInfo';
    const message = `\`${name}\` keeps ${source.spelled} in the frame it refers to: ${name}${hop} -> ${frame} -> ${name}; until the cyclic GC runs, every local of ${scopeLabel(scope)} stays alive (delete it in a finally block)`;
    return {
      ...base(holder.statement, message),
      fixes: deleteFix(ctx, scope, holder.statement, name, !isCaptured(lifetime)),
    };
  }
  const root = rootName(holder.target);
  if (!root) return undefined;
  const lifetime = nameLifetime(ctx.root, ctx.text, scope, root.text);
  const plainLocal = isLocal(lifetime) && !lifetime.isParameter;
  // A container local to the call dies with it unless it holds the call's own frame.
  if (plainLocal && (!source.current || reboundAfter(lifetime, holder.statement.endIndex))) return undefined;
  const target = holder.statement.type === 'call' ? `${shortText(ctx.text, holder.target)}[…]` : shortText(ctx.text, holder.target);
  const cls = root.text === 'self' && scope.type === 'function_definition' ? owningClass(scope) : undefined;
  // A debugger's `self.botframe = frame` that its reset() sets back to None keeps the frame on purpose.
  if (cls && classClears(ctx.root, ctx.text, cls, scope, [ctx.text.slice(holder.target.startIndex, holder.target.endIndex)])) return undefined;
  const frameLabel = source.current ? frame : 'the frame';
  const message = `${what} from ${source.spelled} is stored in \`${target}\`: ${target} -> ${frameLabel} -> its locals and f_back; every local of that frame and of its callers stays alive as long as \`${target}\` does, and a frame that refers back to \`${root.text}\` is only freed by the cyclic GC`;
  return { ...base(holder.statement, message), fixes: [] };
}

function base(node: SyntaxNode, message: string): Finding {
  return { code: KEPT_FRAME.code, category: KEPT_FRAME.category, severity: KEPT_FRAME.severity, range: rangeOf(node), message, related: [], fixes: [] };
}

/** `try: <rest of the function> finally: del frame`, the idiom the inspect documentation recommends. */
function deleteFix(ctx: CheckContext, scope: SyntaxNode, binding: SyntaxNode, name: string, safe: boolean): Fix[] {
  const body = scopeBody(scope);
  const statement = body && statementIn(body, binding);
  if (!body || !statement) return [];
  let from: SyntaxNode | null = statement;
  let clear = `${name} = None`;
  if (statement.type === 'expression_statement' && statement.namedChild(0)?.id === binding.id) {
    from = statement.nextNamedSibling;
    while (from?.type === 'comment') from = from.nextNamedSibling;
    const lifetime = nameLifetime(ctx.root, ctx.text, scope, name);
    if (!lifetime.uses.some((u) => u.kind === 'clear')) clear = `del ${name}`;
  }
  if (!from) return [];
  const fix = clearInFinallyFix({ text: ctx.text, block: body, from, clear, title: `Delete \`${name}\` in a finally block`, safe });
  return fix ? [fix] : [];
}
