// Int arithmetic and comparisons on the simulator's values, and short reprs.
import { asItem, type Value } from './values';
import { iterateValue } from './builtins';
import type { Interpreter } from './interpreter';

export const BINARY_DUNDER: Record<string, string> = { '+': '__add__', '-': '__sub__', '*': '__mul__', '@': '__matmul__', '/': '__truediv__' };

export function intOp(op: string, x: bigint, y: bigint): bigint | 'zero' | undefined {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '**':
      if (y < 0n) return undefined;
      if (y > 100_000n && (x > 1n || x < -1n)) return undefined;
      return x ** y;
    case '//':
      if (y === 0n) return 'zero';
      return x / y - ((x % y !== 0n && (x < 0n) !== (y < 0n)) ? 1n : 0n);
    case '%':
      if (y === 0n) return 'zero';
      return ((x % y) + y) % y;
    case '<<':
      return y > 1_000_000n ? undefined : x << y;
    case '>>':
      return x >> y;
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    default:
      return undefined;
  }
}

export function compareValues(ip: Interpreter, op: string, a: Value, b: Value): boolean | undefined {
  if (op === 'is') return a === b;
  if (op === 'is not') return a !== b;
  if ((op === 'in' || op === 'not in') && b.kind === 'range' && a.kind === 'int') {
    const x = Number(a.value);
    const inside = b.step > 0 ? x >= b.start && x < b.stop : x <= b.start && x > b.stop;
    const found = inside && (x - b.start) % b.step === 0;
    return op === 'in' ? found : !found;
  }
  if (op === 'in' || op === 'not in') {
    const items = iterateValue(ip, b);
    if (!items) return undefined;
    const key = ip.containers.keyOf(asItem(a));
    const found = items.some((x) => x === a || ip.containers.keyOf(asItem(x)) === key);
    return op === 'in' ? found : !found;
  }
  const num = (v: Value): number | bigint | string | undefined => (v.kind === 'int' ? v.value : v.kind === 'float' ? v.value : v.kind === 'bool' ? BigInt(v.value) : v.kind === 'str' ? v.value : undefined);
  const x = num(a);
  const y = num(b);
  if (x === undefined || y === undefined) {
    if (op === '==') return a === b ? true : a.kind === 'singleton' || b.kind === 'singleton' ? a === b : undefined;
    if (op === '!=') return a === b ? false : a.kind === 'singleton' || b.kind === 'singleton' ? a !== b : undefined;
    return undefined;
  }
  if ((typeof x === 'string') !== (typeof y === 'string')) return op === '!=' ? true : op === '==' ? false : undefined;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '==':
      return x == y; // eslint-disable-line eqeqeq
    case '!=':
      return x != y; // eslint-disable-line eqeqeq
    default:
      return undefined;
  }
}

/** A short repr (`str()` when `asStr`), or undefined when the model cannot produce it. */
export function reprOf(v: Value, asStr = false): string | undefined {
  switch (v.kind) {
    case 'int':
      return v.value.toString();
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'float':
      return Number.isInteger(v.value) && Math.abs(v.value) < 1e16 ? `${v.value}.0` : String(v.value);
    case 'str':
      return asStr ? v.value : `'${v.value}'`;
    case 'singleton':
      return v.typeName === 'NoneType' ? 'None' : v.typeName === 'ellipsis' ? 'Ellipsis' : v.typeName === 'object' ? undefined : 'NotImplemented';
    default:
      return undefined;
  }
}

