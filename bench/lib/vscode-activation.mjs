// Activation time of the extension in a real VS Code 1.100.3 (code-server in headless Chromium, the same host the
// test suite uses: test/vscode/code-server-launcher.mjs), launched through @vscode/test-electron's runTests with
// bench/lib/activation-probe.cjs as the "tests" module. Each launch is a fresh VS Code (new user data, extensions
// and workspace folders), so every activation is a first activation, as when a user opens a Python file.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CODE_SERVER } from '../../test/vscode/code-server-launcher.mjs';
import { percentile } from './stats.mjs';

const PROBE_FILE = `class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def add(item, bucket=[]):
    bucket.append(item)
    return bucket
`;

/** Why the real-VS Code part cannot run here, or undefined. */
export function vscodeUnavailable(root) {
  if (!existsSync(CODE_SERVER)) return `code-server is not installed at ${CODE_SERVER} (scripts/install-test-host.sh)`;
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(join(root, 'dist', 'client.js'))) return 'dist/client.js is not built (node scripts/build.mjs)';
  return undefined;
}

async function launchOnce(root) {
  const scratch = mkdtempSync(join(tmpdir(), 'memlens-bench-activation-'));
  try {
    const workspace = join(scratch, 'workspace');
    mkdirSync(workspace, { recursive: true });
    const file = join(workspace, 'probe.py');
    writeFileSync(file, PROBE_FILE);
    const out = join(scratch, 'result.json');
    const started = Date.now();
    let launchError;
    try {
      await runTests({
        vscodeExecutablePath: join(root, 'test', 'vscode', 'code-server-launcher.mjs'),
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'bench', 'lib', 'activation-probe.cjs'),
        launchArgs: [workspace, `--extensions-dir=${join(scratch, 'extensions')}`, `--user-data-dir=${join(scratch, 'user-data')}`],
        extensionTestsEnv: { MEMLENS_BENCH_ACTIVATION_OUT: out, MEMLENS_BENCH_ACTIVATION_FILE: file },
      });
    } catch (error) {
      launchError = error instanceof Error ? error.message : String(error);
    }
    const launchMs = Date.now() - started;
    if (!existsSync(out)) return { error: `the probe reported nothing${launchError ? ` (${launchError})` : ''}`, launchMs };
    return { ...JSON.parse(readFileSync(out, 'utf8')), launchMs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** `runs` fresh launches; medians of each span. Progress goes to `step`. */
export async function benchActivation(root, { runs = 1, step = () => undefined } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    step(`real VS Code activation ${i + 1}/${runs} (code-server + headless Chromium)`);
    // runTests prints the launcher's output to stdout: keep the report's stdout clean.
    const write = process.stdout.write;
    process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
    try {
      samples.push(await launchOnce(root));
    } finally {
      process.stdout.write = write;
    }
  }
  const ok = samples.filter((s) => !s.error && s.wrapperUsed);
  if (ok.length === 0) return { error: samples.find((s) => s.error)?.error ?? 'the activation wrapper was not used (VS Code loaded the extension another way)', samples };
  const med = (key) => percentile(ok.map((s) => s[key]), 50);
  return {
    runs: ok.length,
    vscodeVersion: ok[0].vscodeVersion,
    codeLoadingMs: med('codeLoadingMs'),
    activateCallMs: med('activateCallMs'),
    activateResolvedMs: med('activateResolvedMs'),
    activateResolvedHostCpuMs: med('activateResolvedHostCpuMs'),
    serverStartMs: med('serverStartMs'),
    serverFirstMessageMs: med('serverFirstMessageMs'),
    statusRefreshMs: med('statusRefreshMs'),
    openToActivateCallMs: med('openToActivateCallMs'),
    openToActivatedMs: med('openToActivatedMs'),
    openToDiagnosticsMs: med('openToDiagnosticsMs'),
    samples,
  };
}
