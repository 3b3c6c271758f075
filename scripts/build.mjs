// Bundles the client, the server and the CLI into dist/ and copies the tree-sitter wasm beside them,
// so the packaged extension and the CLI load the grammar from their own folder and never download it.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = dirname(dirname(new URL(import.meta.url).pathname));
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

copyFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'), join(dist, 'tree-sitter.wasm'));
copyFileSync(join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'), join(dist, 'tree-sitter-python.wasm'));
// The deep-size definition that "Measure with Python" runs in the user's interpreter (server/src/measure).
copyFileSync(join(root, 'scripts', 'deep_size.py'), join(dist, 'deep_size.py'));

const production = process.argv.includes('--production');
const entries = [
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/cli.ts', out: 'cli' },
  { in: 'server/src/cli/check-worker.ts', out: 'check-worker' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => existsSync(join(root, e.in)));

await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: dist,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The parser falls back to node_modules only when run from source (tests); bundles load the wasm copied beside them.
  logOverride: { 'require-resolve-not-external': 'silent' },
});

// The heap diagram's front end: one browser bundle loaded by the webview (and inlined into the standalone page).
if (existsSync(join(root, 'media/src/main.ts'))) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [{ in: 'media/src/main.ts', out: 'heap-view' }],
    outdir: join(root, 'media', 'dist'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  });
}
