// Runs inside VS Code's extension host as the --extensionTestsPath module (see vscode-activation.mjs): times the
// MemLens extension's activation the way VS Code itself accounts for it, then the first diagnostics, and writes
// the numbers as JSON to $MEMLENS_BENCH_ACTIVATION_OUT.
//
// VS Code's ActivationTimes (shown by "Developer: Show Running Extensions") are: code loading (requiring the
// extension's main module), the activate() call (until it returns its promise) and activate() resolved (until
// that promise settles; MemLens's activate() awaits the language client's start, i.e. the server's spawn and its
// `initialize` answer). The extension host does not expose them to extensions, so this probe measures the same
// three spans itself: it requires the main module first (timing the load) and puts a timing wrapper around its
// `activate` export in Node's module cache, from which the extension host's own require then takes it. VS Code
// then activates the extension as it would for a user, because a Python file is opened (`onLanguage:python`).
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const vscode = require('vscode');

const EXTENSION_ID = 'memlens.memlens';

async function waitFor(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function measure() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  const result = { vscodeVersion: vscode.version, alreadyActive: ext.isActive };
  if (ext.isActive) return { ...result, error: 'the extension was already active before the probe ran (activation not measurable)' };

  const mainPath = require.resolve(join(ext.extensionPath, ext.packageJSON.main));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const loaded = require(mainPath);
  result.codeLoadingMs = performance.now() - t0;
  result.codeLoadingCpuMs = cpuMs(process.cpuUsage(cpu0));
  const timings = {};
  const wrapped = { ...loaded };
  wrapped.activate = function (...args) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    timings.calledAt = start;
    const returned = loaded.activate.apply(this, args);
    timings.activateCallMs = performance.now() - start;
    timings.activateCallCpuMs = cpuMs(process.cpuUsage(cpu));
    return Promise.resolve(returned).finally(() => {
      timings.activateResolvedMs = performance.now() - start;
      // Extension-host CPU only (the server is another process); other extensions' work in between counts too.
      timings.activateResolvedHostCpuMs = cpuMs(process.cpuUsage(cpu));
    });
  };
  require.cache[mainPath].exports = wrapped;
  // When the language client forks the server (vscode-languageclient calls child_process.fork/spawn at that
  // moment, on the shared module object): splits activate() into the extension's own setup and the server's start.
  const childProcess = require('node:child_process');
  for (const name of ['fork', 'spawn']) {
    const original = childProcess[name];
    childProcess[name] = function (...args) {
      const first = timings.calledAt !== undefined && timings.serverStartMs === undefined && timings.activateResolvedMs === undefined;
      if (first) {
        timings.serverStartMs = performance.now() - timings.calledAt;
        timings.serverStartedWith = name;
      }
      const child = original.apply(this, args);
      // Over Node IPC the server's first message is its `initialize` answer (it logs only on errors).
      if (first && name === 'fork') child.once('message', () => (timings.serverFirstMessageMs = performance.now() - timings.calledAt));
      return child;
    };
  }

  // Open a Python file as a user would: VS Code activates the extension on onLanguage:python.
  const file = process.env.MEMLENS_BENCH_ACTIVATION_FILE;
  const uri = vscode.Uri.file(file);
  const opened = performance.now();
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const api = await ext.activate();
  result.openToActivatedMs = performance.now() - opened;
  // activate() ends with the status bar's first refresh (target version: interpreter, pyproject.toml): time a
  // second one, to tell it apart from the server's start.
  if (typeof api?.statusBar?.refresh === 'function') {
    const t = performance.now();
    await api.statusBar.refresh();
    result.statusRefreshMs = performance.now() - t;
  }
  result.wrapperUsed = timings.calledAt !== undefined;
  if (result.wrapperUsed) {
    await waitFor('activate() to resolve', () => timings.activateResolvedMs, 5_000);
    result.openToActivateCallMs = timings.calledAt - opened;
  }
  const diagnostics = await waitFor('MemLens diagnostics', () => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'memlens');
    return d.length > 0 ? d : undefined;
  });
  result.openToDiagnosticsMs = performance.now() - opened;
  result.diagnostics = diagnostics.length;
  Object.assign(result, timings);
  delete result.calledAt;
  return result;
}

function cpuMs(usage) {
  return (usage.user + usage.system) / 1000;
}

exports.run = async function run() {
  const out = process.env.MEMLENS_BENCH_ACTIVATION_OUT;
  let result;
  try {
    result = await measure();
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  }
  if (out) writeFileSync(out, JSON.stringify(result));
};
