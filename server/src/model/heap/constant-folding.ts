// Compile-time constants as CPython's compiler folds them (`Python/ast_opt.c`): literals, unary minus, int and str
// arithmetic within the compiler's size limits. Folded constants are shared objects (one per compilation unit).
import type { SyntaxNode } from '../../parse/python-parser';
import { intOp } from './operators';
import type { SyntaxCache } from './syntax-cache';

export type Folded = bigint | number | string | { kind: 'bytes'; length: number } | { kind: 'complex' } | { kind: 'fstring' };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };

function decodeEscape(text: string): string | undefined {
  const c = text[1]!;
  if (c in ESCAPES) return ESCAPES[c];
  if (c === 'x' || c === 'u' || c === 'U') return String.fromCodePoint(parseInt(text.slice(2), 16));
  if (/[0-7]/.test(c)) return String.fromCodePoint(parseInt(text.slice(1), 8));
  return undefined;
}

function foldString(syn: SyntaxCache, n: SyntaxNode): Folded | undefined {
  const parts = syn.kids(n);
  const prefix = (parts.find((c) => c.type === 'string_start') ? syn.text(parts.find((c) => c.type === 'string_start')!) : '').toLowerCase();
  if (prefix.includes('f')) return parts.some((p) => p.type === 'interpolation') ? { kind: 'fstring' } : undefined;
  const raw = prefix.includes('r');
  let out = '';
  for (const p of parts) {
    if (p.type === 'string_content') {
      // tree-sitter keeps escapes inside string_content for raw strings and as children otherwise.
      const escapes = syn.kids(p).filter((k) => k.type === 'escape_sequence');
      if (escapes.length === 0 || raw) out += syn.text(p);
      else {
        let text = syn.text(p);
        let pos = 0;
        let decoded = '';
        const base = p.startIndex;
        for (const e of escapes) {
          decoded += text.slice(pos, e.startIndex - base);
          const d = decodeEscape(syn.text(e));
          if (d === undefined) return undefined;
          decoded += d;
          pos = e.endIndex - base;
        }
        decoded += text.slice(pos);
        text = decoded;
        out += text;
      }
    } else if (p.type === 'escape_sequence') {
      const d = raw ? syn.text(p) : decodeEscape(syn.text(p));
      if (d === undefined) return undefined;
      out += d;
    } else if (p.type === 'interpolation') return undefined;
  }
  if (prefix.includes('b')) return { kind: 'bytes', length: Buffer.byteLength(out, 'latin1') };
  return out;
}

export function foldConstant(syn: SyntaxCache, n: SyntaxNode): Folded | undefined {
  switch (n.type) {
    case 'integer': {
      const t = syn.text(n).replace(/_/g, '').toLowerCase();
      if (t.endsWith('j')) return { kind: 'complex' };
      if (/^0[0-7]+$/.test(t)) return undefined;
      try {
        return BigInt(t);
      } catch {
        return undefined;
      }
    }
    case 'float': {
      const t = syn.text(n).replace(/_/g, '');
      if (/[jJ]$/.test(t)) return { kind: 'complex' };
      return Number(t);
    }
    case 'string':
      return foldString(syn, n);
    case 'concatenated_string': {
      let out = '';
      for (const p of syn.kids(n)) {
        const v = foldString(syn, p);
        if (typeof v !== 'string') return undefined;
        out += v;
      }
      return out;
    }
    case 'parenthesized_expression': {
      const inner = syn.kids(n)[0];
      return inner ? foldConstant(syn, inner) : undefined;
    }
    case 'unary_operator': {
      const v = foldConstant(syn, syn.field(n, 'argument')!);
      const op = syn.text(syn.field(n, 'operator')!);
      if (op === '-' && typeof v === 'bigint') return -v;
      if (op === '-' && typeof v === 'number') return -v;
      if (op === '+' && (typeof v === 'bigint' || typeof v === 'number')) return v;
      if (op === '~' && typeof v === 'bigint') return -v - 1n;
      if (typeof v === 'object' && v.kind === 'complex') return v;
      return undefined;
    }
    case 'binary_operator': {
      const a = foldConstant(syn, syn.field(n, 'left')!);
      const b = foldConstant(syn, syn.field(n, 'right')!);
      const op = syn.text(syn.field(n, 'operator')!);
      if (a === undefined || b === undefined) return undefined;
      if (typeof a === 'object' && a.kind === 'complex') return a;
      if (typeof b === 'object' && b.kind === 'complex') return b;
      if (typeof a === 'bigint' && typeof b === 'bigint') {
        const r = intOp(op, a, b);
        if (typeof r !== 'bigint') return undefined;
        // `Python/ast_opt.c` `safe_multiply`/`safe_power`/`safe_lshift`: results over 128 bits are left to run time.
        const bits = (r < 0n ? -r : r).toString(2).length;
        return bits <= 128 ? r : undefined;
      }
      if (typeof a === 'string' && typeof b === 'string' && op === '+') return a + b;
      if (typeof a === 'string' && typeof b === 'bigint' && op === '*') {
        // `safe_multiply`: sequences up to MAX_STR_SIZE (4096) items.
        const size = a.length * Number(b);
        return b >= 0n && size <= 4096 ? a.repeat(Number(b)) : undefined;
      }
      if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint') && (typeof a === 'number' || typeof b === 'number')) {
        const x = Number(a);
        const y = Number(b);
        if (op === '+') return x + y;
        if (op === '-') return x - y;
        if (op === '*') return x * y;
        if (op === '/' && y !== 0) return x / y;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export function isConstantExpr(syn: SyntaxCache, n: SyntaxNode): boolean {
  if (['true', 'false', 'none', 'ellipsis'].includes(n.type)) return true;
  if (n.type === 'tuple') return syn.kids(n).every((c) => isConstantExpr(syn, c));
  const c = foldConstant(syn, n);
  return c !== undefined && !(typeof c === 'object' && c.kind === 'fstring');
}

