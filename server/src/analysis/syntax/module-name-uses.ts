// Finds the uses of a module-level name without walking the tree: the identifiers spelled so (identifiersNamed:
// a text search confirmed on the tree, without strings, comments and attribute names), less those in scopes that
// bind the name locally. Whether a function binds the name is decided from the hits themselves (a function can only
// bind a name it spells), so no function is walked.
import type { SyntaxNode } from '../../parse/python-parser';
import { bindingKind } from './name-bindings';
import { identifiersNamed } from './name-occurrences';
import { scopeContaining } from './scopes';

interface ScopeFacts {
  binds: boolean;
  declaresGlobal: boolean;
}

export class ModuleNameUses {
  private readonly memo = new Map<string, SyntaxNode[]>();

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
  ) {}

  /** Identifiers spelled `name` that refer to the module-level variable (at module level or through scopes). */
  usesOf(name: string): SyntaxNode[] {
    let uses = this.memo.get(name);
    if (!uses) this.memo.set(name, (uses = this.findUses(name)));
    return uses;
  }

  /**
   * The uses inside [start, end) only, e.g. one function's text. Correct for a function that declares the name
   * global (resolution stops there); cheaper than usesOf for names used all over the module.
   */
  usesWithin(name: string, start: number, end: number): SyntaxNode[] {
    return this.findUses(name, start, end);
  }

  private findUses(name: string, start = 0, end = this.text.length): SyntaxNode[] {
    const hits: Array<{ id: SyntaxNode; scope: SyntaxNode | null }> = [];
    const facts = new Map<number, ScopeFacts>();
    const factsOf = (scope: SyntaxNode) => {
      let f = facts.get(scope.id);
      if (!f) facts.set(scope.id, (f = { binds: false, declaresGlobal: false }));
      return f;
    };
    for (const id of identifiersNamed(this.root, this.text, name, start, end)) {
      const owner = parameterOwner(id);
      if (owner) {
        factsOf(owner).binds = true;
        continue;
      }
      const scope = scopeContaining(id);
      if (id.parent?.type === 'global_statement') {
        if (scope) factsOf(scope).declaresGlobal = true;
        continue;
      }
      if (scope && bindingKind(id)) factsOf(scope).binds = true;
      hits.push({ id, scope });
    }
    return hits.filter((h) => this.meansModuleVariable(h.id, h.scope, facts)).map((h) => h.id);
  }

  private meansModuleVariable(id: SyntaxNode, scope: SyntaxNode | null, facts: Map<number, ScopeFacts>): boolean {
    if (scope?.type === 'class_definition') {
      if (bindingKind(id)) return false; // a class attribute
      scope = scopeContaining(scope);
    }
    for (let s = scope; s; s = scopeContaining(s)) {
      if (s.type === 'class_definition') continue; // methods do not see class-level names
      const f = facts.get(s.id);
      if (f?.declaresGlobal) return true;
      if (f?.binds) return false;
    }
    return true;
  }
}

/** The def or lambda whose parameter list declares this identifier, if it is a parameter name. */
function parameterOwner(id: SyntaxNode): SyntaxNode | null {
  let node = id;
  let parent = id.parent;
  while (parent && ['default_parameter', 'typed_default_parameter', 'typed_parameter', 'list_splat_pattern', 'dictionary_splat_pattern'].includes(parent.type)) {
    if ((parent.type === 'default_parameter' || parent.type === 'typed_default_parameter') && parent.childForFieldName('name')?.id !== node.id) return null;
    if (parent.type === 'typed_parameter' && parent.namedChild(0)?.id !== node.id) return null;
    node = parent;
    parent = parent.parent;
  }
  if (parent?.type !== 'parameters' && parent?.type !== 'lambda_parameters') return null;
  return parent.parent;
}
