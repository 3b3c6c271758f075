// Cached reads of the syntax tree for one simulation. web-tree-sitter crosses into wasm and makes new node objects
// on every `namedChildren` / `childForFieldName` / `text`; a loop body run ten thousand times would pay that each
// time. Keyed by node id, which is unique within one tree (the cache lives as long as one run over one tree).
import type { SyntaxNode } from '../../parse/python-parser';
import { rangeOf, type SourceRange } from '../../parse/source-range';

/**
 * Reads the node's type once and keeps it on the node object itself: `type` is a getter that calls into the wasm
 * every time, and the interpreter asks a loop body's nodes for it on every iteration. The cached node objects live
 * only as long as this run's cache.
 */
function withFixedType(n: SyntaxNode): SyntaxNode {
  Object.defineProperty(n, 'type', { value: n.type, configurable: true });
  return n;
}

export class SyntaxCache {
  private readonly kidsById = new Map<number, SyntaxNode[]>();
  /** Per node, its fields read so far (null: no such child). A plain object rather than a Map per node: one hash
   *  lookup less on every read, and fewer objects kept for the run. (No Python grammar field is named like an
   *  Object.prototype member.) */
  private readonly fieldsById = new Map<number, Record<string, SyntaxNode | null>>();
  private readonly textById = new Map<number, string>();
  private readonly rangeById = new Map<number, SourceRange>();

  /** Named children without comments. */
  kids(n: SyntaxNode): SyntaxNode[] {
    let k = this.kidsById.get(n.id);
    if (!k) {
      // The node keeps its own array of named children: when it holds no comment (nearly always), that array is
      // the answer, instead of two more copies per node kept for the run. Callers only read it.
      const all = n.namedChildren;
      let plain = true;
      for (const c of all) {
        if (c === null || withFixedType(c).type === 'comment') plain = false;
      }
      k = plain ? (all as SyntaxNode[]) : all.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
      this.kidsById.set(n.id, k);
    }
    return k;
  }

  field(n: SyntaxNode, name: string): SyntaxNode | null {
    let m = this.fieldsById.get(n.id);
    if (!m) this.fieldsById.set(n.id, (m = {}));
    let child = m[name];
    if (child === undefined) {
      const found = n.childForFieldName(name);
      m[name] = child = found && withFixedType(found);
    }
    return child;
  }

  text(n: SyntaxNode): string {
    let t = this.textById.get(n.id);
    if (t === undefined) this.textById.set(n.id, (t = n.text));
    return t;
  }

  /** The node's source range: an object made in a loop body is recorded at the same range on every iteration. */
  range(n: SyntaxNode): SourceRange {
    let r = this.rangeById.get(n.id);
    if (!r) this.rangeById.set(n.id, (r = rangeOf(n)));
    return r;
  }
}
