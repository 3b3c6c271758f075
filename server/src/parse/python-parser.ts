// The one place that knows how to load tree-sitter. The grammar is loaded once per process; every caller then
// parses synchronously. Parsing never fails: tree-sitter always returns a tree, with ERROR nodes where the text
// is not Python, and the checks analyse whatever it gives.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as TreeSitter from 'web-tree-sitter';
import type { Parser, Tree, Edit } from 'web-tree-sitter';

export type { Tree, Node as SyntaxNode, Edit } from 'web-tree-sitter';

// `require`, not `import`: the bundler then takes web-tree-sitter's CommonJS build (the one the tests run from
// source too) instead of its ES module build, whose start-up does `await import('module')` and so loads Node's
// whole ES module loader in every thread that parses (~20 ms of CPU per check worker).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Language, Parser: ParserClass } = require('web-tree-sitter') as typeof TreeSitter;

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
    // Both wasm files are read here and handed over as bytes: given a path, web-tree-sitter reads the grammar
    // through a dynamic import of fs/promises, which again loads the ES module loader.
    const runtime = readFileSync(locateWasm('tree-sitter.wasm', () => require.resolve('web-tree-sitter/tree-sitter.wasm')));
    await ParserClass.init({ wasmBinary: runtime });
    const grammar = readFileSync(locateWasm('tree-sitter-python.wasm', () => join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm')));
    const language = await Language.load(grammar);
    const p = new ParserClass();
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
