// Writes dist/ThirdPartyNotices.txt: the name, version, licence and licence text of every package whose code ships
// inside the extension: whatever esbuild pulls into the bundles (read from its metafile, so the list follows the
// imports), plus the two tree-sitter wasm files copied beside them. `npm run package` calls it; the .vsix carries it.
//   node scripts/third-party-notices.mjs [--out FILE]
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

const root = dirname(dirname(new URL(import.meta.url).pathname));

/** The bundles' entry points (scripts/build.mjs builds the same ones) and the packages shipped as files. */
const NODE_ENTRIES = ['server/src/server.ts', 'server/src/cli.ts', 'server/src/cli/check-worker.ts', 'client/src/extension.ts'];
const BROWSER_ENTRIES = ['media/src/main.ts'];
const COPIED_PACKAGES = ['web-tree-sitter', 'tree-sitter-python'];

async function bundledPackageDirs() {
  const dirs = new Set();
  for (const [entries, platform] of [[NODE_ENTRIES, 'node'], [BROWSER_ENTRIES, 'browser']]) {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: entries.filter((e) => existsSync(join(root, e))),
      bundle: true,
      platform,
      format: platform === 'node' ? 'cjs' : 'iife',
      external: ['vscode'],
      write: false,
      outdir: join(root, '.cache', 'notices'),
      metafile: true,
      logLevel: 'silent',
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      const dir = packageDirOf(input);
      if (dir) dirs.add(dir);
    }
  }
  for (const name of COPIED_PACKAGES) dirs.add(join('node_modules', name));
  return [...dirs].sort();
}

/** node_modules/a/…, node_modules/@s/a/… and nested node_modules: the innermost package folder. */
function packageDirOf(input) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return null;
  const length = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + length).join(sep);
}

function licenceText(dir) {
  const file = readdirSync(join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? readFileSync(join(root, dir, file), 'utf8').trim() : null;
}

export async function writeThirdPartyNotices(out = join(root, 'dist', 'ThirdPartyNotices.txt')) {
  const sections = [];
  for (const dir of await bundledPackageDirs()) {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const licence = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type ?? 'see the package';
    const text = licenceText(dir);
    sections.push(`${pkg.name} ${pkg.version} (${licence})\n${'-'.repeat(60)}\n${text ?? `No licence file in the package; its package.json says: ${licence}.`}`);
  }
  const header = 'MemLens ships code from these packages inside its bundles and wasm files. Their licences follow.\n';
  writeFileSync(out, `${header}\n${sections.join('\n\n\n')}\n`);
  return { out, packages: sections.length };
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const i = process.argv.indexOf('--out');
  const { out, packages } = await writeThirdPartyNotices(i >= 0 ? resolve(process.argv[i + 1]) : undefined);
  console.log(`${out}: ${packages} packages`);
}
