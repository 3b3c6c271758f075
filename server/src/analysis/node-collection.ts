// Collecting every node of the types the checks asked for, in document order (what ctx.nodesOfType serves).
//
// A whole-tree walk (one descendantsOfType call, done inside the wasm) costs ~0.6 ms per 1k lines whatever the
// types: tree-sitter has no index by type, so it visits every node. That is ~4 ms on a 6k-line file, most of the
// per-keystroke budget. NodeCollectionCache makes it incremental for a document that is edited and re-parsed
// incrementally: after a re-parse, tree-sitter shares every untouched subtree between the old and the new tree, so
// the nodes collected inside such a subtree are the old ones moved by the subtree's shift (parse/node-handles.ts
// re-creates them without walking). The tree is cut into chunks: top-level statements and, for a statement spanning
// more than SPLIT_ROWS lines, its children, recursively (a 3,000-line class becomes its methods). A chunk is
// recognised by the id of its first visible child: a node's id is the address of its slot in its parent's child
// array, and tree-sitter allocates a child array in the same block as its parent (`ts_subtree_children` in
// lib/src/subtree.h), so the slot belongs to the chunk's subtree (or to a hidden node inside it; isSameSubtree checks
// the rest). The chunk's own id would not do: it is a slot of its parent, which the re-parse often re-builds. Chunks
// not found are walked again, consecutive ones with one range-limited descendantsOfType call. tree-sitter re-builds
// about half of the untouched statements of the block an edit is in (new ids, same text), so those are walked too.
//
// Ids are addresses in the wasm heap, so an equal id only proves a shared subtree while the cached one cannot have
// been freed and its address recycled, and while it cannot have been changed in place (ts_tree_edit mutates the
// edited path in place when nothing else holds it). The cache therefore keeps a copy of the tree it was built from
// (ts_tree_copy: one reference on the root, O(1)): every cached subtree stays alive and shared, so it is immutable
// (an edit clones shared subtrees instead of changing them) and no later tree can hold a different subtree at its
// address. The copy is replaced at each collect and released by dispose(). Cost: the subtrees an edit replaced
// live until the next collect.
import { handleOf, nodeAt, nodeHandlesWork, type NodeHandle } from '../parse/node-handles';
import type { SyntaxNode, Tree } from '../parse/python-parser';

/** Statements longer than this are cut into their children, so an edit re-walks a method, not its class. */
const SPLIT_ROWS = 30;

export type NodesByType = Map<string, SyntaxNode[]>;

/** One whole-tree walk inside the wasm. */
export function collectNodes(root: SyntaxNode, types: ReadonlySet<string>): NodesByType {
  const byType: NodesByType = new Map();
  for (const node of root.descendantsOfType([...types])) {
    if (node) addNode(byType, node.type, node);
  }
  return byType;
}

function addNode(byType: NodesByType, type: string, node: SyntaxNode): void {
  let list = byType.get(type);
  if (!list) byType.set(type, (list = []));
  list.push(node);
}

/** A collected node relative to the start of the chunk it was found in (so it stays valid when the chunk moves). */
interface RelativeNode {
  /** Its id and alias, reused in later trees (not the node itself: it would keep its tree and text alive). */
  readonly handle: NodeHandle;
  readonly type: string;
  readonly dIndex: number;
  readonly dRow: number;
  /** Column relative to the chunk's start column on the chunk's first row, absolute on later rows. */
  readonly column: number;
}

/** Keyed by the id of the chunk node's first visible child (see above). */
interface Chunk {
  /** The chunk node's own id when it was collected (a slot in its parent then), to recognise it among `nodes`. */
  readonly selfId: number;
  readonly type: string;
  /** Ids of its visible children (the first is the key) and their offsets from its start. */
  readonly kidIds: number[];
  readonly kidOffsets: number[];
  readonly nodes: RelativeNode[];
  /** Chunks inside this one (when it was cut), kept cached while this one is reused whole. */
  readonly inner: Array<[number, Chunk]>;
}

interface Start {
  index: number;
  row: number;
  column: number;
}

function startOf(node: SyntaxNode): Start {
  return { index: node.startIndex, row: node.startPosition.row, column: node.startPosition.column };
}

/** Per-document cache of collected nodes, keyed by chunk id. */
export class NodeCollectionCache {
  private chunks = new Map<number, Chunk>();
  private typesKey = '';
  /** A copy of the tree the chunks were collected from, holding their subtrees alive and immutable. */
  private held: Tree | undefined;

  /** Nodes collected by the last call reused from the previous tree, and re-walked (for tests and benchmarks). */
  stats = { reusedChunks: 0, walkedChunks: 0 };

