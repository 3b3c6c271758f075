// `npm run package`: builds the production bundles and packs the extension into memlens-<version>.vsix with
// @vscode/vsce. .vscodeignore decides what goes in (bundles, grammar wasm, heap view, rule docs); the bundles carry
// their dependencies, so vsce's npm dependency walk is off; dist/ThirdPartyNotices.txt carries their licences. Prints the file's path and size; fails above 3 MB.
// Options: --out FILE (default: memlens-<version>.vsix in the repository root); --restore-dev rebuilds the
// development bundles afterwards (the test runner uses it so later tests keep their source maps).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = dirname(dirname(new URL(import.meta.url).pathname));
const require = createRequire(import.meta.url);
const MAX_BYTES = 3 * 1024 * 1024;

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function packageVsix({ out, restoreDev = false, quiet = false } = {}) {
  const { version, name } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const target = resolve(out ?? join(root, `${name}-${version}.vsix`));
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio });
  execFileSync(process.execPath, [join(root, 'scripts', 'third-party-notices.mjs')], { cwd: root, stdio });
  try {
    const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    // No public repository yet: vsce would stop and ask; --allow-missing-repository lets it proceed. README's
    // relative links stay relative: the images and rule pages they point at are packed too.
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', target], { cwd: root, stdio });
  } finally {
    if (restoreDev) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio });
  }
  const bytes = statSync(target).size;
  if (bytes > MAX_BYTES) throw new Error(`${target} is ${(bytes / 1024 / 1024).toFixed(2)} MB, over the 3 MB limit`);
  return { path: target, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const { path, bytes } = packageVsix({ out: option('out'), restoreDev: process.argv.includes('--restore-dev') });
  console.log(`${path}: ${(bytes / 1024).toFixed(0)} KB (${bytes} bytes; limit 3 MB)`);
}
