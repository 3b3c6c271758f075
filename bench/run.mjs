// `npm run bench`: MemLens's speed and memory next to its peers, in one run, on the same files (issues 2 and 3),
// and the editor's view through LSP and in a real VS Code (issue 4).
// Prints a table with the issues' targets (PASS/FAIL) and writes the numbers to .cache/bench/. Targets are
// reported, never asserted: the exit code is non-zero only when the benchmark itself cannot run.
//
//   node bench/run.mjs [--runs=N] [--quick] [--no-pylint] [--no-cli] [--no-lsp] [--no-vscode]
//     --runs=N     whole-corpus repetitions (median reported; default 3)
//     --quick      1 round, 20 edit pairs, no pylint, no per-check breakdown: a smoke test of the harness
//     --no-pylint  skip pylint; --no-cli skip the CLI rows (e.g. while dist/cli.js does not build)
//     --no-lsp     skip the server driven over stdio; --no-vscode skip the activation time in a real VS Code
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { bundleCore } from './lib/bundle.mjs';
import { runCli } from './lib/cli-run.mjs';
import { benchDiagramLayout } from './lib/diagram-layout.mjs';
import { measureMethod } from './lib/measured-spawn.mjs';
import { CORPUS_RULE, findStdlib, loadCorpus } from './lib/corpus.mjs';
import { corpusPass, editBench, perCheckPass } from './lib/in-process.mjs';
import { benchHeap, benchInstanceCost } from './lib/model.mjs';
import { PYLINT_MESSAGES, PYLINT_SUBSET_STRIDE, findPylint, pylintSubset, runPylint } from './lib/pylint.mjs';
import { RUFF_RULES, loadRuff, ruffRecheck, runRuff } from './lib/ruff.mjs';
import { fmtInt, fmtMs, fmtRatio, median, nowMs, table } from './lib/stats.mjs';
import { KEYSTROKE_GAP_MS, benchEditorFile, benchStartup, serverUnavailable } from './lib/lsp.mjs';
import { benchActivation, vscodeUnavailable } from './lib/vscode-activation.mjs';

const root = dirname(dirname(new URL(import.meta.url).pathname));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const runs = Number(argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? (quick ? 1 : 3));
const withPylint = !quick && !argv.includes('--no-pylint');
const withCli = !argv.includes('--no-cli');
const withLsp = !argv.includes('--no-lsp');
const withVscode = !argv.includes('--no-vscode');
const PYTHON = { major: 3, minor: 11 }; // the corpus is CPython 3.11's standard library
const EDIT_TARGET_LINES = 6000;

const log = (line = '') => process.stdout.write(`${line}\n`);
const step = (what) => process.stderr.write(`  .. ${what}\n`);
const perK = (ms, lines) => (ms / lines) * 1000;

