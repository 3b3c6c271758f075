// Scope-level facts about Python functions that several checks need: which function a node belongs to, which
// scope a name written somewhere binds in, a function's parameters and statements.
import type { SyntaxNode } from '../../parse/python-parser';

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

/** The parameter names of a def or lambda, in order (including *args and **kwargs). */
export function parameterNames(fn: SyntaxNode): string[] {
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  const names: string[] = [];
  for (const p of params.namedChildren) {
    if (!p) continue;
    const name = parameterName(p);
    if (name) names.push(name);
  }
  return names;
}

/** The name a single parameter node binds, or undefined for separators (`*`, `/`). */
export function parameterName(param: SyntaxNode): string | undefined {
  switch (param.type) {
    case 'identifier':
      return param.text;
    case 'default_parameter':
    case 'typed_default_parameter':
      return param.childForFieldName('name')?.text;
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const inner = param.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'list_splat_pattern' || c?.type === 'dictionary_splat_pattern');
      if (!inner) return undefined;
      return inner.type === 'identifier' ? inner.text : parameterName(inner);
    }
    default:
      return undefined;
  }
}

/** The statements of a block, without comments and backslash continuations (tree-sitter gives both as children). */
export function statementsOf(block: SyntaxNode | null): SyntaxNode[] {
  if (!block) return [];
  return block.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment' && c.type !== 'line_continuation');
}

/** True for a statement that is only a string literal (a docstring when it comes first in a body). */
export function isStringStatement(statement: SyntaxNode): boolean {
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return false;
  const only = statement.namedChild(0);
  return only !== null && (only.type === 'string' || only.type === 'concatenated_string');
}

/** Strips redundant parentheses: `([1])` -> `[1]`. */
export function unparenthesized(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) {
    const inner = current.namedChild(0);
    if (!inner || inner.type === 'comment') break;
    current = inner;
  }
  return current;
}

/** The names of the bases of a class (`class A(B, m.C, metaclass=M)` -> the B and m.C nodes). */
export function classBases(cls: SyntaxNode): SyntaxNode[] {
  const args = cls.childForFieldName('superclasses');
  if (!args) return [];
  return args.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'keyword_argument' && c.type !== 'comment');
}
