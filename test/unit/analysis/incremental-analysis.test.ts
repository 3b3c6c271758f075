// Re-analysing an edited document incrementally (PythonDocument.update + analyzeDocument, which reuses the nodes
// collected in statements the edit did not touch) must find exactly what a fresh parse and analysis of the same
// text finds. Random edits, seeded so a failure reproduces, over fixtures and, when python3 is installed, a few
// large standard-library modules.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument, analyzeTree, type AnalysisOptions } from '../../../server/src/analysis/analyze';
import { ALL_CHECKS } from '../../../server/src/analysis/checks';
import { collectNodes, NodeCollectionCache } from '../../../server/src/analysis/node-collection';
import { TextIndex, withTextIndex, type LineScan } from '../../../server/src/analysis/syntax/text-index';
import { DEFINED_NAMES } from '../../../server/src/analysis/syntax/text-search';
import { KeywordIndex } from '../../../server/src/analysis/syntax/keyword-index';
import { TOP_LEVEL_ASSIGNMENTS } from '../../../server/src/analysis/checks/global-retention/growing-container';
import { GROWTH_SITES } from '../../../server/src/analysis/checks/global-retention/growth-text';
import { SELF_SITES } from '../../../server/src/analysis/checks/reference-cycle/self-sites';
import { PythonDocument, type TextChange } from '../../../server/src/parse/python-document';
import { loadPythonParser, parsePython, type SyntaxNode } from '../../../server/src/parse/python-parser';

const OPTIONS: AnalysisOptions = { python: { major: 3, minor: 11 }, select: ['all'] };
const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** Small deterministic generator (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = ['x', ' ', '\n', '(', ')', ':', '"', '#', '[]', '.append(1)', '\n    ', 'def f(a=[]):\n    pass\n', 'class C:\n', '\r\n', '\t', 'é'];

function randomChange(doc: PythonDocument, next: () => number): TextChange {
  const length = doc.text.length;
  const start = Math.floor(next() * (length + 1));
  const roll = next();
  let end = start;
  if (roll < 0.4) end = Math.min(length, start + 1 + Math.floor(next() * (roll < 0.05 ? 400 : 8)));
  const text = roll < 0.3 ? '' : INSERTS[Math.floor(next() * INSERTS.length)];
  return { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text };
}

function describeNodes(byType: Map<string, SyntaxNode[]>): string[] {
  const out: string[] = [];
  for (const [type, nodes] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
    for (const n of nodes) out.push(`${type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column} ${n.id}`);
  }
  return out;
}

function wantedTypes(): Set<string> {
  const types = new Set(['import_statement', 'import_from_statement']);
  for (const check of ALL_CHECKS) for (const t of check.nodeTypes) types.add(t);
  return types;
}

function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(FIXTURES)) {
    const path = join(FIXTURES, dir);
    if (!existsSync(path) || !path) continue;
    try {
      for (const name of readdirSync(path)) if (name.endsWith('.py') && !name.endsWith('.fixed.py')) files.push(join(path, name));
    } catch {
      // not a directory
    }
  }
  return files.sort();
}

function stdlibFiles(): string[] {
  let stdlib: string;
  try {
    stdlib = execFileSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  } catch {
    return [];
  }
  return ['_pydecimal.py', 'typing.py', 'dataclasses.py', 'argparse.py'].map((f) => join(stdlib, f)).filter((f) => existsSync(f));
}

