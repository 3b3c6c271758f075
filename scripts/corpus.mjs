// `npm run corpus [-- DIR]`: recall and precision per category against the peers' own test fixtures (Ruff,
// pylint), mapped to our categories in expected.json. The corpus lives outside the repository
// (../shared/corpus/peers, or DIR, or $MEMLENS_CORPUS) and is never copied into it.
//
// How it scores (per category; a "line" is file + 1-based line):
// - Expected lines come from expected.json (a peer rule that maps directly onto the category).
// - A finding matches an expected line when it starts on that line or spans it. Failing that, an unmatched
//   finding up to 10 lines below matches, when no other expected line lies between (peers anchor some findings
//   on the `def` of a multi-line signature, we on the offending default); the report lists these "near matches".
//   Several findings on one line count once.
// - Lines in expected_related.json (peer rules only related to a category, e.g. PERF401, B008, RUF012) are soft:
//   a finding there is neither a true nor a false positive, and missing one is not a miss.
// - Precision is scored only in files that test that category (they have a direct expectation for it, or are a
//   declared negative such as ruff/C419_2.py). Ruff enables one rule per fixture, so its fixtures hold code other
//   rules would flag; findings of other categories there are listed as "unscored", not as false positives.
// - Every rule runs (--select all), including those outside MemLens's default set (MEM203, MEM701): the peers'
//   fixtures likewise enable the rule under test.
// - A few findings are declared "beyond peer" (BEYOND_PEER below, each with its reason) where the peers disagree
//   with each other; they are listed, not counted as false positives, and the stricter precision is printed too.
// - Every fix of every finding is applied on its own and compiled with python3 (scripts/check-fixes.ts).
// Exit code 1 when a covered category has recall < 95% or precision < 90%; 2 when the CLI itself fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const RECALL_TARGET = 0.95;
const PRECISION_TARGET = 0.9;
/**
 * Findings where the peers disagree with each other and MemLens sides with one of them on purpose. They are listed
 * in the report as "beyond peer", with the reason, and are not counted as false positives; the precision they would
 * give as false positives is printed beside the table so nothing is hidden.
 */
const BEYOND_PEER = [
  ...[17, 18, 19].map((line) => ({
    file: 'ruff/C419.py',
    line,
    category: 'large-comprehension',
    reason:
      "sum/min/max([...]): Ruff's stable C419 leaves these out (its fixture says it does not lint them in stable yet) " +
      'while pylint R1728 flags the same shape (expected in pylint/consider_using_generator.py); the list is built ' +
      'only to be consumed once, which is what the rule is about',
  })),
];
/** How far below a peer's anchor line our finding may start and still match it (see pass 2). */
const NEAR_LINES = 10;

const root = dirname(dirname(new URL(import.meta.url).pathname));
const corpus = resolve(process.argv[2] ?? process.env.MEMLENS_CORPUS ?? join(root, '..', 'shared', 'corpus', 'peers'));
if (!existsSync(join(corpus, 'expected.json'))) {
  console.error(`corpus: no expected.json in ${corpus} (pass the corpus directory as an argument or set MEMLENS_CORPUS)`);
  process.exit(2);
}

const readJson = (name) => (existsSync(join(corpus, name)) ? JSON.parse(readFileSync(join(corpus, name), 'utf8')) : {});
const expected = readJson('expected.json');
const related = readJson('expected_related.json');
const detail = readJson('expected_detail.json');

// Peer rule code (e.g. "C419") -> our category, learnt from the direct mappings, so a negative fixture with no
// findings (C419_2.py) is known to test large-comprehension.
const categoryOfPeerCode = new Map();
for (const source of [expected, detail]) {
  for (const entries of Object.values(source)) {
    for (const e of Array.isArray(entries) ? entries : (entries.findings ?? [])) {
      if (e.strength && e.strength !== 'direct') continue;
      categoryOfPeerCode.set(e.peer_rule.split(':')[1], e.our_category);
    }
  }
}

