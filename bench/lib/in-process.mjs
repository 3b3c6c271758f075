// MemLens's core called directly on one core (no CLI, no workers): where the time of a check goes (parse vs
// analyze), and what re-analysis after a keystroke costs with the incremental tree.
import { nowMs, percentile } from './stats.mjs';

/** One pass over the corpus: tree-sitter parse time and analyzeTree time, summed over files. */
export function corpusPass(core, files, python) {
  let parseMs = 0;
  let analyzeMs = 0;
  let findings = 0;
  const failures = new Map();
  const byCode = {};
  const cpu = process.cpuUsage();
  for (const file of files) {
    const t0 = nowMs();
    const tree = core.parser.parsePython(file.text);
    const t1 = nowMs();
    const result = core.analysis.analyzeTree(tree, file.text, { python });
    const t2 = nowMs();
    tree.delete();
    parseMs += t1 - t0;
    analyzeMs += t2 - t1;
    findings += result.findings.length;
    for (const f of result.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    for (const failure of result.failures) failures.set(failure.check, (failures.get(failure.check) ?? 0) + 1);
  }
  const used = process.cpuUsage(cpu);
  return { parseMs, analyzeMs, cpuMs: (used.user + used.system) / 1000, findings, byCode, failures: Object.fromEntries(failures) };
}

/** Per-check CPU time over the corpus, on trees parsed once: first analyzeTree with every rule ignored (the baseline:
 *  node collection, imports, suppressions), then each check alone (select = its codes). A check's own cost is its
 *  time minus the baseline; the baseline is paid once per analyzeTree however many checks run. */
export function perCheckPass(core, files, python) {
  const trees = files.map((f) => core.parser.parsePython(f.text));
  // CPU time, not wall time: one run each, so it must not count the time spent waiting for a core.
  const timeAll = (options) => {
    const cpu = process.cpuUsage();
    for (let i = 0; i < files.length; i++) core.analysis.analyzeTree(trees[i], files[i].text, { python, ...options });
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  try {
    timeAll({}); // warm-up
    const baselineMs = timeAll({ ignore: ['all'] });
    const checks = core.checks.ALL_CHECKS.map((check) => {
      const select = check.rules.map((r) => r.code);
      const ms = timeAll({ select });
      return { check: check.id, codes: select, ms, ownMs: Math.max(0, ms - baselineMs) };
    });
    return { baselineMs, checks };
  } finally {
    for (const t of trees) t.delete();
  }
}

const EDIT_NODE_TYPES = ['identifier', 'comment', 'string_content'];

/**
 * Edit positions spread evenly over the file: inside identifiers, comments and string contents (a data file such
 * as pydoc_data/topics.py has almost only strings). Each position is used twice: insert "x", then delete it, so
 * the document is back to its original text after every pair.
 */
export function editOffsets(doc, count) {
  const nodes = doc.tree.rootNode.descendantsOfType(EDIT_NODE_TYPES).filter((n) => n && n.endIndex > n.startIndex);
  const offsets = [];
  for (let i = 0; i < count && nodes.length > 0; i++) {
    const node = nodes[Math.floor(((i + 0.5) * nodes.length) / count)];
    const start = doc.offsetAt({ line: node.startPosition.row, column: node.startPosition.column });
    const end = doc.offsetAt({ line: node.endPosition.row, column: node.endPosition.column });
    // Inside the token, not at its edge, so the insertion joins it rather than making a new token.
    offsets.push(Math.min(start + 1 + (i % Math.max(1, end - start - 1)), Math.max(start, end - 1)));
  }
  return offsets;
}

/**
 * `pairs` insert+delete pairs (2 * pairs edits) at spread positions, each timed as PythonDocument.update (edit the
 * tree, incremental re-parse) plus analyzeDocument (or a full analyzeTree). `warmupPairs` run first, untimed.
 */
export function editBench(core, file, python, { pairs = 100, warmupPairs = 10, incremental = true } = {}) {
  const doc = new core.document.PythonDocument(file.text, 0);
  // The editor's path: analyzeDocument re-collects nodes only in re-parsed statements (node-collection.ts);
  // `incremental: false` (or a core without analyzeDocument) runs a full analyzeTree after each edit.
  const reanalyze =
    incremental && core.analysis.analyzeDocument
      ? () => core.analysis.analyzeDocument(doc, { python })
      : () => core.analysis.analyzeTree(doc.tree, doc.text, { python });
  try {
    reanalyze();
    const spread = editOffsets(doc, pairs);
    // Warm-up re-uses the first positions, so the timed edits cover the whole file.
    const offsets = [...spread.slice(0, warmupPairs), ...spread];
    const total = [];
    const cpuTotal = [];
    const reparse = [];
    const analyze = [];
    let version = 0;
    for (let i = 0; i < offsets.length; i++) {
      const off = offsets[i];
      for (const kind of ['insert', 'delete']) {
        // Positions are computed at each step: the delete removes the character the insert just put at `off`.
        const start = doc.positionAt(off);
        const change =
          kind === 'insert' ? { range: { start, end: start }, text: 'x' } : { range: { start, end: doc.positionAt(off + 1) }, text: '' };
        const cpu = process.cpuUsage();
        const t0 = nowMs();
        doc.update([change], ++version);
        const t1 = nowMs();
        reanalyze();
        const t2 = nowMs();
        const used = process.cpuUsage(cpu);
        if (i < warmupPairs) continue;
        total.push(t2 - t0);
        cpuTotal.push((used.user + used.system) / 1000);
        reparse.push(t1 - t0);
        analyze.push(t2 - t1);
      }
    }
    if (doc.text !== file.text) throw new Error(`edit benchmark left ${file.rel} changed: insert/delete pairs did not cancel out`);
    return {
      file: file.rel,
      lines: file.lines,
      edits: total.length,
      p50: percentile(total, 50),
      p95: percentile(total, 95),
      max: Math.max(...total),
      cpuP50: percentile(cpuTotal, 50),
      cpuP95: percentile(cpuTotal, 95),
      reparseP50: percentile(reparse, 50),
      reparseP95: percentile(reparse, 95),
      analyzeP50: percentile(analyze, 50),
      analyzeP95: percentile(analyze, 95),
    };
  } finally {
    doc.dispose();
  }
}
