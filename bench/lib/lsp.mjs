// The editor's view of speed (issue 4, "Performance"): the bundled server driven over stdio as an editor drives it.
// Start-up (spawn to the `initialize` answer, and to the first diagnostics of a small file), diagnostics after a
// keystroke and hover latency on the ~6k-line file. Times are what the client sees: from sending the message to
// receiving the answer (or the publishDiagnostics of that document version), pipe and JSON included.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BenchLspClient } from './lsp-client.mjs';
import { nowMs, percentile } from './stats.mjs';

const SMALL_FILE = `import functools

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def add(item, bucket=[]):
    bucket.append(item)
    return bucket

CACHE = {}
squares = [n * n for n in range(1000)]
`;

/** Pause between keystrokes: longer than the scheduler's idle threshold (max(100 ms, 2x the last analysis)), so
 *  every edit is "the first keystroke after a pause" and is analysed after MIN_DELAY_MS rather than debounced. */
export const KEYSTROKE_GAP_MS = 300;

export function serverUnavailable(root) {
  const serverJs = join(root, 'dist', 'server.js');
  return existsSync(serverJs) ? undefined : 'dist/server.js is not built (node scripts/build.mjs)';
}

const uriOf = (name) => `file:///memlens-bench-nonexistent/${name}`;

/** Spawn to initialize, and to the first (complete) diagnostics of a small file, `runs` times in fresh servers. */
export async function benchStartup(root, { runs = 5 } = {}) {
  const serverJs = join(root, 'dist', 'server.js');
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const client = new BenchLspClient(serverJs);
    try {
      await client.initialize();
      const initializedMs = nowMs() - client.spawnedAt;
      const initCpuMs = client.cpuMs();
      const uri = uriOf('small.py');
      await client.open(uri, SMALL_FILE);
      const first = await client.waitForPublish(uri, (p) => p.diagnostics.length > 0);
      samples.push({ initializedMs, initCpuMs, firstDiagnosticsMs: first.at - client.spawnedAt, cpuMs: client.cpuMs(), diagnostics: first.params.diagnostics.length });
    } finally {
      await client.stop();
    }
  }
  const pick = (key) => samples.map((s) => s[key]);
  return {
    runs,
    initializeP50: percentile(pick('initializedMs'), 50),
    initializeMax: Math.max(...pick('initializedMs')),
    initializeCpuP50: percentile(pick('initCpuMs'), 50),
    firstDiagnosticsP50: percentile(pick('firstDiagnosticsMs'), 50),
    firstDiagnosticsMax: Math.max(...pick('firstDiagnosticsMs')),
    cpuP50: percentile(pick('cpuMs'), 50),
    diagnostics: samples[0]?.diagnostics,
    samples,
  };
}

/** UTF-16 offset -> LSP position. */
function positionFinder(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self'.split(' '),
);

/** Up to `perKind` offsets of each kind of thing a user hovers, spread over the file; comments and strings are not
 *  excluded for plain identifiers (a user hovers those too; they must answer fast, usually with nothing). */
