// Node only (not part of the browser bundle): writes the standalone heap diagram page `npm run demo` produces,
// one HTML file with the bundle, the stylesheet and the snapshot inlined, openable from disk in any browser.
//   memlens heap <file.py> --format html [--line N] [--python 3.12] [--output page.html]
// --line is 1-based, like an editor's: the snippet for that line runs (the class's instance, the function's
// body), as "Show Heap Diagram" does at the cursor; without it the whole module runs. Needs media/dist built.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { simulate } from '../../../server/src/model/heap/simulate';
import { loadPythonParser } from '../../../server/src/parse/python-parser';
import { buildStandaloneHeapPage } from './heap-page';

export interface DemoPageOptions {
  file: string;
  /** The file's text when the caller has read it already (else it is read here). */
  text?: string;
  out: string;
  /** 1-based line to run the snippet for. */
  line?: number;
  python?: string;
  /** The extension's media folder (holds heap-view.css and dist/heap-view.js). */
  mediaDir: string;
}

export async function writeHeapDemoPage(o: DemoPageOptions): Promise<{ out: string; objects: number; steps: number }> {
  await loadPythonParser();
  const text = o.text ?? readFileSync(o.file, 'utf8');
  const result = simulate(text, { python: o.python ?? '3.12', steps: true, line: o.line !== undefined ? o.line - 1 : undefined });
  const bundle = readFileSync(join(o.mediaDir, 'dist', 'heap-view.js'), 'utf8');
  const style = readFileSync(join(o.mediaDir, 'heap-view.css'), 'utf8');
  const title = `${basename(o.file)}${result.snippet ? `, ${result.snippet.label}` : ''}`;
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, buildStandaloneHeapPage(bundle.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'), style, title, result.snapshot));
  return { out: o.out, objects: result.snapshot.objects.length, steps: result.snapshot.steps?.length ?? 0 };
}
