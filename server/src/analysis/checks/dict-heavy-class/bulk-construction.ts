// Where a module makes instances of its own classes, and whether it makes them in bulk: in a loop or
// comprehension, through `map(Cls, ...)`, or as a `defaultdict(Cls)` factory. Found with one regular-expression
// pass over the source for the candidate class names, then checked on the tree, so modules pay nothing for
// calls that are not constructions.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ModuleImports } from '../../module-imports';
import { repeatingAncestor } from '../../syntax/repeated-evaluation';
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
  const names = [...search.candidates.keys()].map(escapeRegExp).join('|');
  // A construction is followed by `(` (`Cls(...)`), `.` (`Cls.from_row(...)`), or `,`/`)` (`map(Cls, ...)`).
  const pattern = new RegExp(`(?<![\\w.])(?:${names})(?=\\s*[(.,)])`, 'g');
  for (const match of search.text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const identifier = search.root.descendantForIndex(start, start + match[0].length);
    if (identifier?.type !== 'identifier' || identifier.text !== match[0]) continue;
    const construction = constructionAt(identifier, search);
    if (!construction) continue;
    let list = out.get(match[0]);
    if (!list) out.set(match[0], (list = []));
    list.push(construction);
  }
  return out;
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
  const classText = text.slice(classNode.startIndex, classNode.endIndex);
  if (!classText.includes('cls(') && !classText.includes('type(self)') && !classText.includes('self.__class__(')) return out;
  const pattern = /(?<![\w.])(?:cls|type\(\s*self\s*\)|self\.__class__)\s*\(/g;
  for (const match of classText.matchAll(pattern)) {
    const start = classNode.startIndex + (match.index ?? 0);
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
