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
import { aliasOf, nodeAt, nodeHandlesWork } from '../parse/node-handles';
import type { SyntaxNode, Tree } from '../parse/python-parser';

/** Statements longer than this are cut into their children, so an edit re-walks a method, not its class. */
const SPLIT_ROWS = 30;

export type NodesByType = Map<string, SyntaxNode[]>;

/** One whole-tree walk inside the wasm. */
export function collectNodes(root: SyntaxNode, types: ReadonlySet<string>): NodesByType {
  const byType: NodesByType = new Map();
  for (const node of root.descendantsOfType(typeNameList(types))) {
    if (node) addNode(byType, node.type, node);
  }
  return byType;
}

/**
 * The types as descendantsOfType takes them, with a Set behind `includes`: web-tree-sitter turns the names into
 * symbols by asking `types.includes(name)` for each of the grammar's 274 names on every call, which took a call on a
 * small subtree from ~8 to ~4 us (an edit makes ~20 calls). Still a plain array with the same elements, so a
 * web-tree-sitter that reads it differently gets the same answer.
 */
function typeNameList(types: ReadonlySet<string>): string[] {
  const list = [...types];
  Object.defineProperty(list, 'includes', { value: (name: string) => types.has(name) });
  return list;
}

function addNode(byType: NodesByType, type: string, node: SyntaxNode): void {
  let list = byType.get(type);
  if (!list) byType.set(type, (list = []));
  list.push(node);
}

/**
 * The nodes collected in a chunk, NODE_FIELDS numbers each, relative to the chunk's start so they stay valid when the
 * chunk moves: the node's id and alias (to re-create it in a later tree without holding the node, which would keep
 * its tree alive), its type (an index into the cache's type list), its start index and row offsets from the chunk's
 * start, and its column (relative to the chunk's start column on the chunk's first row, absolute on later rows).
 * Int32Array, since web-tree-sitter reads ids as signed 32-bit numbers. One typed array per chunk (its data outside
 * the JavaScript heap) in place of two objects per node, ~160 KB a keystroke on a 6k-line file that outlived the
 * keystroke, so the young-generation collector had to copy it.
 */
type RelativeNodes = Int32Array;
const NODE_FIELDS = 6;
const [F_ID, F_ALIAS, F_TYPE, F_INDEX, F_ROW, F_COLUMN] = [0, 1, 2, 3, 4, 5];
const NO_NODES: RelativeNodes = new Int32Array(0);

/** Keyed by the id of the chunk node's first visible child (see above). */
interface Chunk {
  /** The chunk node's own id when it was collected (a slot in its parent then), to recognise it among `nodes`. */
  readonly selfId: number;
  readonly type: string;
  /** Ids of its visible children (the first is the key) and their offsets from its start. */
  readonly kidIds: number[];
  readonly kidOffsets: number[];
  readonly nodes: RelativeNodes;
  /** Chunks inside this one (when it was cut), kept cached while this one is reused whole. */
  readonly inner: Chunk[];
  /** The last collect that found this chunk in its tree (ChunkTable). */
  generation: number;
}

/**
 * The chunks by key. Only a chunk of the previous collect's tree (created or reused by it, so held alive and
 * immutable by the tree copy the cache keeps) may be reused; older entries stay in the map until a clean-up but
 * are never returned. A reused chunk and every chunk inside it are marked with the new collect's generation
 * instead of being registered in a new map: re-registering every kept chunk in a fresh Map was ~0.05 ms of a
 * keystroke on a 6k-line file. A key always maps to the latest chunk with that key, and a chunk of the current
 * tree cannot have been displaced: another chunk under its key means that slot was visited and rebuilt.
 */
class ChunkTable {
  private readonly byKey = new Map<number, Chunk>();
  private generation = 0;
  private live = 0;

  /** Starts a collect: what the previous one found becomes reusable, everything older does not. */
  nextCollect(): void {
    this.generation++;
    this.live = 0;
  }

  /** A chunk the previous collect found under this key. */
  reusable(key: number): Chunk | undefined {
    const chunk = this.byKey.get(key);
    return chunk !== undefined && chunk.generation === this.generation - 1 ? chunk : undefined;
  }

  add(chunk: Chunk): void {
    chunk.generation = this.generation;
    this.byKey.set(chunk.kidIds[0], chunk);
    this.live++;
  }

  /** A reused chunk and the chunks inside it (their subtrees are shared too, so their ids stay valid). */
  keep(chunk: Chunk): void {
    const stack: Chunk[] = [chunk];
    while (stack.length > 0) {
      const c = stack.pop()!;
      c.generation = this.generation;
      this.live++;
      for (const inner of c.inner) stack.push(inner);
    }
  }

  /** Drops the entries no collect can reuse any more, once they outnumber the live ones. */
  prune(): void {
    if (this.byKey.size < 2 * this.live + 256) return;
    for (const [key, chunk] of this.byKey) if (chunk.generation !== this.generation) this.byKey.delete(key);
  }

  clear(): void {
    this.byKey.clear();
    this.generation += 2;
  }
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
  private readonly chunks = new ChunkTable();
  private typesKey = '';
  /** The types of collected nodes (the wanted ones, sorted, first): a chunk's nodes name theirs by index here. */
  private typeNames: string[] = [];
  private typeIndex = new Map<string, number>();
  /** A copy of the tree the chunks were collected from, holding their subtrees alive and immutable. */
  private held: Tree | undefined;

  /** Nodes collected by the last call reused from the previous tree, and re-walked (for tests and benchmarks). */
  stats = { reusedChunks: 0, walkedChunks: 0 };