/** Applies `steps` random edits, checking after each (or after every few, to exercise skipped generations). */
function checkEdits(text: string, seed: number, steps: number, analyseEvery = 1): void {
  const next = random(seed);
  const doc = new PythonDocument(text);
  const types = wantedTypes();
  const cache = new NodeCollectionCache();
  try {
    for (let step = 0; step < steps; step++) {
      const changes = [randomChange(doc, next)];
      doc.update(changes, step + 1);
      if (step % analyseEvery !== 0) continue;
      const fresh = parsePython(doc.text);
      try {
        const where = `seed ${seed}, step ${step}`;
        assert.deepEqual(
          describeNodes(cache.collect(doc.tree, types)).map((s) => s.replace(/ \d+$/, '')),
          describeNodes(collectNodes(fresh.rootNode, types)).map((s) => s.replace(/ \d+$/, '')),
          `collected nodes differ (${where})`,
        );
        assert.deepEqual(describeNodes(cache.collect(doc.tree, types)), describeNodes(collectNodes(doc.tree.rootNode, types)), where);
        const incremental = analyzeDocument(doc, OPTIONS);
        const full = analyzeTree(fresh, doc.text, OPTIONS);
        assert.deepEqual(incremental, full, `findings differ (${where})`);
        const offset = Math.floor(next() * (doc.text.length + 1));
        const reference = new PythonDocument(doc.text);
        assert.deepEqual(doc.positionAt(offset), reference.positionAt(offset), `line starts differ (${where})`);
        assert.equal(doc.lineCount, reference.lineCount, where);
        reference.dispose();
      } finally {
        fresh.delete();
      }
    }
  } finally {
    cache.dispose();
    doc.dispose();
  }
}

