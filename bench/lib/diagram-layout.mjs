// Issue 5's layout measurement: the heap panel's layout (media/src/layout.ts, dagre) against elkjs's layered
// algorithm on the same graphs (same box sizes, same edges), for the recorded 772-object tree
// (test/webview/snapshots/many-objects.json) and a hand-made 500-object heap. Both run in this Node process on the
// same V8 the webview uses; the panel runs its layout once per snapshot step.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { nowMs, percentile } from './stats.mjs';

const ENTRY = `
export { buildViewModel } from './media/src/view-model';
export { layoutView } from './media/src/layout';
export { objectBoxContent, objectBoxSize, frameBoxContent, frameBoxSize } from './media/src/box-content';
export { manyObjectsSnapshot } from './test/webview/support/hand-made-snapshots';
`;

async function bundleLayout(root, outDir) {
  const outfile = join(outDir, 'diagram-layout.cjs');
  await esbuild.build({
    absWorkingDir: root,
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: 'bench-layout-entry.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return createRequire(join(root, 'package.json'))(outfile);
}

/** The same graph ELK gets: one node per frame column and object (sizes as the panel draws them), merged edges. */
function elkGraph(lib, view, python) {
  let framesHeight = 0;
  let framesWidth = 0;
  for (const f of view.frames) {
    const size = lib.frameBoxSize(lib.frameBoxContent(f));
    framesHeight += size.height + 14;
    framesWidth = Math.max(framesWidth, size.width);
  }
  const children = [{ id: 'frames', width: framesWidth, height: framesHeight }];
  for (const n of view.nodes) children.push({ id: String(n.object.id), ...lib.objectBoxSize(lib.objectBoxContent(n, python)) });
  const ids = new Set(children.map((c) => c.id));
  const seen = new Set();
  const edges = [];
  const add = (from, to) => {
    const key = `${from}>${to}`;
    if (!ids.has(String(to)) || from === String(to) || seen.has(key)) return;
    seen.add(key);
    edges.push({ id: `e${edges.length}`, sources: [from], targets: [String(to)] });
  };
  for (const f of view.frames) for (const v of f.frame.variables) add('frames', v.target);
  for (const n of view.nodes) for (const row of n.rows) add(String(n.object.id), row.target);
  return { id: 'root', layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.spacing.nodeNode': '14', 'elk.layered.spacing.nodeNodeBetweenLayers': '72' }, children, edges };
}

async function timeRuns(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowMs();
    await fn();
    times.push(nowMs() - t0);
  }
  return { first: times[0], median: percentile(times, 50), runs: times };
}

export async function benchDiagramLayout(root, outDir, { runs = 5, elkRuns = 3, withElk = true } = {}) {
  const lib = await bundleLayout(root, outDir);
  const recorded = JSON.parse(readFileSync(join(root, 'test', 'webview', 'snapshots', 'many-objects.json'), 'utf8'));
  const cases = [
    { name: 'hand-made heap, 500 objects', snapshot: lib.manyObjectsSnapshot(50) },
    { name: 'recorded tree (many-objects.py)', snapshot: recorded },
  ];
  const ELK = withElk ? createRequire(join(root, 'package.json'))('elkjs/lib/elk.bundled.js') : null;
  const elk = ELK ? new ELK() : null;
  const out = [];
  for (const c of cases) {
    const view = lib.buildViewModel(c.snapshot);
    const dagre = await timeRuns(runs, () => lib.layoutView(lib.buildViewModel(c.snapshot), c.snapshot.python));
    const row = { case: c.name, objects: view.nodes.length, edges: view.edges.length, dagre };
    if (elk) {
      const graph = elkGraph(lib, view, c.snapshot.python);
      row.elk = await timeRuns(elkRuns, () => elk.layout(structuredClone(graph)));
    }
    out.push(row);
  }
  const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return {
    dagreVersion: version('@dagrejs/dagre'),
    elkVersion: withElk ? version('elkjs') : null,
    cases: out,
  };
}
