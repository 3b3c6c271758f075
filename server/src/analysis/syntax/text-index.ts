// Where words occur in a module's text, shared by every check of one analysis and carried over from the previous
// analysis of the same document. A check that looks for a word (`except`, `class`, `__slots__`) scans the whole
// text with indexOf, ~50 us per word on a 6k-line module, and a dozen such scans were ~20% of re-analysing it after a
// keystroke. After an edit only the changed window is rescanned; occurrences before it are kept and those after it
// are shifted.
//
// The lists have the semantics of the scans they replace: `occurrences` is the indexOf loop that restarts after each
// hit (`indexOf(word, at + word.length)`), `wholeWords` keeps those not inside a longer identifier (wordOffsets in
// text-search.ts).

import { isIdentifierCode } from './identifier-chars';

/** Block size for finding the common prefix and suffix of two texts with native string comparison. */
const BLOCK = 2048;

interface ChangeWindow {
  /** Length of the common prefix. */
  prefix: number;
  /** Where the common suffix starts in the new text and in the previous text. */
  suffixStart: number;
  previousSuffixStart: number;
}

/**
 * A text scan whose every record is decided by the line it is anchored on: the characters of that line and the line
 * breaks around it (lines end at `\n`). Such a scan is redone after an edit only over the changed lines
 * (TextIndex.lineRecords).
 */
export interface LineScan<T> {
  /** Appends to `out` the records anchored at offsets in [from, to) (`from` is a line start). */
  scan(text: string, from: number, to: number, out: T[]): void;
  /** The offset a record is anchored at. */
  at(record: T): number;
  /** The same record `delta` characters further on (for records after the change). */
  moved(record: T, delta: number): T;
}

export class TextIndex {
  private readonly lists = new Map<string, number[]>();
  private readonly whole = new Map<string, number[]>();
  private readonly records = new Map<LineScan<unknown>, unknown[]>();
  private previous: TextIndex | undefined;
  private window: ChangeWindow | undefined;

  /** `previous`: the index of an earlier version of the same document, to update instead of rescanning. */
  constructor(
    readonly text: string,
    previous?: TextIndex,
  ) {
    this.previous = previous && (previous.lists.size > 0 || previous.records.size > 0) ? previous : undefined;
    // Only one version back is ever kept, so an index that is never detached cannot hold a chain of old texts.
    previous?.detachPrevious();
  }

  /**
   * Whether this index updates an earlier version's lists (an open document being edited). Without one (the CLI,
   * a document's first analysis), a list costs a scan of the whole text, and a one-off question is cheaper asked
   * of the text directly (`includes`, a regex) than by building the list; with one, the list is updated around
   * the change and carried to the next version.
   */
  get updatesPrevious(): boolean {
    return this.previous !== undefined;
  }

  /** Stops reusing the previous version (it is released; lists not asked for yet are scanned in full). */
  detachPrevious(): void {
    this.previous = undefined;
  }

  /** Offsets of `word`, left to right, each search restarting after the previous hit. */
  occurrences(word: string): readonly number[] {
    let list = this.lists.get(word);
    if (!list) this.lists.set(word, (list = this.scan(word)));
    return list;
  }

  /** Offsets where `word` occurs as a whole word (not part of a longer identifier). */
  wholeWords(word: string): readonly number[] {
    let list = this.whole.get(word);
    if (!list) {
      const text = this.text;
      list = this.occurrences(word).filter(
        (i) => !((i > 0 && isIdentifierCode(text.charCodeAt(i - 1))) || isIdentifierCode(text.charCodeAt(i + word.length))),
      );
      this.whole.set(word, list);
    }
    return list;
  }

  /**
   * Every record of a line-local scan, in the order the scan gives them (`scan` itself is the key, so pass the same
   * object each time). With a previous version of the text, only the lines around the change are scanned again:
   * from the line before the first changed character to the line after the last one, so every record outside that
   * span sees the same line and line breaks around it as before and is kept (moved by the change's length after it).
   */
  lineRecords<T>(scan: LineScan<T>): readonly T[] {
    let list = this.records.get(scan as LineScan<unknown>) as T[] | undefined;
    if (!list) this.records.set(scan as LineScan<unknown>, (list = this.scanLines(scan)));
    return list;
  }

