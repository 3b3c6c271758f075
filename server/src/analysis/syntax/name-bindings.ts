// Which identifiers bind a name (Python's "binding operations": assignment targets, augmented assignment,
// `del`, `for` and `with ... as` targets, `except ... as`, `:=`, imports, `def`/`class` names). A name bound in a
// function without a `global` declaration is local to it, so uses there are not the module's variable.
import type { SyntaxNode } from '../../parse/python-parser';

export type BindingKind = 'assign' | 'augment' | 'delete' | 'import' | 'definition' | 'loop' | 'with' | 'walrus' | 'except';

const PATTERN_TYPES = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list', 'parenthesized_expression', 'list_splat_pattern']);

/** How an identifier binds its name, or undefined when it only reads it (or is an attribute/keyword name). */
export function bindingKind(id: SyntaxNode): BindingKind | undefined {
  let child = id;
  let parent = id.parent;
  // Climb through destructuring patterns: `a, (b, c) = ...`, `for k, v in ...`, `del a, b`.
  while (parent && PATTERN_TYPES.has(parent.type)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  const isField = (field: string) => parent!.childForFieldName(field)?.id === child.id;
  switch (parent.type) {
    case 'assignment':
      return isField('left') ? 'assign' : undefined;
    case 'augmented_assignment':
      return isField('left') && child.id === id.id ? 'augment' : undefined;
    case 'for_statement':
      return isField('left') ? 'loop' : undefined;
    case 'delete_statement':
      return 'delete';
    case 'named_expression':
      return isField('name') ? 'walrus' : undefined;
    case 'as_pattern_target': {
      const clause = parent.parent?.parent;
      return clause?.type === 'except_clause' || clause?.type === 'except_group_clause' ? 'except' : 'with';
    }
    case 'function_definition':
    case 'class_definition':
      return isField('name') ? 'definition' : undefined;
    case 'aliased_import':
      return isField('alias') ? 'import' : undefined;
    case 'dotted_name': {
      // `import a.b` binds `a`; `from m import a` binds `a`; the module path of `from m import` binds nothing.
      const statement = parent.parent?.type === 'aliased_import' ? undefined : parent.parent;
      if (parent.namedChild(0)?.id !== id.id || !statement) return undefined;
      if (statement.type === 'import_statement') return 'import';
      if (statement.type === 'import_from_statement' && statement.childForFieldName('module_name')?.id !== parent.id) return 'import';
      return undefined;
    }
    default:
      return undefined;
  }
}
