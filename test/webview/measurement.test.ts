// The heap diagram panel's "Measure with Python" parts in real Chromium: a measurement message shows the real
// figures beside the model's in the header, as text (never markup), a malformed one is refused, null clears it, and
// the button asks the extension to measure.
import { strict as assert } from 'node:assert';
import { hostMessageProblem, panelMessageProblem } from '../../media/src/messages';
import type { HeapSnapshot } from '../../server/src/model/heap/snapshot';
import { openPanelPerSuite, showSnapshot, type PanelSession } from './support/panel-page';
import { snapshotInput } from './snapshot-inputs';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function measurement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    python: '3.12.1',
    label: `instance of Point ${HOSTILE}`,
    rows: [{ name: 'value', shallow: 48, deep: 664, modelShallow: 48, modelDeep: 664 }],
    tracemallocPeak: 1234,
    modelHeapBytes: 1100,
    problem: null,
    ...overrides,
  };
}

describe('webview: measurement messages', () => {
  it('the host checks the button message; the panel checks the measurement', () => {
    assert.equal(panelMessageProblem({ type: 'measure' }), null);
    assert.equal(hostMessageProblem({ type: 'measurement', measurement: measurement() }), null);
    assert.equal(hostMessageProblem({ type: 'measurement', measurement: null }), null);
    assert.match(hostMessageProblem({ type: 'measurement' }) ?? '', /needs a measurement/);
    assert.match(hostMessageProblem({ type: 'measurement', measurement: measurement({ rows: new Array(201).fill({ name: 'x', shallow: 1, deep: 1, modelShallow: 1, modelDeep: 1 }) }) }) ?? '', /rows/);
    assert.match(hostMessageProblem({ type: 'measurement', measurement: measurement({ label: 'x'.repeat(5000) }) }) ?? '', /python and label/);
  });
});

describe('webview: measurement in the heap diagram panel', function () {
  this.timeout(60000);
  let session: PanelSession;
  openPanelPerSuite({ theme: 'dark' }, (s) => (session = s));
  before(async () => {
    await showSnapshot(session, snapshotInput('class-instances').snapshot as HeapSnapshot, 'classes.py');
  });

  const measurementText = () => session.page.$eval('.measurement', (el) => ((el as HTMLElement).hidden ? null : el.textContent));

  it('shows the real figures beside the model, as escaped text', async () => {
    assert.equal(await measurementText(), null, 'nothing measured yet: no line');
    await session.send({ type: 'measurement', measurement: measurement() });
    await session.page.waitForFunction(() => !(document.querySelector('.measurement') as HTMLElement).hidden);
    const text = await measurementText();
    assert.equal(text, `Measured with Python 3.12.1 (instance of Point ${HOSTILE}): getsizeof 48 B (model 48 B), deep 664 B (model 664 B), tracemalloc peak 1,234 B (model heap 1,100 B)`);
    assert.equal(await session.page.$$eval('.measurement img', (els) => els.length), 0, 'the label is text, not markup');
    assert.equal(await session.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('lists module variables, says why a run failed, and clears on null', async () => {
    await session.send({
      type: 'measurement',
      measurement: measurement({
        label: 'module up to line 9',
        rows: [
          { name: 'a', shallow: 88, deep: 200, modelShallow: 88, modelDeep: 200 },
          { name: 'b', shallow: 56, deep: null, modelShallow: 56, modelDeep: null },
        ],
        tracemallocPeak: null,
        problem: 'the snippet raised ValueError: bad',
      }),
    });
    await session.page.waitForFunction(() => document.querySelectorAll('.measurement li').length === 2);
    const items = await session.page.$$eval('.measurement li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(items, ['a: getsizeof 88 B (model 88 B), deep 200 B (model 200 B)', 'b: getsizeof 56 B (model 56 B), deep ? (model ?)']);
    assert.match(await session.page.$eval('.measurement-summary', (el) => el.textContent ?? ''), /^Measured with Python 3\.12\.1 \(module up to line 9\): 2 variables\. the snippet raised ValueError: bad$/);
    await session.send({ type: 'measurement', measurement: null });
    await session.page.waitForFunction(() => (document.querySelector('.measurement') as HTMLElement).hidden);
  });

  it('refuses a malformed measurement and keeps what it showed', async () => {
    await session.send({ type: 'measurement', measurement: measurement() });
    await session.page.waitForFunction(() => !(document.querySelector('.measurement') as HTMLElement).hidden);
    const before = await measurementText();
    const logged = (await session.posted()).filter((m) => m.type === 'log').length;
    for (const bad of [measurement({ rows: [{ name: 'value', shallow: '48' }] }), measurement({ python: 3.12 }), measurement({ tracemallocPeak: -1 }), 'text']) {
      await session.send({ type: 'measurement', measurement: bad });
    }
    await session.send({ type: 'measurement' });
    const warnings = (await session.posted()).filter((m) => m.type === 'log').slice(logged);
    assert.equal(warnings.length, 5, JSON.stringify(warnings));
    for (const w of warnings) assert.match(String(w.message), /^ignored a malformed message: (a )?measure/);
    assert.equal(await measurementText(), before);
  });

  it('the "Measure with Python" button asks the extension to measure', async () => {
    const count = async () => (await session.posted()).filter((m) => m.type === 'measure').length;
    const before = await count();
    await session.page.click('button.measure');
    await session.page.waitForFunction((n) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'measure').length > n, before);
    assert.equal(await count(), before + 1);
  });
});
