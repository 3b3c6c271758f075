// Where words occur in a module's text, found once per word, so "does this class mention `__slots__`?" is a
// binary search instead of a scan of the class's text (a module has many classes, nested in each other).
import { activeTextIndex } from './text-index';
export class WordOccurrences {
  private readonly positions = new Map<string, number[]>();

  constructor(private readonly text: string) {}

  /** True when `word` occurs (as a substring) starting in [start, end). */
  within(word: string, start: number, end: number): boolean {
    const list = this.of(word);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo] < end;
  }

  private of(word: string): readonly number[] {
    const shared = activeTextIndex(this.text);
    if (shared) return shared.occurrences(word);
    let list = this.positions.get(word);
    if (!list) {
      list = [];
      for (let i = this.text.indexOf(word); i >= 0; i = this.text.indexOf(word, i + word.length)) list.push(i);
      this.positions.set(word, list);
    }
    return list;
  }
}