async function main() {
  const benchStart = nowMs();
  const result = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadavg: loadavg(), runs };

  // Corpus ------------------------------------------------------------------------------------------------------
  let stdlib;
  try {
    stdlib = findStdlib();
  } catch (error) {
    process.stderr.write(`memlens bench: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const corpus = loadCorpus(stdlib.stdlib);
  const { files, lines } = corpus;
  result.corpus = { stdlib: stdlib.stdlib, python: stdlib.version, rule: CORPUS_RULE, files: files.length, lines, bytes: corpus.bytes, skippedNotUtf8: corpus.skipped };
  log(`MemLens benchmark  ${result.date}  node ${process.version}  ${cpus().length} cores  load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log(`Corpus: CPython ${stdlib.version} standard library at ${stdlib.stdlib}`);
  log(`  ${fmtInt(files.length)} files, ${fmtInt(lines)} lines (${(corpus.bytes / 1e6).toFixed(1)} MB)${corpus.skipped.length ? `; ${corpus.skipped.length} non-UTF-8 files skipped` : ''}`);
  log(`  rule: ${CORPUS_RULE}`);
  log(`  whole-corpus numbers are the median of ${runs} run${runs === 1 ? '' : 's'} after a warm-up`);
  log();

  step('bundling the core for in-process timing');
  const { core, available } = await bundleCore(root, join(root, '.cache', 'bench'));
  await core.parser.loadPythonParser();

  // 1-3. Whole corpus, in rounds: each round runs the CLI (cold), ruff-wasm and MemLens in-process one after the
  // other, so a round's three numbers share the machine's load; round 0 is the untimed warm-up. Ratios are the
  // median of the per-round ratios.
  const cliPath = join(root, 'dist', 'cli.js');
  const cliSkip = !withCli ? '--no-cli' : !existsSync(cliPath) ? 'dist/cli.js not built (server/src/cli.ts does not exist yet)' : undefined;
  const cliArgs = ['check', '--format', 'json', '--exit-zero', '--python', '3.11', ...files.map((f) => f.rel)];
  const ruff = loadRuff(root);
  const rounds = [];
  let cliFailure;
  for (let i = 0; i <= runs; i++) {
    const round = {};
    const label = i === 0 ? 'warm-up' : `run ${i}/${runs}`;
    if (!cliSkip && !cliFailure) {
      step(`memlens check (CLI, cold) ${label}`);
      const r = await runCli(root, cliArgs, { cwd: stdlib.stdlib });
      if (r.code !== 0 && r.code !== 1) cliFailure = `exit ${r.code}: ${r.stderr.trim().split('\n').slice(0, 5).join(' | ')}`;
      else {
        try {
          round.cli = { ms: r.ms, cpuMs: r.cpuMs, rssMb: r.rssMb, findings: JSON.parse(r.stdout).length };
        } catch {
          cliFailure = `stdout is not a JSON array (first bytes: ${JSON.stringify(r.stdout.slice(0, 80))})`;
        }
      }
    }
    if (!ruff.error) {
      step(`ruff-wasm ${label}`);
      round.ruff = runRuff(ruff.workspace, files);
    }
    step(`memlens in-process ${label}`);
    round.inProcess = corpusPass(core, files, PYTHON);
    if (i > 0) rounds.push(round);
  }
  const cliRounds = rounds.filter((r) => r.cli).map((r) => r.cli);
  if (cliSkip) result.cli = { skipped: cliSkip };
  else if (cliRounds.length === 0) result.cli = { error: cliFailure ?? 'no run completed' };
  else {
    const ms = median(cliRounds.map((c) => c.ms));
    result.cli = {
      ms,
      runsMs: cliRounds.map((c) => c.ms),
      cpuMs: median(cliRounds.map((c) => c.cpuMs)),
      linesPerSecond: (lines / ms) * 1000,
      msPer1kLines: perK(ms, lines),
      peakRssMb: Math.max(...cliRounds.map((c) => c.rssMb)),
      measuredWith: measureMethod(),
      findings: cliRounds[cliRounds.length - 1].findings,
      warning: cliFailure,
    };
  }
  if (ruff.error) result.ruff = { skipped: ruff.error };
  else {
    const samples = rounds.map((r) => r.ruff);
    const ms = median(samples.map((s) => s.ms));
    const last = samples[samples.length - 1];
    result.ruff = { version: ruff.version, rules: RUFF_RULES, ms, runsMs: samples.map((s) => s.ms), cpuMs: median(samples.map((s) => s.cpuMs)), msPer1kLines: perK(ms, lines), linesPerSecond: (lines / ms) * 1000, diagnostics: last.diagnostics, byCode: last.byCode, failedFiles: last.failed };
  }
  const passes = rounds.map((r) => r.inProcess);
  const parseMs = median(passes.map((p) => p.parseMs));
  const analyzeMs = median(passes.map((p) => p.analyzeMs));
  const lastPass = passes[passes.length - 1];
  result.inProcess = {
    parseMs,
    analyzeMs,
    totalMs: median(passes.map((p) => p.parseMs + p.analyzeMs)),
    runsMs: passes.map((p) => p.parseMs + p.analyzeMs),
    cpuMs: median(passes.map((p) => p.cpuMs)),
    parseMsPer1kLines: perK(parseMs, lines),
    analyzeMsPer1kLines: perK(analyzeMs, lines),
    findings: lastPass.findings,
    byCode: lastPass.byCode,
    checkFailures: lastPass.failures,
  };
  result.roundRatios = {
    cliVsRuff: rounds.filter((r) => r.cli && r.ruff).map((r) => r.cli.ms / r.ruff.ms),
    inProcessVsRuff: rounds.filter((r) => r.ruff).map((r) => (r.inProcess.parseMs + r.inProcess.analyzeMs) / r.ruff.ms),
  };
  if (!quick) {
    step('memlens per-check breakdown');
    result.inProcess.perCheck = perCheckPass(core, files, PYTHON);
  }

  // 4. Re-analysis after a one-character edit ------------------------------------------------------------------
  const largest = files.reduce((a, b) => (b.lines > a.lines ? b : a));
  const nearTarget = files.reduce((a, b) => (Math.abs(b.lines - EDIT_TARGET_LINES) < Math.abs(a.lines - EDIT_TARGET_LINES) ? b : a));
  const pairs = quick ? 20 : 100;
  result.edits = [];
  for (const file of [...new Set([largest, nearTarget])]) {
    step(`edit benchmark on ${file.rel}`);
    const edit = { role: file === largest ? 'largest file' : `~${EDIT_TARGET_LINES / 1000}k-line file`, ...editBench(core, file, PYTHON, { pairs }) };
    if (!ruff.error) {
      step(`ruff-wasm re-checking ${file.rel}`);
      edit.ruffRecheck = ruffRecheck(ruff.workspace, file.text, { runs: quick ? 40 : 100 });
    }
    result.edits.push(edit);
  }
  if (!ruff.error) ruff.workspace.free();

  // 5. Memory model ---------------------------------------------------------------------------------------------
  step('memory model');
  result.model = {
    instanceCost: available.layout ? benchInstanceCost(core) : { skipped: 'not available yet (server/src/model/layout/index.ts does not exist)' },
    heap: benchHeap(core, available, root, { major: 3, minor: 12 }),
  };

  // 5b. The heap diagram's layout (issue 5): dagre as the panel runs it, against elkjs on the same graphs -------
  step('heap diagram layout (dagre, elkjs)');
  try {
    result.diagramLayout = await benchDiagramLayout(root, join(root, '.cache', 'bench'), { runs: quick ? 3 : 5, elkRuns: quick ? 1 : 3 });
  } catch (e) {
    result.diagramLayout = { error: String(e?.stack ?? e) };
  }

  // 6. The editor's path through LSP (issue 4): the built server over stdio, start-up, keystrokes, hovers --------
  const lspSkip = !withLsp ? '--no-lsp' : serverUnavailable(root);
  if (lspSkip) result.lsp = { skipped: lspSkip };
  else {
    try {
      step('LSP: server start-up (spawn to initialize, to first diagnostics)');
      const startup = await benchStartup(root, { runs: quick ? 3 : 5 });
      step(`LSP: keystrokes and hovers on ${nearTarget.rel} (100 edits ${KEYSTROKE_GAP_MS} ms apart, then hovers)`);
      result.lsp = { startup, editor: await benchEditorFile(root, nearTarget, { edits: 100, hoversPerKind: quick ? 15 : 30 }) };
    } catch (error) {
      result.lsp = { error: error instanceof Error ? error.message : String(error) };
    }
  }

  // 7. Activation in a real VS Code (issue 4), optional: slow (a VS Code launch per run) ------------------------
  const vscodeSkip = !withVscode ? '--no-vscode' : vscodeUnavailable(root);
  if (vscodeSkip) result.activation = { skipped: `real VS Code activation skipped: ${vscodeSkip}` };
  else {
    try {
      result.activation = await benchActivation(root, { runs: quick ? 1 : 3, step });
    } catch (error) {
      result.activation = { error: error instanceof Error ? error.message : String(error) };
    }
  }

  // 8. pylint on a subset, extrapolated -------------------------------------------------------------------------
  const pylint = findPylint();
  if (!withPylint) result.pylint = { skipped: quick ? '--quick' : '--no-pylint' };
  else if (!pylint) result.pylint = { skipped: 'pylint not installed: skipped (Debian: apt-get install pylint)' };
  else {
    const subset = pylintSubset(files);
    const subsetLines = subset.reduce((n, f) => n + f.lines, 0);
    step(`pylint on every ${PYLINT_SUBSET_STRIDE}th file (${subset.length} files, ${subsetLines} lines), -j 2`);
    const r = await runPylint(pylint, stdlib.stdlib, subset, 2);
    result.pylint = r.error
      ? { error: r.error }
      : { version: pylint.version, messages: PYLINT_MESSAGES, subsetFiles: subset.length, subsetLines, ms: r.ms, cpuMs: r.cpuMs, cpuMsPer1kLines: perK(r.cpuMs, subsetLines), msPer1kLines: perK(r.ms, subsetLines), extrapolatedMs: perK(r.ms, subsetLines) * (lines / 1000), diagnostics: r.diagnostics, otherMessages: r.other, byCode: r.byCode };
    if (!r.error) {
      step(`pylint with every default checker on the same subset (for information: the issue's reference figure)`);
      const all = await runPylint(pylint, stdlib.stdlib, subset, 2, { allCheckers: true });
      if (!all.error) Object.assign(result.pylint, { allCheckersMs: all.ms, allCheckersMsPer1kLines: perK(all.ms, subsetLines), allCheckersCpuMsPer1kLines: perK(all.cpuMs, subsetLines) });
    }
  }

  result.benchMs = nowMs() - benchStart;
  result.loadavgAfter = loadavg();
  report(result);
  const outDir = join(root, '.cache', 'bench');
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(result, null, 2);
  const stamped = join(outDir, `results-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(stamped, json);
  writeFileSync(join(outDir, 'latest.json'), json);
  log();
  log(`Results: ${stamped.slice(root.length + 1)} (and .cache/bench/latest.json); bench took ${fmtMs(result.benchMs)}.`);
}

const verdict = (ok) => (ok === undefined ? '-' : ok ? 'PASS' : 'FAIL');
const why = (part) => part.skipped ?? (part.error ? `error: ${part.error}` : '');

function report(r) {
  const { lines } = r.corpus;
  const cli = r.cli;
  const ruff = r.ruff;
  const ip = r.inProcess;
  const pl = r.pylint;
  const has = (part) => part && !part.skipped && !part.error;

  log();
  log(`Whole corpus (median of ${r.runs} rounds; each round runs the CLI, ruff and the in-process pass back to back)`);
  const cpuK = (ms) => (Number.isFinite(ms) ? perK(ms, lines).toFixed(2) : 'n/a');
  const rows = [['tool', 'wall', 'ms / 1k lines', 'lines / s', 'CPU ms / 1k lines', 'peak RSS', 'findings', 'notes']];
  const none = (name, reason) => [name, '-', '-', '-', '-', '-', '-', reason];
  if (has(cli)) rows.push(['memlens check (CLI, cold)', fmtMs(cli.ms), cli.msPer1kLines.toFixed(2), fmtInt(cli.linesPerSecond), cpuK(cli.cpuMs), `${cli.peakRssMb.toFixed(0)} MB`, fmtInt(cli.findings), `runs ${cli.runsMs.map(fmtMs).join(', ')}${cli.warning ? `; ${cli.warning}` : ''}`]);
  else rows.push(none('memlens check (CLI, cold)', why(cli)));
  rows.push(['memlens in-process, 1 core', fmtMs(ip.totalMs), perK(ip.totalMs, lines).toFixed(2), fmtInt((lines / ip.totalMs) * 1000), cpuK(ip.cpuMs), '-', fmtInt(ip.findings), `parse + analyzeTree, no I/O, no workers; runs ${ip.runsMs.map(fmtMs).join(', ')}`]);
  rows.push(['  of which tree-sitter parse', fmtMs(ip.parseMs), ip.parseMsPer1kLines.toFixed(2), fmtInt((lines / ip.parseMs) * 1000), '', '-', '-', '']);
  rows.push(['  of which analyzeTree', fmtMs(ip.analyzeMs), ip.analyzeMsPer1kLines.toFixed(2), fmtInt((lines / ip.analyzeMs) * 1000), '', '-', '-', Object.keys(ip.checkFailures).length ? `check failures: ${JSON.stringify(ip.checkFailures)}` : '']);
  if (has(ruff)) rows.push([`ruff-wasm ${ruff.version}, 1 core`, fmtMs(ruff.ms), ruff.msPer1kLines.toFixed(2), fmtInt(ruff.linesPerSecond), cpuK(ruff.cpuMs), '-', fmtInt(ruff.diagnostics), `${RUFF_RULES.join(' ')}; in-process; runs ${ruff.runsMs.map(fmtMs).join(', ')}`]);
  else rows.push(none('ruff-wasm', why(ruff)));
  if (has(pl)) rows.push([`${pl.version}, -j 2`, `${fmtMs(pl.extrapolatedMs)} (est.)`, pl.msPer1kLines.toFixed(1), fmtInt((1000 / pl.msPer1kLines) * 1000), Number.isFinite(pl.cpuMsPer1kLines) ? pl.cpuMsPer1kLines.toFixed(1) : 'n/a', '-', `${fmtInt(pl.diagnostics)} (subset)`, `measured once on every ${PYLINT_SUBSET_STRIDE}th file: ${pl.subsetFiles} files, ${fmtInt(pl.subsetLines)} lines in ${fmtMs(pl.ms)}; whole corpus extrapolated`]);
  else rows.push(none('pylint', why(pl)));
  if (has(pl) && pl.allCheckersMs) rows.push([`${pl.version}, -j 2, every default checker`, `${fmtMs(pl.allCheckersMsPer1kLines * (lines / 1000))} (est.)`, pl.allCheckersMsPer1kLines.toFixed(1), fmtInt((1000 / pl.allCheckersMsPer1kLines) * 1000), pl.allCheckersCpuMsPer1kLines.toFixed(1), '-', '-', 'for information: pylint out of the box (the issue\'s ~700 ms per 1k lines); the target is judged on the six-message run']);
  log(table(rows));
  if (ip.perCheck) {
    const { baselineMs, checks } = ip.perCheck;
    log();
    log('analyzeTree per check over the corpus, CPU time (one run each; own = alone minus the no-check baseline)');
    log(
      table([
        ['check', 'codes', 'alone', 'own', 'own ms / 1k lines'],
        ['(baseline: no checks)', 'node collection, imports, suppressions', fmtMs(baselineMs), fmtMs(baselineMs), perK(baselineMs, lines).toFixed(3)],
        ...[...checks].sort((a, b) => b.ownMs - a.ownMs).map((c) => [c.check, c.codes.join(' '), fmtMs(c.ms), fmtMs(c.ownMs), perK(c.ownMs, lines).toFixed(3)]),
      ]),
    );
  }
  if (has(cli) && cli.findings !== ip.findings) {
    log(`Note: the CLI reported ${fmtInt(cli.findings)} findings and the in-process run ${fmtInt(ip.findings)} (same files, python 3.11): they should match.`);
  }
  log();
  log('Findings by code');
  log(`  memlens: ${JSON.stringify(ip.byCode)}`);
  if (has(ruff)) log(`  ruff:    ${JSON.stringify(ruff.byCode)}`);
  if (has(pl)) log(`  pylint (subset): ${JSON.stringify(pl.byCode)}`);

  log();
  log('Re-analysis after a one-character edit (PythonDocument.update, incremental re-parse, then analyzeDocument: nodes re-collected only in re-parsed statements)');
  const recheck = (e) => (e.ruffRecheck ? `${fmtMs(e.ruffRecheck.p50)} / ${fmtMs(e.ruffRecheck.p95)}` : 'not run');
  log(table([['file', 'lines', 'edits', 'p50', 'p95', 'max', 'CPU p50/p95', 'reparse p50/p95', 'analyze p50/p95', 'ruff-wasm whole-file check p50/p95'], ...r.edits.map((e) => [`${e.file} (${e.role})`, fmtInt(e.lines), e.edits, fmtMs(e.p50), fmtMs(e.p95), fmtMs(e.max), `${fmtMs(e.cpuP50)} / ${fmtMs(e.cpuP95)}`, `${fmtMs(e.reparseP50)} / ${fmtMs(e.reparseP95)}`, `${fmtMs(e.analyzeP50)} / ${fmtMs(e.analyzeP95)}`, recheck(e)])]));

  log();
  log('Memory model');
  const ic = r.model.instanceCost;
  const heap = r.model.heap;
  const modelRows = [['operation', 'p50', 'p95', 'CPU p50/p95', 'notes']];
  modelRows.push(ic.skipped ? ['instanceCost (size a class instance)', '-', '-', '-', ic.skipped] : ['instanceCost (size a class instance)', fmtMs(ic.p50), fmtMs(ic.p95), '-', `${ic.calls} calls, 0-30 attributes, slots or not, 3.8-3.14`]);
  if (heap.skipped || heap.error) {
    modelRows.push(['heap simulator, 200-line module', '-', '-', '-', why(heap)]);
    modelRows.push(['heap simulator, list(range(10**7))', '-', '-', '-', why(heap)]);
  } else {
    const outcome = (o) => (o.note ? o.note : `${fmtInt(o.objects)} objects, ${fmtInt(o.bytes)} bytes, ${o.unknownObjects} unknown, ${o.diagnostics} diagnostics${o.diagnostics ? ` (${o.firstDiagnostics.join('; ').slice(0, 120)})` : ''}`);
    const cpu = (t) => `${fmtMs(t.cpuP50)} / ${fmtMs(t.cpuP95)}`;
    modelRows.push([`${heap.entry}(), ${heap.module.lines}-line module`, fmtMs(heap.module.p50), fmtMs(heap.module.p95), cpu(heap.module), `bench/fixtures/heap-module.py: ${outcome(heap.module.outcome)}`]);
    modelRows.push([`${heap.entry}(), x = list(range(10**7))`, fmtMs(heap.listRange.p50), fmtMs(heap.listRange.p95), cpu(heap.listRange), outcome(heap.listRange.outcome)]);
  }
  log(table(modelRows));
  reportDiagramLayout(r.diagramLayout);
  reportEditor(r);

  // Ratios and targets ----------------------------------------------------------------------------------------
  const ratios = {};
  const targets = [];
  const target = (name, goal, value, ok) => targets.push({ name, goal, value, verdict: verdict(ok) });
  if (has(cli)) {
    target('whole-stdlib memlens check (cold CLI)', '<= 1.5 s', fmtMs(cli.ms), cli.ms <= 1500);
    target('peak RSS of memlens check', '<= 300 MB', `${cli.peakRssMb.toFixed(0)} MB`, cli.peakRssMb <= 300);
  } else {
    target('whole-stdlib memlens check (cold CLI)', '<= 1.5 s', why(cli), undefined);
    target('peak RSS of memlens check', '<= 300 MB', why(cli), undefined);
  }
  if (has(ruff)) {
    ratios.inProcessVsRuff = median(r.roundRatios.inProcessVsRuff);
    if (has(cli)) {
      ratios.cliVsRuff = median(r.roundRatios.cliVsRuff);
      target('memlens CLI vs ruff-wasm (per 1k lines)', 'within 3x', fmtRatio(ratios.cliVsRuff), ratios.cliVsRuff <= 3);
    }
    target('memlens in-process vs ruff-wasm (1 core each, no start-up)', 'info', fmtRatio(ratios.inProcessVsRuff), undefined);
    if (has(cli) && Number.isFinite(cli.cpuMs)) {
      ratios.cliCpuVsRuffCpu = cli.cpuMs / ruff.cpuMs;
      target('memlens CLI CPU time vs ruff-wasm CPU time (load-independent)', 'info', fmtRatio(ratios.cliCpuVsRuffCpu), undefined);
    }
  }
  if (has(pl)) {
    ratios.pylintVsInProcess = pl.msPer1kLines / perK(ip.totalMs, lines);
    if (has(cli)) {
      ratios.pylintVsCli = pl.msPer1kLines / cli.msPer1kLines;
      target('pylint vs memlens CLI (per 1k lines)', '>= 100x slower', fmtRatio(ratios.pylintVsCli), ratios.pylintVsCli >= 100);
    }
    target('pylint vs memlens in-process (per 1k lines)', 'info', fmtRatio(ratios.pylintVsInProcess), undefined);
    if (has(cli) && pl.allCheckersMsPer1kLines) {
      ratios.pylintAllCheckersVsCli = pl.allCheckersMsPer1kLines / cli.msPer1kLines;
      target('pylint with every default checker vs memlens CLI (per 1k lines)', 'info', fmtRatio(ratios.pylintAllCheckersVsCli), undefined);
    }
    if (has(cli) && Number.isFinite(cli.cpuMs) && Number.isFinite(pl.cpuMs)) {
      ratios.pylintCpuVsCliCpu = pl.cpuMsPer1kLines / perK(cli.cpuMs, lines);
      target('pylint CPU vs memlens CLI CPU (per 1k lines, load-independent)', 'info', fmtRatio(ratios.pylintCpuVsCliCpu), undefined);
    }
  }
  const sixK = r.edits.find((e) => e.role.startsWith('~')) ?? r.edits[0];
  target(`per-edit re-analysis, ${sixK.file} (${fmtInt(sixK.lines)} lines), p95`, '<= 5 ms', fmtMs(sixK.p95), sixK.p95 <= 5);
  target(`  the same, CPU time p95 (load-independent)`, 'info', fmtMs(sixK.cpuP95), undefined);
  if (sixK.ruffRecheck) {
    // The issue's 5 ms stands beside "ruff re-checks such a file in ~6 ms" on its machine: the same comparison here.
    ratios.editVsRuffRecheck = sixK.p95 / sixK.ruffRecheck.p50;
    target(`  the same p95 / ruff-wasm re-checking that file (p50, ${fmtMs(sixK.ruffRecheck.p50)})`, 'info', fmtRatio(ratios.editVsRuffRecheck), undefined);
  }
  target('sizing a class instance (instanceCost), p95', '<= 1 ms', ic.skipped ? 'not available yet' : fmtMs(ic.p95), ic.skipped ? undefined : ic.p95 <= 1);
  if (heap.module) {
    target('simulating a 200-line module, p95', '<= 20 ms', fmtMs(heap.module.p95), heap.module.p95 <= 20);
    target('list(range(10**7)), p95', '<= 5 ms', fmtMs(heap.listRange.p95), heap.listRange.p95 <= 5);
    target('  the same two, CPU time p95 (load-independent)', 'info', `${fmtMs(heap.module.cpuP95)}, ${fmtMs(heap.listRange.cpuP95)}`, undefined);
  } else {
    target('simulating a 200-line module', '<= 20 ms', 'not available yet', undefined);
    target('list(range(10**7))', '<= 5 ms', 'not available yet', undefined);
  }
  const d500 = r.diagramLayout?.cases?.find((c) => c.objects >= 500 && c.objects < 600);
  if (d500) target('heap diagram layout, 500 objects (dagre), median', '<= 200 ms', fmtMs(d500.dagre.median), d500.dagre.median <= 200);
  const lsp = r.lsp;
  if (has(lsp)) {
    const k = lsp.editor.keystrokes;
    const h = lsp.editor.hovers;
    target(`diagnostics after a keystroke through LSP, ${lsp.editor.file}, p95`, '<= 30 ms', fmtMs(k.p95), k.p95 <= 30);
    target(`hover through LSP, ${lsp.editor.file}, p95`, '<= 20 ms', fmtMs(h.p95), h.p95 <= 20);
    target('  server CPU per keystroke / per hover (load-independent)', 'info', `${fmtMs(k.serverCpuPerEditMs)} / ${fmtMs(h.serverCpuPerHoverMs)}`, undefined);
    // The overall p95 depends on the mix of kinds: show the slowest kind on its own.
    const slowest = [...h.byKind].sort((a, b) => b.p95 - a.p95)[0];
    if (slowest) target(`  slowest hover kind: ${slowest.kind} (${slowest.count} hovers), p95`, 'info', fmtMs(slowest.p95), undefined);
  } else {
    target('diagnostics after a keystroke through LSP, p95', '<= 30 ms', why(lsp), undefined);
    target('hover through LSP, p95', '<= 20 ms', why(lsp), undefined);
  }
  const act = r.activation;
  if (has(act)) {
    target('activation in VS Code (code loading + activate() call, as VS Code counts it)', '<= 150 ms', fmtMs(act.codeLoadingMs + act.activateCallMs), act.codeLoadingMs + act.activateCallMs <= 150);
    target('activation until activate() resolves', '<= 150 ms', fmtMs(act.activateResolvedMs), act.activateResolvedMs <= 150);
  } else {
    target('activation in VS Code', '<= 150 ms', why(act), undefined);
  }
  r.ratios = ratios;
  r.targets = targets;
  const busiest = Math.max(r.loadavg[0], r.loadavgAfter[0]);
  if (busiest > r.cpus) {
    log();
    log(`Warning: the machine was busy (1-minute load ${busiest.toFixed(1)} on ${r.cpus} cores): every time above is inflated; trust the ratios more than the absolute numbers, and re-run when it is quiet.`);
  }
  log();
  log('Targets (issues 2, 3, 4 and 5)');
  log(table([['target', 'goal', 'measured', 'verdict'], ...targets.map((t) => [t.name, t.goal, t.value, t.verdict])]));
  if (pl?.skipped) log(pl.skipped.startsWith('pylint not installed') ? pl.skipped : `pylint: skipped (${pl.skipped})`);
}

/** Issue 5's part: the panel's layout (dagre) against elkjs on the same graphs. */
function reportDiagramLayout(d) {
  log();
  log('Heap diagram layout (what the panel runs once per snapshot step; same boxes and edges for both libraries)');
  if (!d || d.error) {
    log(`  failed: ${d?.error ?? 'not run'}`);
    return;
  }
  const rows = [['graph', 'objects', 'edges', `dagre ${d.dagreVersion} (panel) median`, 'first run', `elkjs ${d.elkVersion} layered median`, 'first run', 'elkjs / dagre']];
  for (const c of d.cases) {
    rows.push([c.case, fmtInt(c.objects), fmtInt(c.edges), fmtMs(c.dagre.median), fmtMs(c.dagre.first), c.elk ? fmtMs(c.elk.median) : '-', c.elk ? fmtMs(c.elk.first) : '-', c.elk ? fmtRatio(c.elk.median / c.dagre.median) : '-']);
  }
  log(table(rows));
}

/** Issue 4's part: the server over stdio, and the extension's activation in a real VS Code. */
function reportEditor(r) {
  const lsp = r.lsp;
  log();
  log('Through LSP (node dist/server.js --stdio, driven with vscode-jsonrpc; times as the client sees them, pipe and JSON included)');
  if (lsp.skipped || lsp.error) log(`  skipped: ${why(lsp)}`);
  else {
    const s = lsp.startup;
    const e = lsp.editor;
    const k = e.keystrokes;
    const h = e.hovers;
    const rows = [['measurement', 'p50', 'p95', 'max', 'server CPU', 'notes']];
    rows.push(['spawn -> initialize answer', fmtMs(s.initializeP50), '-', fmtMs(s.initializeMax), fmtMs(s.initializeCpuP50), `${s.runs} fresh servers, median`]);
    rows.push(['spawn -> first diagnostics, 13-line file', fmtMs(s.firstDiagnosticsP50), '-', fmtMs(s.firstDiagnosticsMax), fmtMs(s.cpuP50), `didOpen right after initialized; ${s.diagnostics} diagnostics`]);
    rows.push([`didOpen -> diagnostics, ${e.file} (${fmtInt(e.lines)} lines)`, fmtMs(e.open.firstPublishMs), '-', fmtMs(e.open.lastPublishMs), '-', `first publish; ${e.open.publishes} publish(es) for the open, ${e.open.diagnostics} diagnostics`]);
    rows.push([`didChange -> publishDiagnostics of that version`, fmtMs(k.p50), fmtMs(k.p95), fmtMs(k.max), `${fmtMs(k.serverCpuPerEditMs)} / edit`, `${k.edits} one-character edits ${k.gapMs} ms apart (insert "x" in an identifier, delete it)`]);
    rows.push(['textDocument/hover', fmtMs(h.p50), fmtMs(h.p95), fmtMs(h.max), `${fmtMs(h.serverCpuPerHoverMs)} / hover`, `${h.count} hovers, ${h.answered} with content`]);
    for (const kind of h.byKind) rows.push([`  on a ${kind.kind}`, fmtMs(kind.p50), fmtMs(kind.p95), fmtMs(kind.max), '', `${kind.count} hovers, ${kind.answered} with content`]);
    log(table(rows));
    log('  server CPU: user + system time of the server process (all threads) from /proc, 10 ms ticks: per edit/hover it is the mean over the loop.');
  }
  const act = r.activation;
  log();
  log('Activation in a real VS Code (code-server 4.100.3 in headless Chromium, fresh profile per launch, a Python file opened)');
  if (act.skipped || act.error) log(`  ${act.skipped ?? `error: ${act.error}`}`);
  else {
    log(
      table([
        ['span', `median of ${act.runs}`, 'notes'],
        ['code loading (require dist/client.js)', fmtMs(act.codeLoadingMs), "VS Code's codeLoadingTime"],
        ['activate() call, until it returns its promise', fmtMs(act.activateCallMs), "VS Code's activateCallTime; Show Running Extensions shows loading + call"],
        ['activate() resolved', fmtMs(act.activateResolvedMs), `VS Code's activateResolvedTime (the server starts after it, see open -> first diagnostics); extension-host CPU ${fmtMs(act.activateResolvedHostCpuMs)}`],
        ['  of which activate() -> server process forked', fmtMs(act.serverStartMs), "the extension's own set-up before the language client starts the server"],
        ['  of which activate() -> first message from the server', fmtMs(act.serverFirstMessageMs), 'over Node IPC: its `initialize` answer'],
        ['  status bar refresh (a second one, after activation)', fmtMs(act.statusRefreshMs), 'activate() ends with the first one; the rest is the server start and the LSP handshake'],
        ['open a .py file -> activate() called', fmtMs(act.openToActivateCallMs), 'VS Code opening the document and firing onLanguage:python'],
        ['open a .py file -> first MemLens diagnostics', fmtMs(act.openToDiagnosticsMs), 'what the user waits for'],
      ]),
    );
  }
}

main().catch((error) => {
  process.stderr.write(`memlens bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
