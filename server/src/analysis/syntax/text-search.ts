// Fast text prefilters for checks that look for rare constructs: a plain indexOf scan finds the candidate
// positions (far cheaper than asking the tree for every node of a common type), and the check confirms each
// candidate on the tree.
import { activeTextIndex } from './text-index';

/** True for a character that can continue a Python identifier (any non-ASCII one counts, to stay on the safe side). */
export function isIdentifierCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code > 127;
}

/** Offsets where `word` occurs as a whole word (not part of a longer identifier). */
export function wordOffsets(text: string, word: string): number[] {
  // During an analysis, the shared (and incrementally updated) index of the module's text answers.
  const index = activeTextIndex(text);
  if (index) return [...index.wholeWords(word)];
  const out: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
    if ((i > 0 && isIdentifierCode(text.charCodeAt(i - 1))) || isIdentifierCode(text.charCodeAt(i + word.length))) continue;
    out.push(i);
  }
  return out;
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
