// The standalone page `npm run demo` writes (media/src/page/demo-page.ts): opened from disk in Chromium with
// nothing else, it draws the example's heap, steps, and runs no script but its own.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { writeHeapDemoPage } from '../../media/src/page/demo-page';
import { CHROMIUM, skipWithoutChromium, ensureBundle, ROOT, screenshotPath } from './support/panel-page';

describe('webview: standalone heap diagram page (npm run demo)', function () {
  this.timeout(60000);
  let dir: string;
  let context: BrowserContext;
  before(async function () {
    skipWithoutChromium(this);
    await ensureBundle();
    dir = mkdtempSync(join(tmpdir(), 'memlens-demo-'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1500, height: 900 },
    });
  });
  after(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws the bundled example from a file:// URL, with stepping, and no network', async () => {
    const out = join(dir, 'heap.html');
    const r = await writeHeapDemoPage({ file: join(ROOT, 'examples', 'tree.py'), line: 49, out, mediaDir: join(ROOT, 'media') });
    assert.ok(r.objects > 5 && r.steps > 1, JSON.stringify(r));
    const html = readFileSync(out, 'utf8');
    assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=/, 'everything is inlined');
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (q) => requests.push(q.url()));
    await page.goto(pathToFileURL(out).href);
    await page.waitForSelector('g.obj');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
    assert.match((await page.textContent('.toolbar .title')) ?? '', /tree\.py, instance of Window/);
    assert.ok((await page.$$('g.obj')).length > 5);
    assert.ok(await page.$('g.obj[aria-label^="Window"]'), 'the Window instance is drawn');
    const label = async () => (await page.textContent('.step-label')) ?? '';
    const last = await label();
    await page.click('button.step-prev');
    assert.notEqual(await label(), last);
    await page.click('button.step-last');
    assert.equal(await label(), last);
    await page.screenshot({ path: screenshotPath('standalone-tree-window') });
    // README's picture comes from this page: `MEMLENS_UPDATE_README_IMAGES=1 MEMLENS_TEST_LEVELS=webview node scripts/run-tests.mjs --grep=standalone`.
    if (process.env.MEMLENS_UPDATE_README_IMAGES === '1') copyFileSync(screenshotPath('standalone-tree-window'), join(ROOT, 'docs', 'images', 'heap-diagram.png'));
  });
});
