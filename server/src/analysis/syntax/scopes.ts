// Python scopes as tree-sitter shows them: which function, lambda, class or module a node belongs to, and the
// facts about a function the checks ask for (its name, its first parameter, whether it is an instance method).
import type { SyntaxNode } from '../../parse/python-parser';
import { parameterNames } from './python-scopes';

export { parameterNames };

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

/** Decorator expressions' texts of a function or class (empty when undecorated). */
export function decoratorTexts(definition: SyntaxNode): string[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c) => c?.type === 'decorator').map((c) => c!.text.replace(/^@\s*/, ''));
}

/** The class a function is defined directly in (its body, possibly through a decorator), if any. */
export function owningClass(fn: SyntaxNode): SyntaxNode | undefined {
  let up = fn.parent;
  if (up?.type === 'decorated_definition') up = up.parent;
  if (up?.type !== 'block') return undefined;
  return up.parent?.type === 'class_definition' ? up.parent : undefined;
}

/** The name `self` is spelled as in an instance method: its first parameter, unless static or a classmethod. */
export function instanceReceiverName(fn: SyntaxNode): string | undefined {
  if (fn.type !== 'function_definition' || !owningClass(fn)) return undefined;
  if (decoratorTexts(fn).some((d) => /^(staticmethod|classmethod)\b/.test(d))) return undefined;
  const first = fn.childForFieldName('parameters')?.namedChild(0);
  return first?.type === 'identifier' ? first.text : undefined;
}

/** The functions defined directly in a class body, by name (the later definition wins, as at run time). */
export function classMethods(cls: SyntaxNode): Map<string, SyntaxNode> {
  const methods = new Map<string, SyntaxNode>();
  const body = cls.childForFieldName('body');
  if (!body) return methods;
  for (const statement of body.namedChildren) {
    if (!statement) continue;
    const def = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (def?.type !== 'function_definition') continue;
    const name = def.childForFieldName('name');
    if (name) methods.set(name.text, def);
  }
  return methods;
}
