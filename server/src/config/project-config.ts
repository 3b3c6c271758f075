// `[tool.memlens]` settings and the target Python version from a pyproject.toml. Plain data, no LSP types: the CLI
// and the language server both read configuration through here.
//
//   [project]
//   requires-python = ">=3.10"      # lower bound = default target version
//   [tool.memlens]
//   select = ["MEM1", "large-comprehension"]
//   ignore = ["MEM402"]
//   exclude = ["tests/fixtures/"]   # gitignore syntax, relative to this file's directory
//   python = "3.11"                 # overrides requires-python
//   large-collection = 50000        # Thresholds.largeCollection
import { parse as parseToml, TomlError } from 'smol-toml';
import type { AnalysisOptions } from '../analysis/analyze';
import type { Thresholds } from '../analysis/check';
import { ALL_RULES } from '../analysis/checks';
import { unknownSelectors } from '../analysis/rule-selection';
import { DEFAULT_PYTHON, SUPPORTED_MINORS, parseVersion, type PythonVersion } from '../analysis/python-version';
import { requiresPythonLowerBound, RequiresPythonError } from './requires-python';

export interface ProjectConfig {
  /** Absolute path of the pyproject.toml these settings came from; undefined when there is none. */
  file?: string;
  select?: string[];
  ignore?: string[];
  /** Gitignore-syntax patterns, relative to the pyproject.toml's directory, for files a directory walk skips. */
  exclude?: string[];
  /** `[tool.memlens].python`. */
  python?: PythonVersion;
  /** Lower bound of `[project].requires-python`, clamped to the versions the memory model knows. */
  requiresPython?: PythonVersion;
  thresholds: Partial<Thresholds>;
  /** Problems that do not stop analysis: unknown keys or rule selectors, unreadable requires-python. */
  warnings: string[];
}

/** Invalid configuration: the message names the file, the key and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const EMPTY_CONFIG: ProjectConfig = Object.freeze({ thresholds: {}, warnings: [] }) as ProjectConfig;

/** TOML key in [tool.memlens] -> the Thresholds field it sets. Each must be a positive integer. */
export const THRESHOLD_KEYS: Readonly<Record<string, keyof Thresholds>> = {
  'large-collection': 'largeCollection',
};

export const CONFIG_KEYS = ['select', 'ignore', 'exclude', 'python', ...Object.keys(THRESHOLD_KEYS)] as const;

const OLDEST = SUPPORTED_MINORS[0];
const NEWEST = SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1];

/** The name TOML users know a parsed value by. */
function tomlType(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'bigint') return 'integer';
  if (value instanceof Date) return 'datetime';
  if (Array.isArray(value)) return 'list';
  if (value !== null && typeof value === 'object') return 'table';
  return typeof value;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return tomlType(value) === 'table';
}

/**
 * Parses the text of a pyproject.toml. `name` is how the file is shown in messages (a path relative to the
 * working directory in the CLI). Throws ConfigError for a TOML syntax error or an invalid [tool.memlens] value.
 */
