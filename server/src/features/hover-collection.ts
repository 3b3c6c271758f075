// Hover on a literal or comprehension (its brackets, or the `for`/`in`/`if` of a comprehension): the size of the
// container CPython builds, exactly when its length is known from the source (displays; one `for` over
// `range(<constant>)` or over a display), else what it costs per length. Every number comes from the memory model
// (`model/layout` for the container, `sizeCase` for the elements of a self-contained expression); this file only
// counts items and words the answer.
import type { PythonVersion } from '../analysis/python-version';
import { formatVersion } from '../analysis/python-version';
import { staticInt } from '../analysis/syntax/static-int';
import { sizeCase } from '../model/heap';
import {
  dictKeysSize,
  dictObjectSize,
  dictSize,
  dictTableSize,
  listCapacity,
  listSize,
  setSize,
  setTable,
  simpleGenexprSize,
  tupleSize,
  versionFacts,
  type ListConstruction,
} from '../model/layout';
import type { SyntaxNode } from '../parse/python-parser';
import { ruleDocsUri } from './diagnostics';
import type { HoverAnswer } from './hover';
import { answerFor, bytes, MILLION, partsTable } from './hover-format';

const COLLECTIONS = new Set(['list', 'tuple', 'dictionary', 'set', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const CONSTANTS = new Set(['integer', 'float', 'true', 'false', 'none']);
/** The elements are sized (sizeCase) only for self-contained expressions this small: a hover must stay quick. */
const MAX_ELEMENT_SIZING_ITEMS = 10_000;
const MAX_ELEMENT_SIZING_CHARS = 4_000;

/** The display or comprehension whose bracket or clause keyword is at `node`. */
export function collectionAt(node: SyntaxNode): SyntaxNode | undefined {
  if (node.isNamed) return undefined;
  let parent = node.parent;
  if (parent && (parent.type === 'for_in_clause' || parent.type === 'if_clause')) parent = parent.parent;
  return parent && COLLECTIONS.has(parent.type) ? parent : undefined;
}

type Kind = 'list' | 'tuple' | 'dict' | 'set' | 'generator';

function kindOf(node: SyntaxNode): Kind {
  switch (node.type) {
    case 'list':
    case 'list_comprehension':
      return 'list';
    case 'tuple':
      return 'tuple';
    case 'dictionary':
    case 'dictionary_comprehension':
      return 'dict';
    case 'set':
    case 'set_comprehension':
      return 'set';
    default:
      return 'generator';
  }
}

function isConstant(node: SyntaxNode): boolean {
  if (CONSTANTS.has(node.type)) return true;
  if (node.type === 'string') return !node.namedChildren.some((c) => c?.type === 'interpolation');
  if (node.type === 'unary_operator') return ['integer', 'float'].includes(node.childForFieldName('argument')?.type ?? '');
  return false;
}

interface Count {
  /** Items the container holds, when known. */
  items?: number;
  /** A set or dict comprehension whose keys may repeat: `items` is an upper bound. */
  atMost?: boolean;
  /** Every item (or key) is a constant / a str constant. */
  constant: boolean;
  strKeys: boolean;
  why?: string;
}

function displayCount(node: SyntaxNode): Count {
  const items = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (items.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat' || c.type === 'parenthesized_list_splat')) {
    return { constant: false, strKeys: false, why: 'it unpacks another iterable (`*x` / `**x`), whose length is not known here' };
  }
  if (node.type === 'dictionary') {
    const keys = items.map((p) => p.childForFieldName('key'));
    const constant = items.every((p) => isConstant(p.childForFieldName('key')!) && isConstant(p.childForFieldName('value')!));
    // Repeated constant keys collapse into one entry.
    const distinct = keys.every((k) => k && isConstant(k)) ? new Set(keys.map((k) => k!.text)).size : items.length;
    return { items: distinct, constant, strKeys: keys.every((k) => k?.type === 'string') };
  }
  const constant = items.every(isConstant);
  const count = node.type === 'set' && constant ? new Set(items.map((c) => c.text)).size : items.length;
  return { items: count, constant, strKeys: false };
}

function comprehensionCount(node: SyntaxNode): Count {
  const clauses = node.namedChildren.filter((c): c is SyntaxNode => !!c && (c.type === 'for_in_clause' || c.type === 'if_clause'));
  const unknown = (why: string): Count => ({ constant: false, strKeys: false, why });
  if (clauses.length !== 1 || clauses[0].type !== 'for_in_clause') return unknown('it has more than one `for` or an `if`, so its length depends on the data');
  const clause = clauses[0];
  const iterable = clause.childForFieldName('right');
  const target = clause.childForFieldName('left');
  let items: number | undefined;
  if (iterable?.type === 'call' && iterable.childForFieldName('function')?.text === 'range') {
    const args = (iterable.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is SyntaxNode => !!a && a.type !== 'comment');
    const values = args.map((a) => staticInt(a));
    if (args.length >= 1 && args.length <= 3 && values.every((v) => v !== undefined)) {
      const [start, stop, step] = args.length === 1 ? [0n, values[0]!, 1n] : [values[0]!, values[1]!, values[2] ?? 1n];
      if (step !== 0n) {
        const n = step > 0n ? (stop - start + step - 1n) / step : (start - stop - step - 1n) / -step;
        items = n > 0n ? Number(n) : 0;
      }
    }
  } else if (iterable && (iterable.type === 'list' || iterable.type === 'tuple')) {
    items = displayCount(iterable).items;
  }
  if (items === undefined) return unknown(`the length of \`${(iterable?.text ?? 'its iterable').slice(0, 60)}\` is not known from the source`);
  // A set or dict has one entry per distinct key: exact when the key is the loop variable over distinct range values.
  const key = node.type === 'dictionary_comprehension' ? node.namedChildren[0]?.childForFieldName('key') : node.namedChildren[0];
  const keyIsLoopVariable = target?.type === 'identifier' && key?.type === 'identifier' && key.text === target.text && iterable?.type === 'call';
  return { items, atMost: (node.type === 'set_comprehension' || node.type === 'dictionary_comprehension') && !keyIsLoopVariable, constant: false, strKeys: false };
}

interface Sized {
  bytes: number;
  parts: Array<{ label: string; bytes: number }>;
}

function listConstruction(node: SyntaxNode, count: Count): ListConstruction {
  if (node.type === 'list_comprehension') return 'comprehension';
  return count.constant ? 'literal' : 'literal-names';
}

/** sys.getsizeof of the container with `n` items, from the model, with its parts. */
function containerSize(python: PythonVersion, node: SyntaxNode, kind: Kind, n: number, count: Count): Sized | undefined {
  const gc = versionFacts(python).gcHeader;
  switch (kind) {
    case 'list': {
      const built = listConstruction(node, count);
      const capacity = listCapacity(python, n, built);
      const size = listSize(python, n, built);
      return {
        bytes: size,
        parts: [
          { label: 'GC header', bytes: gc },
          { label: 'list object (refcount, type, length, capacity, array pointer)', bytes: size - gc - 8 * capacity },
          { label: `pointer array: ${capacity} slots${capacity > n ? ` (${capacity - n} spare, over-allocated)` : ''}`, bytes: 8 * capacity },
        ],
      };
    }
    case 'tuple': {
      const size = tupleSize(python, n);
      return { bytes: size, parts: [{ label: 'tuple header (with GC header)', bytes: size - 8 * n }, { label: `${n} item pointers`, bytes: 8 * n }] };
    }
    case 'dict': {
      const table = n === 0 ? 0 : dictTableSize(n);
      const size = dictSize(python, n, count.strKeys);
      const object = dictObjectSize(python);
      const parts = [{ label: 'dict object (with GC header)', bytes: object }];
      if (table > 0) parts.push({ label: `keys table: ${table} index slots, ${Math.floor((table * 2) / 3)} entries`, bytes: dictKeysSize(python, table, count.strKeys) });
      return { bytes: size, parts };
    }
    case 'set': {
      const table = setTable(python, n, node.type === 'set' ? 'literal' : 'incremental', count.constant);
      const size = setSize(python, table);
      const small = setSize(python, 8);
      const parts = [{ label: 'set object with its built-in 8-entry table (with GC header)', bytes: small }];
      if (size > small) parts.push({ label: `hash table: ${table} entries of 16 bytes`, bytes: size - small });
      return { bytes: size, parts };
    }
    case 'generator':
      return undefined;
  }
}

function isSimpleGenerator(node: SyntaxNode): boolean {
  const clauses = node.namedChildren.filter((c): c is SyntaxNode => !!c && (c.type === 'for_in_clause' || c.type === 'if_clause'));
  const body = node.namedChildren[0];
  const target = clauses[0]?.childForFieldName('left');
  return clauses.length === 1 && clauses[0].type === 'for_in_clause' && body?.type === 'identifier' && target?.type === 'identifier' && body.text === target.text;
}

const MECHANISM: Record<Kind, string> = {
  list: 'A list is a header plus an array of pointers, one per item; the items are separate objects it holds a reference to (small ints and interned strings are shared by the whole interpreter). Appending over-allocates the array (`list_resize` grows it by about 1/8) so that appends stay cheap: a list built by `append` or a comprehension usually has spare slots.',
  tuple: 'A tuple is a header plus exactly one pointer per item, allocated once: no spare slots. A tuple of constants is built once by the compiler and shared.',
  dict: 'A dict is an object plus a keys table: an index array and the entries (hash, key, value), kept at most 2/3 full, so the table doubles as it fills. 3.11+ store entries of str-only keys in 16 instead of 24 bytes.',
  set: 'A set is a hash table of (hash, key) entries kept at most 3/5 full; small sets use the 8 entries inside the object, bigger ones a separate table that grows 4x at a time.',
  generator: 'A generator expression produces its items one at a time: it keeps only its frame (the loop variable and the iterator), never the items.',
};

export function collectionHover(node: SyntaxNode, python: PythonVersion): HoverAnswer | undefined {
  const collection = collectionAt(node);
  if (!collection) return undefined;
  const kind = kindOf(collection);
  const version = `CPython ${formatVersion(python)}`;
  const what = collection.type.replace('dictionary', 'dict').replace(/_/g, ' ');
  const lines: string[] = [];
  const isComprehension = COMPREHENSIONS.has(collection.type);

  if (kind === 'generator') {
    if (isSimpleGenerator(collection)) {
      lines.push(`**generator expression**: **${bytes(simpleGenexprSize(python))}** on ${version}, whatever the length of what it iterates`);
    } else {
      lines.push(`**generator expression**: its size depends on its code (locals and stack of its frame); the model does not know it for this shape.`);
    }
    lines.push('', 'The items are made one at a time and dropped after use, unless the consumer keeps them.', '', MECHANISM.generator);
    lines.push('', `[Lists consumed once (MEM301)](${ruleDocsUri('MEM301')})`);
    return answerFor(collection, lines);
  }

  const count = isComprehension ? comprehensionCount(collection) : displayCount(collection);
  if (count.items !== undefined) {
    const n = count.items;
    const sized = containerSize(python, collection, kind, n, count)!;
    const items = `${n.toLocaleString('en-US')} item${n === 1 ? '' : 's'}`;
    lines.push(`**${what}** of ${count.atMost ? 'at most ' : ''}${items}: **${bytes(sized.bytes)}** on ${version} (\`sys.getsizeof\`, the container alone)${count.atMost ? ', if every key is distinct' : ''}`);
    lines.push('', ...partsTable(sized.parts));
    const deep = elementsSize(python, collection, n, sized.bytes);
    if (deep !== undefined) lines.push('', `With its elements: **${bytes(deep)}** (each distinct object once).`);
  } else {
    lines.push(`**${what}**: the size depends on the length: ${count.why ?? 'it is not known from the source'}.`);
    if (kind !== 'tuple' || isComprehension) {
      lines.push('', '| items | container size |', '| ---: | ---: |');
      for (const n of [10, 1000, MILLION]) {
        const sized = containerSize(python, collection, kind, n, count);
        if (sized) lines.push(`| ${n.toLocaleString('en-US')} | ${bytes(sized.bytes)} |`);
      }
      lines.push('', `(${version}, the container alone; the items are separate objects.)`);
    }
  }
  if (isComprehension && (kind === 'list' || kind === 'set')) {
    const million = containerSize(python, collection, kind, MILLION, count)!.bytes;
    if (isSimpleGenerator(collection)) {
      const generator = simpleGenexprSize(python);
      lines.push('', `As a generator expression (when the result is iterated once): ${bytes(generator)} whatever the length; at 1,000,000 items that saves **${bytes(million - generator)}** for the container, and the items need not all exist at once.`);
    } else {
      lines.push('', `As a generator expression (when the result is iterated once) the ${kind} is never built: at 1,000,000 items that is **${bytes(million)}** less for the container (the generator's own size depends on its code; the model does not know it for this shape), and the items need not all exist at once.`);
    }
  }
  lines.push('', MECHANISM[kind]);
  if (isComprehension) lines.push('', `[Lists consumed once (MEM301)](${ruleDocsUri('MEM301')})`);
  return answerFor(collection, lines);
}

/** The deep size from the model's case evaluator, for a self-contained expression (no names from elsewhere). */
function elementsSize(python: PythonVersion, node: SyntaxNode, items: number, shallow: number): number | undefined {
  if (items > MAX_ELEMENT_SIZING_ITEMS || node.text.length > MAX_ELEMENT_SIZING_CHARS) return undefined;
  const result = sizeCase(python, '', node.text);
  // A different shallow size would mean the evaluator built it another way: do not mix the two.
  if ('error' in result || result.shallow !== shallow) return undefined;
  return result.deep;
}
