// Finds where a function mutates one of its parameters in place (for MEM702): `x.append(...)`, `x[k] = v`,
// `x += [...]`, `del x[k]`, `x[k].append(...)`. A plain rebinding (`x = list(x)`) makes later mutations act on a
// different object, so the search gives up there rather than guess about control flow.
import type { SyntaxNode } from '../../parse/python-parser';
import { parameterNames } from '../syntax/definitions';
import { isConstant } from '../syntax/constant-values';

/** Methods of list, dict, set, bytearray and the collections types that change the container in place. */
export const MUTATING_METHODS = new Set([
  'append', 'extend', 'insert', 'add', 'update', 'setdefault', 'pop', 'popitem', 'remove', 'discard', 'clear',
  'appendleft', 'extendleft', 'popleft', 'rotate', 'sort', 'reverse', 'move_to_end', 'difference_update',
  'intersection_update', 'symmetric_difference_update', '__setitem__', '__delitem__', '__iadd__', '__ior__',
]);

/** Methods that add to a container (the others in MUTATING_METHODS reorder, replace or remove). */
const GROWING_METHODS = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'extendleft', '__setitem__', '__iadd__', '__ior__']);

export interface Mutation {
  node: SyntaxNode;
  description: string;
  /** Adds entries (append, `x[key] = v` with a computed key, `+=`): the default grows with every call. */
  grows: boolean;
}

/**
 * The first in-place mutation of `name` in a function body, preferring one that makes it grow; undefined when
 * there is none or the name is rebound.
 */
export function findMutation(body: SyntaxNode, name: string): Mutation | undefined {
  let first: Mutation | undefined;
  let rebound = false;
  const stack: SyntaxNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === 'function_definition' || node.type === 'lambda') && parameterNames(node).includes(name)) continue;
    if (node.type === 'identifier' && node.text === name) {
      const verdict = classifyUse(node);
      if (verdict === 'rebound') rebound = true;
      else if (verdict && (!first || (verdict.grows && !first.grows) || (verdict.grows === first.grows && node.startIndex < first.node.startIndex))) first = verdict;
    }
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const c = node.namedChild(i);
      if (c) stack.push(c);
    }
  }
  return rebound ? undefined : first;
}

function classifyUse(id: SyntaxNode): Mutation | 'rebound' | undefined {
  const parent = id.parent;
  if (!parent) return undefined;
  if (parent.type === 'assignment' && parent.childForFieldName('left')?.id === id.id) return 'rebound';
  if ((parent.type === 'pattern_list' || parent.type === 'tuple_pattern' || parent.type === 'list_pattern') && isTarget(parent)) return 'rebound';
  if (parent.type === 'for_statement' && parent.childForFieldName('left')?.id === id.id) return 'rebound';
  if (parent.type === 'named_expression' && parent.childForFieldName('name')?.id === id.id) return 'rebound';
  if (parent.type === 'as_pattern_target') return 'rebound';
  if (parent.type === 'augmented_assignment' && parent.childForFieldName('left')?.id === id.id) {
    const op = parent.childForFieldName('operator')?.text ?? '';
    return { node: parent, description: `\`${id.text} ${op} ...\``, grows: op === '+=' || op === '|=' || op === '*=' };
  }
  // x.append(...), x.update(...)
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === id.id) {
    return methodCallMutation(parent, id.text);
  }
  if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === id.id) {
    const holder = parent.parent;
    if (!holder) return undefined;
    if ((holder.type === 'assignment' || holder.type === 'augmented_assignment') && holder.childForFieldName('left')?.id === parent.id) {
      const key = parent.childForFieldName('subscript');
      const grows = holder.type === 'assignment' && key !== null && !isConstant(key) && key.type !== 'slice';
      return { node: holder, description: `\`${id.text}[${key?.text ?? ''}] ${holder.type === 'assignment' ? '=' : holder.childForFieldName('operator')?.text ?? '='} ...\``, grows };
    }
    if (holder.type === 'delete_statement' || (holder.type === 'expression_list' && holder.parent?.type === 'delete_statement')) {
      return { node: holder, description: `\`del ${id.text}[...]\``, grows: false };
    }
    // x[k].append(...): the nested container grows inside the shared default.
    if (holder.type === 'attribute' && holder.childForFieldName('object')?.id === parent.id) {
      const m = methodCallMutation(holder, `${id.text}[...]`);
      if (m) return m;
    }
  }
  return undefined;
}

function methodCallMutation(attribute: SyntaxNode, receiver: string): Mutation | undefined {
  const method = attribute.childForFieldName('attribute')?.text;
  const call = attribute.parent;
  if (!method || !MUTATING_METHODS.has(method) || call?.type !== 'call' || call.childForFieldName('function')?.id !== attribute.id) return undefined;
  return { node: call, description: `\`${receiver}.${method}(...)\``, grows: GROWING_METHODS.has(method) };
}

function isTarget(pattern: SyntaxNode): boolean {
  let p: SyntaxNode | null = pattern;
  while (p && (p.type === 'pattern_list' || p.type === 'tuple_pattern' || p.type === 'list_pattern')) {
    const parent: SyntaxNode | null = p.parent;
    if (!parent) return false;
    if ((parent.type === 'assignment' || parent.type === 'for_statement') && parent.childForFieldName('left')?.id === p.id) return true;
    p = parent;
  }
  return false;
}
