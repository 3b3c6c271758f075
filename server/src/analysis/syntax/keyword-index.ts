// Where a word occurs in a module's text, found once per module, so a check can ask "does `await` occur inside
// this node?" in O(log n) instead of walking the node's subtree (nested comprehensions would make that quadratic).
// WordOccurrences answers the same for substrings; this is for keywords, which must stand between word boundaries.
import { activeTextIndex, lowerBound } from './text-index';

export class KeywordIndex {
  private constructor(private readonly positions: readonly number[]) {}

  /**
   * Where one of `words` stands between ASCII word boundaries: the matches of `/\b(?:w1|w2)\b/g`, for words that
   * cannot overlap themselves or each other (plain identifiers). Read from the analysis's text index when it updates
   * its word lists around an edit: the regex scan of the whole text was ~0.15 ms of a keystroke on a 6k-line file.
   */
  static ofWords(text: string, words: readonly string[]): KeywordIndex {
    const index = activeTextIndex(text);
    const positions: number[] = [];
    if (!index?.updatesPrevious) {
      // No list to update (the CLI): one regex pass is cheaper than building a list per word.
      for (const match of text.matchAll(new RegExp(`\\b(?:${words.join('|')})\\b`, 'g'))) positions.push(match.index ?? 0);
      return new KeywordIndex(positions);
    }
    for (const word of words) {
      for (const at of index.occurrences(word)) {
        if (!isAsciiWordCode(text.charCodeAt(at - 1)) && !isAsciiWordCode(text.charCodeAt(at + word.length))) positions.push(at);
      }
    }
    positions.sort((a, b) => a - b);
    return new KeywordIndex(positions);
  }

  /** True when a match starts in [start, end). Text matches include comments and strings: a "maybe", not a "yes". */
  within(start: number, end: number): boolean {
    const first = lowerBound(this.positions, start);
    return first < this.positions.length && this.positions[first] < end;
  }
}

/** What a regex `\b` counts as a word character: [A-Za-z0-9_]. */
function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}
