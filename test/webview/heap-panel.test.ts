// The heap diagram panel in real Chromium, loaded from the same HTML the extension serves: objects, arrows, sizes,
// refcounts, cycles, large containers, stepping by buttons and keyboard, export, accessibility, and screenshots
// in light and dark themes (.test-output/screenshots).
import { strict as assert } from 'node:assert';
import type { HeapSnapshot } from '../../server/src/model/heap/snapshot';
import { largeListSnapshot, steppingSnapshot } from './support/hand-made-snapshots';
import { openPanel, openPanelPerSuite, screenshotPath, showSnapshot, type PanelSession } from './support/panel-page';
import { snapshotInput } from './snapshot-inputs';

type Posted = Record<string, unknown>;

async function lastOf(session: PanelSession, type: string): Promise<Posted | undefined> {
  const all = (await session.posted()).filter((m) => m.type === type);
  return all[all.length - 1];
}

describe('webview: heap diagram panel', function () {
  this.timeout(60000);
  let session: PanelSession;
  openPanelPerSuite({ theme: 'light' }, (s) => (session = s));

  it('draws frames, every object with type, size and refcount, and an arrow per reference (aliasing visible)', async () => {
    const { snapshot } = snapshotInput('class-instances');
    const snap = snapshot as HeapSnapshot;
    const rendered = await showSnapshot(session, snap, 'classes.py');
    const page = session.page;
    const drawnIds = await page.$$eval('g.obj', (gs) => gs.map((g) => Number(g.getAttribute('data-id'))));
    assert.equal(rendered.objects, drawnIds.length);
    const byId = new Map(snap.objects.map((o) => [o.id, o]));
    // Rows: every reference, except a dict's arrows to scalar keys (the entry's label shows the key), at most 10.
    const rowsOf = (o: HeapSnapshot['objects'][number]) =>
      o.references.filter((r) => !((o.type === 'dict' || o.attributeStorage) && r.label === 'key' && ['str', 'int', 'float', 'bytes', 'bool', 'NoneType', 'complex'].includes(byId.get(r.target)!.type))).slice(0, 10);
    for (const f of snap.frames) for (const v of f.variables) assert.ok(drawnIds.includes(v.target), `variable ${v.name} has its object drawn`);
    for (const id of drawnIds) for (const r of rowsOf(byId.get(id)!)) assert.ok(drawnIds.includes(r.target), `#${id} ${r.label} -> #${r.target} drawn`);
    // Every object's box names its type and shows its size and refcount.
    for (const id of drawnIds) {
      const o = byId.get(id)!;
      const text = await page.$eval(`g.obj[data-id="${o.id}"] .obj-metrics`, (t) => t.textContent ?? '');
      assert.ok(text.includes(`rc ${o.refcount}`), `refcount of #${o.id} in "${text}"`);
      if (o.shallow !== null && o.shallow < 1000) assert.ok(text.includes(`${o.shallow} B`), `shallow size of #${o.id} in "${text}"`);
      const type = await page.$eval(`g.obj[data-id="${o.id}"] .type-name`, (t) => t.textContent ?? '');
      assert.equal(type, o.type.length > 24 ? `${o.type.slice(0, 23)}…` : o.type);
    }
    // One arrow per variable and per row; two variables naming one object give two arrows into it.
    const edgeCount = await page.$$eval('path.edge', (ps) => ps.length);
    const expected = snap.frames.reduce((n, f) => n + f.variables.length, 0) + drawnIds.reduce((n, id) => n + rowsOf(byId.get(id)!).length, 0);
    assert.equal(edgeCount, expected);
    const aliased = snap.frames[0].variables.map((v) => v.target).find((t, i, all) => all.indexOf(t) !== i);
    assert.ok(aliased !== undefined, 'the example aliases an object (q = p)');
    assert.equal(await page.$$eval(`path.edge[data-to="${aliased}"][data-from^="f"]`, (ps) => ps.length), 2, 'both names point at the same box');
    // Cached singletons are marked shared; instances say where their attributes live.
    const shared = drawnIds.filter((id) => byId.get(id)!.flags.includes('cached-singleton'));
    assert.ok(shared.length > 0, 'the example holds cached small ints or interned strings');
    assert.equal(await page.$$eval('g.obj.shared', (gs) => gs.length), shared.length);
    assert.match(await page.$eval(`g.obj[data-id="${shared[0]}"] .obj-title`, (t) => t.textContent ?? ''), /\[shared\]/);
    const instance = snap.objects.find((o) => o.attributeStorage);
    assert.ok(instance);
    assert.match(await page.$eval(`g.obj[data-id="${instance.id}"] .obj-title`, (t) => t.textContent ?? ''), /dict|slots|inline/);
    // Totals for the whole heap and per frame.
    assert.match(await page.$eval('.totals', (t) => t.textContent ?? ''), /CPython 3\.\d+: \d+ objects, .* in all.*Frames: <module> /);
    assert.match(await page.$eval('.frame-total', (t) => t.textContent ?? ''), /^reaches ([\d.]+ kB|\d+ B)$/);
    await page.screenshot({ path: screenshotPath('class-instances-light'), fullPage: true });
  });

  it('selecting an object shows sizes, deep size on demand, pymalloc block, and reveals its allocating line', async () => {
    const { snapshot } = snapshotInput('class-instances');
    const snap = snapshot as HeapSnapshot;
    await showSnapshot(session, snap);
    const list = snap.objects.find((o) => o.type === 'list' && o.allocatedAt)!;
    await session.page.click(`g.obj[data-id="${list.id}"]`);
    const reveal = await lastOf(session, 'reveal');
    assert.deepEqual(reveal?.range, list.allocatedAt);
    const details = await session.page.$eval('.details', (d) => d.textContent ?? '');
    assert.ok(details.includes(`${list.shallow} bytes (sys.getsizeof)`), details);
    // A list is two blocks: the 56-byte object (40 + 16-byte GC header) and its item array.
    assert.match(details, /object, 56 bytes: pymalloc block of 64 bytes/);
    assert.match(details, new RegExp(`item array, ${list.shallow! - 56} bytes: pymalloc block of ${Math.ceil((list.shallow! - 56) / 16) * 16} bytes`));
    await session.page.click('.details button.deep-size');
    assert.match(await session.page.$eval('.details', (d) => d.textContent ?? ''), /Deep size[\d,]+ bytes/);
    // The allocator summary: counts per size class for this snapshot.
    await session.page.click('button.show-allocator');
    const rows = await session.page.$$eval('table.size-classes tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent)));
    assert.ok(rows.length > 0);
    assert.ok(rows.some((r) => r[0] === '64'), `a 64-byte size class for the list object: ${JSON.stringify(rows)}`);
    assert.match(await session.page.$eval('.details', (d) => d.textContent ?? ''), /pymalloc blocks in at least \d+ pools \(1 arena\)/);
    await session.page.screenshot({ path: screenshotPath('allocator-summary-light') });
    await session.page.click('button.show-allocator');
  });

  it('highlights objects only the cyclic GC can free, with the cycle path and what would break it', async () => {
    const { snapshot } = snapshotInput('cycle');
    const snap = snapshot as HeapSnapshot;
    await showSnapshot(session, snap, 'cycle.py');
    const gcOnly = snap.objects.filter((o) => o.flags.includes('gc-only'));
    assert.ok(gcOnly.length >= 2);
    assert.equal(await session.page.$$eval('g.obj.gc-only', (gs) => gs.length), gcOnly.length);
    const withPath = gcOnly.find((o) => o.cyclePath)!;
    await session.page.click(`g.obj[data-id="${withPath.id}"]`);
    const cycleText = await session.page.$eval('.details .cycle', (d) => d.textContent ?? '');
    assert.ok(cycleText.includes(withPath.cyclePath!.join(' → ')), cycleText);
    assert.match(cycleText, /weak ?ref/i);
    assert.match(cycleText, /finally/);
    assert.ok((await session.page.$$eval('g.obj.on-cycle', (gs) => gs.length)) >= 2, 'the cycle is highlighted');
    assert.ok((await session.page.$$eval('path.cycle-edge', (ps) => ps.length)) >= 2, 'its arrows too');
    assert.match(await session.page.$eval('.totals', (t) => t.textContent ?? ''), /only the cyclic GC can free/);
    await session.page.screenshot({ path: screenshotPath('cycle-light'), fullPage: true });
  });

  it('summarises a large container: first items, then "… N more, size"', async () => {
    // The simulator's list(range(1_000_000)): one row for the whole range, pointing at a summary of the ints.
    const { snapshot } = snapshotInput('large-list');
    const snap = snapshot as HeapSnapshot;
    await showSnapshot(session, snap, 'large.py');
    for (const o of snap.objects.filter((x) => x.summary && !x.flags.includes('cached-singleton'))) {
      const summary = await session.page.$eval(`g.obj[data-id="${o.id}"] .summary-row`, (t) => t.textContent ?? '');
      assert.match(summary, /^(… )?[\d,]+ (more|elements), [\d.]+ (MB|kB|GB|bytes)$/);
      assert.ok(summary.includes(o.summary!.count.toLocaleString('en-US')), summary);
    }
    const big = snap.objects.find((o) => o.shallow !== null && o.shallow > 1e6)!;
    assert.match(await session.page.$eval(`g.obj[data-id="${big.id}"] .obj-metrics`, (t) => t.textContent ?? ''), /^8 MB · rc 1 · 64\+malloc blk$/);
    await session.page.screenshot({ path: screenshotPath('large-list-light'), fullPage: true });
    // A container whose items are all in the snapshot shows the first 10 and one row for the rest.
    await showSnapshot(session, largeListSnapshot(), 'large.py');
    const rows = await session.page.$$eval('g.obj[data-id="1"] .row-label', (ts) => ts.map((t) => t.textContent));
    assert.deepEqual(rows, ['[0]', '[1]', '[2]', '[3]', '[4]', '[5]', '[6]', '[7]', '[8]', '[9]']);
    assert.equal(await session.page.$eval('g.obj[data-id="1"] .summary-row', (t) => t.textContent), '… 999,990 more, 40 MB');
  });

  it('steps with buttons, the slider and the keyboard; objects appear and go with their refcounts', async () => {
    await showSnapshot(session, steppingSnapshot(), 'steps.py');
    const page = session.page;
    const label = () => page.$eval('.step-label', (t) => t.textContent ?? '');
    assert.equal(await label(), 'Step 3 of 3, line 3');
    assert.equal(await page.$$eval('g.obj.freed', (gs) => gs.length), 2, 'last step: both objects freed');
    await page.click('button.step-first');
    assert.equal(await label(), 'Step 1 of 3, line 1');
    assert.match(await page.$eval('g.obj[data-id="1"] .obj-metrics', (t) => t.textContent ?? ''), /rc 1/);
    let changed = await lastOf(session, 'stepChanged');
    assert.deepEqual(changed, { type: 'stepChanged', index: 0, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 10 } } });
    await page.click('button.step-next');
    assert.equal(await label(), 'Step 2 of 3, line 2');
    assert.match(await page.$eval('g.obj[data-id="1"] .obj-metrics', (t) => t.textContent ?? ''), /rc 2/);
    assert.equal(await page.$$eval('g.obj[data-id="1"] .rc-changed', (t) => t.length), 1, 'the changed refcount stands out');
    // Keyboard: Right / Left / Home / End on the page.
    await page.focus('.diagram');
    await page.keyboard.press('ArrowRight');
    assert.equal(await label(), 'Step 3 of 3, line 3');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await label(), 'Step 1 of 3, line 1');
    await page.keyboard.press('End');
    assert.equal(await label(), 'Step 3 of 3, line 3');
    // The slider.
    await page.$eval('input.step-slider', (s) => {
      (s as HTMLInputElement).value = '1';
      s.dispatchEvent(new Event('input'));
    });
    assert.equal(await label(), 'Step 2 of 3, line 2');
    changed = await lastOf(session, 'stepChanged');
    assert.equal(changed?.index, 1);
    // The extension can move the step too (goToStep), and a new snapshot after an edit keeps the position.
    await session.send({ type: 'goToStep', index: 0 });
    assert.equal(await label(), 'Step 1 of 3, line 1');
    await session.send({ type: 'snapshot', snapshot: steppingSnapshot(), title: 'steps.py', keepStep: true });
    await page.waitForFunction(() => document.querySelector('.step-label')?.textContent === 'Step 1 of 3, line 1');
  });

  it('stepping the recorded cycle example: objects appear, and after `del` the cycle is GC-only', async () => {
    const { snapshot } = snapshotInput('cycle');
    const snap = snapshot as HeapSnapshot;
    await showSnapshot(session, snap, 'cycle.py');
    const steps = snap.steps!;
    const nodeStep = steps.findIndex((st) => st.snapshot.objects.some((o) => o.type === 'Node')); // inside Node('root')
    const delStep = steps.findIndex((st) => st.range.start.line === 12); // del root, leaf
    assert.ok(nodeStep > 0 && delStep > nodeStep);
    await session.send({ type: 'goToStep', index: nodeStep - 1 });
    await session.send({ type: 'goToStep', index: nodeStep });
    const label = await session.page.$eval('.step-label', (t) => t.textContent ?? '');
    assert.equal(label, `Step ${nodeStep + 1} of ${steps.length}, line ${steps[nodeStep].range.start.line + 1}`);
    const appeared = await session.page.$$eval('g.obj.appeared', (gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
    assert.ok(appeared.some((l) => l.startsWith('Node')), `the new Node fades in: ${JSON.stringify(appeared)}`);
    assert.equal(await session.page.$$eval('g.obj.gc-only', (gs) => gs.length), 0, 'nothing is GC-only while root and leaf are named');
    await session.send({ type: 'goToStep', index: delStep });
    assert.ok((await session.page.$$eval('g.obj.gc-only', (gs) => gs.length)) >= 4, 'after del, the Nodes, their dicts and lists are GC-only');
    assert.match(await session.page.$eval('.region-label', (t) => t.textContent ?? ''), /reference cycles/);
    const stepped = (await session.posted()).filter((m) => m.type === 'stepChanged').pop();
    assert.deepEqual(stepped?.range, steps[delStep].range, 'the extension is told which statement to highlight');
  });

  it('objects are focusable with descriptive labels; Enter selects and reveals', async () => {
    const { snapshot } = snapshotInput('class-instances');
    const snap = snapshot as HeapSnapshot;
    await showSnapshot(session, snap);
    const labels = await session.page.$$eval('g.obj', (gs) => gs.map((g) => [g.getAttribute('tabindex'), g.getAttribute('role'), g.getAttribute('aria-label')]));
    for (const [tabindex, role, label] of labels) {
      assert.equal(tabindex, '0');
      assert.equal(role, 'button');
      assert.match(label ?? '', /refcount|rc \d+/);
    }
    const target = snap.objects.find((o) => o.allocatedAt)!;
    await session.page.focus(`g.obj[data-id="${target.id}"]`);
    const before = (await session.posted()).filter((m) => m.type === 'reveal').length;
    await session.page.keyboard.press('Enter');
    const reveals = (await session.posted()).filter((m) => m.type === 'reveal');
    assert.equal(reveals.length, before + 1);
    assert.equal(await session.page.evaluate(() => document.activeElement?.getAttribute('data-id')), String(target.id), 'focus stays on the object');
  });

  it('switching the version asks the extension for a new snapshot', async () => {
    await showSnapshot(session, snapshotInput('class-instances').snapshot);
    await session.page.selectOption('select.python-version', '3.10');
    assert.deepEqual(await lastOf(session, 'changeVersion'), { type: 'changeVersion', python: '3.10' });
    assert.match(await session.page.$eval('.status', (s) => s.textContent ?? ''), /Loading Python 3\.10/);
  });

  it('exports the view as well-formed SVG and as a PNG that decodes', async () => {
    const { snapshot } = snapshotInput('cycle');
    await showSnapshot(session, snapshot);
    await session.page.click('button.export-svg');
    await session.page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string; format?: string }> }).__posted.some((m) => m.type === 'export' && m.format === 'svg'));
    const svg = (await session.posted()).find((m) => m.type === 'export' && m.format === 'svg')!.data as string;
    const parsed = await session.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.tagName, objects: doc.querySelectorAll('g[data-id]').length, styled: doc.querySelector('rect[fill]') !== null };
    }, svg);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'svg');
    assert.ok(parsed.objects > 0);
    assert.ok(parsed.styled, 'the export carries its colours (no stylesheet outside it)');
    await session.page.click('button.export-png');
    await session.page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string; format?: string }> }).__posted.some((m) => m.type === 'export' && m.format === 'png'));
    const png = (await session.posted()).find((m) => m.type === 'export' && m.format === 'png')!.data as string;
    assert.ok(png.startsWith('data:image/png;base64,'));
    const bytes = Buffer.from(png.slice('data:image/png;base64,'.length), 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.equal(bytes.subarray(12, 16).toString('ascii'), 'IHDR');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const svgSize = await session.page.$eval('.diagram svg', (s) => [(s as SVGSVGElement).width.baseVal.value, (s as SVGSVGElement).height.baseVal.value]);
    assert.equal(width, Math.round(svgSize[0] * 2));
    assert.equal(height, Math.round(svgSize[1] * 2));
  });

  it('ignores a malformed message with a logged warning', async () => {
    await session.send({ type: 'snapshot', snapshot: { python: 3 }, title: 'x', keepStep: false });
    await session.send({ type: 'nonsense' });
    const logs = (await session.posted()).filter((m) => m.type === 'log' && m.level === 'warning');
    assert.ok(logs.some((m) => /malformed/.test(String(m.message)) && /python/.test(String(m.message))), JSON.stringify(logs));
    assert.ok(logs.some((m) => /unknown message type/.test(String(m.message))));
  });
});

