// What the heap diagram can be shown for, found in the syntax tree (in the analysis worker): classes, functions
// that are not methods (a method's snippet is its class's instance, so its class carries the lens), and
// comprehensions. The CodeLens shows "Show heap diagram" above the classes and functions; the code action offers it
// for the innermost target under the cursor. Both run on every request (code actions on every cursor move), so
// neither walks expressions: definitions are found through compound statements only, and the target under the
// cursor through the cursor's ancestors.
import type { SyntaxNode, Tree } from '../parse/python-parser';
import { rangeOf, type SourcePosition, type SourceRange } from '../parse/source-range';

export interface HeapTarget {
  kind: 'class' | 'function' | 'comprehension';
  /** The class or function name; the comprehension's kind (`list comprehension`). */
  name: string;
  /** The class_definition / function_definition / comprehension node (decorators excluded). */
  range: SourceRange;
}

const COMPREHENSIONS: Record<string, string> = {
  list_comprehension: 'list comprehension',
  set_comprehension: 'set comprehension',
  dictionary_comprehension: 'dict comprehension',
  generator_expression: 'generator expression',
};

/** Beyond this many targets the rest of a generated file gets none: thousands of lenses help nobody. */
export const MAX_HEAP_TARGETS = 2_000;

/** Statements and clauses that can contain a `def` or `class` (lambdas are not targets). */
const COMPOUND = new Set([
  'module',
  'block',
  'class_definition',
  'function_definition',
  'decorated_definition',
  'if_statement',
  'elif_clause',
  'else_clause',
  'for_statement',
  'while_statement',
  'try_statement',
  'except_clause',
  'except_group_clause',
  'finally_clause',
  'with_statement',
  'match_statement',
  'case_clause',
]);

/** Every class and function that is not a method, in document order (explicit stack: deep nesting must not
 *  overflow). */
export function heapDefinitions(tree: Tree): HeapTarget[] {
  const out: HeapTarget[] = [];
  const stack: SyntaxNode[] = [tree.rootNode];
  while (stack.length > 0 && out.length < MAX_HEAP_TARGETS) {
    const node = stack.pop()!;
    const target = node.type === 'class_definition' || node.type === 'function_definition' ? targetOf(node) : undefined;
    if (target) out.push(target);
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const child = node.namedChild(i);
      if (child && COMPOUND.has(child.type)) stack.push(child);
    }
  }
  return out;
}

/** The targets containing a position, outermost first. */
export function heapTargetsAt(tree: Tree, at: SourcePosition): HeapTarget[] {
  const out: HeapTarget[] = [];
  for (let n: SyntaxNode | null = tree.rootNode.descendantForPosition({ row: at.line, column: at.column }); n; n = n.parent) {
    const target = targetOf(n);
    if (target) out.unshift(target);
  }
  return out;
}

function targetOf(node: SyntaxNode): HeapTarget | undefined {
  if (node.type === 'class_definition') return { kind: 'class', name: node.childForFieldName('name')?.text ?? 'class', range: rangeOf(node) };
  if (node.type === 'function_definition') {
    if (isMethod(node)) return undefined;
    return { kind: 'function', name: node.childForFieldName('name')?.text ?? 'function', range: rangeOf(node) };
  }
  const comprehension = COMPREHENSIONS[node.type];
  return comprehension ? { kind: 'comprehension', name: comprehension, range: rangeOf(node) } : undefined;
}

/** A function defined directly in a class body (possibly decorated). */
function isMethod(fn: SyntaxNode): boolean {
  let parent = fn.parent;
  if (parent?.type === 'decorated_definition') parent = parent.parent;
  return parent?.type === 'block' && parent.parent?.type === 'class_definition';
}
