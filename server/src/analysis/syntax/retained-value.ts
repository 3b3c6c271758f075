// Whether the value of an expression is kept after its statement: put into a container (`.append(x)`,
// `.add(x)`, `d[k] = x`), made an element of a comprehension's result, yielded, or stored inside another object
// being built (`Group(name, [Address(...)])`). A value built in a loop and kept is what makes memory grow with
// the data; one built and dropped each iteration (`with Lock():`, `f(Temp())`) costs nothing lasting.
import type { SyntaxNode } from '../../parse/python-parser';

/** Methods that keep their argument in the receiver. (`put` on queues hands it over; not counted.) */
const STORE_METHODS = new Set(['append', 'add', 'insert', 'appendleft', 'extend', 'setdefault', 'push', 'heappush', 'insort']);

/** Builtins that make a container of their argument. */
const CONTAINER_BUILDERS = new Set(['list', 'tuple', 'set', 'frozenset', 'sorted', 'dict']);

/** Expression wrappers the value passes through unchanged (as an element or a branch). */
const PASS_THROUGH = new Set(['parenthesized_expression', 'list', 'tuple', 'set', 'dictionary', 'pair', 'conditional_expression', 'keyword_argument', 'list_splat', 'expression_list']);

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/**
 * True when `node`'s value is kept. `scope` bounds the search for later uses when the value is first bound to a
 * name (`x = Cls(); items.append(x)`): usually the loop that repeats it.
 */
export function isRetained(node: SyntaxNode, scope: SyntaxNode | undefined): boolean {
  return retained(node, scope, true);
}

function retained(node: SyntaxNode, scope: SyntaxNode | undefined, followNames: boolean): boolean {
  let current = node;
  for (let parent = node.parent; parent; current = parent, parent = parent.parent) {
    if (PASS_THROUGH.has(parent.type)) continue;
    switch (parent.type) {
      case 'argument_list': {
        const call = parent.parent;
        if (call?.type !== 'call') return false;
        const fn = call.childForFieldName('function');
        const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'identifier' ? fn.text : undefined;
        if (!name) return false;
        if (STORE_METHODS.has(name)) return true;
        // The argument of a constructor (`Group(..., [Address()])`) or container builder lives as long as the
        // object built: follow that object instead.
        if (CONTAINER_BUILDERS.has(name) || /^_*[A-Z]/.test(name)) {
          current = call;
          parent = call;
          continue;
        }
        return false;
      }
      case 'yield':
        return true;
      case 'augmented_assignment':
        // `items += [Cls()]`
        return parent.childForFieldName('right')?.id === current.id;
      case 'assignment': {
        if (parent.childForFieldName('right')?.id !== current.id) return false;
        const left = parent.childForFieldName('left');
        if (left?.type === 'subscript') return true;
        if (left?.type === 'identifier' && followNames && scope) return nameRetained(left, scope);
        return false;
      }
      default:
        if (COMPREHENSIONS.has(parent.type)) return parent.childForFieldName('body')?.id === current.id;
        return false;
    }
  }
  return false;
}

/** `x = Cls(...)` followed, within `scope`, by a use of `x` that keeps it. */
function nameRetained(target: SyntaxNode, scope: SyntaxNode): boolean {
  const name = target.text;
  for (const use of scope.descendantsOfType('identifier')) {
    if (!use || use.text !== name || use.startIndex <= target.startIndex) continue;
    if (retained(use, undefined, false)) return true;
  }
  return false;
}
