// Strings from user code never become markup or script in the panel, and the page's Content-Security-Policy
// only lets the nonce-carrying bundle run.
import { strict as assert } from 'node:assert';
import { buildHeapPageHtml, jsonForScriptElement } from '../../media/src/page/heap-page';
import { markupSnapshot, SCRIPT_END, XSS } from './support/hand-made-snapshots';
import { openPanelPerSuite, showSnapshot, type PanelSession } from './support/panel-page';

describe('webview: heap diagram security', function () {
  this.timeout(60000);
  let session: PanelSession;
  const dialogs: string[] = [];

  // Two extra scripts in the page: one without the nonce (the CSP must block it), one with it (must run).
  openPanelPerSuite(
    {
      transformHtml: (html, nonce) =>
        html.replace('</body>', `<script>window.__withoutNonce = true;</script>\n<script nonce="${nonce}">window.__withNonce = true;</script>\n</body>`),
    },
    (s) => {
      session = s;
      session.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
    },
  );

  it('the page carries a strict CSP meta tag, and a script without the nonce does not run', async () => {
    const csp = await session.page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content') ?? '');
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9_-]{20,}'; style-src \S+ 'nonce-[A-Za-z0-9_-]+'; img-src \S+ data:; font-src \S+$/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(await session.page.evaluate(() => (window as unknown as { __withoutNonce?: boolean }).__withoutNonce), undefined);
    assert.equal(await session.page.evaluate(() => (window as unknown as { __withNonce?: boolean }).__withNonce), true);
  });

  it('names, values, keys, type names and cycle paths with markup show literally and run nothing', async () => {
    await showSnapshot(session, markupSnapshot(), XSS);
    const page = session.page;
    // No element was created from the data: no <img>, no extra <script>.
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
    const scripts = await page.$$eval('script', (ss) => ss.length);
    assert.equal(scripts, 3, 'only the page\'s own scripts (bundle + the two test scripts)');
    const svgText = await page.$eval('.diagram svg', (s) => s.textContent ?? '');
    assert.ok(svgText.includes(`['${XSS}']`), 'the dict key shows literally');
    assert.ok(svgText.includes(XSS), 'the variable name and the type name show literally');
    assert.ok(svgText.includes(SCRIPT_END.slice(0, 30)), 'a value with </script> shows literally (clipped to the box)');
    assert.ok((await page.$eval('.toolbar .title', (t) => t.textContent)) === XSS);
    assert.ok((await page.$eval('.diagnostics', (t) => t.textContent ?? '')).includes(XSS));
    await page.click('g.obj[data-id="3"]');
    const details = await page.$eval('.details', (d) => d.textContent ?? '');
    assert.ok(details.includes(`${XSS}#3 → .${XSS} → ${XSS}#3`), details);
    assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
    // The SVG export carries the same text, escaped as XML.
    await page.click('button.export-svg');
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'export'));
    const exported = (await session.posted()).find((m) => m.type === 'export')!.data as string;
    assert.ok(!exported.includes('<img'), 'no raw markup in the exported SVG');
    assert.ok(exported.includes('&lt;img src=x onerror=alert(1)&gt;'));
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, [], 'no alert ran');
  });

  it('the standalone page embeds the snapshot so that </script> in it cannot end the script element', async () => {
    const json = jsonForScriptElement({ snapshot: markupSnapshot() });
    assert.ok(!json.includes('</script'));
    assert.ok(!json.includes('<'));
    const html = buildHeapPageHtml({ cspSource: '', nonce: 'abc', initialSnapshot: { title: SCRIPT_END, snapshot: markupSnapshot() }, inlineScript: 'void 0', standalone: true });
    assert.equal(html.split('</script>').length - 1, 2, 'only the two script elements the builder wrote end in </script>');
  });
});
