// Which files `memlens check PATH...` analyses. Named files are always analysed, whatever their extension.
// Directories are walked for `.py` files (not `.pyi`: stubs never run, so they hold no memory), honouring
// .gitignore files at every level (and those above the named directory up to the repository root, plus
// .git/info/exclude), and skipping hidden directories, node_modules, __pycache__, site-packages, __pypackages__
// and virtual environments.
// Exclusions from configuration ([tool.memlens].exclude, --exclude) use the same gitignore syntax.
// Symbolic links to files are followed; links to directories are not (they can form loops).
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface Discovery {
  /** Absolute paths, each once. */
  files: string[];
  /** Paths as the user typed them that do not exist. */
  missing: string[];
  /** Directories that could not be read and similar problems; the walk goes on. */
  warnings: string[];
}

interface IgnoreLayer {
  /** Directory the patterns are relative to. */
  base: string;
  matcher: Ignore;
}

// Installed third-party code is not the user's to fix (Ruff skips the same by default).
/** Gitignore-syntax patterns relative to `base`: [tool.memlens].exclude (base: the pyproject's directory) or --exclude. */
export interface ExcludeRule {
  base: string;
  patterns: readonly string[];
}

export interface DiscoveryOptions {
  /** The exclusions that apply inside a directory being walked from `walkRoot`. Named files are never excluded. */
  excludesFor?: (directory: string, walkRoot: string) => readonly ExcludeRule[];
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '__pycache__', 'site-packages', '__pypackages__']);
const VENV_NAMES = new Set(['.venv', 'venv', 'env']);

export function discoverPythonFiles(paths: readonly string[], cwd: string = process.cwd(), options: DiscoveryOptions = {}): Discovery {
  const excludes = new ExcludeMatchers(options.excludesFor);
  const result: Discovery = { files: [], missing: [], warnings: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      result.files.push(file);
    }
  };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      result.missing.push(given);
      continue;
    }
    if (stats.isDirectory()) walkDirectory(absolute, add, result.warnings, excludes);
    else add(absolute);
  }
  return result;
}

function walkDirectory(root: string, add: (file: string) => void, warnings: string[], excludes: ExcludeMatchers): void {
  const inherited = ancestorIgnoreLayers(root);
  // A directory the user names is walked even when an ignore file above it excludes it.
  const start = isIgnored(inherited, root, true) ? [] : inherited;
  const stack: { dir: string; layers: IgnoreLayer[] }[] = [{ dir: root, layers: start }];
  while (stack.length > 0) {
    const { dir, layers: parentLayers } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      warnings.push(`cannot read directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    const own = readIgnoreFile(join(dir, '.gitignore'));
    const layers = own ? [...parentLayers, { base: dir, matcher: own }] : parentLayers;
    const excluded = excludes.layersFor(dir, root);
    const skip = (path: string, isDirectory: boolean) => isIgnored(layers, path, isDirectory) || excluded.some((layer) => isIgnored([layer], path, isDirectory));
    const subdirectories: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name) || isVirtualEnv(path, entry.name)) continue;
        if (skip(path, true)) continue;
        subdirectories.push(path);
      } else if (entry.name.endsWith('.py') && (entry.isFile() || (entry.isSymbolicLink() && isFile(path)))) {
        if (!skip(path, false)) add(path);
      }
    }
    // Pushed in reverse so directories are visited in name order.
    for (let i = subdirectories.length - 1; i >= 0; i--) stack.push({ dir: subdirectories[i], layers });
  }
}

/** Compiles each distinct exclude rule once, however many directories it applies to. */
class ExcludeMatchers {
  private readonly compiled = new Map<string, IgnoreLayer>();

  constructor(private readonly excludesFor?: (directory: string, walkRoot: string) => readonly ExcludeRule[]) {}

  layersFor(directory: string, walkRoot: string): IgnoreLayer[] {
    if (!this.excludesFor) return [];
    return this.excludesFor(directory, walkRoot).map((rule) => {
      const key = `${rule.base}\0${rule.patterns.join('\n')}`;
      let layer = this.compiled.get(key);
      if (!layer) this.compiled.set(key, (layer = { base: rule.base, matcher: ignore().add([...rule.patterns]) }));
      return layer;
    });
  }
}

/** Deeper ignore files override shallower ones, as in git: the last layer with an opinion decides. */
function isIgnored(layers: readonly IgnoreLayer[], path: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    const rel = relative(layer.base, path);
    if (rel === '' || rel === '..' || rel.startsWith('..' + sep)) continue;
    const test = layer.matcher.test(rel.split(sep).join('/') + (isDirectory ? '/' : ''));
    if (test.ignored) ignored = true;
    else if (test.unignored) ignored = false;
  }
  return ignored;
}

/** .git/info/exclude and the .gitignore files from the repository root down to (not including) `dir`. */
function ancestorIgnoreLayers(dir: string): IgnoreLayer[] {
  const ancestors: string[] = [];
  let current = dirname(dir);
  let repositoryRoot: string | undefined = existsSync(join(dir, '.git')) ? dir : undefined;
  while (!repositoryRoot) {
    ancestors.unshift(current);
    if (existsSync(join(current, '.git'))) repositoryRoot = current;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  // Outside a repository only the named directory's own ignore files apply.
  if (!repositoryRoot) return [];
  const layers: IgnoreLayer[] = [];
  const exclude = readIgnoreFile(join(repositoryRoot, '.git', 'info', 'exclude'));
  if (exclude) layers.push({ base: repositoryRoot, matcher: exclude });
  for (const ancestor of repositoryRoot === dir ? [] : ancestors) {
    const matcher = readIgnoreFile(join(ancestor, '.gitignore'));
    if (matcher) layers.push({ base: ancestor, matcher });
  }
  return layers;
}

function readIgnoreFile(path: string): Ignore | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}

/** A directory with pyvenv.cfg (venv, virtualenv, uv), or a conventionally named one with a Python inside. */
function isVirtualEnv(path: string, name: string): boolean {
  if (existsSync(join(path, 'pyvenv.cfg'))) return true;
  return VENV_NAMES.has(name) && (existsSync(join(path, 'bin', 'python')) || existsSync(join(path, 'Scripts', 'python.exe')));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
