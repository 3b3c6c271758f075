// The CPython version the analysis and the memory model target. Only 3.8 to 3.14 are modelled.
export interface PythonVersion {
  major: 3;
  minor: number;
}

export const SUPPORTED_MINORS = [8, 9, 10, 11, 12, 13, 14] as const;
export const DEFAULT_PYTHON: PythonVersion = { major: 3, minor: 12 };

export function formatVersion(v: PythonVersion): string {
  return `${v.major}.${v.minor}`;
}

/** Parses "3.12"; returns undefined for anything that is not a supported 3.x version. */
export function parseVersion(text: string): PythonVersion | undefined {
  const m = /^\s*3\.(\d{1,2})\s*$/.exec(text);
  if (!m) return undefined;
  const minor = Number(m[1]);
  return (SUPPORTED_MINORS as readonly number[]).includes(minor) ? { major: 3, minor } : undefined;
}

export function atLeast(v: PythonVersion, minor: number): boolean {
  return v.minor >= minor;
}
