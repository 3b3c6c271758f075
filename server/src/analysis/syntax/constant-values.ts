// Literal constants: a dict key or set member written as a literal names one fixed entry, so storing it again
// replaces rather than adds (`C["mode"] = x` cannot make C grow).
import type { SyntaxNode } from '../../parse/python-parser';
import { unparenthesized } from './python-scopes';

const LITERAL_TYPES = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);

/** A literal (no f-string interpolation) or a tuple of literals. */
export function isConstant(node: SyntaxNode): boolean {
  const n = unparenthesized(node);
  if (LITERAL_TYPES.has(n.type)) return !n.descendantsOfType('interpolation').some((c) => c !== null);
  if (n.type === 'tuple') return n.namedChildren.every((c) => c === null || isConstant(c));
  return false;
}
