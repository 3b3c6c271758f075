// Finds the configuration that applies to a file: the nearest pyproject.toml in the file's directory or above it.
// Settings are not merged across files: the nearest pyproject.toml wins, as with [project] metadata. Lookups are
// cached per directory, so a project of thousands of files reads each pyproject.toml once.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, EMPTY_CONFIG, parsePyproject, type ProjectConfig } from './project-config';

export const PYPROJECT = 'pyproject.toml';

export interface ConfigResolverOptions {
  /** How a pyproject.toml path is shown in messages; the absolute path by default. */
  describe?: (absolutePath: string) => string;
}

export class ConfigResolver {
  /** Directory -> nearest pyproject.toml at or above it (null: none). */
  private readonly nearest = new Map<string, string | null>();
  /** pyproject.toml path -> its parsed settings, or the error reading it gave. */
  private readonly parsed = new Map<string, ProjectConfig | ConfigError>();
  private readonly describe: (absolutePath: string) => string;

  constructor(options: ConfigResolverOptions = {}) {
    this.describe = options.describe ?? ((p) => p);
  }

  /** Settings for a Python file. Throws ConfigError when the pyproject.toml that applies is invalid. */
  forFile(file: string): ProjectConfig {
    return this.forDirectory(dirname(resolve(file)));
  }

  forDirectory(directory: string): ProjectConfig {
    const file = this.nearestPyproject(resolve(directory));
    if (!file) return EMPTY_CONFIG;
    let result = this.parsed.get(file);
    if (!result) {
      result = this.load(file);
      this.parsed.set(file, result);
    }
    if (result instanceof ConfigError) throw result;
    return result;
  }

  /** Forget everything (the language server calls this when a pyproject.toml changes). */
  clear(): void {
    this.nearest.clear();
    this.parsed.clear();
  }

  private nearestPyproject(directory: string): string | null {
    const visited: string[] = [];
    let found: string | null = null;
    let current = directory;
    for (;;) {
      const cached = this.nearest.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const candidate = join(current, PYPROJECT);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const dir of visited) this.nearest.set(dir, found);
    return found;
  }

  private load(file: string): ProjectConfig | ConfigError {
    const name = this.describe(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return new ConfigError(file, `${name}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      return parsePyproject(text, name, file);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