/** category -> Set of files whose precision counts for that category. */
const scoredFiles = new Map();
const addScored = (category, file) => {
  if (!scoredFiles.has(category)) scoredFiles.set(category, new Set());
  scoredFiles.get(category).add(file);
};
for (const [file, entries] of Object.entries(expected)) {
  for (const e of entries) addScored(e.our_category, file);
  if (entries.length === 0) {
    const code = basename(file).split('_')[0];
    const category = categoryOfPeerCode.get(code);
    if (category) addScored(category, file);
  }
}

const lineKeys = (source) => {
  const byCategory = new Map();
  for (const [file, entries] of Object.entries(source)) {
    for (const e of entries) {
      if (!byCategory.has(e.our_category)) byCategory.set(e.our_category, new Map());
      byCategory.get(e.our_category).set(`${file}:${e.line}`, e.peer_rule);
    }
  }
  return byCategory;
};
const expectedLines = lineKeys(expected);
const relatedLines = lineKeys(related);

// Run the built CLI as a user would, from inside the corpus so paths read "ruff/B006_1.py".
const cli = spawnSync(process.execPath, [process.env.MEMLENS_BIN ?? join(root, 'bin', 'memlens.js'), 'check', '.', '--format', 'json', '--exit-zero', '--select', 'all'], {
  cwd: corpus,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (cli.status !== 0) {
  console.error(`corpus: memlens exited with ${cli.status}\n${cli.stderr}`);
  process.exit(2);
}
const internalErrors = cli.stderr.split('\n').filter((l) => l.includes('internal error'));
const findings = JSON.parse(cli.stdout);
const analysedFiles = new Set(Object.keys(expected));

const categories = [...new Set([...expectedLines.keys(), ...findings.map((f) => f.category)])].sort();
const rows = [];
const details = [];
let failed = false;
for (const category of categories) {
  const want = expectedLines.get(category) ?? new Map();
  const soft = relatedLines.get(category) ?? new Map();
  const scored = scoredFiles.get(category) ?? new Set();
  // One entry per (file, start line); spans kept to match peers that anchor elsewhere in the statement.
  const found = new Map();
  for (const f of findings.filter((x) => x.category === category)) {
    const key = `${f.file}:${f.line}`;
    if (!found.has(key)) found.set(key, { ...f, codes: new Set([f.code]) });
    else found.get(key).codes.add(f.code);
  }
  const covers = (f, file, line) => f.file === file && f.line <= line && line <= f.endLine;
  const matchesAny = (f, lines) => [...lines.keys()].some((k) => covers(f, ...splitKey(k)));

  // Pass 1: a finding that starts on or spans the expected line.
  const matched = new Set(); // found keys counted as true positives
  const hits = new Set(); // expected keys found
  for (const k of want.keys()) {
    for (const [fk, f] of found) {
      if (covers(f, ...splitKey(k))) {
        hits.add(k);
        matched.add(fk);
      }
    }
  }
  // Pass 2: peers anchor some findings on the statement's first line (`def f(` of a multi-line signature) where we
  // point at the offending part below it: accept an unmatched finding up to NEAR_LINES further down, when no other
  // expected line lies between.
  const nearMatches = [];
  for (const k of want.keys()) {
    if (hits.has(k)) continue;
    const [file, line] = splitKey(k);
    const between = (l) => [...want.keys()].some((o) => o !== k && splitKey(o)[0] === file && splitKey(o)[1] > line && splitKey(o)[1] <= l);
    for (const [fk, f] of found) {
      if (matched.has(fk) || f.file !== file || f.line <= line || f.line > line + NEAR_LINES || between(f.line)) continue;
      hits.add(k);
      matched.add(fk);
      nearMatches.push(`  near match      ${k} -> line ${f.line}`);
      break;
    }
  }
  const misses = [...want.keys()].filter((k) => !hits.has(k));
  let truePositives = 0;
  const falsePositives = [];
  let unscored = 0;
  let softHits = 0;
  const beyond = [];
  for (const [key, f] of found) {
    const agreed = BEYOND_PEER.find((b) => b.category === category && b.file === f.file && b.line === f.line);
    if (matched.has(key)) truePositives++;
    else if (matchesAny(f, want)) truePositives++;
    else if (matchesAny(f, soft)) softHits++;
    else if (agreed) beyond.push({ key, reason: agreed.reason });
    else if (scored.has(f.file)) falsePositives.push({ key, f });
    else unscored++;
  }
  const recall = want.size === 0 ? undefined : hits.size / want.size;
  const precision = truePositives + falsePositives.length === 0 ? undefined : truePositives / (truePositives + falsePositives.length);
  const strictPrecision = beyond.length === 0 ? undefined : truePositives / (truePositives + falsePositives.length + beyond.length);
  const covered = want.size > 0;
  const ok = !covered || ((recall ?? 0) >= RECALL_TARGET && (precision ?? 1) >= PRECISION_TARGET);
  if (!ok) failed = true;
  rows.push({ category, expected: want.size, found: found.size, tp: truePositives, recall, precision, soft: softHits, unscored, covered, ok });
  if (misses.length > 0 || falsePositives.length > 0 || nearMatches.length > 0 || beyond.length > 0) {
    details.push(`\n${category}`);
    details.push(...nearMatches);
    for (const b of beyond) details.push(`  beyond peer     ${b.key}  ${b.reason}`);
    if (strictPrecision !== undefined) details.push(`  (precision counting the ${beyond.length} beyond-peer findings as false positives: ${(strictPrecision * 100).toFixed(1)}%)`);
    for (const key of misses.sort(byFileLine)) details.push(`  miss            ${key}  (${want.get(key)})`);
    for (const { key, f } of falsePositives.sort((a, b) => byFileLine(a.key, b.key))) {
      details.push(`  false positive  ${key}  ${[...f.codes].join(',')} ${truncate(f.message, 100)}`);
    }
  }
}

function splitKey(key) {
  const i = key.lastIndexOf(':');
  return [key.slice(0, i), Number(key.slice(i + 1))];
}
function byFileLine(a, b) {
  const [fa, la] = splitKey(a);
  const [fb, lb] = splitKey(b);
  return fa < fb ? -1 : fa > fb ? 1 : la - lb;
}
function truncate(text, n) {
  const one = text.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}
const percent = (x) => (x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);

console.log(`Corpus: ${corpus} (${analysedFiles.size} files with expectations, ${findings.length} findings)`);
console.log(`Targets per covered category: recall >= ${RECALL_TARGET * 100}%, precision >= ${PRECISION_TARGET * 100}%\n`);
const header = ['category', 'expected', 'found', 'true pos', 'recall', 'precision', 'soft', 'unscored', ''];
const table = rows.map((r) => [r.category, r.expected, r.found, r.tp, percent(r.recall), percent(r.precision), r.soft, r.unscored, r.covered ? (r.ok ? 'ok' : 'BELOW TARGET') : 'not covered']);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
console.log(line(header));
for (const row of table) console.log(line(row));
console.log('\nfound = distinct lines with a finding; soft = findings on expected_related.json lines (not scored);');
console.log('unscored = findings in files that do not test that category.');
if (details.length > 0) console.log(details.join('\n'));
if (internalErrors.length > 0) {
  console.log(`\n${internalErrors.length} internal error(s):`);
  for (const e of internalErrors) console.log(`  ${e}`);
}

// Every fix, applied on its own to the corpus, must give code CPython compiles.
const fixes = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'check-fixes.ts'), corpus], { cwd: root, encoding: 'utf8' });
process.stdout.write(`\n${fixes.stdout}`);
if (fixes.status !== 0) {
  process.stderr.write(fixes.stderr);
  failed = true;
}
process.exit(failed ? 1 : 0);
