// Where words occur in a module's text, found once per word, so "does this class mention `__slots__`?" is a
// binary search instead of a scan of the class's text (a module has many classes, nested in each other).
import { activeTextIndex, lowerBound, TextIndex } from './text-index';

export class WordOccurrences {
  /** Used outside an analysis, when no shared index is active for the text. */
  private own: TextIndex | undefined;

  constructor(private readonly text: string) {}

  /** True when `word` occurs (as a substring) starting in [start, end). */
  within(word: string, start: number, end: number): boolean {
    const list = this.of(word);
    const first = lowerBound(list, start);
    return first < list.length && list[first] < end;
  }

  private of(word: string): readonly number[] {
    const index = activeTextIndex(this.text) ?? (this.own ??= new TextIndex(this.text));
    return index.occurrences(word);
  }
}
