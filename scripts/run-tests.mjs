// Runs every mocha suite under test/unit and test/lsp (TypeScript, loaded through tsx) and ends with the line
// "N passed, N failed, N skipped" that CI reads. Levels that need a real VS Code or Chromium have their own
// runners, started from here when their tools are installed.
import Mocha from 'mocha';
import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();

const root = dirname(dirname(new URL(import.meta.url).pathname));
const levels = (process.env.MEMLENS_TEST_LEVELS ?? 'unit,lsp').split(',');
const grep = process.argv.find((a) => a.startsWith('--grep='))?.slice('--grep='.length);

function testFiles(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(testFiles(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 20000, grep });
for (const level of levels) for (const f of testFiles(join(root, 'test', level))) mocha.addFile(f);

const runner = mocha.run();
runner.on('end', () => {
  const { passes, failures, pending } = runner.stats;
  console.log(`\n${passes} passed, ${failures} failed, ${pending} skipped`);
  process.exitCode = failures > 0 ? 1 : 0;
});
