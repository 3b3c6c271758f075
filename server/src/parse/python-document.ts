// One open Python document: its text and its syntax tree, kept in step by incremental edits. Edits re-use the old
// tree (tree-sitter re-parses only what changed), which is what keeps re-analysis after a keystroke cheap.
import { parsePython, pythonParser, type Tree } from './python-parser';
import type { SourcePosition, SourceRange } from './source-range';

export interface TextChange {
  /** Absent for a whole-document replacement. */
  range?: SourceRange;
  text: string;
}

export class PythonDocument {
  private lineStarts: number[] = [];
  private _tree: Tree;
  private readonly disposeHooks: Array<() => void> = [];

  constructor(
    private _text: string,
    public version = 0,
  ) {
    this.lineStarts = computeLineStarts(_text);
    this._tree = parsePython(_text);
  }

  get text(): string {
    return this._text;
  }

  get tree(): Tree {
    return this._tree;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset (UTF-16 units) of a position, clamped into the document: out-of-range positions never throw. */
  offsetAt(position: SourcePosition): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this._text.length;
    const lineStart = this.lineStarts[position.line];
    const nextLineStart = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this._text.length;
    return Math.min(Math.max(lineStart + Math.max(position.column, 0), lineStart), nextLineStart);
  }

  positionAt(offset: number): SourcePosition {
    offset = Math.min(Math.max(offset, 0), this._text.length);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: offset - this.lineStarts[low] };
  }

  /** Applies changes in order and re-parses once, incrementally. */
  update(changes: readonly TextChange[], version: number): void {
    let fullReplace = false;
    for (const change of changes) {
      if (!change.range) {
        this._text = change.text;
        this.lineStarts = computeLineStarts(this._text);
        fullReplace = true;
        continue;
      }
      const startIndex = this.offsetAt(change.range.start);
      const oldEndIndex = Math.max(startIndex, this.offsetAt(change.range.end));
      const startPosition = this.positionAt(startIndex);
      const oldEndPosition = this.positionAt(oldEndIndex);
      this._text = this._text.slice(0, startIndex) + change.text + this._text.slice(oldEndIndex);
      // Only the lines around the change are rescanned (a full rescan was ~5% of a keystroke on a 6k-line file).
      this.lineStarts = updateLineStarts(this.lineStarts, this._text, startIndex, oldEndIndex, change.text.length);
      const newEndIndex = startIndex + change.text.length;
      const newEndPosition = this.positionAt(newEndIndex);
      if (!fullReplace) {
        this._tree.edit({
          startIndex,
          oldEndIndex,
          newEndIndex,
          startPosition: { row: startPosition.line, column: startPosition.column },
          oldEndPosition: { row: oldEndPosition.line, column: oldEndPosition.column },
          newEndPosition: { row: newEndPosition.line, column: newEndPosition.column },
        });
      }
    }
    const old = this._tree;
    this._tree = fullReplace ? parsePython(this._text) : reparse(this._text, old);
    old.delete();
    this.version = version;
  }

  /** Runs `hook` on dispose(): for state kept beside the document in the wasm heap (analyzeDocument's node cache). */
  onDispose(hook: () => void): void {
    this.disposeHooks.push(hook);
  }

  dispose(): void {
    for (const hook of this.disposeHooks.splice(0)) hook();
    this._tree.delete();
  }
}

/**
 * Characters handed to tree-sitter per read during an incremental re-parse. The binding copies each piece into the
 * wasm heap one character at a time (up to 5,120), and a re-parse reads at a dozen places but uses only a few
 * tokens at most of them: 256-character pieces took a re-parse of _pydecimal.py after a one-character edit from
 * ~0.60 to ~0.50 ms (45 reads instead of 12).
 */
const REPARSE_READ = 256;

function reparse(text: string, edited: Tree): Tree {
  const tree = pythonParser().parse((index) => text.slice(index, index + REPARSE_READ), edited);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

function computeLineStarts(text: string): number[] {
  return scanLineStarts(text, 0, text.length, [0]);
}

/** Pushes onto `starts` every line start in (from, to] of `text`: after `\n`, `\r\n` or a lone `\r`. */
function scanLineStarts(text: string, from: number, to: number, starts: number[]): number[] {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Line starts after replacing [startIndex, oldEndIndex) of the old text by `insertedLength` characters (`text` is
 * the new text). Rescans from the line start before the change (a `\r` just before it may pair with an inserted
 * `\n`) to the first line start more than one character after it (a `\r\n` may have been split or joined at its
 * end); the starts after that are unchanged, only moved.
 */
export function updateLineStarts(starts: readonly number[], text: string, startIndex: number, oldEndIndex: number, insertedLength: number): number[] {
  const delta = insertedLength - (oldEndIndex - startIndex);
  // lo: the last line start <= startIndex - 1 (or line 0).
  let lo = 0;
  let high = starts.length - 1;
  while (lo < high) {
    const mid = (lo + high + 1) >> 1;
    if (starts[mid] <= startIndex - 1) lo = mid;
    else high = mid - 1;
  }
  // hi: the first line start > oldEndIndex + 1, or starts.length when there is none.
  let hi = lo + 1;
  while (hi < starts.length && starts[hi] <= oldEndIndex + 1) hi++;
  // The rescan ends by pushing starts[hi] moved (its newline is unchanged text), so the copy resumes after it.
  const scanEnd = hi < starts.length ? starts[hi] + delta : text.length;
  const rescanned = scanLineStarts(text, starts[lo], scanEnd, []);
  // One allocation of the final size: growing the array by push allocated ~100 KB more per keystroke on a 6k-line
  // file (what an edit allocates decides how often the young generation is collected, a pause of ~0.5-1.5 ms).
  const tail = hi + 1 < starts.length ? starts.length - hi - 1 : 0;
  const result = new Array<number>(lo + 1 + rescanned.length + tail);
  for (let i = 0; i <= lo; i++) result[i] = starts[i];
  for (let i = 0; i < rescanned.length; i++) result[lo + 1 + i] = rescanned[i];
  for (let i = 0; i < tail; i++) result[lo + 1 + rescanned.length + i] = starts[hi + 1 + i] + delta;
  return result;
}
