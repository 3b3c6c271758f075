// Records the heap diagram's test inputs from real Python snippets (test/webview/snippets/*.py) through the heap
// simulator, so the webview tests draw what the extension would draw. Run after changing the simulator or a snippet:
//   npx tsx test/webview/record-snapshots.ts
// and read the diff of test/webview/snapshots/*.json.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulateModule } from '../../server/src/model/heap/simulate';
import { loadPythonParser } from '../../server/src/parse/python-parser';

const HERE = __dirname;
/** Snippets recorded without steps (their per-statement snapshots would only make the file large). */
const WITHOUT_STEPS = new Set(['many-objects']);

async function main(): Promise<void> {
  await loadPythonParser();
  for (const file of readdirSync(join(HERE, 'snippets')).filter((f) => f.endsWith('.py')).sort()) {
    const name = file.slice(0, -3);
    const text = readFileSync(join(HERE, 'snippets', file), 'utf8');
    const snapshot = simulateModule(text, { python: '3.12', steps: !WITHOUT_STEPS.has(name), timeLimitMs: 20000 });
    writeFileSync(join(HERE, 'snapshots', `${name}.json`), `${JSON.stringify(snapshot, null, 1)}\n`);
    console.log(`${name}: ${snapshot.objects.length} objects, ${snapshot.steps?.length ?? 0} steps, ${snapshot.diagnostics.length} diagnostics`);
  }
}

void main();
