// Fast text prefilters for checks that look for rare constructs: a plain indexOf scan finds the candidate
// positions (far cheaper than asking the tree for every node of a common type), and the check confirms each
// candidate on the tree.
import { activeTextIndex, TextIndex } from './text-index';

/** Offsets where `word` occurs as a whole word (not part of a longer identifier). */
export function wordOffsets(text: string, word: string): number[] {
  // During an analysis, the shared (and incrementally updated) index of the module's text answers.
  return [...(activeTextIndex(text) ?? new TextIndex(text)).wholeWords(word)];
}

/** Names of every `def` in the text (a superset of the module's functions and methods). */
export function definedFunctionNames(text: string): Set<string> {
  const names = new Set<string>();
  const name = /[\p{L}_][\p{L}\p{N}_]*/uy;
  for (const i of wordOffsets(text, 'def')) {
    let j = i + 3;
    while (text[j] === ' ' || text[j] === '\t') j++;
    name.lastIndex = j;
    const m = name.exec(text);
    if (m && j > i + 3) names.add(m[0]);
  }
  return names;
}
