// Integer values known from the source alone: `10**7`, `1_000_000`, `2 * 10**6`, `-5`, `0x10`. Used to size
// `range(...)` bounds. Anything that needs a name, a call or a float is unknown.
import type { SyntaxNode } from '../../parse/python-parser';

/** Larger results are treated as unknown: no real `range` bound is bigger, and it keeps `10**10**10` cheap. */
const LIMIT = 1n << 256n;

export function staticInt(node: SyntaxNode | null | undefined): bigint | undefined {
  // Expressions of constants nest only a few levels in practice; deeper ones are left unknown rather than walked.
  return evaluate(node, 0);
}

function evaluate(node: SyntaxNode | null | undefined, depth: number): bigint | undefined {
  if (!node || depth > 32) return undefined;
  switch (node.type) {
    case 'integer':
      return parseIntegerLiteral(node.text);
    case 'parenthesized_expression':
      return node.namedChildCount === 1 ? evaluate(node.namedChild(0), depth + 1) : undefined;
    case 'unary_operator': {
      const operand = evaluate(node.childForFieldName('argument'), depth + 1);
      if (operand === undefined) return undefined;
      const op = node.childForFieldName('operator')?.type;
      return op === '-' ? -operand : op === '+' ? operand : op === '~' ? -operand - 1n : undefined;
    }
    case 'binary_operator': {
      const left = evaluate(node.childForFieldName('left'), depth + 1);
      if (left === undefined) return undefined;
      const right = evaluate(node.childForFieldName('right'), depth + 1);
      if (right === undefined) return undefined;
      return bounded(applyOperator(node.childForFieldName('operator')?.type, left, right));
    }
    default:
      return undefined;
  }
}

function applyOperator(op: string | undefined, a: bigint, b: bigint): bigint | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '**':
      if (b < 0n || b > 1024n) return undefined;
      if (a !== 0n && a !== 1n && a !== -1n && BigInt(a.toString(2).length) * b > 512n) return undefined;
      return a ** b;
    case '//':
      return b === 0n ? undefined : floorDiv(a, b);
    case '%':
      return b === 0n ? undefined : a - b * floorDiv(a, b);
    case '<<':
      return b < 0n || b > 512n ? undefined : a << b;
    case '>>':
      return b < 0n ? undefined : a >> b;
    default:
      return undefined;
  }
}

/** Python's `//` rounds towards negative infinity; BigInt division truncates towards zero. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function bounded(value: bigint | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  return value > LIMIT || value < -LIMIT ? undefined : value;
}

/** `1_000`, `0x_ff`, `0o17`, `0b101`; undefined for anything else (e.g. `10j`, `1e6` are not ints). */
export function parseIntegerLiteral(text: string): bigint | undefined {
  const clean = text.replace(/_/g, '');
  if (/^[0-9]+$/.test(clean)) return BigInt(clean);
  if (/^0[xX][0-9a-fA-F]+$/.test(clean) || /^0[oO][0-7]+$/.test(clean) || /^0[bB][01]+$/.test(clean)) return BigInt(clean.toLowerCase());
  return undefined;
}
