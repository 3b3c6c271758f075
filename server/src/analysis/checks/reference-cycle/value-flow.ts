// Where the value of an expression goes when it is stored: into a plain name (`err = e`), an attribute or an item
// (`self.error = e`, `errors[k] = e`), or a container through a method that keeps its argument
// (`errors.append(e)`). Tuples, lists, dicts and sets around the value keep it too (`info = (e, tb)`).
import type { SyntaxNode } from '../../../parse/python-parser';

export interface Holder {
  /** A plain name (`err = e`) or an attribute, item or container (`self.error = e`, `errors.append(e)`). */
  kind: 'name' | 'store';
  target: SyntaxNode;
  statement: SyntaxNode;
  /** The value sits inside a tuple, list, dict or set literal (`info = (e, tb)`). */
  wrapped: boolean;
}

/** Methods of the built-in containers that keep a reference to their argument. */
export const KEEPING_METHODS = new Set(['append', 'add', 'insert', 'appendleft', 'setdefault']);

const WRAPPERS = new Set(['tuple', 'list', 'expression_list', 'parenthesized_expression', 'set']);

/** Where a value ends up when the statement around it stores it; undefined when it is not stored there. */
export function holderOf(value: SyntaxNode): Holder | undefined {
  let inner = value;
  let parent = inner.parent;
  while (parent && (WRAPPERS.has(parent.type) || parent.type === 'pair' || parent.type === 'dictionary')) {
    if (parent.type === 'pair' && parent.childForFieldName('value')?.id !== inner.id) return undefined;
    inner = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  const wrapped = inner.id !== value.id;
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === inner.id) {
    const left = parent.childForFieldName('left');
    if (!left) return undefined;
    if (left.type === 'identifier') return { kind: 'name', target: left, statement: parent, wrapped };
    if (left.type === 'attribute' || left.type === 'subscript') return { kind: 'store', target: left, statement: parent, wrapped };
    if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && inner.type === 'expression_list' && inner.id === value.parent?.id) {
      // `a, b = e, x`: the target at the value's position holds it.
      const index = inner.namedChildren.findIndex((c) => c?.id === value.id);
      const target = left.namedChild(index);
      if (target?.type === 'identifier') return { kind: 'name', target, statement: parent, wrapped: false };
      if (target?.type === 'attribute' || target?.type === 'subscript') return { kind: 'store', target, statement: parent, wrapped: false };
    }
    return undefined;
  }
  if (parent.type === 'augmented_assignment' && parent.childForFieldName('right')?.id === inner.id && inner.id !== value.id) {
    const left = parent.childForFieldName('left');
    if (left && (left.type === 'identifier' || left.type === 'attribute' || left.type === 'subscript')) return { kind: 'store', target: left, statement: parent, wrapped };
    return undefined;
  }
  if (parent.type === 'argument_list' && inner.id === value.id) {
    const call = parent.parent;
    const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
    if (fn?.type === 'attribute' && KEEPING_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
      const container = fn.childForFieldName('object');
      if (container) return { kind: 'store', target: container, statement: call!, wrapped };
    }
  }
  return undefined;
}

/** The name at the root of `a.b[c].d` (`a`), or undefined when the chain starts with a call or a literal. */
export function rootName(target: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | null = target;
  while (current && (current.type === 'attribute' || current.type === 'subscript')) {
    current = current.type === 'attribute' ? current.childForFieldName('object') : current.childForFieldName('value');
  }
  return current?.type === 'identifier' ? current : undefined;
}

/** Short text for a message: long targets are cut, so a message never quotes a whole expression. */
export function shortText(text: string, node: SyntaxNode, max = 40): string {
  const raw = text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + max * 2)).replace(/\s+/g, ' ');
  return raw.length > max || node.endIndex - node.startIndex > max * 2 ? `${raw.slice(0, max - 1)}…` : raw;
}
