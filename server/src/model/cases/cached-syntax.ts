// A read-only view of a tree-sitter tree that caches what the case evaluator reads (type, text, named children,
// fields): tree-sitter's web binding crosses into wasm on every access, and the ground-truth test evaluates every
// case once per CPython version, so each source is parsed once and its view shared.
import { parsePython, type SyntaxNode } from '../../parse/python-parser';

export class CachedNode {
  readonly type: string;
  private textCache?: string;
  private kids?: CachedNode[];
  private allKids?: CachedNode[];
  private readonly fields = new Map<string, CachedNode | null>();

  constructor(private readonly node: SyntaxNode) {
    this.type = node.type;
  }

  get text(): string {
    return (this.textCache ??= this.node.text);
  }

  /** All children, anonymous tokens (operators, punctuation) included. */
  get children(): CachedNode[] {
    return (this.allKids ??= this.node.children.filter((c): c is SyntaxNode => c !== null).map((c) => this.namedChildren.find((k) => k.node.id === c.id) ?? new CachedNode(c)));
  }

  get namedChildren(): CachedNode[] {
    return (this.kids ??= this.node.namedChildren.filter((c): c is SyntaxNode => c !== null).map((c) => new CachedNode(c)));
  }

  childForFieldName(name: string): CachedNode | null {
    if (!this.fields.has(name)) {
      const child = this.node.childForFieldName(name);
      // Reuse the cached child object so its own caches are shared.
      const cached = child ? (this.namedChildren.find((k) => k.node.id === child.id) ?? new CachedNode(child)) : null;
      this.fields.set(name, cached);
    }
    return this.fields.get(name)!;
  }
}

const cache = new Map<string, CachedNode>();

/** The cached view of `source`'s module node. */
export function parseCached(source: string): CachedNode {
  let root = cache.get(source);
  if (!root) {
    if (cache.size > 20000) cache.clear();
    root = new CachedNode(parsePython(source).rootNode);
    cache.set(source, root);
  }
  return root;
}
