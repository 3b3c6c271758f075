// Edits that replace a list built once by a lazy iterator. Each returns undefined when it cannot produce code that
// is sure to compile.
import type { SyntaxNode } from '../../../parse/python-parser';
import { rangeOf } from '../../../parse/source-range';
import type { Fix, TextEdit } from '../../finding';
import { brackets, forClauses } from './comprehension-shape';
import { isSoleArgument } from './consumer';

/** `sum([x for x in y])` -> `sum(x for x in y)`; `f([..], y)` / `for a in [..]` -> parentheses. */
export function toGeneratorFix(comprehension: SyntaxNode, safe: boolean): Fix | undefined {
  const pair = brackets(comprehension);
  if (!pair) return undefined;
  const parent = comprehension.parent;
  const bare = parent?.type === 'argument_list' && isSoleArgument(parent);
  const edits: TextEdit[] = [
    { range: rangeOf(pair.open), newText: bare ? '' : '(' },
    { range: rangeOf(pair.close), newText: bare ? '' : ')' },
  ];
  return { title: 'Use a generator expression', safe, edits };
}

/** `list([x for x in y])` -> `[x for x in y]`. */
export function dropListCallFix(call: SyntaxNode, comprehension: SyntaxNode): Fix {
  return { title: 'Remove the list() copy', safe: true, edits: [{ range: rangeOf(call), newText: comprehension.text }] };
}

/** `len([x for x in y if c])` -> `sum(1 for x in y if c)`; the element expression is dropped. */
export function countFix(call: SyntaxNode, comprehension: SyntaxNode, text: string, safe: boolean): Fix | undefined {
  const pair = brackets(comprehension);
  const first = forClauses(comprehension)[0];
  if (!pair || !first) return undefined;
  const clauses = text.slice(first.startIndex, pair.close.startIndex);
  return { title: 'Count with sum(1 for ...)', safe, edits: [{ range: rangeOf(call), newText: `sum(1 ${clauses})` }] };
}

/** `list(x for x in y)` read once -> the generator itself. */
export function unwrapListOfGeneratorFix(call: SyntaxNode, generator: SyntaxNode, safe: boolean): Fix | undefined {
  const parent = call.parent;
  const bare = parent?.type === 'argument_list' && isSoleArgument(parent);
  const pair = brackets(generator);
  if (!pair) return undefined;
  const newText = bare ? generator.text.slice(1, -1) : generator.text;
  return { title: 'Iterate the generator directly', safe, edits: [{ range: rangeOf(call), newText }] };
}

/** `list(range(n))` -> `range(n)`; `f.readlines()` -> `f`. */
export function replaceWithFix(node: SyntaxNode, replacement: SyntaxNode, title: string, safe: boolean): Fix {
  return { title, safe, edits: [{ range: rangeOf(node), newText: replacement.text }] };
}
