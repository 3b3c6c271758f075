// The one place that knows how to load tree-sitter. The grammar is loaded once per process; every caller then
// parses synchronously. Parsing never fails: tree-sitter always returns a tree, with ERROR nodes where the text
// is not Python, and the checks analyse whatever it gives.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, type Tree, type Edit } from 'web-tree-sitter';

export type { Tree, Node as SyntaxNode, Edit } from 'web-tree-sitter';

let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;

/** Finds a wasm file beside the bundle (dist/) or, when running from source, in node_modules. */
function locateWasm(file: string, fromSource: () => string): string {
  const besideBundle = join(__dirname, file);
  return existsSync(besideBundle) ? besideBundle : fromSource();
}

/** Loads the Python grammar. Safe to call many times; later calls reuse the first load. */
export function loadPythonParser(): Promise<Parser> {
  if (parser) return Promise.resolve(parser);
  loading ??= (async () => {
    await Parser.init({ locateFile: () => locateWasm('tree-sitter.wasm', () => require.resolve('web-tree-sitter/tree-sitter.wasm')) });
    const language = await Language.load(locateWasm('tree-sitter-python.wasm', () => join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm')));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
    return p;
  })();
  return loading;
}

/** The loaded parser; throws if loadPythonParser() has not finished (a programming error, not a user one). */
export function pythonParser(): Parser {
  if (!parser) throw new Error('loadPythonParser() must be awaited before parsing');
  return parser;
}

/** Parses text, reusing an edited old tree when given so unchanged subtrees are shared. */
export function parsePython(text: string, oldTree?: Tree | null): Tree {
  const tree = pythonParser().parse(text, oldTree ?? null);
  // parse() returns null only when cancelled or without a language; neither can happen here.
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

export function applyEditToTree(tree: Tree, edit: Edit): void {
  tree.edit(edit);
}
