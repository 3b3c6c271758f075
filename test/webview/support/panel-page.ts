// Loads the heap diagram panel in real Chromium: the HTML from the same builder the extension uses, its script and
// stylesheet served from the repository under a fake webview origin (standing in for webview.asWebviewUri), and a
// fake acquireVsCodeApi that records what the panel posts. Themes are applied the way VS Code does it: CSS
// variables on <html> and a vscode-light / vscode-dark class on <body>.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildHeapPageHtml, createNonce } from '../../../media/src/page/heap-page';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const CHROMIUM = process.env.MEMLENS_CHROMIUM ?? '/usr/bin/chromium';
export const ORIGIN = 'https://memlens-webview.test';
export const SCREENSHOTS = join(ROOT, '.test-output', 'screenshots');

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM} (install Debian's chromium or set MEMLENS_CHROMIUM)`;
}

/** In a suite's before hook: skips the suite, saying why, when there is no Chromium to run it in. */
export function skipWithoutChromium(context: Mocha.Context): void {
  const missing = chromiumMissing();
  if (!missing) return;
  console.log(`    skipped: ${missing}`);
  context.skip();
}

let bundled = false;
/** Bundles media/src/main.ts as scripts/build.mjs does, so the tests always load the current source. */
export async function ensureBundle(): Promise<void> {
  if (bundled) return;
  await esbuild.build({ absWorkingDir: ROOT, entryPoints: [{ in: 'media/src/main.ts', out: 'heap-view' }], outdir: join(ROOT, 'media', 'dist'), bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', sourcemap: true, logLevel: 'warning' });
  bundled = true;
}

export const THEMES: Record<'light' | 'dark' | 'high-contrast', { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#717171', '--vscode-editorWidget-background': '#f8f8f8', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-focusBorder': '#005fb8', '--vscode-textLink-foreground': '#005fb8', '--vscode-sideBar-background': '#f8f8f8', '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-charts-red': '#e51400', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-green': '#388a34', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#652d90', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': "'DejaVu Sans Mono', monospace" },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: { '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editorWidget-background': '#202020', '--vscode-editorWidget-border': '#454545', '--vscode-focusBorder': '#0078d4', '--vscode-textLink-foreground': '#4daafc', '--vscode-sideBar-background': '#181818', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185', '--vscode-charts-orange': '#d18616', '--vscode-charts-purple': '#b180d7', '--vscode-editorLineNumber-foreground': '#8b949e', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': "'DejaVu Sans Mono', monospace" },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: { '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-contrastBorder': '#6fc3df', '--vscode-focusBorder': '#f38518', '--vscode-editorWidget-background': '#0c141f', '--vscode-editorWidget-border': '#6fc3df', '--vscode-descriptionForeground': '#ffffff', '--vscode-button-background': '#000000', '--vscode-button-foreground': '#ffffff', '--vscode-textLink-foreground': '#21a6ff', '--vscode-sideBar-background': '#000000', '--vscode-charts-red': '#f14c4c', '--vscode-charts-blue': '#3794ff' },
  },
};

export interface PanelSession {
  context: BrowserContext;
  page: Page;
  userDataDir: string;
  /** Everything the panel posted through acquireVsCodeApi().postMessage. */
  posted(): Promise<Array<Record<string, unknown>>>;
  send(message: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  theme?: keyof typeof THEMES;
  /** Replaces the page HTML (the CSP tests inject their own scripts into it). */
  transformHtml?: (html: string, nonce: string) => string;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
}

/** In a describe(): one panel for the whole suite (skipped, saying why, without Chromium), closed after it. */
export function openPanelPerSuite(options: OpenOptions, use: (session: PanelSession) => void): void {
  let session: PanelSession | undefined;
  before(async function () {
    skipWithoutChromium(this);
    session = await openPanel(options);
    use(session);
  });
  after(async () => {
    await session?.close();
  });
}

export async function openPanel(options: OpenOptions = {}): Promise<PanelSession> {
  await ensureBundle();
  const userDataDir = mkdtempSync(join(tmpdir(), 'memlens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: options.viewport ?? { width: 1700, height: 1000 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  const nonce = createNonce();
  let html = buildHeapPageHtml({ cspSource: ORIGIN, nonce, scriptUri: `${ORIGIN}/media/dist/heap-view.js`, styleUri: `${ORIGIN}/media/heap-view.css` });
  if (options.transformHtml) html = options.transformHtml(html, nonce);
  // Everything the page loads comes from the repository; anything else (a network request) is refused.
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname === '/panel.html') return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    const file = join(ROOT, decodeURIComponent(url.pathname));
    if (!file.startsWith(join(ROOT, 'media')) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
  });
  const theme = THEMES[options.theme ?? 'light'];
  // A string, not a function: the test runner's TypeScript transform would add helpers the page does not have.
  await context.addInitScript(`(() => {
    window.__posted = [];
    window.__state = undefined;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => window.__state,
      setState: (s) => { window.__state = s; },
    });
    const vars = ${JSON.stringify(theme.vars)};
    document.addEventListener('DOMContentLoaded', () => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      document.body.classList.add(${JSON.stringify(theme.bodyClass)});
    });
  })();`);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${ORIGIN}/panel.html`);
  await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
  return {
    context,
    page,
    userDataDir,
    posted: () => page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted),
    send: async (message) => {
      await page.evaluate((m) => window.postMessage(m, '*'), message as object);
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Sends a snapshot and waits for the panel's `rendered` answer. */
export async function showSnapshot(session: PanelSession, snapshot: unknown, title = 'test.py'): Promise<Record<string, unknown>> {
  const before = (await session.posted()).filter((m) => m.type === 'rendered').length;
  await session.send({ type: 'snapshot', snapshot, title, keepStep: false });
  await session.page.waitForFunction((n) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'rendered').length > n, before);
  const rendered = (await session.posted()).filter((m) => m.type === 'rendered');
  return rendered[rendered.length - 1];
}

export function loadRecordedSnapshot(name: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, 'test', 'webview', 'snapshots', `${name}.json`), 'utf8'));
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
