// One pass over the text finds every `self` that could start or end a reference cycle, classified by the
// characters around it, so MEM102 and MEM103 ask the tree only about a few hundred candidates per module
// instead of every assignment and call. Heuristic on purpose: every candidate is confirmed on the tree.
import { isIdentifierCode } from '../../syntax/identifier-chars';
import { activeTextIndex, type LineScan } from '../../syntax/text-index';

export interface SelfStore {
  /** Offset of the `self` that starts the target (`self.a.b[k] = ...`). */
  self: number;
  /** Offset of the first character of the assigned value. */
  value: number;
}

export interface SelfCall {
  /** Offset of the `self` that starts the callee (`self.timer.connect(`). */
  self: number;
  /** The method called on something self keeps (`connect`). */
  verb: string;
}

export interface SelfSites {
  stores: SelfStore[];
  calls: SelfCall[];
  /** `x.attr = self` candidates: `self` is the whole value of an assignment. */
  assignedSelf: number[];
  /** `Helper(self)`, `Helper(a, self)`, `Helper(owner=self)`: offsets of `self`. */
  argumentSelf: number[];
}

let cachedText: string | undefined;
let cachedSites: SelfSites | undefined;

const SPACE = (c: number) => c === 32 || c === 9;

/** What one `self` is a candidate for (at most one of the first two, one of the last two). */
interface SelfSite {
  self: number;
  store?: SelfStore;
  call?: SelfCall;
  assigned?: boolean;
  argument?: boolean;
}

/**
 * The `self`s of [from, to) with what they are a candidate for. Each is classified by the characters of its own
 * line (spaces and tabs, names, a subscript closing on the line) and the line break before it, so the analysis's
 * text index rescans only the edited lines after a keystroke (~0.1 ms a keystroke on a 6k-line file).
 */
export const SELF_SITES: LineScan<SelfSite> = {
  at: (site) => site.self,
  moved: (site, delta) => ({
    self: site.self + delta,
    store: site.store && { self: site.store.self + delta, value: site.store.value + delta },
    call: site.call && { self: site.call.self + delta, verb: site.call.verb },
    assigned: site.assigned,
    argument: site.argument,
  }),
  scan(text, from, to, out) {
    for (let i = text.indexOf('self', from); i >= 0 && i < to; i = text.indexOf('self', i + 4)) {
      if ((i > 0 && (isIdentifierCode(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 46)) || isIdentifierCode(text.charCodeAt(i + 4))) continue;
      const site: SelfSite = { self: i };
      classifyAfter(text, i, site);
      classifyAround(text, i, site);
      if (site.store || site.call || site.assigned || site.argument) out.push(site);
    }
  },
};

/** The sites of one module's text (memoised for the last text, since the rules run one after the other). */
export function selfSites(text: string): SelfSites {
  if (cachedText === text && cachedSites) return cachedSites;
  let found: readonly SelfSite[] | undefined = activeTextIndex(text)?.lineRecords(SELF_SITES);
  if (!found) {
    const scanned: SelfSite[] = [];
    SELF_SITES.scan(text, 0, text.length, scanned);
    found = scanned;
  }
  const sites: SelfSites = { stores: [], calls: [], assignedSelf: [], argumentSelf: [] };
  for (const site of found) {
    if (site.store) sites.stores.push(site.store);
    if (site.call) sites.calls.push(site.call);
    if (site.assigned) sites.assignedSelf.push(site.self);
    if (site.argument) sites.argumentSelf.push(site.self);
  }
  cachedText = text;
  cachedSites = sites;
  return sites;
}

/** `self.a.b = ...`, `self.a[k] = ...`, `self.a.verb(`. */
function classifyAfter(text: string, at: number, site: SelfSite): void {
  let p = at + 4;
  let lastName = '';
  let names = 0;
  for (;;) {
    while (SPACE(text.charCodeAt(p))) p++;
    if (text.charCodeAt(p) !== 46 /* . */) break;
    p++;
    while (SPACE(text.charCodeAt(p))) p++;
    const start = p;
    while (isIdentifierCode(text.charCodeAt(p))) p++;
    if (p === start) return;
    lastName = text.slice(start, p);
    names++;
  }
  if (names === 0) return;
  let c = text.charCodeAt(p);
  if (c === 40 /* ( */) {
    if (names >= 2) site.call = { self: at, verb: lastName };
    return;
  }
  if (c === 91 /* [ */) {
    const close = text.indexOf(']', p);
    const newline = text.indexOf('\n', p);
    if (close < 0 || (newline >= 0 && newline < close)) return;
    p = close + 1;
    while (SPACE(text.charCodeAt(p))) p++;
    c = text.charCodeAt(p);
  }
  if (c !== 61 /* = */ || text.charCodeAt(p + 1) === 61) return;
  p++;
  while (SPACE(text.charCodeAt(p))) p++;
  site.store = { self: at, value: p };
}

/** `= self` ending a statement, or `self` as a call argument. */
function classifyAround(text: string, at: number, site: SelfSite): void {
  let before = at - 1;
  while (before >= 0 && SPACE(text.charCodeAt(before))) before--;
  let after = at + 4;
  while (SPACE(text.charCodeAt(after))) after++;
  const b = text.charCodeAt(before);
  const a = text.charCodeAt(after);
  const endsStatement = Number.isNaN(a) || a === 10 || a === 13 || a === 59 /* ; */ || a === 35; /* # */
  const endsArgument = a === 44 /* , */ || a === 41; /* ) */
  if (b === 61 /* = */ && endsStatement && !'=!<>+-*/%&|^@:'.includes(text[before - 1] ?? '')) site.assigned = true;
  else if ((b === 40 /* ( */ || b === 44 /* , */ || b === 61) && endsArgument) site.argument = true;
}

/**
 * The name called with the argument list that contains `offset`: scans back to the unmatched `(` (at most a few
 * hundred characters, across lines) and reads the identifier before it. Undefined for anything else.
 */
export function calleeNameBefore(text: string, offset: number): { name: string; start: number } | undefined {
  let depth = 0;
  let p = offset - 1;
  const limit = Math.max(0, offset - 400);
  for (; p >= limit; p--) {
    const c = text.charCodeAt(p);
    if (c === 41 || c === 93 || c === 125) depth++;
    else if (c === 40 || c === 91 || c === 123) {
      if (depth === 0) break;
      depth--;
    }
  }
  if (p < limit || text.charCodeAt(p) !== 40) return undefined;
  let end = p;
  while (end > 0 && SPACE(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isIdentifierCode(text.charCodeAt(start - 1))) start--;
  if (start === end || text.charCodeAt(start - 1) === 46) return undefined;
  return { name: text.slice(start, end), start };
}