  /**
   * Same result as collectNodes(tree.rootNode, types), for any tree of the same language. `root`: the caller's
   * tree.rootNode object, so the children read here stay cached on it (web-tree-sitter keeps them on the node).
   */
  collect(tree: Tree, types: ReadonlySet<string>, root: SyntaxNode = tree.rootNode): NodesByType {
    const typeNames = [...types].sort();
    const typesKey = typeNames.join(',');
    const usable = typesKey === this.typesKey && nodeHandlesWork(root);
    if (!usable) this.chunks.clear();
    this.chunks.nextCollect();
    if (typesKey !== this.typesKey) {
      this.typesKey = typesKey;
      this.typeNames = typeNames;
      this.typeIndex = new Map(typeNames.map((t, i) => [t, i]));
    }
    this.stats = { reusedChunks: 0, walkedChunks: 0 };
    const byType: NodesByType = new Map();
    try {
      this.collectChildren(tree, root, typeNameList(types), types, this.chunks, byType);
    } catch (error) {
      // Chunks of this tree may be registered, but the tree is not held: none may be reused.
      this.chunks.clear();
      throw error;
    }
    this.chunks.prune();
    this.held?.delete();
    this.held = tree.copy();
    return byType;
  }

  /** Releases the held tree; the next collect walks the whole tree. */
  dispose(): void {
    this.chunks.clear();
    this.held?.delete();
    this.held = undefined;
  }

  private collectChildren(
    tree: Tree,
    root: SyntaxNode,
    typeList: string[],
    types: ReadonlySet<string>,
    chunks: ChunkTable,
    byType: NodesByType,
  ): void {
    const typeNames = this.typeNames;
    const typeIndex = this.typeIndex;
    const typeNumber = (type: string) => {
      let n = typeIndex.get(type);
      // Only wanted types are collected; any other name (an alias?) is still kept exactly.
      if (n === undefined) typeIndex.set(type, (n = typeNames.push(type) - 1));
      return n;
    };
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
      inner: Chunk[];
    }
    // The nodes emitted so far and their types (two arrays rather than an object per node: less to allocate).
    const collected: SyntaxNode[] = [];
    const collectedTypes: string[] = [];
    const emit = (node: SyntaxNode, type: string) => {
      collected.push(node);
      collectedTypes.push(type);
      addNode(byType, type, node);
    };
    const chunkOf = (node: SyntaxNode, type: string, kids: SyntaxNode[], start: Start, firstCollected: number, inner: Chunk[]): Chunk => ({
      selfId: node.id,
      type,
      kidIds: kids.map((k) => k.id),
      kidOffsets: kids.map((k) => k.startIndex - start.index),
      nodes: relativeNodes(collected, collectedTypes, firstCollected, start, collected.length, typeNumber),
      inner,
      generation: 0,
    });
    const kidAt = (frame: Frame, i: number): Kid => {
      let info = frame.infos[i];
      if (info) return info;
      const node = frame.kids[i];
      const type = node.type;
      const kids = node.children as SyntaxNode[];
      const start = startOf(node);
      if (kids.length === 0) return (frame.infos[i] = { node, type, kids, start, endIndex: start.index, reuse: undefined, cut: false });
      const cached = chunks.reusable(kids[0].id);
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
          chunks.add(chunk);
          stack[stack.length - 1].inner.push(chunk);
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
        const rel = cached.nodes;
        for (let at = 0; at < rel.length; at += NODE_FIELDS) {
          const id = rel[at + F_ID];
          const dIndex = rel[at + F_INDEX];
          const dRow = rel[at + F_ROW];
          // The chunk's own node comes fresh from the walk: its alias depends on its parent, which may be new.
          const node =
            dIndex === 0 && id === cached.selfId
              ? kid.node
              : nodeAt(root, id, rel[at + F_ALIAS], tree, start.index + dIndex, start.row + dRow, dRow === 0 ? start.column + rel[at + F_COLUMN] : rel[at + F_COLUMN]);
          emit(node, typeNames[rel[at + F_TYPE]]);
        }
        chunks.keep(cached);
        frame.inner.push(cached);
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
        while (at < collected.length && collected[at].startIndex < k.start.index) at++;
        let end = at;
        while (end < collected.length && collected[end].startIndex < k.endIndex) end++;
        const chunk: Chunk = {
          selfId: k.node.id,
          type: k.type,
          kidIds: k.kids.map((n) => n.id),
          kidOffsets: k.kids.map((n) => n.startIndex - k.start.index),
          nodes: relativeNodes(collected, collectedTypes, at, k.start, end, typeNumber),
          inner: [],
          generation: 0,
        };
        chunks.add(chunk);
        frame.inner.push(chunk);
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

function relativeNodes(
  collected: readonly SyntaxNode[],
  types: readonly string[],
  from: number,
  start: Start,
  to: number,
  typeNumber: (type: string) => number,
): RelativeNodes {
  if (to <= from) return NO_NODES;
  const nodes = new Int32Array((to - from) * NODE_FIELDS);
  for (let i = from, at = 0; i < to; i++, at += NODE_FIELDS) {
    const node = collected[i];
    const position = node.startPosition;
    const dRow = position.row - start.row;
    nodes[at + F_ID] = node.id;
    nodes[at + F_ALIAS] = aliasOf(node);
    nodes[at + F_TYPE] = typeNumber(types[i]);
    nodes[at + F_INDEX] = node.startIndex - start.index;
    nodes[at + F_ROW] = dRow;
    nodes[at + F_COLUMN] = dRow === 0 ? position.column - start.column : position.column;
  }
  return nodes;
}
