// Runs the extension's mocha suites (test/vscode/suite) inside a real VS Code 1.100.3 (code-server in headless
// Chromium, see test/vscode/code-server-launcher.mjs) through @vscode/test-electron's runTests, which downloads
// nothing when given an executable. Then packs the .vsix (scripts/package-vsix.mjs), installs it into a fresh
// code-server as a user would and runs the UI smoke test on it (test/vscode/ui-smoke.mjs: activation from the
// installed package, squiggles, hover and quick-fix menu, with screenshots in .test-output/screenshots).
// Prints a JSON line {"passes","failures","pending"} last, for run-tests.mjs.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CHROMIUM, CODE_SERVER } from '../test/vscode/code-server-launcher.mjs';
import { packageVsix } from './package-vsix.mjs';

const root = dirname(dirname(new URL(import.meta.url).pathname));

export function vscodeTestsUnavailable() {
  if (!existsSync(CODE_SERVER)) return `code-server is not installed (run scripts/install-test-host.sh)`;
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(join(root, 'dist', 'client.js'))) return 'dist/client.js is missing (npm run build)';
  return undefined;
}

async function main() {
  const missing = vscodeTestsUnavailable();
  if (missing) {
    console.log(`real VS Code tests skipped: ${missing}`);
    console.log(JSON.stringify({ passes: 0, failures: 0, pending: 1, skipped: missing }));
    return;
  }
  const suiteDir = join(root, 'test', 'vscode', 'suite');
  const outDir = join(root, 'out', 'test', 'vscode', 'suite');
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => join(suiteDir, f)),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: true,
    logLevel: 'warning',
  });
  const counts = await runSuites(outDir, {});
  // A second launch with workspace trust on: the workspace opens untrusted, and the suites that need that (named
  // "... untrusted workspace ...") run there. Only those: the rest ran in the trusted launch above.
  const grep = process.env.MEMLENS_TEST_GREP;
  if (!grep || new RegExp(grep).test(UNTRUSTED_NAME)) {
    const untrusted = await runSuites(outDir, { MEMLENS_WORKSPACE_TRUST: '1', MEMLENS_TEST_GREP: 'untrusted workspace' });
    counts.passes += untrusted.passes;
    counts.failures += untrusted.failures;
  }
  const smoke = runPackagedUiSmoke();
  if (smoke) {
    counts.passes += smoke.passes;
    counts.failures += smoke.failures;
  }
  console.log(JSON.stringify(counts));
}

/** The suite run in the launch with workspace trust on (see test/vscode/suite/measure.test.ts). */
const UNTRUSTED_NAME = 'measure with python in an untrusted workspace refuses to run the snippet and explains why (untrusted workspace)';

/** One runTests launch of the suites in a fresh copy of the workspace; `env` reaches the launcher and the suites. */
async function runSuites(outDir, env) {
  const suiteDir = join(root, 'test', 'vscode', 'suite');
  const scratch = mkdtempSync(join(tmpdir(), 'memlens-vscode-ws-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  const resultsFile = join(scratch, 'results.json');
  // A stand-in for the Python extension (not downloadable here), so `pythonVersion: auto` can follow an interpreter.
  const extensionsDir = join(scratch, 'extensions');
  cpSync(join(suiteDir, 'fake-python-extension'), join(extensionsDir, 'ms-python.python-0.0.1'), { recursive: true });
  // The launcher reads MEMLENS_WORKSPACE_TRUST from its own environment.
  const saved = process.env.MEMLENS_WORKSPACE_TRUST;
  if (env.MEMLENS_WORKSPACE_TRUST) process.env.MEMLENS_WORKSPACE_TRUST = env.MEMLENS_WORKSPACE_TRUST;
  let exitError;
  try {
    await runTests({
      vscodeExecutablePath: join(root, 'test', 'vscode', 'code-server-launcher.mjs'),
      extensionDevelopmentPath: root,
      extensionTestsPath: join(outDir, 'index.js'),
      launchArgs: [workspace, `--extensions-dir=${extensionsDir}`],
      extensionTestsEnv: { MEMLENS_VSCODE_RESULTS: resultsFile, MEMLENS_TEST_WORKSPACE: workspace, ...env },
    });
  } catch (error) {
    exitError = error;
  } finally {
    if (saved === undefined) delete process.env.MEMLENS_WORKSPACE_TRUST;
    else process.env.MEMLENS_WORKSPACE_TRUST = saved;
  }
  let counts = { passes: 0, failures: 1, pending: 0 };
  if (existsSync(resultsFile)) counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
  else console.error(`the VS Code test run${env.MEMLENS_WORKSPACE_TRUST ? ' with workspace trust on' : ''} reported no results${exitError ? `: ${exitError}` : ''}`);
  rmSync(scratch, { recursive: true, force: true });
  return counts;
}

/** The UI smoke checks are named "ui smoke: ..." for --grep. */
const UI_SMOKE_NAME = 'ui smoke: packaged vsix, squiggles, hover, quick fix, screenshots';

/** Packs the .vsix, installs it into a fresh code-server and runs test/vscode/ui-smoke.mjs on it; returns its counts. */
function runPackagedUiSmoke() {
  const grep = process.env.MEMLENS_TEST_GREP;
  if (grep && !new RegExp(grep).test(UI_SMOKE_NAME)) return undefined;
  const started = Date.now();
  let vsix;
  try {
    vsix = packageVsix({ out: join(root, '.test-output', 'memlens.vsix'), restoreDev: true, quiet: true });
  } catch (error) {
    console.log(`  ✘ ui smoke: npm run package failed: ${error?.message ?? error}`);
    return { passes: 0, failures: 1 };
  }
  console.log(`\n  ui smoke: packaged ${vsix.path} (${(vsix.bytes / 1024).toFixed(0)} KB)`);
  const child = spawnSync(process.execPath, [join(root, 'test', 'vscode', 'ui-smoke.mjs'), '--vsix', vsix.path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 180_000 });
  const lines = (child.stdout ?? '').trim().split('\n');
  const last = lines.pop() ?? '';
  for (const line of lines) console.log(line);
  try {
    const { passes, failures } = JSON.parse(last);
    console.log(`  ui smoke: ${passes} passed, ${failures} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { passes: passes + 1, failures }; // + the packaging check (size under 3 MB)
  } catch {
    console.log(`  ✘ ui smoke crashed before reporting (exit ${child.status}${child.signal ? `, ${child.signal}` : ''})`);
    return { passes: 1, failures: 1 };
  }
}

await main();
