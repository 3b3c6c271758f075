// The recorded snapshots the webview tests load: test/webview/snapshots/<name>.json, written by
// record-snapshots.ts from the Python snippets in test/webview/snippets through the heap simulator.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadRecordedSnapshot, ROOT } from './support/panel-page';

export function snapshotInput(name: string): { snapshot: unknown; recorded: boolean } {
  const file = join(ROOT, 'test', 'webview', 'snapshots', `${name}.json`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npx tsx test/webview/record-snapshots.ts`);
  return { snapshot: loadRecordedSnapshot(name), recorded: true };
}
