// A text-level test for "this name is grown somewhere": every spelling of a growth site contains the name followed
// by a growing call, an in-place operator, a subscript store or a self-concatenation. Checks run it before any
// tree query, so names never spelled so cost no tree query.
import { activeTextIndex, type LineScan } from '../../syntax/text-index';
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

/** One growth spelling: the grown word and where the spelling starts (its `.`, `=` or `[`). */
interface GrowthSite {
  at: number;
  word: string;
}

/**
 * The growth spellings anchored in [from, to): from each `.`, `=` and `[` back to the word before it and forward to
 * the end of the spelling, never past the line (blanks are spaces and tabs, a subscript must close on its line), so
 * the analysis's text index rescans only the edited lines after a keystroke (~0.25 ms a keystroke on a 6k-line file).
 */
export const GROWTH_SITES: LineScan<GrowthSite> = {
  at: (site) => site.at,
  moved: (site, delta) => ({ at: site.at + delta, word: site.word }),
  scan(text, from, to, out) {
    const wordBefore = (tailStart: number) => {
      let end = tailStart;
      while (end > 0 && isBlankCode(text.charCodeAt(end - 1))) end--;
      let start = end;
      while (start > 0 && isWordCode(text.charCodeAt(start - 1))) start--;
      if (start === end || text.charCodeAt(start - 1) === 46 /* . */) return undefined;
      return text.slice(start, end);
    };
    // `name.append(`: from each `.` that starts a growing call.
    for (let at = text.indexOf('.', from); at >= 0 && at < to; at = text.indexOf('.', at + 1)) {
      GROWING_CALL_AFTER.lastIndex = at;
      if (!GROWING_CALL_AFTER.test(text)) continue;
      const word = wordBefore(at);
      if (word) out.push({ at, word });
    }
    // `name += `, `name |= `.
    for (let at = text.indexOf('=', Math.max(from, 1)); at >= 0 && at < to; at = text.indexOf('=', at + 1)) {
      const before = text.charCodeAt(at - 1);
      if (before === 43 /* + */ || before === 124 /* | */) {
        const word = wordBefore(at - 1);
        if (word) out.push({ at, word });
        continue;
      }
      // `name = name + ...`: the word after `=` must be the word before it.
      SELF_CONCATENATION_AFTER.lastIndex = at;
      const concat = SELF_CONCATENATION_AFTER.exec(text);
      if (!concat) continue;
      const word = wordBefore(at);
      if (word === concat[1]) out.push({ at, word });
    }
    // `name[k] = `, `name[k] += `, `name[k].append(`: the bracket closes on the same line.
    for (let at = text.indexOf('[', from); at >= 0 && at < to; at = text.indexOf('[', at + 1)) {
      const word = wordBefore(at);
      if (!word) continue;
      let i = at;
      let depth = 0;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 91 /* [ */) depth++;
        else if (c === 93 /* ] */ && --depth === 0) break;
        else if (c === 10 /* \n */) break;
      }
      STORE_AFTER_SUBSCRIPT.lastIndex = i + 1;
      if (text.charCodeAt(i) === 93 && STORE_AFTER_SUBSCRIPT.test(text)) out.push({ at, word });
    }
  },
};

/**
 * Every word the text spells a growth of, found in one pass from the growth spellings back to the word before them
 * (a whole word, not after a `.`). Checks ask about dozens of names per module; searching the text once per name
 * was ~13% of a keystroke's re-analysis on a 6k-line file. Memoised for the last text, since both global-retention
 * questions (module containers, `global` statements) ask about the same text.
 */
export function grownNamesIn(text: string): Set<string> {
  if (memo?.text === text) return memo.names;
  let sites: readonly GrowthSite[] | undefined = activeTextIndex(text)?.lineRecords(GROWTH_SITES);
  if (!sites) {
    const scanned: GrowthSite[] = [];
    GROWTH_SITES.scan(text, 0, text.length, scanned);
    sites = scanned;
  }
  const names = new Set<string>();
  for (const site of sites) names.add(site.word);
  memo = { text, names };
  return names;
}

function isBlankCode(code: number): boolean {
  return code === 32 || code === 9;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

