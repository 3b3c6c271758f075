#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron starts: runs VS Code 1.100.3 as a server
// (code-server, installed by scripts/install-test-host.sh), opens its workbench in Debian's headless Chromium
// and passes the extension under test and its test runner through the workbench URL's payload, as the desktop
// app would take them from the command line. Exits with the exit code the test run reports.
// See ../shared/REAL-VSCODE.md for why desktop VS Code cannot be used on these machines.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { format } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const CODE_SERVER = join(here, 'host', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.MEMLENS_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.MEMLENS_VSCODE_TIMEOUT_MS ?? 300_000);

function argValue(args, name) {
  const prefix = `--${name}=`;
  return args.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(port, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('code-server did not become healthy within 60 s');
}

/** Starts code-server with quiet user settings; returns its port and a stop function. */
export async function startCodeServer({ userDataDir, extensionsDir, settings = {}, workspaceTrust = false }) {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER}: run scripts/install-test-host.sh`);
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'git.enabled': false,
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': workspaceTrust,
        ...settings,
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const scratch = mkdtempSync(join(tmpdir(), 'memlens-cs-'));
  const args = [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  const child = spawn(CODE_SERVER, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data') },
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  await waitForHealth(port, child);
  const stop = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const deadline = Date.now() + 8000;
    while (child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return { port, stop, log: () => log };
}

export async function launchChromium(profileDir) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function workbenchUrl(port, folder, payload) {
  let url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

async function main() {
  const args = process.argv.slice(2);
  const extensionDevelopmentPath = argValue(args, 'extensionDevelopmentPath');
  const extensionTestsPath = argValue(args, 'extensionTestsPath');
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    console.error('usage: code-server-launcher.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [FOLDER]');
    process.exit(2);
  }
  const folder = resolve(args.find((a) => !a.startsWith('--')) ?? process.cwd());
  const scratch = mkdtempSync(join(tmpdir(), 'memlens-vscode-'));
  const userDataDir = argValue(args, 'user-data-dir') ?? join(scratch, 'user-data');
  const extensionsDir = argValue(args, 'extensions-dir') ?? join(scratch, 'extensions');
  const workspaceTrust = process.env.MEMLENS_WORKSPACE_TRUST === '1';
  const server = await startCodeServer({ userDataDir, extensionsDir, workspaceTrust });
  let browser;
  let code = 1;
  try {
    browser = await launchChromium(join(scratch, 'chromium'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    const authority = `127.0.0.1:${server.port}`;
    const exited = new Promise((resolveExit) => {
      page.exposeFunction('codeAutomationExit', (c) => resolveExit(Number(c)));
    });
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const text = Array.isArray(logArgs) ? logArgs.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(logArgs);
      (type === 'error' ? process.stderr : process.stdout).write(text + '\n');
    });
    // The extension host's console reaches the page's console; show the test run's output (mocha's reporter).
    page.on('console', async (message) => {
      // Lines forwarded from the extension host arrive as console.log('%c INFO', 'color: #33f', ...original args):
      // format them as Node would (util.format skips %c's CSS), then keep mocha's lines (indentation, a tick,
      // "N) ", "N passing") unless everything is asked for.
      let args;
      try {
        args = await Promise.all(message.args().map((a) => a.jsonValue()));
      } catch {
        args = [message.text()];
      }
      if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
      const text = format(...args);
      if (process.env.MEMLENS_VSCODE_VERBOSE || /^(\s+\S|✔|\d+\) |\d+ (passing|failing|pending))/.test(text)) process.stdout.write(text + '\n');
    });
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${resolve(extensionDevelopmentPath)}`],
      ['extensionTestsPath', `vscode-remote://${authority}${resolve(extensionTestsPath)}`],
    ];
    await page.goto(workbenchUrl(server.port, folder, payload));
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS));
    const result = await Promise.race([exited, timeout]);
    if (result === 'timeout') {
      console.error(`The test run did not finish within ${TIMEOUT_MS / 1000} s`);
      code = 1;
    } else {
      code = result;
    }
  } catch (error) {
    console.error(error);
    console.error(server.log());
    code = 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
  process.exit(code);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
