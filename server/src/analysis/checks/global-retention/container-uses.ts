// What one use of a module-level container does to it: makes it grow, removes from or resets it, lets it escape
// to code we cannot see (which might clear it), or only reads it.
import type { SyntaxNode } from '../../../parse/python-parser';
import { bindingKind } from '../../syntax/name-bindings';
import { isConstant } from '../../syntax/constant-values';

export const GROWING_METHODS = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'extendleft', '__setitem__', '__iadd__', '__ior__']);
export const SHRINKING_METHODS = new Set([
  'pop', 'popitem', 'remove', 'discard', 'clear', 'popleft', '__delitem__', 'difference_update', 'intersection_update',
  'symmetric_difference_update', '__isub__', '__iand__',
]);
/** Builtins that read an argument without keeping or changing it: passing the container to them is not an escape. */
const READING_BUILTINS = new Set([
  'len', 'sorted', 'list', 'tuple', 'set', 'frozenset', 'dict', 'iter', 'any', 'all', 'min', 'max', 'sum', 'repr', 'str',
  'print', 'isinstance', 'enumerate', 'zip', 'reversed', 'map', 'filter', 'bool', 'id', 'hash', 'format', 'next', 'type',
]);

export type ContainerUse =
  | { role: 'growth'; site: SyntaxNode; description: string }
  | { role: 'removal'; site: SyntaxNode }
  | { role: 'escape'; site: SyntaxNode }
  | { role: 'read' };

/** Classifies one identifier that refers to the module-level container. */
export function classifyContainerUse(id: SyntaxNode): ContainerUse {
  const name = id.text;
  const parent = id.parent;
  if (!parent) return { role: 'read' };
  const binding = bindingKind(id);
  if (binding === 'augment') {
    const op = parent.childForFieldName('operator')?.text ?? '';
    if (op === '+=' || op === '|=') return { role: 'growth', site: parent, description: `\`${name} ${op} ...\`` };
    return { role: 'removal', site: parent };
  }
  if (binding === 'assign') {
    const right = parent.type === 'assignment' ? parent.childForFieldName('right') : null;
    if (right && mentions(right, name)) return { role: 'growth', site: parent, description: `\`${name} = ${oneLine(right.text)}\`` };
    return { role: 'removal', site: parent }; // rebinding drops the old object: a reset
  }
  if (binding) return { role: 'removal', site: parent }; // del, loop target, import...: the old object is dropped

  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === id.id) {
    const method = parent.childForFieldName('attribute')?.text ?? '';
    const call = parent.parent?.type === 'call' && parent.parent.childForFieldName('function')?.id === parent.id ? parent.parent : undefined;
    if (SHRINKING_METHODS.has(method)) return { role: 'removal', site: parent }; // called, or handed out as a callback
    if (call && GROWING_METHODS.has(method)) {
      if (boundedMethodGrowth(method, call)) return { role: 'read' };
      return { role: 'growth', site: call, description: `\`${name}.${method}(...)\`` };
    }
    return { role: 'read' };
  }

  if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === id.id) {
    const key = parent.childForFieldName('subscript');
    const holder = parent.parent;
    if (holder?.type === 'delete_statement' || (holder?.type === 'expression_list' && holder.parent?.type === 'delete_statement')) return { role: 'removal', site: parent };
    if (key?.type === 'slice' && holder && bindingKind(id) === undefined && holder.childForFieldName('left')?.id === parent.id) return { role: 'removal', site: holder };
    if (holder && (holder.type === 'assignment' || holder.type === 'augmented_assignment') && holder.childForFieldName('left')?.id === parent.id) {
      if (key && isConstant(key)) return { role: 'read' }; // a fixed key is overwritten, not added again
      return { role: 'growth', site: holder, description: `\`${name}[${oneLine(key?.text ?? '')}] ${holder.type === 'assignment' ? '=' : holder.childForFieldName('operator')?.text ?? '='} ...\`` };
    }
    // C[k].append(v): the lists inside the container grow.
    if (holder?.type === 'attribute' && holder.childForFieldName('object')?.id === parent.id) {
      const method = holder.childForFieldName('attribute')?.text ?? '';
      const call = holder.parent;
      if (GROWING_METHODS.has(method) && call?.type === 'call' && call.childForFieldName('function')?.id === holder.id) {
        return { role: 'growth', site: call, description: `\`${name}[${oneLine(key?.text ?? '')}].${method}(...)\`` };
      }
    }
    return { role: 'read' };
  }

  return escapeOrRead(id);
}

/** Contexts that only look at the container: tests, iteration, comparisons. Anything else may keep or pass it on. */
const READING_PARENTS = new Set([
  'comparison_operator', 'boolean_operator', 'not_operator', 'if_statement', 'elif_clause', 'while_statement',
  'for_statement', 'for_in_clause', 'if_clause', 'assert_statement', 'expression_statement', 'unary_operator',
  'binary_operator', 'global_statement', 'nonlocal_statement', 'interpolation', 'format_expression',
]);

function escapeOrRead(id: SyntaxNode): ContainerUse {
  let child = id;
  let parent = id.parent;
  while (parent?.type === 'parenthesized_expression') {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return { role: 'read' };
  if (parent.type === 'argument_list') {
    const callee = parent.parent?.childForFieldName('function');
    if (callee?.type === 'identifier' && READING_BUILTINS.has(callee.text)) return { role: 'read' };
    return { role: 'escape', site: parent.parent ?? parent };
  }
  if (parent.type === 'for_statement' && parent.childForFieldName('right')?.id !== child.id) return { role: 'escape', site: parent };
  if (READING_PARENTS.has(parent.type)) return { role: 'read' };
  if (parent.type === 'conditional_expression' && parent.namedChild(1)?.id === child.id) return { role: 'read' };
  // Returned, yielded, assigned or stored elsewhere (`x = C`, `a, b = f, C`, `[C]`, `f(key=C)`): whoever gets it
  // may also clear it.
  return { role: 'escape', site: parent };
}

/** `C.setdefault("k", v)`, `C.add("x")`, `C.update(a=1)`: a fixed set of keys, so repeating it adds nothing. */
function boundedMethodGrowth(method: string, call: SyntaxNode): boolean {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment') ?? [];
  if (method === 'setdefault' || method === 'add') return args.length > 0 && isConstant(args[0]);
  if (method === 'update') {
    return args.every((a) => a.type === 'keyword_argument' || (a.type === 'dictionary' && a.namedChildren.every((p) => p?.type === 'pair' && isConstant(p.childForFieldName('key')!))));
  }
  return false;
}

function mentions(node: SyntaxNode, name: string): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.text === name) return true;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}

export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
