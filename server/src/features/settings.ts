// The editor settings of the `memlens` section, validated. Clients send whatever the user typed into
// settings.json, so every value is checked: an invalid one falls back to its default and produces one warning that
// names the setting, instead of an exception in every later analysis.
import { ALL_RULES } from '../analysis/checks';
import { parseVersion, SUPPORTED_MINORS, type PythonVersion } from '../analysis/python-version';
import { unknownSelectors } from '../analysis/rule-selection';

export interface EditorSettings {
  /** undefined = `auto`: [tool.memlens].python, else requires-python, else the default. */
  python?: PythonVersion;
  /** undefined = not set in the editor (pyproject.toml or every rule applies). */
  select?: string[];
  ignore?: string[];
  largeCollection?: number;
  workspaceScan: boolean;
  /** `memlens.codeLens`: the "Show heap diagram" lens above classes and functions. */
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: EditorSettings = { workspaceScan: false, codeLens: true };

export interface ValidatedSettings {
  settings: EditorSettings;
  /** One message per invalid value, each naming the setting (`memlens.pythonVersion`, ...). */
  warnings: string[];
}

const VERSIONS = SUPPORTED_MINORS.map((m) => `3.${m}`);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/**
 * Reads the `memlens` section. Empty lists and null count as "not set", so the editor's contributed defaults do not
 * hide a pyproject.toml: an explicit, non-empty editor value wins over pyproject.toml, which wins over defaults.
 */
export function validateSettings(section: unknown): ValidatedSettings {
  const warnings: string[] = [];
  const settings: EditorSettings = { ...DEFAULT_SETTINGS };
  if (section === undefined || section === null) return { settings, warnings };
  if (!isRecord(section)) {
    warnings.push(`Setting "memlens" must be an object, got ${describe(section)}; using the defaults.`);
    return { settings, warnings };
  }

  const version = section.pythonVersion;
  if (version !== undefined && version !== null && version !== 'auto' && version !== '') {
    const parsed = typeof version === 'string' ? parseVersion(version) : undefined;
    if (parsed) settings.python = parsed;
    else warnings.push(`Setting "memlens.pythonVersion" must be "auto" or one of ${VERSIONS.join(', ')}, got ${describe(version)}; using "auto".`);
  }

  for (const key of ['select', 'ignore'] as const) {
    const value = section[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      warnings.push(`Setting "memlens.${key}" must be a list of rule codes, prefixes or categories (like ["MEM3", "reference-cycle"]), got ${describe(value)}; ignoring it.`);
      continue;
    }
    const list = (value as string[]).map((v) => v.trim()).filter((v) => v.length > 0);
    const unknown = unknownSelectors(ALL_RULES, list);
    if (unknown.length > 0) warnings.push(`Setting "memlens.${key}" has entries that match no rule: ${unknown.map((u) => JSON.stringify(u)).join(', ')}.`);
    if (list.length > 0) settings[key] = list;
  }

  const thresholds = section.thresholds;
  if (thresholds !== undefined && thresholds !== null) {
    if (!isRecord(thresholds)) {
      warnings.push(`Setting "memlens.thresholds" must be an object, got ${describe(thresholds)}; using the defaults.`);
    } else {
      const large = thresholds.largeCollection;
      if (large !== undefined && large !== null) {
        if (typeof large === 'number' && Number.isInteger(large) && large > 0) settings.largeCollection = large;
        else warnings.push(`Setting "memlens.thresholds.largeCollection" must be a positive integer, got ${describe(large)}; using the default.`);
      }
    }
  }

  const scan = section.workspaceScan;
  if (scan !== undefined && scan !== null) {
    if (typeof scan === 'boolean') settings.workspaceScan = scan;
    else warnings.push(`Setting "memlens.workspaceScan" must be true or false, got ${describe(scan)}; using false.`);
  }

  const lens = section.codeLens;
  if (lens !== undefined && lens !== null) {
    if (typeof lens === 'boolean') settings.codeLens = lens;
    else warnings.push(`Setting "memlens.codeLens" must be true or false, got ${describe(lens)}; using true.`);
  }
  return { settings, warnings };
}
