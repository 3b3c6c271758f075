// MEM103: a callable that refers to `self`, stored where `self` reaches it. A bound method holds its instance
// (Objects/classobject.c: PyMethodObject.im_self), a lambda or nested function holds `self` in a closure cell
// (Objects/funcobject.c: func_closure), so `self.cb = self._on_done` makes self -> __dict__ -> method -> self:
// the instance can no longer be freed by reference counting when its last outside reference goes, only by the
// cyclic GC (Modules/gcmodule.c; Python/gc.c from 3.13), and everything it owns waits with it.
import type { SyntaxNode } from '../../../parse/python-parser';
import { rangeOf } from '../../../parse/source-range';
import type { CheckContext } from '../../check';
import type { Finding, Fix, TextEdit } from '../../finding';
import { weakrefImportEdit } from './weakref-import';
import { identifiersNamedIn } from '../../syntax/name-occurrences';
import { classMethods, decoratorTexts, instanceReceiverName, parameterNames } from '../../syntax/definitions';
import { enclosingScope, owningClass } from '../../syntax/scopes';
import { definedFunctionNames } from '../../syntax/text-search';
import { classClears } from './explicit-clearing';
import { SELF_REFERENCING_CALLABLE } from './rules';
import { selfSites } from './self-sites';
import { KEEPING_METHODS, shortText } from './value-flow';