export function parsePyproject(text: string, name: string, absolutePath: string = name): ProjectConfig {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
      throw new ConfigError(absolutePath, `${name}:${error.line}:${error.column}: invalid TOML: ${reason}`);
    }
    throw error;
  }

  const config: ProjectConfig = { file: absolutePath, thresholds: {}, warnings: [] };
  const fail = (key: string, expected: string, value: unknown): never => {
    throw new ConfigError(absolutePath, `${name}: [tool.memlens].${key} must be ${expected}, got ${tomlType(value)}`);
  };

  readRequiresPython(document, name, config);

  const tool = document.tool;
  if (tool === undefined) return config;
  if (!isTable(tool)) throw new ConfigError(absolutePath, `${name}: [tool] must be a table, got ${tomlType(tool)}`);
  const section = tool.memlens;
  if (section === undefined) return config;
  if (!isTable(section)) throw new ConfigError(absolutePath, `${name}: [tool.memlens] must be a table, got ${tomlType(section)}`);

  for (const [key, value] of Object.entries(section)) {
    if (key === 'select' || key === 'ignore' || key === 'exclude') {
      if (!Array.isArray(value)) fail(key, 'a list of strings', value);
      const list = value as unknown[];
      const bad = list.findIndex((item) => typeof item !== 'string');
      if (bad >= 0) {
        throw new ConfigError(absolutePath, `${name}: [tool.memlens].${key} must be a list of strings, but item ${bad + 1} is ${tomlType(list[bad])}`);
      }
      config[key] = list as string[];
      if (key === 'exclude') continue;
      // A misspelt code is a warning, not an error, so a config written for a newer MemLens still loads.
      const unknown = unknownSelectors(ALL_RULES, config[key] ?? []);
      if (unknown.length > 0) config.warnings.push(`${name}: [tool.memlens].${key}: unknown rule selector ${unknown.map((u) => `'${u}'`).join(', ')} (ignored)`);
    } else if (key === 'python') {
      if (typeof value !== 'string') fail(key, 'a string like "3.12"', value);
      const version = parseVersion(value as string);
      if (!version) {
        throw new ConfigError(absolutePath, `${name}: [tool.memlens].python must be a CPython version from 3.${OLDEST} to 3.${NEWEST} like "3.12", got "${value as string}"`);
      }
      config.python = version;
    } else if (key in THRESHOLD_KEYS) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) fail(key, 'a positive integer', value);
      config.thresholds[THRESHOLD_KEYS[key]] = value as number;
    } else {
      config.warnings.push(`${name}: unknown key [tool.memlens].${key} (ignored; known keys: ${CONFIG_KEYS.join(', ')})`);
    }
  }
  return config;
}

/** `[project].requires-python` is package metadata, not ours: problems with it are warnings, never errors. */
function readRequiresPython(document: Record<string, unknown>, name: string, config: ProjectConfig): void {
  const project = document.project;
  if (!isTable(project)) return;
  const spec = project['requires-python'];
  if (spec === undefined) return;
  if (typeof spec !== 'string') {
    config.warnings.push(`${name}: [project].requires-python should be a string, got ${tomlType(spec)} (ignored)`);
    return;
  }
  try {
    const bound = requiresPythonLowerBound(spec);
    if (!bound) return;
    // Below the oldest modelled version (">=3.6", ">=2.7"): the oldest we model is the closest answer; above the
    // newest, the newest.
    const minor = bound.major < 3 ? OLDEST : bound.major > 3 ? NEWEST : Math.min(Math.max(bound.minor, OLDEST), NEWEST);
    config.requiresPython = { major: 3, minor };
  } catch (error) {
    if (!(error instanceof RequiresPythonError)) throw error;
    config.warnings.push(`${name}: cannot read [project].requires-python "${spec}": ${error.message} (ignored)`);
  }
}

/** The version to analyse for: the command line's, else [tool.memlens].python, else requires-python, else 3.12. */
export function targetPython(config: ProjectConfig, override?: PythonVersion): PythonVersion {
  return override ?? config.python ?? config.requiresPython ?? DEFAULT_PYTHON;
}

export interface CommandLineOverrides {
  python?: PythonVersion;
  /** Replaces the configured selection, select and ignore alike, so that what was asked for is what runs. */
  select?: readonly string[];
  /** Added to the configured ignore list (or to the overriding selection). */
  ignore?: readonly string[];
}

/** The analysis options for files under this configuration, with command-line (or editor) overrides applied. */
export function analysisOptionsFor(config: ProjectConfig, overrides: CommandLineOverrides = {}): AnalysisOptions {
  const select = overrides.select ?? config.select;
  const ignore = overrides.select ? [...(overrides.ignore ?? [])] : [...(config.ignore ?? []), ...(overrides.ignore ?? [])];
  return { python: targetPython(config, overrides.python), select, ignore, thresholds: { ...config.thresholds } };
}
