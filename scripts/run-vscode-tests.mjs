// Runs the extension's mocha suites (test/vscode/suite) inside a real VS Code 1.100.3 (code-server in headless
// Chromium, see test/vscode/code-server-launcher.mjs) through @vscode/test-electron's runTests, which downloads
// nothing when given an executable. Prints a JSON line {"passes","failures","pending"} last, for run-tests.mjs.
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CHROMIUM, CODE_SERVER } from '../test/vscode/code-server-launcher.mjs';

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
  const scratch = mkdtempSync(join(tmpdir(), 'memlens-vscode-ws-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(root, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  const resultsFile = join(scratch, 'results.json');
  let exitError;
  try {
    await runTests({
      vscodeExecutablePath: join(root, 'test', 'vscode', 'code-server-launcher.mjs'),
      extensionDevelopmentPath: root,
      extensionTestsPath: join(outDir, 'index.js'),
      launchArgs: [workspace],
      extensionTestsEnv: { MEMLENS_VSCODE_RESULTS: resultsFile, MEMLENS_TEST_WORKSPACE: workspace },
    });
  } catch (error) {
    exitError = error;
  }
  let counts = { passes: 0, failures: 1, pending: 0 };
  if (existsSync(resultsFile)) counts = JSON.parse(readFileSync(resultsFile, 'utf8'));
  else console.error(`the VS Code test run reported no results${exitError ? `: ${exitError}` : ''}`);
  console.log(JSON.stringify(counts));
  rmSync(scratch, { recursive: true, force: true });
}

await main();