  /** Same result as collectNodes(tree.rootNode, types), for any tree of the same language. */
  collect(tree: Tree, types: ReadonlySet<string>): NodesByType {
    const root = tree.rootNode;
    const typesKey = [...types].sort().join(',');
    const usable = typesKey === this.typesKey && nodeHandlesWork(root);
    const old = usable ? this.chunks : new Map<number, Chunk>();
    this.typesKey = typesKey;
    this.stats = { reusedChunks: 0, walkedChunks: 0 };
    const fresh = new Map<number, Chunk>();
    const byType: NodesByType = new Map();
    this.collectChildren(tree, root, [...types], types, old, fresh, byType);
    this.chunks = fresh;
    this.held?.delete();
    this.held = tree.copy();
    return byType;
  }

  /** Releases the held tree; the next collect walks the whole tree. */
  dispose(): void {
    this.chunks = new Map();
    this.held?.delete();
    this.held = undefined;
  }

  private collectChildren(
    tree: Tree,
    root: SyntaxNode,
    typeList: string[],
    types: ReadonlySet<string>,
    old: Map<number, Chunk>,
    fresh: Map<number, Chunk>,
    byType: NodesByType,
  ): void {
    /** What the walk needs to know about one child of a cut node, read once. */
    interface Kid {
      node: SyntaxNode;
      type: string;
      kids: SyntaxNode[];
      start: Start;
      endIndex: number;
      /** A reusable cached chunk; undefined when the kid must be walked or cut (or has no children). */
      reuse: Chunk | undefined;
      cut: boolean;
    }
    // Explicit stack of cut nodes whose children are being collected; each frame remembers where its own nodes
    // begin in `collected`, to build its chunk when its last child is done.
    interface Frame {
      node: SyntaxNode;
      isRoot: boolean;
      type: string;
      kids: SyntaxNode[];
      infos: Array<Kid | undefined>;
      start: Start;
      endRow: number;
      next: number;
      firstCollected: number;
      inner: Array<[number, Chunk]>;
    }
    const collected: Array<{ node: SyntaxNode; type: string }> = [];
    const emit = (node: SyntaxNode, type: string) => {
      collected.push({ node, type });
      addNode(byType, type, node);
    };
    const chunkOf = (node: SyntaxNode, type: string, kids: SyntaxNode[], start: Start, firstCollected: number, inner: Array<[number, Chunk]>): Chunk => ({
      selfId: node.id,
      type,
      kidIds: kids.map((k) => k.id),
      kidOffsets: kids.map((k) => k.startIndex - start.index),
      nodes: relativeNodes(collected, firstCollected, start),
      inner,
    });
    const kidAt = (frame: Frame, i: number): Kid => {
      let info = frame.infos[i];
      if (info) return info;
      const node = frame.kids[i];
      const type = node.type;
      const kids = node.children as SyntaxNode[];
      const start = startOf(node);
      if (kids.length === 0) return (frame.infos[i] = { node, type, kids, start, endIndex: start.index, reuse: undefined, cut: false });
      const cached = old.get(kids[0].id);
      const reuse = cached && isSameSubtree(cached, type, kids, start.index) ? cached : undefined;
      // Only needed for a chunk that is cut or walked (a wasm call per node: skipped for the reused ones).
      const endIndex = reuse ? start.index : node.endIndex;
      const endRow = i + 1 < frame.kids.length ? frame.kids[i + 1].startPosition.row : frame.endRow;
      info = { node, type, kids, start, endIndex, reuse, cut: !reuse && endRow - start.row > SPLIT_ROWS };
      return (frame.infos[i] = info);
    };
    const stack: Frame[] = [
      {
        node: root,
        isRoot: true,
        type: '',
        kids: root.children as SyntaxNode[],
        infos: [],
        start: startOf(root),
        endRow: root.endPosition.row,
        next: 0,
        firstCollected: 0,
        inner: [],
      },
    ];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next >= frame.kids.length) {
        stack.pop();
        if (!frame.isRoot) {
          const chunk = chunkOf(frame.node, frame.type, frame.kids, frame.start, frame.firstCollected, frame.inner);
          fresh.set(chunk.kidIds[0], chunk);
          stack[stack.length - 1].inner.push([chunk.kidIds[0], chunk]);
        }
        continue;
      }
      const i = frame.next;
      const kid = kidAt(frame, i);
      if (kid.reuse) {
        frame.next++;
        const cached = kid.reuse;
        this.stats.reusedChunks++;
        const start = kid.start;
        for (const rel of cached.nodes) {
          // The chunk's own node comes fresh from the walk: its alias depends on its parent, which may be new.
          const node =
            rel.dIndex === 0 && rel.handle.id === cached.selfId
              ? kid.node
              : nodeAt(root, rel.handle, tree, start.index + rel.dIndex, start.row + rel.dRow, rel.dRow === 0 ? start.column + rel.column : rel.column);
          emit(node, rel.type);
        }
        keep(fresh, kid.kids[0].id, cached);
        frame.inner.push([kid.kids[0].id, cached]);
        continue;
      }
      if (kid.cut) {
        frame.next++;
        const firstCollected = collected.length;
        if (types.has(kid.type)) emit(kid.node, kid.type);
        stack.push({
          node: kid.node,
          isRoot: false,
          type: kid.type,
          kids: kid.kids,
          infos: [],
          start: kid.start,
          endRow: kid.node.endPosition.row,
          next: 0,
          firstCollected,
          inner: [],
        });
        continue;
      }
      // A run of children to walk (childless ones included): one descendantsOfType call over the run, because
      // each call also pays a scan of the grammar's types in JavaScript (~10 us), more than a small walk.
      let last = i;
      while (last + 1 < frame.kids.length) {
        const next = kidAt(frame, last + 1);
        if (next.reuse || next.cut) break;
        last++;
      }
      frame.next = last + 1;
      const run: Kid[] = [];
      for (let k = i; k <= last; k++) run.push(kidAt(frame, k));
      const walked = run.filter((k) => k.kids.length > 0);
      if (walked.length === 0) {
        for (const k of run) if (types.has(k.type)) emit(k.node, k.type);
        continue;
      }
      this.stats.walkedChunks += walked.length;
      const firstCollected = collected.length;
      const found =
        run.length === 1
          ? kid.node.descendantsOfType(typeList)
          : frame.node.descendantsOfType(typeList, kid.node.startPosition, frame.kids[last].endPosition);
      for (const node of found) {
        // A range walk also yields the cut node itself when it overlaps the range (it was emitted already).
        if (!node || (run.length > 1 && (node.id === frame.node.id || node.startIndex < kid.start.index))) continue;
        emit(node, node.type);
      }
      // Hand the found nodes to the walked children's chunks, by position (they come in document order).
      let at = firstCollected;
      for (const k of walked) {
        while (at < collected.length && collected[at].node.startIndex < k.start.index) at++;
        let end = at;
        while (end < collected.length && collected[end].node.startIndex < k.endIndex) end++;
        const chunk: Chunk = {
          selfId: k.node.id,
          type: k.type,
          kidIds: k.kids.map((n) => n.id),
          kidOffsets: k.kids.map((n) => n.startIndex - k.start.index),
          nodes: relativeNodes(collected, at, k.start, end),
          inner: [],
        };
        fresh.set(chunk.kidIds[0], chunk);
        frame.inner.push([chunk.kidIds[0], chunk]);
        at = end;
      }
    }
  }
}

