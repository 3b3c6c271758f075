// MEM102: a parent and a child that refer to each other with strong references (`child.parent = self` while
// `self.children` holds the child; `self.helper = Helper(self)` where Helper keeps its argument). Each keeps the
// other's reference count above zero, so dropping the last outside reference frees neither: they wait for the
// cyclic GC (Modules/gcmodule.c; Python/gc.c from 3.13), and a whole tree waits with them. A weak reference for
// the back link (weakref.ref / weakref.proxy, Objects/weakrefobject.c) lets reference counting free the tree.
import type { SyntaxNode } from '../../../parse/python-parser';
import { rangeOf } from '../../../parse/source-range';
import type { CheckContext } from '../../check';
import type { Finding, Fix, RelatedLocation, TextEdit } from '../../finding';
import { weakrefImportEdit } from './weakref-import';
import { identifiersNamedIn } from '../../syntax/name-occurrences';
import { classMethods, decoratorTexts, instanceReceiverName, parameterNames } from '../../syntax/definitions';
import { enclosingScope, owningClass } from '../../syntax/scopes';
import { wordOffsets } from '../../syntax/text-search';
import { classClears, restoredInFinally } from './explicit-clearing';
import { BACK_REFERENCE } from './rules';
import { calleeNameBefore, selfSites } from './self-sites';
import { holderOf, rootName, shortText, type Holder } from './value-flow';


interface Method {
  fn: SyntaxNode;
  cls: SyntaxNode;
  className: string;
}

export function backReferenceFindings(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  if (!ctx.text.includes('self')) return findings;
  const sites = selfSites(ctx.text);
  for (const offset of sites.assignedSelf) {
    const finding = backLinkFinding(ctx, offset);
    if (finding) findings.push(finding);
  }
  for (const call of helperCalls(ctx, sites.argumentSelf)) {
    const finding = helperFinding(ctx, call.call, call.self, call.helper, call.holder);
    if (finding) findings.push(finding);
  }
  return findings;
}

function methodOf(node: SyntaxNode): Method | undefined {
  const fn = enclosingScope(node);
  if (fn.type !== 'function_definition' || instanceReceiverName(fn) !== 'self') return undefined;
  const cls = owningClass(fn)!;
  return { fn, cls, className: cls.childForFieldName('name')?.text ?? '?' };
}

/** `child.parent = self` where self also keeps `child`. */
function backLinkFinding(ctx: CheckContext, selfIndex: number): Finding | undefined {
  const self = ctx.root.descendantForIndex(selfIndex, selfIndex + 4);
  const assignment = self?.parent;
  if (self?.type !== 'identifier' || assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== self.id) return undefined;
  const left = assignment.childForFieldName('left');
  const holderNode = left?.type === 'attribute' ? left.childForFieldName('object') : null;
  if (!left || !holderNode) return undefined;
  const method = methodOf(assignment);
  if (!method) return undefined;
  const linkName = `.${left.childForFieldName('attribute')?.text ?? ''}`;
  const holderText = shortText(ctx.text, holderNode);
  let keptAt: SyntaxNode | undefined;
  let keptIn: string;
  if (holderNode.type === 'identifier' && holderNode.text === 'self') {
    // `self.me = self` is a loop on one object, not a parent and a child.
    return undefined;
  } else if (rootName(holderNode)?.text === 'self') {
    // `self.helper.owner = self`: self keeps the holder by construction.
    keptIn = holderText;
  } else if (holderNode.type === 'identifier') {
    const kept = whereSelfKeeps(ctx, holderNode.text, method);
    if (!kept) return undefined;
    keptAt = kept.node;
    keptIn = kept.container;
    if (isWeakContainer(ctx, method.cls, kept.container)) return undefined;
  } else {
    return undefined;
  }
  if (classClears(ctx.root, ctx.text, method.cls, method.fn, [keptIn, `self${linkName}`])) return undefined;
  const path =
    keptIn === holderText
      ? `${method.className} -> ${holderText} -> ${holderText}${linkName} -> ${method.className}`
      : `${method.className} -> ${keptIn} -> ${holderText} -> ${holderText}${linkName} -> ${method.className}`;
  const message = `\`${holderText}${linkName}\` refers back to \`self\`, which keeps \`${holderText}\`: ${path}; the pair is freed only by the cyclic GC (use a weakref for the back link)`;
  const related: RelatedLocation[] = keptAt ? [{ range: rangeOf(keptAt), message: `self keeps \`${holderText}\` here` }] : [];
  return { ...base(assignment, message, related), fixes: weakrefFixes(ctx, self) };
}

