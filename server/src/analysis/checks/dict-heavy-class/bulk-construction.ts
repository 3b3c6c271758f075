// Where a module makes instances of its own classes, and whether it makes them in bulk: in a loop or
// comprehension, through `map(Cls, ...)`, or as a `defaultdict(Cls)` factory. Found with one regular-expression
// pass over the source for the candidate class names, then checked on the tree, so modules pay nothing for
// calls that are not constructions.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ModuleImports } from '../../module-imports';
import { repeatingAncestor } from '../../syntax/repeated-evaluation';
import { activeTextIndex, lowerBound } from '../../syntax/text-index';
import { isRetained } from '../../syntax/retained-value';

export type BulkKind = 'loop' | 'comprehension' | 'map' | 'defaultdict';

export interface Construction {
  /** The call that makes the instance (or, for map/defaultdict, the call that receives the class). */
  call: SyntaxNode;
  /** How it repeats; undefined for a one-off construction. */
  bulk: BulkKind | undefined;
}

/** Calls that call their first argument once per item. */
const CLASS_CONSUMERS = new Map<string, BulkKind>([
  ['map', 'map'],
  ['itertools.starmap', 'map'],
  ['collections.defaultdict', 'defaultdict'],
]);

export interface ConstructionSearch {
  root: SyntaxNode;
  text: string;
  imports: ModuleImports;
  /** Candidate class name -> names of its classmethods that build `cls(...)` (alternative constructors). */
  candidates: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Every construction of a candidate class in the module, grouped by class name. */
export function findConstructions(search: ConstructionSearch): Map<string, Construction[]> {
  const out = new Map<string, Construction[]>();
  if (search.candidates.size === 0) return out;
  for (const [start, name] of nameMentions(search.text, [...search.candidates.keys()])) {
    const identifier = search.root.descendantForIndex(start, start + name.length);
    if (identifier?.type !== 'identifier' || identifier.text !== name) continue;
    const construction = constructionAt(identifier, search);
    if (!construction) continue;
    let list = out.get(name);
    if (!list) out.set(name, (list = []));
    list.push(construction);
  }
  return out;
}

/** A mention that can be a construction: followed by `(` (`Cls(...)`), `.` (`Cls.from_row(...)`), or `,`/`)`
 *  (`map(Cls, ...)`), and not preceded by a word character or `.`. */
const FOLLOWED_AS_CONSTRUCTION = /\s*[(.,)]/y;
const ASCII_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * [offset, name] of every match of `(?<![\w.])(?:names)(?=\s*[(.,)])`, in text order. While an edited document's
 * text index updates its word lists, the matches of ASCII names are the index's occurrences of each name with the
 * two look-arounds tested in place (no two can overlap: a match starts after a non-word character, and no name
 * ends in one): the regex over the whole text was ~0.1 ms of a keystroke on a 6k-line file. Otherwise (the CLI,
 * other names) the regex runs.
 */
function nameMentions(text: string, names: readonly string[]): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const index = activeTextIndex(text);
  if (!index?.updatesPrevious || !names.every((n) => ASCII_NAME.test(n))) {
    const pattern = new RegExp(`(?<![\\w.])(?:${names.map(escapeRegExp).join('|')})(?=\\s*[(.,)])`, 'g');
    for (const match of text.matchAll(pattern)) out.push([match.index ?? 0, match[0]]);
    return out;
  }
  for (const name of names) {
    for (const at of index.occurrences(name)) {
      if (at > 0 && isWordOrDot(text.charCodeAt(at - 1))) continue;
      FOLLOWED_AS_CONSTRUCTION.lastIndex = at + name.length;
      if (FOLLOWED_AS_CONSTRUCTION.test(text)) out.push([at, name]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function isWordOrDot(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 46;
}

function constructionAt(identifier: SyntaxNode, search: ConstructionSearch): Construction | undefined {
  const parent = identifier.parent;
  if (!parent) return undefined;
  if (parent.type === 'call' && parent.childForFieldName('function')?.id === identifier.id) return { call: parent, bulk: repetition(parent) };
  // `Cls.from_row(row)` in a loop, when from_row is a classmethod that returns `cls(...)`.
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === identifier.id) {
    const method = parent.childForFieldName('attribute')?.text;
    const call = parent.parent;
    if (method && call?.type === 'call' && call.childForFieldName('function')?.id === parent.id && search.candidates.get(identifier.text)?.has(method)) {
      return { call, bulk: repetition(call) };
    }
    return undefined;
  }
  // `map(Cls, rows)`, `defaultdict(Cls)`.
  if (parent.type === 'argument_list' && parent.namedChild(0)?.id === identifier.id) {
    const call = parent.parent;
    if (call?.type !== 'call') return undefined;
    const qualified = search.imports.qualifiedName(call.childForFieldName('function'));
    const kind = qualified ? CLASS_CONSUMERS.get(qualified) : undefined;
    if (kind) return { call, bulk: kind };
  }
  return undefined;
}

/** How the call repeats, counted only when the instances it makes are kept (a temporary made per iteration and
 *  dropped costs no lasting memory). */
function repetition(call: SyntaxNode): BulkKind | undefined {
  const repeating = repeatingAncestor(call);
  // `while` loops are left out: they mostly walk hierarchies, retry, or read a few headers, and their trip count
  // says nothing about the data; `for` loops and comprehensions iterate collections.
  if (!repeating || repeating.node.type === 'while_statement' || !isRetained(call, repeating.node)) return undefined;
  return repeating.kind;
}

/** `cls(...)`, `type(self)(...)` and `self.__class__(...)` inside a class's own body, in loops. */
export function selfConstructionsInLoops(classNode: SyntaxNode, text: string): Construction[] {
  const out: Construction[] = [];
  for (const start of selfConstructionStarts(text, classNode.startIndex, classNode.endIndex)) {
    let call: SyntaxNode | null = classNode.descendantForIndex(start, start + 1);
    while (call && call.type !== 'call') call = call.parent;
    if (!call || call.startIndex !== start) continue;
    // `type(self)(...)`: the construction is the call of the inner `type(self)` call.
    if (call.parent?.type === 'call' && call.parent.childForFieldName('function')?.id === call.id) call = call.parent;
    const bulk = repetition(call);
    if (bulk) out.push({ call, bulk });
  }
  return out;
}

const SELF_CONSTRUCTION = /(?<![\w.])(?:cls|type\(\s*self\s*\)|self\.__class__)\s*\(/g;
const SELF_CONSTRUCTION_AT = /(?:cls|type\(\s*self\s*\)|self\.__class__)\s*\(/y;
/** Where each spelling of SELF_CONSTRUCTION starts: it contains one of these (at its start). */
const SELF_CONSTRUCTION_HEADS = ['cls', 'type(', 'self.__class__'];
/** The texts of which the class must contain one (before the regex runs). */
const SELF_CONSTRUCTION_HINTS = ['cls(', 'type(self)', 'self.__class__('];

/**
 * Offsets of SELF_CONSTRUCTION's matches in text[start, end), when the class text contains one of the hints. When
 * the analysis's text index updates an earlier version's word lists, both come from those lists and each start is
 * tested in place: matches start after a non-word character and cannot overlap, and a match at an offset is unique
 * (`\s*` then a literal), so it lies in the class text when it ends there. The regex over a large class's text on
 * every keystroke was ~0.06 ms on a 6k-line file.
 */
function selfConstructionStarts(text: string, start: number, end: number): number[] {
  const index = activeTextIndex(text);
  const out: number[] = [];
  if (!index?.updatesPrevious) {
    const classText = text.slice(start, end);
    if (!SELF_CONSTRUCTION_HINTS.some((hint) => classText.includes(hint))) return out;
    for (const match of classText.matchAll(SELF_CONSTRUCTION)) out.push(start + (match.index ?? 0));
    return out;
  }
  const inside = (word: string) => {
    const list = index.occurrences(word);
    const first = lowerBound(list, start);
    return first < list.length && list[first] + word.length <= end;
  };
  if (!SELF_CONSTRUCTION_HINTS.some(inside)) return out;
  for (const head of SELF_CONSTRUCTION_HEADS) {
    const list = index.occurrences(head);
    for (let k = lowerBound(list, start); k < list.length && list[k] < end; k++) {
      const at = list[k];
      if (at > start && isWordOrDot(text.charCodeAt(at - 1))) continue;
      SELF_CONSTRUCTION_AT.lastIndex = at;
      if (SELF_CONSTRUCTION_AT.test(text) && SELF_CONSTRUCTION_AT.lastIndex <= end) out.push(at);
    }
  }
  return out.sort((a, b) => a - b);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
