// The module's top-level statements, read once per analysis. The import table, the namedtuple aliases, the
// module-level mutable containers and the module's classes each looked at every top-level statement through the
// tree (a wasm call per child, field and type asked), ~0.1 ms per helper and keystroke on a 6k-line module; they now
// share one read of each statement. Memoised per root node object: every check of one analysis gets the same
// `ctx.root`, and a later analysis gets a new one.
import type { SyntaxNode } from '../../parse/python-parser';

export interface ModuleStatement {
  readonly node: SyntaxNode;
  readonly type: string;
  /** An `expression_statement`'s first named child, when it is an `assignment` or `augmented_assignment`. */
  readonly assignment?: SyntaxNode;
  readonly assignmentType?: 'assignment' | 'augmented_assignment';
  /** The assignment's `left` and `right` fields. */
  readonly left?: SyntaxNode | null;
  readonly leftType?: string;
  readonly right?: SyntaxNode | null;
  /** A `decorated_definition`'s `definition` field, or the statement itself when it is a function or class. */
  readonly definition?: SyntaxNode | null;
  readonly definitionType?: string;
}

/** The last root asked about (a WeakMap keyed by root nodes kept each analysis's nodes through two scavenges). */
let memo: { root: SyntaxNode; statements: readonly ModuleStatement[] } | undefined;

/** Every named child of the module (comments included, as `root.namedChildren` gives them), in order. */
export function moduleStatements(root: SyntaxNode): readonly ModuleStatement[] {
  if (memo?.root !== root) memo = { root, statements: readStatements(root) };
  return memo.statements;
}

function readStatements(root: SyntaxNode): ModuleStatement[] {
  const out: ModuleStatement[] = [];
  // `root.children` filtered, rather than `root.namedChildren`: the node collection has read (and web-tree-sitter
  // cached) the root's children on the same node object, so this costs an isNamed per child instead of marshalling
  // every statement again (~0.06 ms a keystroke on a 6k-line file).
  for (const node of root.children) {
    if (!node?.isNamed) continue;
    const type = node.type;
    if (type === 'expression_statement') {
      const first = node.namedChild(0);
      const firstType = first?.type;
      if (first && (firstType === 'assignment' || firstType === 'augmented_assignment')) {
        const left = first.childForFieldName('left');
        out.push({ node, type, assignment: first, assignmentType: firstType, left, leftType: left?.type, right: first.childForFieldName('right') });
        continue;
      }
    } else if (type === 'decorated_definition') {
      const definition = node.childForFieldName('definition');
      out.push({ node, type, definition, definitionType: definition?.type });
      continue;
    } else if (type === 'function_definition' || type === 'class_definition') {
      out.push({ node, type, definition: node, definitionType: type });
      continue;
    }
    out.push({ node, type });
  }
  return out;
}
