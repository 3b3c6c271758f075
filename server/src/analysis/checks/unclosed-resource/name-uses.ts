// What the uses of a name bound to a resource say about its end: managed by `with`, handed over (returned,
// stored, wrapped, aliased, given to an object that may keep it), released on every path (in `finally`, in the
// very next statement, or in an `except` clause that hands the object over on success), released only on the
// normal path, or never released.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ModuleImports } from '../../module-imports';
import { plainParameterName } from '../../syntax/definitions';
import { identifiersNamedIn } from '../../syntax/name-occurrences';
import { OWNERSHIP_TAKERS, STORE_METHODS, calleeName, isMethodOfObject, looksLikeClass } from './ownership-calls';

export interface OwnershipContext {
  text: string;
  imports: ModuleImports;
  /** False for objects whose `__exit__` does not close them: then `with name:` is not a release. */
  exitCloses?: boolean;
}

export type NameVerdict =
  | { kind: 'handled' } // with, release on every path, ownership transferred: not a finding
  | { kind: 'closed-on-normal-path'; close: SyntaxNode }
  | { kind: 'never-closed' };

export interface NameUses {
  scope: SyntaxNode;
  /** Every identifier node spelling the name in the scope, nested functions included (closures read it too). */
  uses: SyntaxNode[];
  /** How many times the name is bound in its scope (assignments, for targets, with-as, imports...). */
  bindings: number;
}

/** Methods that release the resource (`Popen.wait()`/`communicate()` reap the child and close its pipes). */
const RELEASE_METHODS: ReadonlySet<string> = new Set(['close', 'shutdown', 'terminate', 'kill', 'wait', 'communicate', 'cleanup', '__exit__', 'release', 'quit']);
/** Builtins that read their argument and never keep it. */
const BORROWING_BUILTINS: ReadonlySet<string> = new Set(['len', 'print', 'str', 'repr', 'bool', 'int', 'float', 'isinstance', 'hasattr', 'getattr', 'id', 'hash', 'type', 'sorted', 'sum', 'min', 'max', 'any', 'all', 'list', 'tuple', 'set', 'dict', 'format', 'bytes']);
const NESTED_SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
const CONTAINERS = new Set(['tuple', 'expression_list', 'list', 'set', 'pair', 'dictionary', 'parenthesized_expression', 'list_splat', 'dictionary_splat']);

/** The scope a binding lives in: the enclosing def, else the module (a class body counts as escaping). */
export function bindingScope(name: SyntaxNode): SyntaxNode | undefined {
  for (let p = name.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'module') return p;
    if (p.type === 'class_definition') return undefined;
  }
  return undefined;
}

export function collectUses(name: SyntaxNode, text: string): NameUses | undefined {
  const scope = bindingScope(name);
  if (!scope) return undefined;
  return collectUsesIn(scope, name.text, text);
}

function collectUsesIn(scope: SyntaxNode, spelled: string, text: string): NameUses | undefined {
  const uses: SyntaxNode[] = [];
  let bindings = 0;
  const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : scope;
  if (!body) return undefined;
  const found = identifiersNamedIn(body, text, spelled, body);
  // A nested def or lambda that binds the same name has a local of its own: its uses are not ours.
  const shadowing = new Set<number>();
  for (const node of found) {
    const nested = innermostNestedFunction(node, scope);
    if (nested && (isBindingTarget(node) || isParameter(node, nested))) shadowing.add(nested.id);
  }
  for (const node of found) {
    const parent = node.parent;
    if (!parent) continue;
    if (parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) continue; // x.name
    if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) continue; // f(name=...)
    const nested = innermostNestedFunction(node, scope);
    if (nested && shadowing.has(nested.id)) continue;
    if (isBindingTarget(node)) {
      bindings++;
      continue;
    }
    uses.push(node);
  }
  return { scope, uses, bindings };
}

function innermostNestedFunction(node: SyntaxNode, scope: SyntaxNode): SyntaxNode | undefined {
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return undefined;
}

function isParameter(node: SyntaxNode, fn: SyntaxNode): boolean {
  const params = fn.childForFieldName('parameters');
  if (params === null || node.startIndex < params.startIndex || node.endIndex > params.endIndex) return false;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'default_parameter' || parent.type === 'typed_default_parameter') return parent.childForFieldName('name')?.id === node.id;
  return parent.type === 'parameters' || parent.type === 'lambda_parameters' || parent.type === 'typed_parameter' || parent.type === 'list_splat_pattern' || parent.type === 'dictionary_splat_pattern';
}

function isBindingTarget(node: SyntaxNode): boolean {
  let current = node;
  let parent = node.parent;
  while (parent && (parent.type === 'pattern_list' || parent.type === 'tuple_pattern' || parent.type === 'list_pattern')) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case 'assignment':
    case 'augmented_assignment':
    case 'for_statement':
    case 'for_in_clause':
      return parent.childForFieldName('left')?.id === current.id;
    case 'as_pattern_target':
    case 'dotted_name':
    case 'aliased_import':
      return true;
    case 'named_expression':
      return parent.childForFieldName('name')?.id === current.id;
    default:
      return false;
  }
}

