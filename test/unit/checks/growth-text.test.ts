// The one-pass growth-spelling index (grownNamesIn) must answer exactly as the per-name text search it replaced,
// which is kept here as the reference: for every word of a few standard-library modules and of the fixtures.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROWING_METHODS } from '../../../server/src/analysis/checks/global-retention/container-uses';
import { isGrownInText } from '../../../server/src/analysis/checks/global-retention/growth-text';

const GROWING_CALL_AFTER = new RegExp(`[ \\t]*\\.[ \\t]*(?:${[...GROWING_METHODS].join('|')})[ \\t]*\\(`, 'y');
const IN_PLACE_AFTER = /[ \t]*[+|]=/y;
const STORE_AFTER_SUBSCRIPT = new RegExp(`[ \\t]*(?:[-+*|&]?=(?!=)|\\.[ \\t]*(?:${[...GROWING_METHODS].join('|')})[ \\t]*\\()`, 'y');
const SELF_CONCATENATION_AFTER = /[ \t]*=[ \t]*([A-Za-z_]\w*)[ \t]*[+|]/y;

/**
 * Whether the text spells a growth of `name` anywhere: `name.append(`, `name += `, `name[k] = `, `name[k] += `,
 * `name[k].append(`, `name = name + ...`. A text-level superset of the growth sites the tree will confirm.
 */
function isGrownInTextOneNameAtATime(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    const before = text.charCodeAt(at - 1);
    if (isWordCodeRef(before) || before === 46 /* . */) continue;
    const end = at + name.length;
    if (isWordCodeRef(text.charCodeAt(end))) continue;
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

function isWordCodeRef(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}


function sources(): string[] {
  const texts: string[] = [];
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'global-retention');
  if (existsSync(fixtures)) for (const f of readdirSync(fixtures)) if (f.endsWith('.py')) texts.push(readFileSync(join(fixtures, f), 'utf8'));
  try {
    const stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
    for (const f of ['_pydecimal.py', 'typing.py', 'collections/__init__.py', 'logging/__init__.py', 'tkinter/__init__.py']) {
      if (existsSync(join(stdlib, f))) texts.push(readFileSync(join(stdlib, f), 'utf8'));
    }
  } catch {
    // no python3: the fixtures and the spellings below still run
  }
  return texts;
}

describe('global retention: growth spellings found in one pass', () => {
  it('answers like a search per name for every word of the sample modules', () => {
    const texts = sources();
    texts.push('a = []\na .append (1)\nb[k][j] += 1\nc = c + [1]\nd == d + 1\nx.e.append(1)\nf |= {1}\ng[\n1] = 2\nh  [0].add(1)\n');
    for (const text of texts) {
      const words = new Set(text.match(/[A-Za-z_]\w*/g) ?? []);
      for (const word of words) assert.equal(isGrownInText(text, word), isGrownInTextOneNameAtATime(text, word), word);
    }
  });
});