describe('analysis: incremental re-analysis', function () {
  this.timeout(120_000);
  before(async () => {
    await loadPythonParser();
  });

  it('finds the same as a fresh analysis after random edits to the fixtures', () => {
    const files = fixtureFiles();
    assert.ok(files.length > 10);
    files.forEach((file, i) => checkEdits(readFileSync(file, 'utf8'), 1000 + i, 12));
  });

  it('finds the same as a fresh analysis after random edits to large standard-library modules', function () {
    const files = stdlibFiles();
    if (files.length === 0) this.skip();
    files.forEach((file, i) => checkEdits(readFileSync(file, 'utf8'), 2000 + i, 25));
  });

  it('stays exact when some versions are never analysed (the server skips analyses while typing)', () => {
    const files = fixtureFiles().slice(0, 6);
    files.forEach((file, i) => checkEdits(readFileSync(file, 'utf8'), 3000 + i, 15, 3));
  });

  it('reuses untouched statements: a one-character edit re-walks a small part of the module', function () {
    const files = stdlibFiles();
    if (files.length === 0) this.skip();
    const doc = new PythonDocument(readFileSync(files[0], 'utf8'));
    const cache = new NodeCollectionCache();
    try {
      cache.collect(doc.tree, wantedTypes());
      const cold = cache.stats.walkedChunks;
      const at = doc.positionAt(Math.floor(doc.text.length / 2));
      doc.update([{ range: { start: at, end: at }, text: 'x' }], 1);
      cache.collect(doc.tree, wantedTypes());
      // tree-sitter re-builds some untouched statements of the edited block (new ids): those are walked again.
      assert.ok(cache.stats.walkedChunks < cold / 2, `walked ${cache.stats.walkedChunks} of ${cold} chunks`);
      assert.ok(cache.stats.reusedChunks > 50, `reused ${cache.stats.reusedChunks} chunks`);
      cache.collect(doc.tree, wantedTypes());
      assert.equal(cache.stats.walkedChunks, 0, 'the same tree again walks nothing');
    } finally {
      cache.dispose();
      doc.dispose();
    }
  });

  it('updates line-local scans around an edit exactly as a fresh scan finds them', function () {
    const scans: Array<[string, LineScan<unknown>]> = [
      ['growth sites', GROWTH_SITES as LineScan<unknown>],
      ['self sites', SELF_SITES as LineScan<unknown>],
      ['def names', DEFINED_NAMES as LineScan<unknown>],
      ['top-level assignments', TOP_LEVEL_ASSIGNMENTS as LineScan<unknown>],
    ];
    const fresh = (text: string, scan: LineScan<unknown>) => {
      const index = new TextIndex(text);
      return withTextIndex(index, () => {
        const out: unknown[] = [];
        scan.scan(text, 0, text.length, out);
        return sorted(out, scan);
      });
    };
    const sorted = (records: readonly unknown[], scan: LineScan<unknown>) =>
      [...records].map((r) => [scan.at(r), JSON.stringify(r)] as const).sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).map((r) => r[1]);
    const inserts = ['', 'x', ' ', '\n', '\r\n', '\t', 'self', 'self.a.b = ', '= self\n', '(self)', '.append(', '[', ']', '] = 1', '=', '+=', '.', 'def ', 'def f', 'X = [', 'Y = Y + 1\n', 'é', 'class '];
    const texts = [...fixtureFiles().slice(0, 12), ...stdlibFiles().slice(0, 2)].map((f) => readFileSync(f, 'utf8'));
    texts.forEach((original, t) => {
      const next = random(5000 + t);
      let text = original;
      let index = new TextIndex(text);
      withTextIndex(index, () => scans.forEach(([, scan]) => index.lineRecords(scan)));
      for (let step = 0; step < 40; step++) {
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(next() * (next() < 0.1 ? 200 : 4)));
        text = text.slice(0, start) + inserts[Math.floor(next() * inserts.length)] + text.slice(end);
        const updated = new TextIndex(text, index);
        withTextIndex(updated, () => {
          for (const [name, scan] of scans) assert.deepEqual(sorted(updated.lineRecords(scan), scan), fresh(text, scan), `${name}, text ${t}, step ${step}`);
        });
        updated.detachPrevious();
        index = updated;
      }
    });
  });

  it('finds async/await keywords from updated word lists exactly as the regex does', () => {
    const next = random(777);
    let text = 'async def f():\n    await g()\n    xawait = _async + async_ + éawait + awaité\n'.repeat(20);
    let index = new TextIndex(text);
    // Word lists to update (a first analysis builds them for other checks).
    index.occurrences('async');
    index.occurrences('await');
    for (let step = 0; step < 200; step++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(next() * 6));
      text = text.slice(0, start) + ['', 'a', 'await', 'async', '_', 'é', ' ', '\n'][Math.floor(next() * 8)] + text.slice(end);
      const updated = new TextIndex(text, index);
      assert.ok(updated.updatesPrevious);
      const fromLists = withTextIndex(updated, () => KeywordIndex.ofWords(text, ['async', 'await']));
      const fromRegex = KeywordIndex.ofWords(text, ['async', 'await']);
      for (let at = 0; at <= text.length; at += 7) {
        assert.equal(fromLists.within(at, at + 7), fromRegex.within(at, at + 7), `step ${step}, offset ${at}`);
      }
      updated.detachPrevious();
      index = updated;
    }
  });

  it('updates word positions around an edit exactly as a fresh scan finds them', () => {
    const words = ['except', 'class', '__slots__', 'aa', '__', 'x', 'def', 'self', '\n'];
    const next = random(4242);
    let text = 'class A:\n    __slots__ = ()\n    def f(self):\n        try: pass\n        except E as e: aaa = aaaa\n'.repeat(40);
    let index = new TextIndex(text);
    for (const w of words) index.occurrences(w);
    for (let step = 0; step < 300; step++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(next() * (next() < 0.1 ? 300 : 6)));
      const insert = ['', 'a', 'aa', '_', 'except', 'x', '\n', 'class '][Math.floor(next() * 8)];
      text = text.slice(0, start) + insert + text.slice(end);
      const updated = new TextIndex(text, index);
      const fresh = new TextIndex(text);
      for (const w of words) {
        assert.deepEqual(updated.occurrences(w), fresh.occurrences(w), `${JSON.stringify(w)} at step ${step}`);
        assert.deepEqual(updated.wholeWords(w), fresh.wholeWords(w), `${JSON.stringify(w)} at step ${step}`);
      }
      updated.detachPrevious();
      index = updated;
    }
  });
});
