#!/usr/bin/env node
// UI smoke test in the real workbench (VS Code 1.100.3 as code-server, headless Chromium): installs the packaged
// .vsix the way a user would (`code-server --install-extension`), opens a Python file and checks, by looking at the
// page, what a user sees: the squiggles, the status bar item, the hover over a class name (with its size) and the
// quick-fix menu (with the fix's title). Saves a screenshot of each into .test-output/screenshots/.
// The extension-host mocha suites cannot see the page; this runs on the Node side with Playwright.
//
// Usage: node test/vscode/ui-smoke.mjs --vsix FILE   (or --link: symlink the repository instead of installing)
//        [--update-readme-image]: also copy the hover screenshot to docs/images/vscode-hover.png (README's picture)
// Prints one JSON line {"passes","failures","checks":[...]} last.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER, launchChromium, startCodeServer, workbenchUrl } from './code-server-launcher.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const SCREENSHOTS = join(root, '.test-output', 'screenshots');
const STEP_TIMEOUT_MS = 30_000;

/** Editor and widget text uses non-breaking spaces. */
const normalise = (text) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Installs the extension into `extensionsDir`: the .vsix through code-server's CLI, or a symlink to the repository. */
function installExtension(extensionsDir, userDataDir, vsix) {
  mkdirSync(extensionsDir, { recursive: true });
  if (!vsix) {
    const { publisher, name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    symlinkSync(root, join(extensionsDir, `${publisher}.${name}-${version}`), 'dir');
    return 'linked the repository';
  }
  const scratch = mkdtempSync(join(tmpdir(), 'memlens-install-'));
  const output = execFileSync(CODE_SERVER, ['--install-extension', resolve(vsix), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data') },
    timeout: 60_000,
  });
  rmSync(scratch, { recursive: true, force: true });
  if (!/successfully installed/i.test(output)) throw new Error(`installing ${vsix} failed:\n${output}`);
  return `installed ${vsix}`;
}

async function main() {
  const vsix = option('vsix');
  if (!vsix && !process.argv.includes('--link')) {
    console.error('usage: ui-smoke.mjs --vsix FILE | --link');
    process.exit(2);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'memlens-ui-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(here, 'workspace'), workspace, { recursive: true });
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');

  const checks = [];
  const check = async (name, body) => {
    const started = Date.now();
    try {
      await body();
      checks.push({ name, ok: true });
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      checks.push({ name, ok: false, error: String(error?.message ?? error) });
      console.log(`  ✘ ${name}: ${error?.message ?? error}`);
    }
  };

  let server;
  let browser;
  let installed;
  try {
    installed = installExtension(extensionsDir, userDataDir, vsix);
    console.log(`ui smoke: ${installed}`);
    if (vsix) {
      await check('the installed extension carries the licences of the code it bundles', async () => {
        const [folder] = readdirSync(extensionsDir).filter((f) => f.includes('memlens'));
        const notices = readFileSync(join(extensionsDir, folder, 'dist', 'ThirdPartyNotices.txt'), 'utf8');
        for (const pkg of ['web-tree-sitter', 'tree-sitter-python', '@dagrejs/dagre', 'vscode-languageserver', 'vscode-languageclient', 'smol-toml']) {
          if (!new RegExp(`^${pkg.replace(/[/.]/g, '\\$&')} \\S+ \\(`, 'm').test(notices)) throw new Error(`ThirdPartyNotices.txt does not list ${pkg}`);
        }
        if (!/Permission is hereby granted/.test(notices)) throw new Error('ThirdPartyNotices.txt has no licence texts');
      });
    }
    server = await startCodeServer({
      userDataDir,
      extensionsDir,
      // Big enough to read in the screenshots; hovers appear quickly and stay while the mouse rests.
      settings: { 'editor.fontSize': 15, 'editor.hover.delay': 200, 'editor.hover.above': false, 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern', 'window.zoomLevel': 0 },
    });
    browser = await launchChromium(join(scratch, 'chromium'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(workbenchUrl(server.port, workspace));
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor().catch(() => undefined);

    // Open shapes.py through Quick Open, as a user would.
    const editorLines = page.locator('.editor-instance .view-lines');
    await check('opens shapes.py from Quick Open', async () => {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('shapes.py');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
      await page.keyboard.press('Enter');
      await editorLines.first().waitFor();
      await page.waitForFunction(() => (document.querySelector('.editor-instance .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ').includes('class Point'));
    });

    await check('the installed extension activates on a Python file: squiggles for its findings, its version in the status bar', async () => {
      // One squiggle decoration per finding range (warnings and information use different classes).
      await page.locator('.squiggly-warning').first().waitFor();
      await page.locator('.squiggly-info').first().waitFor();
      const status = page.locator('.statusbar-item', { hasText: 'MemLens' });
      await status.first().waitFor();
      const text = normalise(await status.first().innerText());
      if (!/MemLens 3\.12/.test(text)) throw new Error(`status bar item says "${text}"`);
      // The whole window: squiggles, the Problems count and the MemLens status bar item.
      await page.screenshot({ path: join(SCREENSHOTS, 'squiggles.png') });
    });

    let hoverText = '';
    await check('hovering the class name shows its size per instance', async () => {
      // VS Code caps a hover at a quarter of the editor's height (at least 250 px): a tall window lets the whole
      // explanation show without a scrollbar.
      await page.setViewportSize({ width: 1400, height: 2600 });
      await page.waitForTimeout(300);
      // The class name's token on `class Point:`.
      const line = page.locator('.view-line', { hasText: 'class Point:' });
      const token = line.locator('span > span', { hasText: /^Point$/ });
      const box = await token.first().boundingBox();
      if (!box) throw new Error('no box for the token `Point`');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: 'per instance' });
      await hover.first().waitFor();
      hoverText = normalise(await page.locator('.monaco-hover:not(.hidden)').first().innerText());
      if (!/class Point: about \d+ bytes per instance on CPython 3\.12/.test(hoverText)) throw new Error(`hover says: ${hoverText.slice(0, 300)}`);
      if (!/MEM401/.test(hoverText)) throw new Error(`the hover lacks the MEM401 finding: ${hoverText.slice(0, 300)}`);
      await page.waitForTimeout(300); // let the widget finish its layout
      // The editor's top left down to the hover's bottom right: the squiggled class name and the whole hover.
      const editorBox = await page.locator('.part.editor').boundingBox();
      const hoverBox = await page.locator('.monaco-hover:not(.hidden)').first().boundingBox();
      const right = Math.min(editorBox.x + editorBox.width, hoverBox.x + hoverBox.width + 24);
      const bottom = Math.min(editorBox.y + editorBox.height, hoverBox.y + hoverBox.height + 24);
      await page.screenshot({ path: join(SCREENSHOTS, 'hover.png'), clip: { x: editorBox.x, y: editorBox.y, width: right - editorBox.x, height: bottom - editorBox.y } });
    });

    await check('Ctrl+. on the mutated default lists the fix', async () => {
      await page.mouse.move(5, 5);
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.waitForTimeout(300);
      await page.keyboard.press('Escape');
      const line = page.locator('.view-line', { hasText: 'def collect(item, into=[]):' });
      const bracket = line.locator('span > span', { hasText: /^\[\]/ });
      const box = (await bracket.count()) > 0 ? await bracket.first().boundingBox() : null;
      if (box) await page.mouse.click(box.x + 2, box.y + box.height / 2);
      else {
        // Fallback: Go to Line 4, column 25.
        await page.keyboard.press('Control+G');
        await page.keyboard.type('4:25');
        await page.keyboard.press('Enter');
      }
      await page.mouse.move(5, 5);
      await page.keyboard.press('Control+Period');
      const menu = page.locator('.action-widget');
      await menu.first().waitFor();
      const titles = normalise(await menu.first().innerText());
      if (!titles.includes('Default `into` to None and create a new object in the body')) throw new Error(`quick-fix menu lists: ${titles}`);
      await page.locator('.part.editor').screenshot({ path: join(SCREENSHOTS, 'quick-fix.png') });
      await page.keyboard.press('Escape');
    });
  } catch (error) {
    checks.push({ name: 'ui smoke setup', ok: false, error: String(error?.message ?? error) });
    console.log(`  ✘ ui smoke setup: ${error?.message ?? error}`);
    if (server) console.log(server.log().slice(-2000));
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  const passes = checks.filter((c) => c.ok).length;
  if (process.argv.includes('--update-readme-image') && passes === checks.length) {
    copyFileSync(join(SCREENSHOTS, 'hover.png'), join(root, 'docs', 'images', 'vscode-hover.png'));
    console.log('ui smoke: updated docs/images/vscode-hover.png');
  }
  console.log(`ui smoke: screenshots in ${SCREENSHOTS}`);
  console.log(JSON.stringify({ passes, failures: checks.length - passes, checks }));
  process.exitCode = checks.length - passes > 0 ? 1 : 0;
}

await main();
