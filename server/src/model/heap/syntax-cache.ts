// Cached reads of the syntax tree for one simulation. web-tree-sitter crosses into wasm and makes new node objects
// on every `namedChildren` / `childForFieldName` / `text`; a loop body run ten thousand times would pay that each
// time. Keyed by node id, which is unique within one tree (the cache lives as long as one run over one tree).
import type { SyntaxNode } from '../../parse/python-parser';

export class SyntaxCache {
  private readonly kidsById = new Map<number, SyntaxNode[]>();
  private readonly fieldsById = new Map<number, Map<string, SyntaxNode | null>>();
  private readonly textById = new Map<number, string>();

  /** Named children without comments. */
  kids(n: SyntaxNode): SyntaxNode[] {
    let k = this.kidsById.get(n.id);
    if (!k) {
      k = n.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
      this.kidsById.set(n.id, k);
    }
    return k;
  }

  field(n: SyntaxNode, name: string): SyntaxNode | null {
    let m = this.fieldsById.get(n.id);
    if (!m) this.fieldsById.set(n.id, (m = new Map()));
    if (!m.has(name)) m.set(name, n.childForFieldName(name));
    return m.get(name)!;
  }

  text(n: SyntaxNode): string {
    let t = this.textById.get(n.id);
    if (t === undefined) this.textById.set(n.id, (t = n.text));
    return t;
  }
}