/** What the value of `self.a = <value>` starts with, when it may be a callable over self (checked on the tree). */
const VALUE_START = /lambda\b|self\s*\.\s*(\w+)\s*(?:$|[;#\r])|[\w.]*partial\s*\(|([[{(])(?!\s*[\]})])|([A-Za-z_]\w*)\s*(?:$|[;#\r])/my;
/** Calls on something self keeps that store their argument: containers, and callback registration. */
const KEEPING_VERB = /^(?:append|add|insert|appendleft|extend|setdefault|connect|register|subscribe|add_callback|add_listener|add_handler|add_observer|on_\w+|set_\w*(?:callback|handler))$/;

interface Callable {
  node: SyntaxNode;
  /** How the path shows it: `bound method _on_done`, `lambda`, `nested function inner`. */
  label: string;
  boundMethod: boolean;
}

interface MethodContext {
  fn: SyntaxNode;
  cls: SyntaxNode;
  self: string;
  methods: Map<string, SyntaxNode>;
}

export function selfReferencingCallableFindings(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  if (!ctx.text.includes('self')) return findings;
  let defNames: Set<string> | undefined;
  const methodCache = new Map<number, MethodContext | null>();
  const seen = new Set<number>();

  const sites = selfSites(ctx.text);
  for (const store of sites.stores) {
    VALUE_START.lastIndex = store.value;
    const m = VALUE_START.exec(ctx.text);
    if (!m) continue;
    // Cheap text tests first: `self.x = self.y` / `self.x = name` only matter when y / name is a def, and a
    // literal only when it mentions self or a lambda near its start.
    const [, boundName, bracket, name] = m;
    if (boundName !== undefined || name !== undefined) defNames ??= definedFunctionNames(ctx.text);
    if (boundName !== undefined && !defNames!.has(boundName)) continue;
    if (name !== undefined && !defNames!.has(name)) continue;
    if (bracket !== undefined && !/\bself\s*\.|\blambda\b/.test(literalStart(ctx.text, store.value))) continue;
    const assignment = storeAssignment(ctx, store.self);
    if (!assignment || seen.has(assignment.id)) continue;
    const right = assignment.childForFieldName('right');
    if (!right) continue;
    const method = methodContext(assignment, methodCache);
    if (!method) continue;
    const callables = callablesIn(ctx, right, method);
    if (callables.length === 0) continue;
    seen.add(assignment.id);
    const left = assignment.childForFieldName('left')!;
    if (classClears(ctx.root, ctx.text, method.cls, method.fn, [dotted(ctx.text, left)])) continue;
    findings.push(storeFinding(ctx, assignment, shortText(ctx.text, left), callables, method));
  }

  for (const site of sites.calls) {
    if (!KEEPING_VERB.test(site.verb)) continue;
    const call = registerCall(ctx, site.self);
    if (!call || seen.has(call.id)) continue;
    const method = methodContext(call, methodCache);
    if (!method) continue;
    const fn = call.childForFieldName('function')!;
    const receiver = fn.childForFieldName('object')!;
    const verb = site.verb;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const callables: Callable[] = [];
    for (const arg of args) {
      if (!arg) continue;
      const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
      if (!value) continue;
      if (verb === 'extend') {
        if (value.type === 'list' || value.type === 'tuple') callables.push(...callablesIn(ctx, value, method));
      } else if (KEEPING_METHODS.has(verb) ? arg.type !== 'keyword_argument' : true) {
        const found = callableOf(ctx, value, method);
        if (found) callables.push(found);
      }
    }
    if (callables.length === 0 || classClears(ctx.root, ctx.text, method.cls, method.fn, [dotted(ctx.text, receiver)])) continue;
    seen.add(call.id);
    const container = KEEPING_METHODS.has(verb) || verb === 'extend';
    const target = shortText(ctx.text, receiver);
    findings.push(
      container ? storeFinding(ctx, call, `${target}[…]`, callables, method) : registrationFinding(ctx, call, target, verb, callables, method),
    );
  }
  return findings;
}

/** The start of a literal: the rest of its line, or the next few hundred characters when the line ends open. */
function literalStart(text: string, at: number): string {
  const newline = text.indexOf('\n', at);
  const line = text.slice(at, newline < 0 ? text.length : newline);
  return /[[{(,]\s*(?:#.*)?$/.test(line) ? text.slice(at, at + 400) : line;
}

function storeAssignment(ctx: CheckContext, index: number): SyntaxNode | undefined {
  let node = ctx.root.descendantForIndex(index, index + 4);
  if (node?.type !== 'identifier') return undefined;
  while (node.parent && (node.parent.type === 'attribute' || node.parent.type === 'subscript') && node.parent.child(0)?.id === node.id) node = node.parent;
  const assignment = node.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== node.id) return undefined;
  return assignment;
}

function registerCall(ctx: CheckContext, index: number): SyntaxNode | undefined {
  let node = ctx.root.descendantForIndex(index, index + 4);
  if (node?.type !== 'identifier') return undefined;
  while (node.parent?.type === 'attribute' && node.parent.child(0)?.id === node.id) node = node.parent;
  const call = node.parent;
  if (call?.type !== 'call' || call.childForFieldName('function')?.id !== node.id) return undefined;
  const receiver = node.childForFieldName('object');
  // `self.append(...)` would be self's own method; the receiver must be something self keeps.
  return receiver?.type === 'attribute' ? call : undefined;
}

/** The instance method and class a node is in, when the statement's `self` is that method's receiver. */
function methodContext(node: SyntaxNode, cache: Map<number, MethodContext | null>): MethodContext | undefined {
  const fn = enclosingScope(node);
  if (fn.type !== 'function_definition') return undefined;
  let cached = cache.get(fn.id);
  if (cached === undefined) {
    const self = instanceReceiverName(fn);
    const cls = owningClass(fn);
    cached = self === 'self' && cls ? { fn, cls, self, methods: classMethods(cls) } : null;
    cache.set(fn.id, cached);
  }
  return cached ?? undefined;
}

/** The callables over self directly in a value: the value itself, or the items of a literal container. */
function callablesIn(ctx: CheckContext, value: SyntaxNode, method: MethodContext): Callable[] {
  const direct = callableOf(ctx, value, method);
  if (direct) return [direct];
  if (!['list', 'tuple', 'set', 'dictionary', 'parenthesized_expression'].includes(value.type)) return [];
  const out: Callable[] = [];
  for (const item of value.namedChildren) {
    if (!item) continue;
    const element = item.type === 'pair' ? item.childForFieldName('value') : item;
    const found = element && callableOf(ctx, element, method);
    if (found) out.push(found);
  }
  return out;
}

function callableOf(ctx: CheckContext, value: SyntaxNode, method: MethodContext): Callable | undefined {
  if (value.type === 'attribute') {
    const object = value.childForFieldName('object');
    const attr = value.childForFieldName('attribute')?.text;
    if (object?.type !== 'identifier' || object.text !== method.self || !attr) return undefined;
    const def = method.methods.get(attr);
    // Decorated methods may not bind (staticmethod, classmethod, property): only plain functions are certain.
    if (!def || decoratorTexts(def).length > 0) return undefined;
    return { node: value, label: `bound method ${attr}`, boundMethod: true };
  }
  if (value.type === 'lambda') {
    return refersToSelf(ctx, value, method.self) ? { node: value, label: 'lambda', boundMethod: false } : undefined;
  }
  if (value.type === 'identifier') {
    const def = nestedDefinition(value, method.fn);
    return def && refersToSelf(ctx, def, method.self) ? { node: value, label: `nested function ${value.text}`, boundMethod: false } : undefined;
  }
  if (value.type === 'call') {
    const fn = value.childForFieldName('function');
    const qualified = ctx.imports.qualifiedName(fn);
    if (qualified !== 'functools.partial' && qualified !== 'functools.partialmethod') return undefined;
    const first = value.childForFieldName('arguments')?.namedChild(0);
    const inner = first && callableOf(ctx, first, method);
    return inner ? { node: value, label: `partial(${inner.label})`, boundMethod: false } : undefined;
  }
  return undefined;
}

/** A `def name` directly in the method's body (the closure a name refers to). */
function nestedDefinition(name: SyntaxNode, fn: SyntaxNode): SyntaxNode | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  for (const statement of body.namedChildren) {
    const def = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name.text && def.startIndex < name.startIndex) return def;
  }
  return undefined;
}

/**
 * The function or lambda keeps `self`: it reads it as a free variable (not its own parameter or local), or a
 * parameter default is `self` itself. `def remove(wr, selfref=ref(self)): self = selfref()` keeps only a weakref.
 */
function refersToSelf(ctx: CheckContext, fn: SyntaxNode, self: string): boolean {
  const params = fn.childForFieldName('parameters');
  const body = fn.childForFieldName('body');
  if (params) {
    for (const use of identifiersNamedIn(ctx.root, ctx.text, self, params)) {
      const parent = use.parent;
      if ((parent?.type === 'default_parameter' || parent?.type === 'typed_default_parameter') && parent.childForFieldName('value')?.id === use.id) return true;
    }
  }
  if (!body || parameterNames(fn).includes(self)) return false;
  const uses = identifiersNamedIn(ctx.root, ctx.text, self, body);
  const assignedLocally = uses.some((u) => u.parent?.type === 'assignment' && u.parent.childForFieldName('left')?.id === u.id);
  return uses.length > 0 && !assignedLocally;
}

/** The dotted spelling of an attribute chain (`self._parser.Handler`); other expressions give ''. */
function dotted(text: string, node: SyntaxNode): string {
  const spelled = text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 200)).replace(/\s+/g, '');
  return /^[\w.]+$/.test(spelled) ? spelled : '';
}

function storeFinding(ctx: CheckContext, statement: SyntaxNode, target: string, callables: Callable[], method: MethodContext): Finding {
  const className = method.cls.childForFieldName('name')?.text ?? 'the class';
  const first = callables[0];
  const more = callables.length > 1 ? ` (and ${callables.length - 1} more)` : '';
  const message = `\`${target}\` keeps a ${first.label}${more} that refers back to \`self\`: ${className} -> ${target} -> ${first.label} -> ${className}; instances are freed only by the cyclic GC, not when their last reference goes`;
  return { ...base(statement, message), fixes: weakMethodFixes(ctx, callables) };
}

function registrationFinding(ctx: CheckContext, call: SyntaxNode, receiver: string, verb: string, callables: Callable[], method: MethodContext): Finding {
  const className = method.cls.childForFieldName('name')?.text ?? 'the class';
  const first = callables[0];
  const message = `${first.label} is registered with \`${receiver}.${verb}()\`, and self keeps \`${receiver}\`: ${className} -> ${receiver} -> callback -> ${first.label} -> ${className}; instances are freed only by the cyclic GC`;
  return { ...base(call, message), fixes: [] };
}

function base(node: SyntaxNode, message: string): Finding {
  return {
    code: SELF_REFERENCING_CALLABLE.code,
    category: SELF_REFERENCING_CALLABLE.category,
    severity: SELF_REFERENCING_CALLABLE.severity,
    range: rangeOf(node),
    message,
    related: [],
    fixes: [],
  };
}

/** `weakref.WeakMethod(self.m)`: unsafe, since whoever calls the attribute must now call it twice. */
function weakMethodFixes(ctx: CheckContext, callables: Callable[]): Fix[] {
  if (!callables.every((c) => c.boundMethod)) return [];
  const edits: TextEdit[] = callables.map((c) => ({ range: rangeOf(c.node), newText: `weakref.WeakMethod(${ctx.text.slice(c.node.startIndex, c.node.endIndex)})` }));
  const importEdit = weakrefImportEdit(ctx.root, ctx.text);
  if (importEdit) edits.unshift(importEdit);
  return [{ title: 'Store a weakref.WeakMethod (callers then call it to get the method back)', safe: false, edits }];
}
