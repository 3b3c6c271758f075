// The typed messages between the panel and the extension (media/src/messages.ts): both sides ignore anything
// malformed, and every snapshot the simulator records passes the panel's own check.
import { strict as assert } from 'node:assert';
import { hostMessageProblem, panelMessageProblem, snapshotProblem } from '../../media/src/messages';
import { contentSecurityPolicy } from '../../media/src/page/heap-page';
import { markupSnapshot, steppingSnapshot } from './support/hand-made-snapshots';
import { snapshotInput } from './snapshot-inputs';

const range = { start: { line: 1, column: 0 }, end: { line: 1, column: 4 } };

describe('webview: panel messages', () => {
  it('accepts the panel messages the extension handles', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'rendered', step: 0, steps: 3, objects: 5, edges: 4, layoutMs: 1.5, renderMs: 2 },
      { type: 'stepChanged', index: 2, range },
      { type: 'stepChanged', index: 0, range: null },
      { type: 'reveal', range },
      { type: 'changeVersion', python: '3.10' },
      { type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      { type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'log', level: 'warning', message: 'x' },
    ])
      assert.equal(panelMessageProblem(m), null, JSON.stringify(m));
  });

  it('rejects malformed panel messages with a reason', () => {
    for (const [m, reason] of [
      [null, /not an object/],
      ['ready', /not an object/],
      [{ type: 'reveal', range: { start: { line: -1, column: 0 }, end: { line: 0, column: 0 } } }, /range/],
      [{ type: 'changeVersion', python: '2.7' }, /unknown python version/],
      [{ type: 'export', format: 'gif', data: '' }, /svg or png/],
      [{ type: 'export', format: 'png', data: 'file:///etc/passwd' }, /PNG data URL/],
      [{ type: 'export', format: 'svg', data: '<html>' }, /SVG document/],
      [{ type: 'openFile', path: '/etc/passwd' }, /unknown message type/],
    ] as const)
      assert.match(panelMessageProblem(m) ?? '', reason, JSON.stringify(m));
  });

  it('checks the snapshots the extension sends', () => {
    assert.equal(hostMessageProblem({ type: 'snapshot', snapshot: steppingSnapshot(), title: 't', keepStep: false }), null);
    assert.equal(hostMessageProblem({ type: 'snapshot', snapshot: markupSnapshot(), title: 't', keepStep: true }), null);
    assert.match(hostMessageProblem({ type: 'snapshot', snapshot: { python: '3.12', frames: [], objects: [{ id: 1 }], totals: {} }, title: 't', keepStep: false }) ?? '', /id and type/);
    assert.match(hostMessageProblem({ type: 'snapshot', snapshot: steppingSnapshot(), keepStep: false }) ?? '', /title/);
    assert.match(hostMessageProblem({ type: 'goToStep', index: -1 }) ?? '', /non-negative/);
  });

  it('every recorded simulator snapshot passes the check', () => {
    for (const name of ['class-instances', 'cycle', 'large-list', 'many-objects']) {
      const { snapshot, recorded } = snapshotInput(name);
      assert.ok(recorded, `${name}.json is recorded`);
      assert.equal(snapshotProblem(snapshot), null, name);
    }
  });

  it('builds a CSP with nothing but the nonce and the webview source', () => {
    assert.equal(
      contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'N0nce'),
      "default-src 'none'; script-src 'nonce-N0nce'; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-N0nce'; img-src https://file+.vscode-resource.vscode-cdn.net data:; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
  });
});
