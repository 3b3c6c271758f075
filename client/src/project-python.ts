// The version `memlens.pythonVersion: auto` falls back to when no Python interpreter is known: `[tool.memlens].python`
// of the nearest pyproject.toml, else the lower bound of `[project].requires-python`, else 3.12 — the precedence the
// server applies (server/src/config/project-config.ts targetPython). Read here only to show it in the status bar; the
// server still decides what it analyses with. Reuses the server's specifier parser so both read the file alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { DEFAULT_PYTHON, formatVersion, parseVersion, SUPPORTED_MINORS } from '../../server/src/analysis/python-version';
import { requiresPythonLowerBound } from '../../server/src/config/requires-python';

export interface ProjectPython {
  version: string;
  /** Where the version comes from, for the status bar's tooltip. */
  source: string;
}

const OLDEST = SUPPORTED_MINORS[0];
const NEWEST = SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1];

/** The nearest pyproject.toml at or above `directory`, stopping at `stopAt` (the workspace folder) when given. */
function nearestPyproject(directory: string, stopAt: string | undefined): string | undefined {
  let current = directory;
  for (;;) {
    const candidate = join(current, 'pyproject.toml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current || current === stopAt) return undefined;
    current = parent;
  }
}

function table(value: unknown, key: string): Record<string, unknown> | undefined {
  const inner = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : undefined;
}

export function projectPython(directory: string | undefined, stopAt?: string): ProjectPython {
  const fallback = { version: formatVersion(DEFAULT_PYTHON), source: 'the default' };
  const file = directory ? nearestPyproject(directory, stopAt) : undefined;
  if (!file) return fallback;
  let document: unknown;
  try {
    document = parseToml(readFileSync(file, 'utf8'));
  } catch {
    return fallback; // the server reports the syntax error
  }
  const memlens = table(table(document, 'tool'), 'memlens');
  const explicit = typeof memlens?.python === 'string' ? parseVersion(memlens.python) : undefined;
  if (explicit) return { version: formatVersion(explicit), source: `[tool.memlens] python in ${file}` };
  const requires = table(document, 'project')?.['requires-python'];
  if (typeof requires === 'string') {
    try {
      const bound = requiresPythonLowerBound(requires);
      if (bound) {
        const minor = bound.major < 3 ? OLDEST : bound.major > 3 ? NEWEST : Math.min(Math.max(bound.minor, OLDEST), NEWEST);
        return { version: `3.${minor}`, source: `requires-python "${requires}" in ${file}` };
      }
    } catch {
      // unreadable specifier: the server warns about it
    }
  }
  return fallback;
}
