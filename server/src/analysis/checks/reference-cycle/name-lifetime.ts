// How long a local name keeps what it was bound to: the later places that clear it (`del x`, `x = None`), rebind
// it, hand it out of the frame (`raise x`, `return x`), or capture it in a nested function. A name that holds
// something referring back to its own frame stays a cycle until one of those clears it on every path.
import type { SyntaxNode } from '../../../parse/python-parser';
import { identifiersNamed } from '../../syntax/name-occurrences';
import { parameterNames } from '../../syntax/definitions';
import { enclosingScope } from '../../syntax/scopes';

export type UseKind = 'clear' | 'rebind' | 'raise' | 'return' | 'read' | 'captured';

export interface NameUse {
  node: SyntaxNode;
  kind: UseKind;
  /** Inside a `finally` block of the same scope: runs on every path out of its `try`. */
  inFinally: boolean;
}

export interface NameLifetime {
  name: string;
  uses: NameUse[];
  /** Declared `global` or `nonlocal`: the frame does not own it, clearing it is someone else's business. */
  notLocal: boolean;
  isParameter: boolean;
}

/** The region of a scope whose code runs in its frame: a function's body or the whole module. */
export function scopeBody(scope: SyntaxNode): SyntaxNode | null {
  if (scope.type === 'module') return scope;
  return scope.childForFieldName('body');
}

export function nameLifetime(root: SyntaxNode, text: string, scope: SyntaxNode, name: string): NameLifetime {
  const body = scopeBody(scope);
  const uses: NameUse[] = [];
  let notLocal = false;
  if (body) {
    for (const node of identifiersNamed(root, text, name, body.startIndex, body.endIndex)) {
      const parent = node.parent;
      if (parent?.type === 'global_statement' || parent?.type === 'nonlocal_statement') {
        if (enclosingScope(node).id === scope.id) notLocal = true;
        continue;
      }
      uses.push(classify(node, scope));
    }
  }
  const isParameter = scope.type !== 'module' && parameterNames(scope).includes(name);
  return { name, uses, notLocal, isParameter };
}

function classify(node: SyntaxNode, scope: SyntaxNode): NameUse {
  let inFinally = false;
  let nested = false;
  for (let up = node.parent; up && up.id !== scope.id; up = up.parent) {
    if (up.type === 'finally_clause' && !nested) inFinally = true;
    if (up.type === 'function_definition' || up.type === 'lambda' || up.type === 'class_definition') nested = true;
  }
  if (nested) return { node, kind: 'captured', inFinally: false };
  return { node, kind: kindOf(node), inFinally };
}

function kindOf(node: SyntaxNode): UseKind {
  const parent = node.parent;
  if (!parent) return 'read';
  if (parent.type === 'delete_statement') return 'clear';
  if (parent.type === 'expression_list' && parent.parent?.type === 'delete_statement') return 'clear';
  if (parent.type === 'assignment' && parent.childForFieldName('left')?.id === node.id) return assignsNone(parent) ? 'clear' : 'rebind';
  if ((parent.type === 'pattern_list' || parent.type === 'tuple_pattern') && parent.parent?.type === 'assignment') return 'rebind';
  if (parent.type === 'named_expression' && parent.childForFieldName('name')?.id === node.id) return 'rebind';
  if ((parent.type === 'for_statement' || parent.type === 'for_in_clause') && parent.childForFieldName('left')?.id === node.id) return 'rebind';
  if (parent.type === 'raise_statement' && parent.namedChild(0)?.id === node.id) return 'raise';
  if (parent.type === 'return_statement') return 'return';
  return 'read';
}

/** `x = None`, also through a chain (`x = y = None`). */
function assignsNone(assignment: SyntaxNode): boolean {
  let right = assignment.childForFieldName('right');
  while (right?.type === 'assignment') right = right.childForFieldName('right');
  return right?.type === 'none';
}

/**
 * True when the name is cleared after `afterIndex` on every path, as far as syntax tells: in a `finally`, or by a
 * later `del`/`= None` that no `raise name`/`return name` can skip.
 */
export function clearedAfter(lifetime: NameLifetime, afterIndex: number): boolean {
  const later = lifetime.uses.filter((u) => u.node.startIndex >= afterIndex);
  if (later.some((u) => u.kind === 'clear' && u.inFinally)) return true;
  const escapes = later.some((u) => (u.kind === 'raise' || u.kind === 'return') && !u.inFinally);
  return !escapes && later.some((u) => u.kind === 'clear');
}

/** True when the name is bound again or cleared after `afterIndex` (it then no longer holds the first value). */
export function reboundAfter(lifetime: NameLifetime, afterIndex: number): boolean {
  return lifetime.uses.some((u) => u.node.startIndex >= afterIndex && (u.kind === 'clear' || u.kind === 'rebind'));
}

/** A nested function or lambda reads the name: it is a cell, and clearing it would change what the closure sees. */
export function isCaptured(lifetime: NameLifetime): boolean {
  return lifetime.uses.some((u) => u.kind === 'captured');
}

/** True when the scope binds the name itself (a parameter, an assignment, a loop target): a local. */
export function isLocal(lifetime: NameLifetime): boolean {
  return !lifetime.notLocal && (lifetime.isParameter || lifetime.uses.some((u) => u.kind === 'rebind' || u.kind === 'clear'));
}
