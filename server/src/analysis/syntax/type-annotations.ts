// Reads annotations the way tree-sitter-python parses them: in a parameter's type position `list[int]` is a
// `generic_type` and `A | None` a `union_type`, while `typing.Dict[int, int]` stays an ordinary `subscript`.
// These helpers hide the difference so checks can ask "is this annotation X or Optional[X]?".
import type { SyntaxNode } from '../../parse/python-parser';
import type { ModuleImports } from '../module-imports';
import { unparenthesized } from './statements';

/** A generic annotation split into its head (`Optional`, `typing.Dict`) and its arguments; or just a head. */
export interface TypeApplication {
  head: SyntaxNode;
  args: SyntaxNode[];
}

/** Unwraps `type` wrappers and parentheses. */
export function typeExpression(node: SyntaxNode): SyntaxNode {
  let current = unparenthesized(node);
  while (current.type === 'type' && current.namedChildCount === 1) current = unparenthesized(current.namedChild(0)!);
  return current;
}

/** The members of a `A | B` union (one member for anything else). */
export function unionMembers(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [typeExpression(node)];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'union_type') {
      for (const c of n.namedChildren) if (c) stack.push(typeExpression(c));
    } else if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '|') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (r) stack.push(typeExpression(r));
      if (l) stack.push(typeExpression(l));
    } else {
      out.push(n);
    }
  }
  return out;
}

export function typeApplication(node: SyntaxNode): TypeApplication {
  const n = typeExpression(node);
  if (n.type === 'generic_type') {
    const head = n.namedChild(0)!;
    const params = n.namedChildren.find((c) => c?.type === 'type_parameter');
    return { head, args: params ? params.namedChildren.filter((c): c is SyntaxNode => c !== null).map(typeExpression) : [] };
  }
  if (n.type === 'subscript') {
    const head = n.childForFieldName('value') ?? n;
    return { head, args: n.childrenForFieldName('subscript').filter((c): c is SyntaxNode => c !== null).map(typeExpression) };
  }
  return { head: n, args: [] };
}

/**
 * Every "leaf" alternative an annotation allows: unions, Optional[...], Union[...] and Annotated[X, ...] are
 * looked through; `None` and Optional set `admitsNone` instead of adding a member.
 */
export function annotationAlternatives(node: SyntaxNode, imports: ModuleImports): { members: SyntaxNode[]; admitsNone: boolean } {
  const out: SyntaxNode[] = [];
  let admitsNone = false;
  const stack = unionMembers(node);
  while (stack.length > 0) {
    const member = stack.pop()!;
    const { head, args } = typeApplication(member);
    const q = imports.qualifiedName(head);
    if ((q === 'typing.Optional' || q === 'typing_extensions.Optional') && args.length > 0) {
      stack.push(...unionMembers(args[0]));
      admitsNone = true;
    } else if ((q === 'typing.Union' || q === 'typing_extensions.Union') && args.length > 0) {
      for (const a of args) stack.push(...unionMembers(a));
    } else if ((q === 'typing.Annotated' || q === 'typing_extensions.Annotated') && args.length > 0) {
      stack.push(...unionMembers(args[0]));
    } else if (member.type === 'none') {
      admitsNone = true;
    } else {
      out.push(member);
    }
  }
  return { members: out, admitsNone };
}
