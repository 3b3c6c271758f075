// Reverse look-ups over a module's imports, for fixes that must spell a name the way the module can reach it
// (`functools.cached_property`, `ft.cached_property`, `cached_property`), or add an import where Python
// accepts one (after the module docstring and any `from __future__` imports).
import type { SyntaxNode } from '../../parse/python-parser';
import type { TextEdit } from '../finding';
import { isStringStatement, statementsOf } from './statements';

/**
 * How the module can refer to `qualified` (e.g. `functools.cached_property`) through a module-level import:
 * the local name of a `from` import, or `<alias>.<member>` of an imported module. Undefined when no import
 * provides it. Only top-level imports count: an import inside a function is not visible elsewhere.
 */
export function spellingOf(root: SyntaxNode, qualified: string): string | undefined {
  const dot = qualified.lastIndexOf('.');
  const moduleName = qualified.slice(0, dot);
  const member = qualified.slice(dot + 1);
  let viaModule: string | undefined;
  for (const statement of statementsOf(root)) {
    if (statement.type === 'import_from_statement') {
      if (statement.childForFieldName('module_name')?.text !== moduleName) continue;
      for (const name of statement.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'dotted_name' && name.text === member) return member;
        if (name.type === 'aliased_import' && name.childForFieldName('name')?.text === member) {
          const alias = name.childForFieldName('alias')?.text;
          if (alias) return alias;
        }
      }
    } else if (statement.type === 'import_statement') {
      for (const child of statement.namedChildren) {
        if (!child) continue;
        if (child.type === 'dotted_name' && child.text === moduleName) viaModule ??= `${moduleName}.${member}`;
        if (child.type === 'aliased_import' && child.childForFieldName('name')?.text === moduleName) {
          const alias = child.childForFieldName('alias')?.text;
          if (alias) viaModule ??= `${alias}.${member}`;
        }
      }
    }
  }
  return viaModule;
}

/**
 * An edit adding a top-level import statement (e.g. `import functools`) where Python accepts it: before the first
 * statement that follows the module docstring and the `from __future__` imports.
 */
export function addImportEdit(root: SyntaxNode, importText: string): TextEdit {
  const statements = statementsOf(root);
  let i = 0;
  if (statements[0] && isStringStatement(statements[0])) i++;
  while (statements[i]?.type === 'future_import_statement') i++;
  const next = statements[i];
  const previous = i > 0 ? statements[i - 1] : undefined;
  if (next && (!previous || next.startPosition.row > previous.endPosition.row)) {
    const at = { line: next.startPosition.row, column: 0 };
    return { range: { start: at, end: at }, newText: `${importText}\n` };
  }
  if (previous) {
    const at = { line: previous.endPosition.row, column: previous.endPosition.column };
    return { range: { start: at, end: at }, newText: `\n${importText}` };
  }
  return { range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, newText: `${importText}\n` };
}
