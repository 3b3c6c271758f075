// Large heaps stay readable: the recorded 772-object tree (snippets/many-objects.py) and a hand-made 500-object heap
// are drawn in full, no two boxes overlap, every arrow ends on the box it points at, and long arrows bend around
// the columns they cross instead of cutting through boxes. Selecting an object re-renders without a new layout (the
// boxes stay put). How long the layout takes is a benchmark (`npm run bench`, "Heap diagram layout"), not a test.
import { strict as assert } from 'node:assert';
import { manyObjectsSnapshot } from './support/hand-made-snapshots';
import { openPanelPerSuite, screenshotPath, showSnapshot, type PanelSession } from './support/panel-page';
import { snapshotInput } from './snapshot-inputs';

interface DrawnBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DrawnArrow {
  to: string;
  /** Every point of the path: start, curve controls and ends. */
  points: Array<[number, number]>;
}

/** Boxes (object and frame) and arrows as drawn, in SVG user units. */
async function drawn(session: PanelSession): Promise<{ boxes: DrawnBox[]; frames: DrawnBox[]; arrows: DrawnArrow[] }> {
  // A string, not a function: the test runner's transform wraps named closures in a helper the page lacks.
  return session.page.evaluate(`(() => {
    const box = (g, id) => {
      const m = /translate\\(([-\\d.]+),([-\\d.]+)\\)/.exec(g.getAttribute('transform') ?? '');
      const rect = g.querySelector('rect');
      return { id, x: Number(m[1]), y: Number(m[2]), width: Number(rect.getAttribute('width')), height: Number(rect.getAttribute('height')) };
    };
    const boxes = [...document.querySelectorAll('g.obj')].map((g) => box(g, g.getAttribute('data-id')));
    const frames = [...document.querySelectorAll('g.frame')].map((g) => box(g, 'f' + g.getAttribute('data-frame')));
    const arrows = [...document.querySelectorAll('path.edge')].map((p) => {
      const numbers = (p.getAttribute('d') ?? '').match(/-?[\\d.]+/g).map(Number);
      const points = [];
      for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i], numbers[i + 1]]);
      return { to: p.getAttribute('data-to'), points };
    });
    return { boxes, frames, arrows };
  })()`);
}

