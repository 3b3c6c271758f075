// A cheap look at a call's callee straight from the source text. Reading a node's children costs a trip into the
// tree-sitter wasm per node, which dominates a check that filters every call of a module; scanning a few characters
// of the text from `call.startIndex` does not.
import type { SyntaxNode } from '../../parse/python-parser';
import { isIdentifierCode } from './identifier-chars';

/**
 * The last name of the dotted prefix a call starts with, read up to the first `(`: `open` for `open(p)`,
 * `ZipFile` for `zipfile.ZipFile(z).open(m)` (that outer call starts at the same place as the inner one),
 * `readlines` for `f.readlines()`. Undefined when the call does not start with a plain dotted name
 * (`x[0](...)`, `"".join(...)`).
 */
export function leadingCalleeName(text: string, callStart: number): string | undefined {
  let i = callStart;
  let nameStart = i;
  const end = Math.min(text.length, callStart + 200);
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isIdentifierCode(code)) {
      i++;
      continue;
    }
    if (code === 46 /* . */) {
      i++;
      while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      nameStart = i;
      continue;
    }
    const name = text.slice(nameStart, i);
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    return text.charCodeAt(i) === 40 /* ( */ && name.length > 0 ? name : undefined;
  }
  return undefined;
}

let memo: { text: string; calls: readonly SyntaxNode[]; names: Array<string | undefined> } | undefined;

/**
 * leadingCalleeName of each call of the list, in its order. Two checks filter every call of the module by it (the
 * list is the analysis's `ctx.nodesOfType('call')`), so the names are memoised for the last list: ~0.05 ms of a
 * keystroke on a 6k-line file.
 */
export function leadingCalleeNames(text: string, calls: readonly SyntaxNode[]): ReadonlyArray<string | undefined> {
  if (memo?.calls !== calls || memo.text !== text) memo = { text, calls, names: calls.map((call) => leadingCalleeName(text, call.startIndex)) };
  return memo.names;
}
