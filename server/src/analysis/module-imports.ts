// Resolves names to what the module imported them as, so checks can recognise `functools.lru_cache` however it
// is spelled (`from functools import lru_cache as lc`, `import functools as ft`) and tell a builtin from a
// module-level definition that shadows it.
import type { SyntaxNode } from '../parse/python-parser';
import { moduleStatements, type ModuleStatement } from './syntax/module-statements';

export class ModuleImports {
  /** Local name -> dotted qualified name it was imported as. */
  private readonly bindings = new Map<string, string>();
  /** Names bound at module level by def, class, assignment or import (they shadow builtins). */
  private readonly moduleNames = new Set<string>();

  constructor(root: SyntaxNode, importNodes: readonly SyntaxNode[]) {
    for (const node of importNodes) this.addImport(node);
    for (const statement of moduleStatements(root)) this.addModuleBinding(statement);
  }

  /**
   * The dotted qualified name of an identifier or attribute chain (`ft.lru_cache` -> `functools.lru_cache`,
   * `open` -> `open` when not shadowed). Undefined for anything else, or a builtin name the module rebinds.
   */
  qualifiedName(node: SyntaxNode | null | undefined): string | undefined {
    if (!node) return undefined;
    const parts: string[] = [];
    let current: SyntaxNode | null = node;
    while (current && current.type === 'attribute') {
      const attr = current.childForFieldName('attribute');
      if (!attr) return undefined;
      parts.unshift(attr.text);
      current = current.childForFieldName('object');
    }
    if (!current || current.type !== 'identifier') return undefined;
    const head = current.text;
    const bound = this.bindings.get(head);
    if (bound) return [bound, ...parts].join('.');
    if (this.moduleNames.has(head)) return undefined;
    return [head, ...parts].join('.');
  }

  /** True when `name` refers to the builtin of that name (not imported, defined or assigned at module level). */
  isBuiltin(name: string): boolean {
    return !this.bindings.has(name) && !this.moduleNames.has(name);
  }

  /** True when some import brought in this qualified name or a member of it. */
  imported(qualified: string): boolean {
    for (const value of this.bindings.values()) {
      if (value === qualified || value.startsWith(qualified + '.')) return true;
    }
    return false;
  }

  private addImport(node: SyntaxNode): void {
    if (node.type === 'import_statement') {
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'dotted_name') {
          // `import a.b` binds `a` to the package `a`.
          const first = child.text.split('.')[0];
          this.bindings.set(first, first);
        } else if (child.type === 'aliased_import') {
          const name = child.childForFieldName('name');
          const alias = child.childForFieldName('alias');
          if (name && alias) this.bindings.set(alias.text, name.text);
        }
      }
    } else if (node.type === 'import_from_statement') {
      const moduleNode = node.childForFieldName('module_name');
      if (!moduleNode || moduleNode.type === 'relative_import') return;
      const moduleName = moduleNode.text;
      for (const child of node.childrenForFieldName('name')) {
        if (!child) continue;
        if (child.type === 'dotted_name') {
          this.bindings.set(child.text, `${moduleName}.${child.text}`);
        } else if (child.type === 'aliased_import') {
          const name = child.childForFieldName('name');
          const alias = child.childForFieldName('alias');
          if (name && alias) this.bindings.set(alias.text, `${moduleName}.${name.text}`);
        }
      }
    }
  }

  private addModuleBinding(statement: ModuleStatement): void {
    if (statement.definition !== undefined) {
      // A function or class, decorated or not.
      const type = statement.definitionType;
      if (type !== 'function_definition' && type !== 'class_definition') return;
      const name = statement.definition?.childForFieldName('name');
      if (name) this.moduleNames.add(name.text);
    } else if (statement.assignment && statement.leftType === 'identifier' && statement.left) {
      this.moduleNames.add(statement.left.text);
    }
  }
}
