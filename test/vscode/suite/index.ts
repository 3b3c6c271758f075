// Entry point that VS Code's extension host calls with --extensionTestsPath: runs every *.test.js beside this file
// with mocha inside the real extension host, and writes the counts where the outer runner can read them.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', grep: process.env.MEMLENS_TEST_GREP });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env.MEMLENS_VSCODE_RESULTS;
      if (resultsFile) {
        const { passes, failures: failed, pending } = runner.stats ?? { passes: 0, failures, pending: 0 };
        writeFileSync(resultsFile, JSON.stringify({ passes, failures: failed, pending }));
      }
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