/** Where the method stores `name` on self: `self.children.append(child)`, `self.kids[k] = child`, `for child in self.children`. */
function whereSelfKeeps(ctx: CheckContext, name: string, method: Method): { node: SyntaxNode; container: string } | undefined {
  const body = method.fn.childForFieldName('body');
  if (!body) return undefined;
  for (const use of identifiersNamedIn(ctx.root, ctx.text, name, body)) {
    const parent = use.parent;
    if (parent?.type === 'for_statement' && parent.childForFieldName('left')?.id === use.id) {
      const iterable = parent.childForFieldName('right');
      const base = iterable?.type === 'call' ? iterable.childForFieldName('function')?.childForFieldName('object') : iterable;
      if (base && rootName(base)?.text === 'self' && base.type === 'attribute') return { node: iterable!, container: shortText(ctx.text, base) };
      continue;
    }
    const holder = holderOf(use);
    if (holder?.kind !== 'store' || rootName(holder.target)?.text !== 'self') continue;
    const target = holder.target.type === 'subscript' ? holder.target.childForFieldName('value')! : holder.target;
    if (target.type !== 'attribute') continue;
    return { node: holder.statement, container: shortText(ctx.text, target) };
  }
  return undefined;
}

/** The class initialises that attribute with a weak container (weakref.WeakSet(), WeakValueDictionary(), ...). */
function isWeakContainer(ctx: CheckContext, cls: SyntaxNode, container: string): boolean {
  const spelled = container.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`${spelled}\\s*(?::[^=\\n]*)?=\\s*(?:[\\w.]*\\.)?Weak\\w*\\(`);
  return re.test(ctx.text.slice(cls.startIndex, cls.endIndex));
}

const CLASS_NAME = /class\s+([\p{L}_][\p{L}\p{N}_]*)/uy;

/** Only whitespace between the previous newline and the offset (a statement's first word). */
function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * Calls `Helper(..., self, ...)` of a class defined in this module, from the `self` arguments the text shows, whose
 * result self keeps (what helperFinding reports; asked here, before looking up the class, because most such calls
 * are `tmp = Helper(self)` and every `parent` is a walk down from the root in tree-sitter).
 */
function helperCalls(ctx: CheckContext, argumentSelf: readonly number[]): Array<{ call: SyntaxNode; self: SyntaxNode; helper: SyntaxNode; holder: Holder }> {
  const out: Array<{ call: SyntaxNode; self: SyntaxNode; helper: SyntaxNode; holder: Holder }> = [];
  if (argumentSelf.length === 0) return out;
  const text = ctx.text;
  const classOffsets = new Map<string, number>();
  for (const offset of wordOffsets(text, 'class')) {
    if (!atLineStart(text, offset)) continue;
    CLASS_NAME.lastIndex = offset;
    const m = CLASS_NAME.exec(text);
    if (m && !classOffsets.has(m[1])) classOffsets.set(m[1], offset);
  }
  if (classOffsets.size === 0) return out;
  for (const offset of argumentSelf) {
    const callee = calleeNameBefore(text, offset);
    const classOffset = callee && classOffsets.get(callee.name);
    if (!callee || classOffset === undefined) continue;
    const self = ctx.root.descendantForIndex(offset, offset + 4);
    if (self?.type !== 'identifier') continue;
    const selfParent = self.parent;
    const args = selfParent?.type === 'keyword_argument' ? selfParent.parent : selfParent;
    const call = args?.parent;
    if (args?.type !== 'argument_list' || call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== callee.start) continue;
    const holder = holderOf(call);
    if (holder?.kind !== 'store' || rootName(holder.target)?.text !== 'self') continue;
    const helper = ctx.root.descendantForIndex(classOffset, classOffset + 5)?.parent;
    if (helper?.type === 'class_definition') out.push({ call, self, helper, holder });
  }
  return out;
}