describe('webview: heap diagram in the dark theme', function () {
  this.timeout(60000);
  let session: PanelSession;
  openPanelPerSuite({ theme: 'dark' }, (s) => (session = s));

  it('takes its colours from the VS Code theme variables', async () => {
    await showSnapshot(session, snapshotInput('class-instances').snapshot);
    const colours = await session.page.evaluate(() => ({ body: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.querySelector('.type-name')!).fill }));
    assert.equal(colours.body, 'rgb(31, 31, 31)');
    assert.equal(colours.text, 'rgb(204, 204, 204)');
    await session.page.screenshot({ path: screenshotPath('class-instances-dark'), fullPage: true });
    await showSnapshot(session, snapshotInput('cycle').snapshot);
    const gc = await session.page.$('g.obj.gc-only');
    await gc!.click();
    await session.page.screenshot({ path: screenshotPath('cycle-dark'), fullPage: true });
    await showSnapshot(session, snapshotInput('large-list').snapshot);
    await session.page.screenshot({ path: screenshotPath('large-list-dark'), fullPage: true });
  });

  it('high contrast: thicker outlines from the contrast border colour', async () => {
    const hc = await openPanel({ theme: 'high-contrast' });
    try {
      await showSnapshot(hc, snapshotInput('cycle').snapshot);
      const box = await hc.page.$eval('g.obj:not(.gc-only):not(.shared) rect.box', (r) => ({ stroke: getComputedStyle(r).stroke, width: getComputedStyle(r).strokeWidth }));
      assert.deepEqual(box, { stroke: 'rgb(111, 195, 223)', width: '1.5px' });
      await hc.page.screenshot({ path: screenshotPath('cycle-high-contrast') });
    } finally {
      await hc.close();
    }
  });

  it('stays readable at 200% zoom', async () => {
    const zoomed = await openPanel({ theme: 'dark', deviceScaleFactor: 2, viewport: { width: 800, height: 600 } });
    try {
      await showSnapshot(zoomed, snapshotInput('class-instances').snapshot);
      const fontPx = await zoomed.page.$eval('.type-name', (t) => parseFloat(getComputedStyle(t).fontSize));
      assert.ok(fontPx >= 12);
      // Text never overflows its box: each text's right edge stays inside the box.
      const overflow = await zoomed.page.$$eval('g.obj', (gs) =>
        gs.filter((g) => {
          const box = (g.querySelector('rect.box') as SVGRectElement).getBoundingClientRect();
          return Array.from(g.querySelectorAll('text')).some((t) => t.getBoundingClientRect().right > box.right + 1);
        }).length,
      );
      assert.equal(overflow, 0, 'no text sticks out of its box');
      await zoomed.page.screenshot({ path: screenshotPath('class-instances-dark-200') });
    } finally {
      await zoomed.close();
    }
  });
});