export function hoverTargets(text, perKind) {
  // Doctest lines (`>>> Decimal(...)`) are string contents: the code kinds are taken from code lines only.
  const doctest = /^[ \t]*(>>>|\.\.\.)/;
  const lineOf = (offset) => text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset + 1);
  const code = (offsets) => offsets.filter((o) => !doctest.test(lineOf(o)));
  const kinds = {
    'class name': [...text.matchAll(/^[ \t]*class[ \t]+([A-Za-z_]\w*)/gm)].map((m) => m.index + m[0].length - m[1].length + 1),
    'constructor call': code([...text.matchAll(/(?<![\w.])([A-Z]\w*)\(/g)].map((m) => m.index + 1)),
    comprehension: code([...text.matchAll(/[[{(](?=[^\n[\]{}()]* for [^\n]* in )/g)].map((m) => m.index)),
    'except ... as name': [...text.matchAll(/except[^\n:]* as ([A-Za-z_]\w*)/g)].map((m) => m.index + m[0].length - m[1].length),
    'module-level container': [...text.matchAll(/^([A-Za-z_]\w*)[ \t]*=[ \t]*[[{]/gm)].map((m) => m.index + 1),
    'plain identifier': [...text.matchAll(/(?<![\w.])[a-z_]\w{2,}/g)].filter((m) => !KEYWORDS.has(m[0])).map((m) => m.index + 1),
  };
  const spread = (offsets) => (offsets.length <= perKind ? offsets : Array.from({ length: perKind }, (_, i) => offsets[Math.floor(((i + 0.5) * offsets.length) / perKind)]));
  return Object.entries(kinds).flatMap(([kind, offsets]) => spread(offsets).map((offset) => ({ kind, offset })));
}

/** Offsets inside identifiers, spread over the file, for one-character edits that keep the module valid. */
export function keystrokeOffsets(text, count) {
  const words = [...text.matchAll(/(?<![\w.])[A-Za-z_]\w{2,}/g)].filter((m) => !KEYWORDS.has(m[0]));
  return Array.from({ length: count }, (_, i) => {
    const m = words[Math.floor(((i + 0.5) * words.length) / count)];
    return m.index + 1 + (i % (m[0].length - 1));
  });
}

/**
 * On one file: open it, wait for its analysis, then (a) `edits` one-character edits (insert "x" inside an
 * identifier, then delete it, alternately, at spread positions), each `gapMs` after the previous one, timed from
 * sending the didChange to receiving the publishDiagnostics of that version; (b) hovers at spread positions of
 * each kind, one at a time, timed from request to answer.
 */
export async function benchEditorFile(root, file, { edits = 100, warmupEdits = 10, gapMs = KEYSTROKE_GAP_MS, hoversPerKind = 20, warmupHovers = 10 } = {}) {
  const serverJs = join(root, 'dist', 'server.js');
  const client = new BenchLspClient(serverJs);
  const text = file.text;
  const positionAt = positionFinder(text);
  const uri = uriOf(file.rel.replace(/\//g, '_'));
  try {
    await client.initialize();
    const openedAt = nowMs();
    await client.open(uri, text, 1);
    // The first analysis publishes partial results as they arrive, then the complete ones: wait for quiet.
    const firstPublish = await client.waitForPublish(uri, (p) => p.version === 1, { timeoutMs: 30_000 });
    await client.settle(500);
    const openPublishes = client.publishes.filter((p) => p.params.uri === uri && p.params.version === 1);
    const open = { firstPublishMs: firstPublish.at - openedAt, lastPublishMs: openPublishes[openPublishes.length - 1].at - openedAt, publishes: openPublishes.length, diagnostics: openPublishes[openPublishes.length - 1].params.diagnostics.length };

    // (a) keystrokes
    const offsets = keystrokeOffsets(text, Math.ceil((warmupEdits + edits) / 2));
    const latencies = [];
    let version = 1;
    let cpuBefore = NaN;
    let loopStart = NaN;
    const diagnosticCounts = new Set();
    for (let i = 0; i < warmupEdits + edits; i++) {
      if (i === warmupEdits) {
        cpuBefore = client.cpuMs();
        loopStart = nowMs();
      }
      const offset = offsets[Math.floor(i / 2)];
      const start = positionAt(offset);
      // The delete removes the "x" the insert just put at `offset` (the line did not move: same line, one column).
      const change = i % 2 === 0 ? { range: { start, end: start }, text: 'x' } : { range: { start, end: { line: start.line, character: start.character + 1 } }, text: '' };
      const v = ++version;
      const sentAt = nowMs();
      const published = client.waitForPublish(uri, (p) => p.version === v, { since: sentAt });
      await client.change(uri, v, [change]);
      const got = await published;
      if (i >= warmupEdits) {
        latencies.push(got.at - sentAt);
        diagnosticCounts.add(got.params.diagnostics.length);
      }
      const wait = gapMs - (nowMs() - sentAt);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const cpuPerEditMs = (client.cpuMs() - cpuBefore) / edits;
    const loopMs = nowMs() - loopStart;
    // An odd count leaves an "x" behind: take it back so the hovers see the original text.
    if ((warmupEdits + edits) % 2 === 1) {
      const start = positionAt(offsets[Math.floor((warmupEdits + edits - 1) / 2)]);
      const v = ++version;
      const published = client.waitForPublish(uri, (p) => p.version === v);
      await client.change(uri, v, [{ range: { start, end: { line: start.line, character: start.character + 1 } }, text: '' }]);
      await published;
    }
    await client.settle(300);

    // (b) hovers
    const targets = hoverTargets(text, hoversPerKind);
    const warm = targets.filter((_, i) => i % Math.max(1, Math.floor(targets.length / warmupHovers)) === 0).slice(0, warmupHovers);
    for (const t of warm) await client.hover(uri, positionAt(t.offset));
    const byKind = new Map();
    const hoverCpuBefore = client.cpuMs();
    for (const t of targets) {
      const t0 = nowMs();
      const answer = await client.hover(uri, positionAt(t.offset));
      const ms = nowMs() - t0;
      const entry = byKind.get(t.kind) ?? { kind: t.kind, ms: [], answered: 0 };
      entry.ms.push(ms);
      if (answer && answer.contents) entry.answered++;
      byKind.set(t.kind, entry);
    }
    const hoverCpuMs = client.cpuMs() - hoverCpuBefore;
    const all = [...byKind.values()].flatMap((k) => k.ms);
    return {
      file: file.rel,
      lines: file.lines,
      open,
      keystrokes: {
        edits: latencies.length,
        gapMs,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        max: Math.max(...latencies),
        serverCpuPerEditMs: cpuPerEditMs,
        loopMs,
        diagnosticCounts: [...diagnosticCounts],
      },
      hovers: {
        count: all.length,
        p50: percentile(all, 50),
        p95: percentile(all, 95),
        max: Math.max(...all),
        answered: [...byKind.values()].reduce((n, k) => n + k.answered, 0),
        serverCpuPerHoverMs: hoverCpuMs / all.length,
        byKind: [...byKind.values()].map((k) => ({ kind: k.kind, count: k.ms.length, answered: k.answered, p50: percentile(k.ms, 50), p95: percentile(k.ms, 95), max: Math.max(...k.ms) })),
      },
    };
  } finally {
    await client.stop();
  }
}
