// Where the object a resource call returns ends up, decided from the syntax around the call: managed by `with`
// (or an ExitStack), handed to someone else (returned, stored on an object, wrapped), bound to a local name (then
// the name's uses decide), or used and dropped without close().
import type { SyntaxNode } from '../../../parse/python-parser';
import { type OwnershipContext, callKeepsArgument } from './name-uses';
import { OWNERSHIP_TAKERS, calleeName, looksLikeClass } from './ownership-calls';

export type Fate =
  | { kind: 'managed'; by: 'exit' | 'close' } // with / enter_context() (the object's __exit__), or closing() / .close()
  | { kind: 'escapes' } //                 returned, yielded, stored on an attribute or in a container, wrapped
  | { kind: 'inner' } //                   `ZipFile(z).open(m)`: the outer call is the one reported
  | { kind: 'bound'; name: SyntaxNode } // `f = open(p)`: the uses of `f` decide
  | { kind: 'stored-locally'; container: SyntaxNode } // `jobs[k] = Popen(...)` into a local container
  | { kind: 'dropped'; how: string } //    used once and never closed
  | { kind: 'unknown' };

const TRANSPARENT = new Set(['parenthesized_expression', 'conditional_expression', 'await']);
const CONTAINERS = new Set(['tuple', 'expression_list', 'list', 'set', 'pair', 'dictionary']);

export function fateOf(resource: SyntaxNode, ctx: OwnershipContext): Fate {
  let node = resource;
  // Climbing is bounded by the expression's nesting; 20 levels is far more than real code uses.
  for (let step = 0; step < 20; step++) {
    const parent = node.parent;
    if (!parent) return { kind: 'unknown' };
    if (TRANSPARENT.has(parent.type)) {
      node = parent;
      continue;
    }
    switch (parent.type) {
      case 'with_item':
        return { kind: 'managed', by: 'exit' };
      case 'as_pattern':
        return parent.parent?.type === 'with_item' ? { kind: 'managed', by: 'exit' } : { kind: 'unknown' };
      case 'return_statement':
      case 'yield':
      case 'lambda':
        return { kind: 'escapes' };
      case 'keyword_argument':
        if (parent.childForFieldName('value')?.id !== node.id) return { kind: 'unknown' };
        node = parent;
        continue;
      case 'argument_list': {
        const call = parent.parent;
        if (!call || call.type !== 'call') return { kind: 'unknown' };
        const name = calleeName(call, ctx.text);
        if (name && OWNERSHIP_TAKERS.has(name)) return { kind: 'managed', by: name === 'closing' || name === 'aclosing' ? 'close' : 'exit' };
        if (looksLikeClass(name)) {
          // A wrapper object takes the resource: what happens to the wrapper decides.
          node = call;
          continue;
        }
        if (callKeepsArgument(call, node, ctx, 0)) return { kind: 'escapes' };
        return { kind: 'dropped', how: `passed to ${name ?? 'a call'}() and never closed` };
      }
      case 'attribute': {
        if (parent.childForFieldName('object')?.id !== node.id) return { kind: 'unknown' };
        const attribute = parent.childForFieldName('attribute')?.text ?? '';
        const called = parent.parent?.type === 'call' && parent.parent.childForFieldName('function')?.id === parent.id;
        if (!called) return { kind: 'unknown' };
        if (attribute === 'close') return { kind: 'managed', by: 'close' };
        if (attribute === '__enter__') return { kind: 'managed', by: 'exit' };
        if (attribute === 'open') return { kind: 'inner' };
        return { kind: 'dropped', how: `used once for .${attribute}() and never closed` };
      }
      case 'assignment':
        return assignmentFate(parent, node);
      case 'named_expression': {
        const name = parent.childForFieldName('name');
        return name ? { kind: 'bound', name } : { kind: 'unknown' };
      }
      case 'expression_statement':
        return { kind: 'dropped', how: 'opened and dropped at once' };
      case 'for_statement':
      case 'for_in_clause':
        return parent.childForFieldName('right')?.id === node.id ? { kind: 'dropped', how: 'iterated and never closed' } : { kind: 'unknown' };
      default:
        if (CONTAINERS.has(parent.type)) return containerFate(parent, node);
        return { kind: 'unknown' };
    }
  }
  return { kind: 'unknown' };
}

function assignmentFate(assignment: SyntaxNode, value: SyntaxNode): Fate {
  if (assignment.childForFieldName('right')?.id !== value.id) return { kind: 'unknown' };
  // `a = b = open(p)`: two names share it; following both is not worth the guesswork.
  if (assignment.parent?.type === 'assignment') return { kind: 'escapes' };
  const target = assignment.childForFieldName('left');
  if (!target) return { kind: 'unknown' };
  switch (target.type) {
    case 'identifier':
      return { kind: 'bound', name: target };
    case 'attribute':
      return { kind: 'escapes' };
    case 'subscript': {
      const container = target.childForFieldName('value');
      return container?.type === 'identifier' ? { kind: 'stored-locally', container } : { kind: 'escapes' };
    }
    default:
      return { kind: 'unknown' };
  }
}

/** `a, b = Pool(), Pool()`: each item goes to the matching target; any other container owns its items. */
function containerFate(container: SyntaxNode, item: SyntaxNode): Fate {
  const tuple = container;
  if (tuple.type === 'tuple' || tuple.type === 'expression_list') {
    let holder = tuple.parent;
    while (holder?.type === 'parenthesized_expression') holder = holder.parent;
    if (holder?.type === 'assignment') {
      const target = holder.childForFieldName('left');
      const right = holder.childForFieldName('right');
      if (target && right && (target.type === 'pattern_list' || target.type === 'tuple_pattern') && right.startIndex <= tuple.startIndex && right.endIndex >= tuple.endIndex) {
        const items = tuple.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
        const targets = target.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
        const index = items.findIndex((c) => c.id === item.id);
        const matched = items.length === targets.length && index >= 0 ? targets[index] : undefined;
        if (matched?.type === 'identifier') return { kind: 'bound', name: matched };
        return { kind: 'unknown' };
      }
    }
  }
  return { kind: 'escapes' };
}
