// Applies every fix of every finding (all rules, each fix on its own) to the Python files under the given
// directories and compiles each result with the real interpreter: a fix must never produce code CPython refuses.
// Run with tsx: `node --import tsx scripts/check-fixes.ts DIR...` (npm run corpus runs it on the peers' corpus).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeTree } from '../server/src/analysis/analyze';
import { loadPythonParser, parsePython } from '../server/src/parse/python-parser';
import { applyEdits } from '../test/support/apply-edits';
import { compileErrors } from '../test/support/python-compile';

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) pythonFiles(path, out);
    else if (name.endsWith('.py')) out.push(path);
  }
  return out;
}

async function main(dirs: string[]): Promise<number> {
  if (dirs.length === 0) {
    console.error('usage: node --import tsx scripts/check-fixes.ts DIR...');
    return 2;
  }
  await loadPythonParser();
  const all = dirs.flatMap((d) => pythonFiles(d));
  const texts = new Map(all.map((f) => [f, readFileSync(f, 'utf8')]));
  // A file CPython refuses as it is (a Python 2 fixture, a deliberate syntax error) says nothing about our fixes.
  const broken = new Set(compileErrors(all.map((f) => [f, texts.get(f)!])).map((e) => e.slice(0, e.lastIndexOf(':', e.indexOf(': ') - 1))));
  const sources: Array<[string, string]> = [];
  let files = 0;
  for (const dir of dirs) {
    for (const file of pythonFiles(dir)) {
      if (broken.has(file)) continue;
      const text = texts.get(file)!;
      const tree = parsePython(text);
      try {
        const { findings } = analyzeTree(tree, text, { select: ['all'] });
        files++;
        findings.forEach((f, i) =>
          f.fixes.forEach((fix, j) => sources.push([`${relative(process.cwd(), file)}:${f.range.start.line + 1} ${f.code} #${i}.${j} ${fix.title}`, applyEdits(text, fix.edits)])),
        );
      } finally {
        tree.delete();
      }
    }
  }
  const errors = compileErrors(sources);
  console.log(`fixes: ${sources.length} applied one at a time in ${files} files; ${errors.length} do not compile` + (broken.size > 0 ? ` (${broken.size} files skipped: they do not compile as they are)` : ''));
  for (const e of errors) console.log(`  ${e}`);
  return errors.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