/** Decides the fate of the resource from every use of the name. */
export function judgeUses(uses: NameUses, ctx: OwnershipContext, depth = 0): NameVerdict {
  let normalPathClose: SyntaxNode | undefined;
  for (const use of uses.uses) {
    const role = roleOf(use, uses.scope, ctx, depth);
    if (role === 'handled') return { kind: 'handled' };
    if (role === 'released') {
      // Released on every path: in `finally`, or in an `except` clause (the error path is cleaned up; on success
      // the object is handed on). A release anywhere else, even the very next statement, is the normal path only
      // (KeyboardInterrupt can arrive in between), as for the peers (ruff SIM115, pylint R1732).
      if (insideClause(use, uses.scope, 'finally_clause') || insideClause(use, uses.scope, 'except_clause') || insideExitMethod(uses.scope)) return { kind: 'handled' };
      normalPathClose ??= use;
    }
  }
  return normalPathClose ? { kind: 'closed-on-normal-path', close: normalPathClose } : { kind: 'never-closed' };
}

/** For `lock.acquire()`: only a `release()` in a `finally` (or in an exit method) releases on every path. */
export function releasedInFinally(uses: NameUses, release: string): boolean {
  return uses.uses.some((use) => {
    const parent = use.parent;
    if (parent?.type !== 'attribute' || parent.childForFieldName('attribute')?.text !== release) return false;
    return insideClause(use, uses.scope, 'finally_clause') || insideExitMethod(uses.scope);
  });
}

type Role = 'handled' | 'released' | 'used';

function roleOf(use: SyntaxNode, scope: SyntaxNode, ctx: OwnershipContext, depth: number): Role {
  const parent = use.parent;
  if (!parent) return 'used';
  switch (parent.type) {
    case 'global_statement':
    case 'nonlocal_statement':
      return 'handled';
    case 'with_item':
      return ctx.exitCloses === false ? 'used' : 'handled';
    case 'as_pattern':
      return parent.parent?.type === 'with_item' && ctx.exitCloses !== false ? 'handled' : 'used';
    case 'attribute': {
      // Walk `f.stdout.close` up to the outermost attribute of the chain.
      let chain: SyntaxNode = parent;
      while (chain.parent?.type === 'attribute' && chain.parent.childForFieldName('object')?.id === chain.id) chain = chain.parent;
      const attribute = chain.childForFieldName('attribute')?.text ?? '';
      const holder = chain.parent;
      if (holder?.type === 'with_item' || (holder?.type === 'as_pattern' && holder.parent?.type === 'with_item')) return 'handled'; // with proc.stdin as pipe
      if (attribute === '__enter__') return 'handled';
      if (!RELEASE_METHODS.has(attribute)) return 'used';
      const called = holder?.type === 'call' && holder.childForFieldName('function')?.id === chain.id;
      // `atexit.register(f.close)`, `self.addCleanup(f.close)`: the release is scheduled elsewhere.
      if (!called) return 'handled';
      if (insideNestedScope(use, scope)) return 'handled'; // a cleanup function
      return 'released';
    }
    default:
      if (insideClause(use, scope, 'finally_clause') && isCallArgument(use)) return 'handled'; // finally: _sync_close(f)
      return escapes(use, ctx, depth) ? 'handled' : 'used';
  }
}

function isCallArgument(node: SyntaxNode): boolean {
  const parent = node.parent;
  return parent?.type === 'argument_list' || (parent?.type === 'keyword_argument' && parent.parent?.type === 'argument_list');
}

/**
 * Climbs from a value through what only wraps it (containers, conditional expressions, `await`, and `also`) to the
 * node that decides where it goes: returns the outermost wrapper and that deciding parent (at most 20 levels up).
 */
function destinationOf(value: SyntaxNode, also: ReadonlySet<string> = new Set()): { node: SyntaxNode; parent: SyntaxNode } | undefined {
  let node = value;
  for (let step = 0; step < 20; step++) {
    const parent = node.parent;
    if (!parent) return undefined;
    if (!CONTAINERS.has(parent.type) && parent.type !== 'conditional_expression' && parent.type !== 'await' && !also.has(parent.type)) return { node, parent };
    node = parent;
  }
  return undefined;
}

const KEYWORD_ARGUMENT = new Set(['keyword_argument']);

