// Runs every mocha suite under test/unit and test/lsp (TypeScript, loaded through tsx) and ends with the line
// "N passed, N failed, N skipped" that CI reads. Levels that need a real VS Code or Chromium have their own
// runners, started from here when their tools are installed.
import Mocha from 'mocha';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();

const root = dirname(dirname(new URL(import.meta.url).pathname));
const levels = (process.env.MEMLENS_TEST_LEVELS ?? 'unit,lsp,webview,vscode').split(',');
const grep = process.argv.find((a) => a.startsWith('--grep='))?.slice('--grep='.length);
// The real-VS-Code suite runs in another process; it reads the same filter from the environment.
if (grep) process.env.MEMLENS_TEST_GREP = grep;

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
for (const level of levels.filter((l) => l !== 'vscode')) for (const f of testFiles(join(root, 'test', level))) mocha.addFile(f);

const totals = await new Promise((resolve) => {
  const runner = mocha.run();
  runner.on('end', () => resolve({ ...runner.stats }));
});

// The real-VS-Code level runs in its own process (it starts code-server and Chromium); its counts are added here.
if (levels.includes('vscode')) {
  const child = spawnSync(process.execPath, [join(root, 'scripts', 'run-vscode-tests.mjs')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(child.stdout);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  let counts;
  try {
    counts = JSON.parse(last);
  } catch {
    counts = { passes: 0, failures: 1, pending: 0 };
    console.log('the real VS Code test run crashed before reporting');
  }
  totals.passes += counts.passes;
  totals.failures += counts.failures;
  totals.pending += counts.pending;
}

console.log(`\n${totals.passes} passed, ${totals.failures} failed, ${totals.pending} skipped`);
process.exitCode = totals.failures > 0 ? 1 : 0;