  private scanLines<T>(scan: LineScan<T>): T[] {
    const text = this.text;
    const out: T[] = [];
    const old = this.previous?.records.get(scan as LineScan<unknown>) as T[] | undefined;
    if (!old || !this.previous) {
      scan.scan(text, 0, text.length, out);
      return out;
    }
    const w = (this.window ??= changeWindow(this.previous.text, text));
    // The common prefix ends on line a and the common suffix starts on line b (of the new text): rescan lines
    // a-1 .. b+1. Both ends lie in the common text, `to` at the same place relative to the suffix in both versions.
    const from = lineStartAt(text, Math.max(0, lineStartAt(text, w.prefix) - 1));
    const to = lineEndAt(text, lineEndAt(text, w.suffixStart) + 1) + 1;
    const delta = w.suffixStart - w.previousSuffixStart;
    const previousTo = Math.min(to, text.length + 1) - delta;
    for (const record of old) if (scan.at(record) < from) out.push(record);
    scan.scan(text, from, Math.min(to, text.length), out);
    for (const record of old) if (scan.at(record) >= previousTo) out.push(scan.moved(record, delta));
    return out;
  }

  private scan(word: string): number[] {
    const text = this.text;
    const out: number[] = [];
    if (word.length === 0) return out;
    const old = this.previous?.lists.get(word);
    if (!old || !this.previous) {
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) out.push(i);
      return out;
    }
    const w = (this.window ??= changeWindow(this.previous.text, text));
    // Hits that end inside the common prefix were found by the same searches in both texts.
    let k = 0;
    while (k < old.length && old[k] + word.length <= w.prefix) out.push(old[k++]);
    // Then search the new text; once the search reaches the common suffix it is where the previous search was
    // (moved by delta) unless a previous hit straddles that point, and from there the previous list carries over.
    const delta = w.suffixStart - w.previousSuffixStart;
    // No hit lies wholly in the prefix after the kept ones (the previous search would have listed it).
    let from = Math.max(out.length > 0 ? out[out.length - 1] + word.length : 0, w.prefix - word.length + 1);
    for (;;) {
      if (from < w.suffixStart) {
        // Hits starting before the suffix: a bounded search (an unbounded one would run to the end for a rare word).
        const r = text.slice(from, w.suffixStart + word.length - 1).indexOf(word);
        if (r >= 0) {
          out.push(from + r);
          from += r + word.length;
          continue;
        }
        from = w.suffixStart;
      }
      const at = lowerBound(old, from - delta);
      if (at === 0 || old[at - 1] + word.length <= from - delta) {
        for (let k2 = at; k2 < old.length; k2++) out.push(old[k2] + delta);
        return out;
      }
      const i = text.indexOf(word, from);
      if (i < 0) return out;
      out.push(i);
      from = i + word.length;
    }
  }
}

/** The common prefix and suffix of two texts (the suffix does not overlap the prefix in either). */
export function changeWindow(before: string, after: string): ChangeWindow {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix + BLOCK <= max && before.slice(prefix, prefix + BLOCK) === after.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = max - prefix;
  while (
    suffix + BLOCK <= maxSuffix &&
    before.slice(before.length - suffix - BLOCK, before.length - suffix) === after.slice(after.length - suffix - BLOCK, after.length - suffix)
  ) {
    suffix += BLOCK;
  }
  while (suffix < maxSuffix && before.charCodeAt(before.length - suffix - 1) === after.charCodeAt(after.length - suffix - 1)) suffix++;
  return { prefix, suffixStart: after.length - suffix, previousSuffixStart: before.length - suffix };
}

/** Where the line holding `offset` starts (the character after the `\n` before it). */
function lineStartAt(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** The `\n` that ends the line holding `offset` (a `\n` at `offset` itself ends it), or text.length. */
function lineEndAt(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

/** Index of the first element >= value in an ascending list. */
export function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let active: TextIndex | undefined;

/**
 * Makes `index` the one wordOffsets and WordOccurrences consult for its text while `run` runs (analysis is
 * synchronous, so checks written against the plain text helpers share it without threading it through).
 */
export function withTextIndex<T>(index: TextIndex, run: () => T): T {
  const outer = active;
  active = index;
  try {
    return run();
  } finally {
    active = outer;
  }
}

/** The active index when it is for this very text. */
export function activeTextIndex(text: string): TextIndex | undefined {
  return active !== undefined && active.text === text ? active : undefined;
}
