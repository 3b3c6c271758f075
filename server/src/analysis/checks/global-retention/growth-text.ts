// A text-level test for "this name is grown somewhere": every spelling of a growth site contains the name followed
// by a growing call, an in-place operator, a subscript store or a self-concatenation. Checks run it before any
// tree query, so names never spelled so cost no tree query.
import { GROWING_METHODS } from './container-uses';

// Sticky patterns read from the character a growth spelling starts at.
const GROWING_CALL_AFTER = new RegExp(`\\.[ \\t]*(?:${[...GROWING_METHODS].join('|')})[ \\t]*\\(`, 'y');
const STORE_AFTER_SUBSCRIPT = new RegExp(`[ \\t]*(?:[-+*|&]?=(?!=)|\\.[ \\t]*(?:${[...GROWING_METHODS].join('|')})[ \\t]*\\()`, 'y');
const SELF_CONCATENATION_AFTER = /=[ \t]*([A-Za-z_]\w*)[ \t]*[+|]/y;

/**
 * Whether the text spells a growth of `name` anywhere: `name.append(`, `name += `, `name[k] = `, `name[k] += `,
 * `name[k].append(`, `name = name + ...`. A text-level superset of the growth sites the tree will confirm.
 */
export function isGrownInText(text: string, name: string): boolean {
  return grownNamesIn(text).has(name);
}

let memo: { text: string; names: Set<string> } | undefined;

/**
 * Every word the text spells a growth of, found in one pass from the growth spellings back to the word before them
 * (a whole word, not after a `.`). Checks ask about dozens of names per module; searching the text once per name
 * was ~13% of a keystroke's re-analysis on a 6k-line file. Memoised for the last text, since both global-retention
 * questions (module containers, `global` statements) ask about the same text.
 */
export function grownNamesIn(text: string): Set<string> {
  if (memo?.text === text) return memo.names;
  const names = new Set<string>();
  const addWordBefore = (tailStart: number) => {
    let end = tailStart;
    while (end > 0 && isBlankCode(text.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > 0 && isWordCode(text.charCodeAt(start - 1))) start--;
    if (start === end || text.charCodeAt(start - 1) === 46 /* . */) return undefined;
    const word = text.slice(start, end);
    return word;
  };
  // `name.append(`: from each `.` that starts a growing call.
  for (let at = text.indexOf('.'); at >= 0; at = text.indexOf('.', at + 1)) {
    GROWING_CALL_AFTER.lastIndex = at;
    if (!GROWING_CALL_AFTER.test(text)) continue;
    const word = addWordBefore(at);
    if (word) names.add(word);
  }
  // `name += `, `name |= `.
  for (let at = text.indexOf('=', 1); at >= 0; at = text.indexOf('=', at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (before === 43 /* + */ || before === 124 /* | */) {
      const word = addWordBefore(at - 1);
      if (word) names.add(word);
      continue;
    }
    // `name = name + ...`: the word after `=` must be the word before it.
    SELF_CONCATENATION_AFTER.lastIndex = at;
    const concat = SELF_CONCATENATION_AFTER.exec(text);
    if (!concat) continue;
    const word = addWordBefore(at);
    if (word === concat[1]) names.add(word);
  }
  // `name[k] = `, `name[k] += `, `name[k].append(`: the bracket closes on the same line.
  for (let at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) {
    const word = addWordBefore(at);
    if (!word || names.has(word)) continue;
    let i = at;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '[') depth++;
      else if (c === ']' && --depth === 0) break;
      else if (c === '\n') break;
    }
    STORE_AFTER_SUBSCRIPT.lastIndex = i + 1;
    if (text[i] === ']' && STORE_AFTER_SUBSCRIPT.test(text)) names.add(word);
  }
  memo = { text, names };
  return names;
}

function isBlankCode(code: number): boolean {
  return code === 32 || code === 9;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

