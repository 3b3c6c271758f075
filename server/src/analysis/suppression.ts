// Inline suppressions: `# memlens: ignore`, `# memlens: ignore[MEM301, MEM302]` and `# noqa: MEM301` on the line a
// finding starts on. A bare `# noqa` is left to the linter it was written for: MemLens honours noqa only when it
// names a MEM code, so comments meant for Ruff or flake8 do not hide memory findings.
import { activeTextIndex } from './syntax/text-index';
import { mentions } from './syntax/text-search';

export interface LineSuppression {
  /** undefined = every code. */
  codes?: Set<string>;
}

const MEMLENS_IGNORE = /#\s*memlens:\s*ignore(?:\[([^\]]*)\])?/i;
const NOQA = /#\s*noqa:\s*([A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)/i;

function splitCodes(list: string): string[] {
  return list
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c.length > 0);
}

/** Line number (0-based) -> what is suppressed there. Only lines with a `#` are scanned. */
export function findSuppressions(text: string): Map<number, LineSuppression> {
  const result = new Map<number, LineSuppression>();
  if (!mentions(text, 'memlens') && !mentionsNoqa(text)) return result;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('#')) continue;
    const ignore = MEMLENS_IGNORE.exec(line);
    if (ignore) {
      result.set(i, ignore[1] === undefined ? {} : { codes: new Set(splitCodes(ignore[1])) });
      continue;
    }
    const noqa = NOQA.exec(line);
    if (noqa) {
      const codes = splitCodes(noqa[1]).filter((c) => c.startsWith('MEM'));
      if (codes.length > 0) result.set(i, { codes: new Set(codes) });
    }
  }
  return result;
}

/**
 * Whether `noqa` appears in any letter case. Same answer as /noqa/i.test(text), but looks only at the rare `q`s:
 * a case-insensitive scan of the whole text was ~2% of a keystroke's re-analysis on a 6k-line file.
 */
function mentionsNoqa(text: string): boolean {
  const is = (at: number, lower: number) => (text.charCodeAt(at) | 0x20) === lower;
  for (const q of ['q', 'Q']) {
    const index = activeTextIndex(text);
    if (index) {
      if (index.occurrences(q).some((at) => is(at - 2, 110 /* n */) && is(at - 1, 111 /* o */) && is(at + 1, 97 /* a */))) return true;
      continue;
    }
    for (let at = text.indexOf(q, 2); at >= 0; at = text.indexOf(q, at + 1)) {
      if (is(at - 2, 110 /* n */) && is(at - 1, 111 /* o */) && is(at + 1, 97 /* a */)) return true;
    }
  }
  return false;
}

export function isSuppressed(suppressions: Map<number, LineSuppression>, line: number, code: string): boolean {
  const s = suppressions.get(line);
  if (!s) return false;
  return s.codes === undefined || s.codes.has(code);
}