/** Returned, yielded, stored, aliased or handed to something that may keep it. */
export function escapes(use: SyntaxNode, ctx: OwnershipContext, depth = 0): boolean {
  const at = destinationOf(use, KEYWORD_ARGUMENT);
  if (!at) return false;
  const { node, parent } = at;
  switch (parent.type) {
    case 'return_statement':
    case 'yield':
    case 'lambda':
      return true;
    case 'assignment':
      // `g = f`, `self.f = f`, `d[k] = f`: someone else holds it now.
      return parent.childForFieldName('right')?.id === node.id;
    case 'argument_list': {
      const call = parent.parent;
      return call?.type === 'call' && callKeepsArgument(call, node, ctx, depth);
    }
    default:
      return false;
  }
}

/** Whether a call may keep the argument it is given (then whoever keeps it is responsible for closing it). */
export function callKeepsArgument(call: SyntaxNode, argument: SyntaxNode, ctx: OwnershipContext, depth: number): boolean {
  const name = calleeName(call, ctx.text);
  if (name === undefined) return true;
  if (OWNERSHIP_TAKERS.has(name) || STORE_METHODS.has(name) || looksLikeClass(name)) return true;
  if (BORROWING_BUILTINS.has(name) && call.childForFieldName('function')?.type === 'identifier') return false;
  // `return wrap(f)`, `self.x = wrap(f)`: the result, and what it holds, is handed on.
  if (resultHandedOn(call)) return true;
  if (!isMethodOfObject(call, ctx.imports)) return false;
  const kept = ownMethodKeeps(call, argument, ctx, depth);
  return kept ?? true;
}

/**
 * `self.method(x)` where the method is defined in the same class: read its body (one level deep) to see whether
 * it keeps, returns or closes its parameter. Undefined when the method cannot be found (inherited, dynamic).
 */
function ownMethodKeeps(call: SyntaxNode, argument: SyntaxNode, ctx: OwnershipContext, depth: number): boolean | undefined {
  if (depth > 0) return undefined;
  const fn = call.childForFieldName('function');
  const receiver = fn?.childForFieldName('object');
  const methodName = fn?.childForFieldName('attribute')?.text;
  if (receiver?.type !== 'identifier' || receiver.text !== 'self' || !methodName) return undefined;
  let cls: SyntaxNode | null = call.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const method = cls ? findMethod(cls, methodName) : undefined;
  if (!method) return undefined;
  const parameter = parameterFor(method, call, argument);
  if (!parameter) return undefined;
  const uses = collectUsesIn(method, parameter, ctx.text);
  if (!uses) return undefined;
  return judgeUses(uses, ctx, depth + 1).kind === 'handled';
}

function findMethod(cls: SyntaxNode, name: string): SyntaxNode | undefined {
  const body = cls.childForFieldName('body');
  for (const statement of body?.namedChildren ?? []) {
    const def = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) return def;
  }
  return undefined;
}

/** The parameter name an argument binds to (positional after `self`, or by keyword); undefined for *args. */
function parameterFor(method: SyntaxNode, call: SyntaxNode, argument: SyntaxNode): string | undefined {
  if (argument.type === 'keyword_argument') return argument.childForFieldName('name')?.text;
  const params = method.childForFieldName('parameters')?.namedChildren.filter((p): p is SyntaxNode => p !== null) ?? [];
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment' && a.type !== 'keyword_argument') ?? [];
  const index = args.findIndex((a) => a.id === argument.id);
  const param = index >= 0 ? params[index + 1] : undefined;
  return param ? plainParameterName(param) : undefined;
}

/** The call's result is returned, yielded or stored on an attribute or in a container item. */
function resultHandedOn(call: SyntaxNode): boolean {
  const at = destinationOf(call);
  if (!at) return false;
  const { node, parent } = at;
  if (parent.type === 'return_statement' || parent.type === 'yield' || parent.type === 'lambda') return true;
  if (parent.type !== 'assignment') return false;
  const target = parent.childForFieldName('left');
  return parent.childForFieldName('right')?.id === node.id && (target?.type === 'attribute' || target?.type === 'subscript');
}

function insideClause(node: SyntaxNode, scope: SyntaxNode, clause: string): boolean {
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) {
    if (p.type === clause) return true;
    if (NESTED_SCOPES.has(p.type)) return false;
  }
  return false;
}

function insideNestedScope(node: SyntaxNode, scope: SyntaxNode): boolean {
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) if (NESTED_SCOPES.has(p.type)) return true;
  return false;
}

/** `__exit__`/`__del__`/`close` methods are themselves the cleanup path. */
function insideExitMethod(scope: SyntaxNode): boolean {
  if (scope.type !== 'function_definition') return false;
  const name = scope.childForFieldName('name')?.text;
  return name === '__exit__' || name === '__aexit__' || name === '__del__' || name === 'close';
}

/** True when some use calls `method` on the name (`p.poll()`). */
export function callsMethod(uses: NameUses, method: string): boolean {
  return uses.uses.some((u) => u.parent?.type === 'attribute' && u.parent.childForFieldName('attribute')?.text === method && u.parent.parent?.type === 'call');
}
