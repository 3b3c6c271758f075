// Which scope a node belongs to, as tree-sitter shows Python's scopes: the enclosing function, lambda, class or
// module (enclosingScope), the function (enclosingFunction), the scope a name written there binds in
// (scopeContaining, which leaves out a definition's header), the class a method is defined in (owningClass).
import type { SyntaxNode } from '../../parse/python-parser';

const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);

/** The nearest enclosing function, lambda, class or module of a node (never the node itself). */
export function enclosingScope(node: SyntaxNode): SyntaxNode {
  let current = node.parent;
  while (current) {
    if (SCOPE_TYPES.has(current.type)) return current;
    if (!current.parent) return current;
    current = current.parent;
  }
  return node;
}

/** The innermost function (def or lambda) containing a node, or null at module or class level. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda') return p;
  }
  return null;
}

/**
 * The def, lambda or class whose body (not its header: name, parameters, defaults, decorators, bases) contains
 * the node; null at module level. This is the scope a name written there belongs to.
 */
export function scopeContaining(node: SyntaxNode): SyntaxNode | null {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if ((p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') && p.childForFieldName('body')?.id === child.id) return p;
  }
  return null;
}

/** The class a function is defined directly in (its body, possibly through a decorator), if any. */
export function owningClass(fn: SyntaxNode): SyntaxNode | undefined {
  let up = fn.parent;
  if (up?.type === 'decorated_definition') up = up.parent;
  if (up?.type !== 'block') return undefined;
  return up.parent?.type === 'class_definition' ? up.parent : undefined;
}

/** How a scope reads in a message: `connect()`, `<lambda>`, `<module>`, `class Node`. */
export function scopeLabel(scope: SyntaxNode): string {
  switch (scope.type) {
    case 'function_definition':
      return `${scope.childForFieldName('name')?.text ?? '?'}()`;
    case 'lambda':
      return '<lambda>';
    case 'class_definition':
      return `class ${scope.childForFieldName('name')?.text ?? '?'}`;
    default:
      return '<module>';
  }
}
