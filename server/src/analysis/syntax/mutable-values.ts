// Recognises expressions that build a new mutable container: list/dict/set displays and comprehensions,
// `list()`, `dict()`, `set()`, `bytearray()`, the mutable `collections` types (however they were imported), and
// instances of module-level classes that subclass one of those. Used by the mutable-default and
// global-retention checks, which both care about objects that can grow after they were created.
import type { SyntaxNode } from '../../parse/python-parser';
import type { ModuleImports } from '../module-imports';
import { classBases, moduleClasses } from './definitions';
import { unparenthesized } from './statements';

export interface MutableValue {
  /** What the expression builds, for messages: "a list", "a collections.deque". */
  description: string;
  /** The type name: list, dict, set, bytearray, collections.deque, ... */
  type: string;
  /** For deque(maxlen=N): the container drops old items itself, so it cannot grow without bound. */
  bounded: boolean;
}

const DISPLAY_TYPES: Record<string, string> = {
  list: 'list',
  list_comprehension: 'list',
  dictionary: 'dict',
  dictionary_comprehension: 'dict',
  set: 'set',
  set_comprehension: 'set',
};

const BUILTIN_MUTABLE_CALLS = new Set(['list', 'dict', 'set', 'bytearray']);

/** Qualified names of mutable standard-library containers (constructor calls). */
const QUALIFIED_MUTABLE_CALLS = new Set([
  'collections.deque',
  'collections.defaultdict',
  'collections.OrderedDict',
  'collections.Counter',
  'collections.ChainMap',
  'collections.UserDict',
  'collections.UserList',
  'array.array',
]);

/** Module-level classes (by name) that derive from a mutable container, e.g. `class Store(dict): pass`. */
export function mutableModuleClasses(root: SyntaxNode, imports: ModuleImports): Set<string> {
  const found = new Set<string>();
  const classes = moduleClasses(root);
  // Repeat until stable so `class A(dict)` / `class B(A)` both count, whatever their order.
  let changed = true;
  while (changed) {
    changed = false;
    for (const cls of classes) {
      const name = cls.childForFieldName('name')?.text;
      if (!name || found.has(name)) continue;
      const mutableBase = classBases(cls).some((base) => {
        if (base.type === 'identifier' && found.has(base.text)) return true;
        const q = imports.qualifiedName(base);
        return q !== undefined && (BUILTIN_MUTABLE_CALLS.has(q) || QUALIFIED_MUTABLE_CALLS.has(q));
      });
      if (mutableBase) {
        found.add(name);
        changed = true;
      }
    }
  }
  return found;
}

/** The mutable container an expression builds, or undefined when it builds none (or we cannot tell). */
export function mutableValueOf(expression: SyntaxNode, imports: ModuleImports, moduleClasses?: ReadonlySet<string>): MutableValue | undefined {
  const node = unparenthesized(expression);
  const display = DISPLAY_TYPES[node.type];
  if (display) return { type: display, description: article(display), bounded: false };
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier' && BUILTIN_MUTABLE_CALLS.has(fn.text) && imports.isBuiltin(fn.text)) {
    return { type: fn.text, description: article(fn.text), bounded: false };
  }
  const q = imports.qualifiedName(fn);
  if (q && QUALIFIED_MUTABLE_CALLS.has(q)) {
    return { type: q, description: `a ${q}`, bounded: q === 'collections.deque' && dequeHasMaxlen(node) };
  }
  if (fn.type === 'identifier' && moduleClasses?.has(fn.text)) {
    return { type: fn.text, description: `a ${fn.text} (a mutable container subclass)`, bounded: false };
  }
  return undefined;
}

function dequeHasMaxlen(call: SyntaxNode): boolean {
  const args = call.childForFieldName('arguments');
  if (!args) return false;
  let positional = 0;
  for (const arg of args.namedChildren) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name === 'maxlen') return value?.type !== 'none';
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      return true; // could carry a maxlen: give it the benefit of the doubt
    } else {
      positional++;
      if (positional === 2) return arg.type !== 'none';
    }
  }
  return false;
}

function article(type: string): string {
  return `a ${type}`;
}
