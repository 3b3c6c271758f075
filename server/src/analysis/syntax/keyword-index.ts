// Where a word occurs in a module's text, found once per module, so a check can ask "does `await` occur inside
// this node?" in O(log n) instead of walking the node's subtree (nested comprehensions would make that quadratic).
// For a plain word, WordOccurrences answers the same from the analysis's shared text index; this is for patterns.
import { lowerBound } from './text-index';

export class KeywordIndex {
  private readonly positions: number[] = [];

  /** `pattern` must have the global flag. */
  constructor(text: string, pattern: RegExp) {
    for (const match of text.matchAll(pattern)) if (match.index !== undefined) this.positions.push(match.index);
  }

  /** True when a match starts in [start, end). Text matches include comments and strings: a "maybe", not a "yes". */
  within(start: number, end: number): boolean {
    const first = lowerBound(this.positions, start);
    return first < this.positions.length && this.positions[first] < end;
  }
}
