// Fast text prefilters for checks that look for rare constructs: a plain indexOf scan finds the candidate
// positions (far cheaper than asking the tree for every node of a common type), and the check confirms each
// candidate on the tree.
import { activeTextIndex, lowerBound, TextIndex, type LineScan } from './text-index';

/** Offsets where `word` occurs as a whole word (not part of a longer identifier). */
export function wordOffsets(text: string, word: string): number[] {
  // During an analysis, the shared (and incrementally updated) index of the module's text answers.
  return [...(activeTextIndex(text) ?? new TextIndex(text)).wholeWords(word)];
}

/**
 * `text.includes(word)`, answered by the analysis's shared word index when it updates an earlier version's lists:
 * a search of the whole text for a word it does not contain costs ~50 us on a 6k-line module, per word and
 * keystroke. Without an earlier version (the CLI), `includes` is cheaper than building the list.
 */
export function mentions(text: string, word: string): boolean {
  const index = activeTextIndex(text);
  return index?.updatesPrevious ? index.occurrences(word).length > 0 : text.includes(word);
}

interface DefinedName {
  at: number;
  name: string;
}

const DEF_NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;

/** `def name`: the whole word `def`, blanks, a name, all on one line. */
export const DEFINED_NAMES: LineScan<DefinedName> = {
  at: (d) => d.at,
  moved: (d, delta) => ({ at: d.at + delta, name: d.name }),
  scan(text, from, to, out) {
    const index = activeTextIndex(text) ?? new TextIndex(text);
    const offsets = index.wholeWords('def');
    for (let k = lowerBound(offsets, from); k < offsets.length && offsets[k] < to; k++) {
      const i = offsets[k];
      let j = i + 3;
      while (text[j] === ' ' || text[j] === '\t') j++;
      DEF_NAME.lastIndex = j;
      const m = DEF_NAME.exec(text);
      if (m && j > i + 3) out.push({ at: i, name: m[0] });
    }
  },
};

/** Names of every `def` in the text (a superset of the module's functions and methods). */
export function definedFunctionNames(text: string): Set<string> {
  const index = activeTextIndex(text);
  let defined: readonly DefinedName[];
  if (index) defined = index.lineRecords(DEFINED_NAMES);
  else {
    const scanned: DefinedName[] = [];
    DEFINED_NAMES.scan(text, 0, text.length, scanned);
    defined = scanned;
  }
  const names = new Set<string>();
  for (const d of defined) names.add(d.name);
  return names;
}
