// Literal constants: a dict key or set member written as a literal names one fixed entry, so storing it again
// replaces rather than adds (`C["mode"] = x` cannot make C grow).
import type { SyntaxNode } from '../../parse/python-parser';
import { unparenthesized } from './statements';

const LITERAL_TYPES = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

/** A literal (no f-string interpolation) or a tuple of literals, however deeply nested (explicit stack). */
export function isConstant(node: SyntaxNode): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const n = unparenthesized(stack.pop()!);
    if (LITERAL_TYPES.has(n.type)) {
      if (n.descendantsOfType('interpolation').some((c) => c !== null)) return false;
    } else if (n.type === 'tuple') {
      for (const c of n.namedChildren) if (c) stack.push(c);
    } else {
      return false;
    }
  }
  return true;
}