/** `self.x = Helper(self)` (or appended to a container of self) where Helper's __init__ keeps that argument. */
function helperFinding(ctx: CheckContext, call: SyntaxNode, self: SyntaxNode, helper: SyntaxNode, holder: Holder): Finding | undefined {
  const selfParent = self.parent;
  const keyword = selfParent?.type === 'keyword_argument' ? selfParent : undefined;
  const args = (keyword ?? self).parent!;
  const callee = call.childForFieldName('function');
  const method = methodOf(call);
  if (!method) return undefined;
  const parameter = keyword
    ? keyword.childForFieldName('name')?.text
    : positionalParameter(helper, args.namedChildren.findIndex((c) => c?.id === self.id));
  if (!parameter) return undefined;
  const stored = storedParameter(ctx, helper, parameter);
  if (!stored) return undefined;
  const helperName = callee!.text;
  const keptIn = shortText(ctx.text, holder.target.type === 'subscript' ? holder.target.childForFieldName('value')! : holder.target);
  if (classClears(ctx.root, ctx.text, method.cls, method.fn, [keptIn]) || restoredInFinally(ctx.root, ctx.text, method.fn, keptIn)) return undefined;
  const path = `${method.className} -> ${keptIn} -> ${helperName} -> ${helperName}${stored.attribute} -> ${method.className}`;
  const message = `\`${helperName}(self)\` keeps \`self\` in \`${stored.attribute.slice(1)}\` while self keeps it in \`${keptIn}\`: ${path}; the pair is freed only by the cyclic GC (use a weakref for the back link)`;
  const related: RelatedLocation[] = [{ range: rangeOf(stored.node), message: `${helperName} keeps its argument here` }];
  return { ...base(holder.statement, message, related), fixes: weakrefFixes(ctx, self) };
}

/** The __init__ parameter that receives the positional argument at `index` (undefined past a `*args`). */
function positionalParameter(helper: SyntaxNode, index: number): string | undefined {
  const init = classMethods(helper).get('__init__');
  if (init) {
    const params = init.childForFieldName('parameters')?.namedChildren ?? [];
    const candidate = params[index + 1];
    if (!candidate || params.slice(0, index + 2).some((p) => p?.type === 'list_splat_pattern' || p?.type === 'keyword_separator')) return undefined;
    return parameterNames(init)[index + 1];
  }
  return dataclassFields(helper)[index];
}

/** A plain `@dataclass`'s fields in order (what its generated __init__ stores). */
function dataclassFields(cls: SyntaxNode): string[] {
  if (!decoratorTexts(cls).some((d) => /^(dataclasses\.)?dataclass\b/.test(d))) return [];
  const fields: string[] = [];
  for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const type = assignment.childForFieldName('type');
    if (left?.type === 'identifier' && type && !/ClassVar|InitVar/.test(type.text)) fields.push(left.text);
  }
  return fields;
}

/** Where Helper keeps the parameter on its instance (`self.owner = owner`), or for a dataclass, the field. */
function storedParameter(ctx: CheckContext, helper: SyntaxNode, parameter: string): { node: SyntaxNode; attribute: string } | undefined {
  const init = classMethods(helper).get('__init__');
  if (!init) {
    const field = dataclassFields(helper).includes(parameter) ? parameter : undefined;
    return field ? { node: helper.childForFieldName('name')!, attribute: `.${field}` } : undefined;
  }
  const receiver = instanceReceiverName(init);
  const body = init.childForFieldName('body');
  if (!receiver || !body || !parameterNames(init).includes(parameter)) return undefined;
  for (const use of identifiersNamedIn(ctx.root, ctx.text, parameter, body)) {
    const holder = holderOf(use);
    if (holder?.kind !== 'store' || holder.target.type !== 'attribute' || holder.target.childForFieldName('object')?.text !== receiver) continue;
    if (enclosingScope(use).id !== init.id) continue;
    return { node: holder.statement, attribute: `.${holder.target.childForFieldName('attribute')?.text ?? ''}` };
  }
  return undefined;
}

function base(node: SyntaxNode, message: string, related: RelatedLocation[]): Finding {
  return { code: BACK_REFERENCE.code, category: BACK_REFERENCE.category, severity: BACK_REFERENCE.severity, range: rangeOf(node), message, related, fixes: [] };
}

/** Replace the strong `self` with `weakref.proxy(self)` (reads the same) or `weakref.ref(self)` (must be called). */
function weakrefFixes(ctx: CheckContext, self: SyntaxNode): Fix[] {
  const importEdit = weakrefImportEdit(ctx.root, ctx.text);
  const fix = (kind: 'proxy' | 'ref', title: string): Fix => {
    const edits: TextEdit[] = [{ range: rangeOf(self), newText: `weakref.${kind}(self)` }];
    if (importEdit) edits.unshift(importEdit);
    return { title, safe: false, edits };
  };
  return [
    fix('proxy', 'Use weakref.proxy(self) for the back link (raises ReferenceError once the parent is gone)'),
    fix('ref', 'Use weakref.ref(self) for the back link (readers must call it)'),
  ];
}
