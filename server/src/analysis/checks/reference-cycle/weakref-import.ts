// The `import weakref` the weak-reference fixes need: nothing when the module already imports it at top level,
// otherwise the shared top-of-module insertion (after the docstring and `from __future__` imports).
import type { SyntaxNode } from '../../../parse/python-parser';
import type { TextEdit } from '../../finding';
import { addImportEdit } from '../../syntax/import-names';

/** True when a top-level `import weakref` binds the module under its own name. */
function importsWeakref(root: SyntaxNode): boolean {
  for (const statement of root.namedChildren) {
    if (statement?.type !== 'import_statement') continue;
    for (const name of statement.namedChildren) if (name?.type === 'dotted_name' && name.text === 'weakref') return true;
  }
  return false;
}

let cached: { text: string; edit: TextEdit | undefined } | undefined;

/** The edit adding `import weakref`, or undefined when it is already there (memoised: findings of one module share it). */
export function weakrefImportEdit(root: SyntaxNode, text: string): TextEdit | undefined {
  if (cached?.text !== text) cached = { text, edit: importsWeakref(root) ? undefined : addImportEdit(root, 'import weakref') };
  return cached.edit;
}
