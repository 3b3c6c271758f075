// Bundles the parts of the core the benchmark calls in-process (parse, incremental document, analyzeTree, and the
// memory model when its modules exist) into one CommonJS file under .cache/bench/, so they share one tree-sitter
// parser and run as the CLI and the server run them (bundled by esbuild, not through a TypeScript loader).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Optional modules, found by file existence: absent ones are reported as "not available yet", never faked. */
export const OPTIONAL_MODULES = {
  layout: 'server/src/model/layout/index.ts',
  heap: 'server/src/model/heap/index.ts',
};

export async function bundleCore(root, outDir) {
  mkdirSync(outDir, { recursive: true });
  const available = {};
  const lines = [
    "export * as parser from './server/src/parse/python-parser';",
    "export * as document from './server/src/parse/python-document';",
    "export * as analysis from './server/src/analysis/analyze';",
    "export * as checks from './server/src/analysis/checks';",
  ];
  for (const [name, file] of Object.entries(OPTIONAL_MODULES)) {
    available[name] = existsSync(join(root, file));
    if (available[name]) lines.push(`export * as ${name} from './${file.replace(/\.ts$/, '')}';`);
  }
  const outfile = join(outDir, 'core.cjs');
  const require = createRequire(join(root, 'package.json'));
  await esbuild.build({
    absWorkingDir: root,
    stdin: { contents: lines.join('\n'), resolveDir: root, sourcefile: 'bench-core-entry.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // web-tree-sitter's ESM build calls createRequire(import.meta.url), which is undefined in a CommonJS bundle:
    // take its CommonJS build, as `require` would. The wasm paths stay runtime lookups from node_modules.
    plugins: [treeSitterCommonJs(require)],
    // Looked up at run time from node_modules (the parser falls back to them when no wasm sits beside the bundle).
    external: ['web-tree-sitter/tree-sitter.wasm', 'tree-sitter-python/package.json'],
    logLevel: 'warning',
  });
  return { core: require(outfile), available };
}

/** Resolves the bare `web-tree-sitter` import to the package's CommonJS build. */
function treeSitterCommonJs(require) {
  return {
    name: 'web-tree-sitter-cjs',
    setup(build) {
      build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
    },
  };
}