/**
 * Whether a node of the new tree is the cached chunk's subtree, as far as collected nodes go. Its first child's
 * slot is the cached one, which proves a shared block; but a visible child can sit inside hidden wrapper nodes
 * (supertypes such as `expression`), so the slot may belong to a shared hidden child of a re-built statement. Then
 * every visible child must still be in its cached slot (so it is the same subtree, with the same nodes inside) at
 * the same offset from the start (so nothing hidden between them changed length), and the node keeps its type.
 * Every collected node but the chunk's own lies inside a visible child, so that is all the reuse relies on.
 */
function isSameSubtree(cached: Chunk, type: string, kids: readonly SyntaxNode[], startIndex: number): boolean {
  if (cached.type !== type || cached.kidIds.length !== kids.length) return false;
  for (let i = 0; i < kids.length; i++) {
    if (kids[i].id !== cached.kidIds[i] || kids[i].startIndex - startIndex !== cached.kidOffsets[i]) return false;
  }
  return true;
}

/** Registers a reused chunk and the chunks inside it (their subtrees are shared too, so their ids stay valid). */
function keep(fresh: Map<number, Chunk>, id: number, chunk: Chunk): void {
  const stack: Array<[number, Chunk]> = [[id, chunk]];
  while (stack.length > 0) {
    const [i, c] = stack.pop()!;
    fresh.set(i, c);
    for (const entry of c.inner) stack.push(entry);
  }
}

function relativeNodes(collected: ReadonlyArray<{ node: SyntaxNode; type: string }>, from: number, start: Start, to = collected.length): RelativeNode[] {
  const nodes: RelativeNode[] = [];
  for (let i = from; i < to; i++) {
    const { node, type } = collected[i];
    const dRow = node.startPosition.row - start.row;
    nodes.push({
      handle: handleOf(node),
      type,
      dIndex: node.startIndex - start.index,
      dRow,
      column: dRow === 0 ? node.startPosition.column - start.column : node.startPosition.column,
    });
  }
  return nodes;
}