function overlaps(a: DrawnBox, b: DrawnBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('webview: large heaps', function () {
  this.timeout(120000);
  let session: PanelSession;
  openPanelPerSuite({ theme: 'dark' }, (s) => (session = s));

  for (const [name, load] of [
    ['the recorded tree of 772 objects (many-objects.py)', () => snapshotInput('many-objects').snapshot],
    ['a hand-made heap of 500 objects', () => manyObjectsSnapshot(50)],
  ] as const) {
    it(`draws ${name} with no overlapping boxes and every arrow on its target`, async () => {
      const rendered = await showSnapshot(session, load());
      const { boxes, frames, arrows } = await drawn(session);
      assert.ok(boxes.length >= 500, `at least 500 boxes drawn (${boxes.length})`);
      assert.equal(boxes.length, rendered.objects, 'the panel reports what it drew');
      assert.equal(arrows.length, rendered.edges, 'one arrow per reference');

      // No two boxes overlap (sweep by x, so 772 boxes do not need 300k comparisons).
      const all = [...frames, ...boxes].sort((a, b) => a.x - b.x);
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length && all[j].x < all[i].x + all[i].width; j++) {
          assert.ok(!overlaps(all[i], all[j]), `boxes ${all[i].id} and ${all[j].id} overlap`);
        }
      }

      // Every arrow ends on its target's left or right side, level with its title row.
      const byId = new Map(boxes.map((b) => [b.id, b]));
      for (const a of arrows) {
        const target = byId.get(a.to)!;
        const [ex, ey] = a.points[a.points.length - 1];
        assert.ok(Math.abs(ex - target.x) < 0.6 || Math.abs(ex - (target.x + target.width)) < 0.6, `arrow to ${a.to} ends on a side of its box`);
        assert.ok(ey > target.y && ey < target.y + 30, `arrow to ${a.to} ends at its title row`);
      }

      // Arrows that cross columns have waypoints between the boxes: an arrow's on-curve points (the ends of each
      // cubic piece) never fall inside a box other than its ends.
      let routed = 0;
      for (const a of arrows) {
        const onCurve = a.points.filter((_, i) => i > 0 && i % 3 === 0).slice(0, -1);
        if (onCurve.length > 0) routed++;
        for (const [x, y] of onCurve) {
          const inside = boxes.find((b) => x > b.x + 1 && x < b.x + b.width - 1 && y > b.y + 1 && y < b.y + b.height - 1);
          assert.equal(inside, undefined, `a waypoint of the arrow to ${a.to} lies inside box ${inside?.id}`);
        }
      }
      if (name.startsWith('the recorded')) {
        assert.ok(routed > 0, 'some arrows in the recorded tree cross columns through waypoints');
        await session.page.screenshot({ path: screenshotPath('many-objects-dark') });
      }
    });
  }

  it('selecting an object keeps every box where it was', async () => {
    await showSnapshot(session, manyObjectsSnapshot(50));
    const before = await drawn(session);
    const target = before.boxes[7].id;
    await session.page.click(`g.obj[data-id="${target}"]`);
    await session.page.waitForSelector(`g.obj.selected[data-id="${target}"]`);
    const after = await drawn(session);
    assert.deepEqual(after.boxes, before.boxes);
    const edges = await session.page.$$eval('path.selected-edge', (ps) => ps.length);
    assert.ok(edges > 0, 'the selected object\'s arrows are highlighted');
  });

  it('zooms: Fit shows the whole heap in the view, keys and buttons step the level, exports keep the natural size', async () => {
    await showSnapshot(session, manyObjectsSnapshot(50));
    const { page } = session;
    const sizes = () =>
      page.$eval('.diagram', (d) => {
        const svg = d.querySelector('svg.heap-svg') as SVGSVGElement;
        const r = svg.getBoundingClientRect();
        return { shownW: r.width, shownH: r.height, naturalW: svg.width.baseVal.value, naturalH: svg.height.baseVal.value, viewW: d.clientWidth, viewH: d.clientHeight, level: document.querySelector('.zoom-level')!.textContent };
      });
    const natural = await sizes();
    assert.equal(natural.level, '100%');
    assert.ok(natural.shownH > natural.viewH, 'at 100% the 500-object heap is taller than the view');
    await page.click('button.zoom-fit');
    const fitted = await sizes();
    assert.ok(fitted.shownW <= fitted.viewW && fitted.shownH <= fitted.viewH, `Fit: ${fitted.shownW}x${fitted.shownH} inside ${fitted.viewW}x${fitted.viewH}`);
    assert.equal(fitted.naturalH, natural.naturalH, 'the drawing keeps its own size');
    await page.click('button.zoom-level');
    assert.equal((await sizes()).level, '100%');
    await page.focus('.diagram');
    await page.keyboard.press('-');
    const smaller = await sizes();
    assert.equal(smaller.level, '90%');
    assert.ok(Math.abs(smaller.shownW - natural.naturalW * 0.9) <= 1);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    assert.equal((await sizes()).level, '110%');
    await page.keyboard.press('0');
    assert.equal((await sizes()).level, '100%');
    // Zoomed out, the SVG export is still the drawing at its own size.
    await page.click('button.zoom-fit');
    await page.click('button.export-svg');
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string; format?: string }> }).__posted.some((m) => m.type === 'export' && m.format === 'svg'));
    const svg = (await session.posted()).filter((m) => m.type === 'export' && m.format === 'svg').pop()!.data as string;
    assert.match(svg, new RegExp(`<svg[^>]* width="${Math.ceil(natural.naturalW)}"`));
    assert.doesNotMatch(svg.slice(0, svg.indexOf('>')), / style="/, 'no CSS size from the zoom');
    await page.click('button.zoom-level');
  });
});
