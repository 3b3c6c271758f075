// A text-level test for "this name is grown somewhere": every spelling of a growth site contains the name followed
// by a growing call, an in-place operator, a subscript store or a self-concatenation. Checks run it before any
// tree query, so modules without such spellings cost one indexOf per candidate name.
import { GROWING_METHODS } from './container-uses';

const GROWING_CALL_AFTER = new RegExp(`[ \\t]*\\.[ \\t]*(?:${[...GROWING_METHODS].join('|')})[ \\t]*\\(`, 'y');
const IN_PLACE_AFTER = /[ \t]*[+|]=/y;
const STORE_AFTER_SUBSCRIPT = new RegExp(`[ \\t]*(?:[-+*|&]?=(?!=)|\\.[ \\t]*(?:${[...GROWING_METHODS].join('|')})[ \\t]*\\()`, 'y');
const SELF_CONCATENATION_AFTER = /[ \t]*=[ \t]*([A-Za-z_]\w*)[ \t]*[+|]/y;

/**
 * Whether the text spells a growth of `name` anywhere: `name.append(`, `name += `, `name[k] = `, `name[k] += `,
 * `name[k].append(`, `name = name + ...`. A text-level superset of the growth sites the tree will confirm.
 */
export function isGrownInText(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    const before = text.charCodeAt(at - 1);
    if (isWordCode(before) || before === 46 /* . */) continue;
    const end = at + name.length;
    if (isWordCode(text.charCodeAt(end))) continue;
    for (const sticky of [GROWING_CALL_AFTER, IN_PLACE_AFTER]) {
      sticky.lastIndex = end;
      if (sticky.test(text)) return true;
    }
    SELF_CONCATENATION_AFTER.lastIndex = end;
    const concat = SELF_CONCATENATION_AFTER.exec(text);
    if (concat && concat[1] === name) return true;
    let i = end;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] !== '[') continue;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '[') depth++;
      else if (c === ']' && --depth === 0) break;
      else if (c === '\n') break;
    }
    STORE_AFTER_SUBSCRIPT.lastIndex = i + 1;
    if (text[i] === ']' && STORE_AFTER_SUBSCRIPT.test(text)) return true;
  }
  return false;
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

