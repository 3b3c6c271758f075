// The lowest Python version a `[project].requires-python` specifier set admits (PEP 440 version specifiers, as
// written in pyproject.toml: ">=3.9", "~=3.10", ">3.8,<4", ">=2.7, !=3.0.*, !=3.1.*"). Only major.minor matters:
// the memory model is per minor version.

export interface MinorVersion {
  major: number;
  minor: number;
}

export class RequiresPythonError extends Error {}

interface Clause {
  operator: string;
  release: number[];
  wildcard: boolean;
}

const OPERATORS = ['~=', '===', '==', '!=', '<=', '>=', '<', '>'];
// Release segment, then PEP 440's optional pre-, post-, dev-release and local parts (accepted, not needed here).
const VERSION = /^(?:\d+!)?v?(\d+(?:\.\d+)*)(\.\*)?((?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?)$/i;

function parseClause(text: string): Clause {
  const trimmed = text.trim();
  const operator = OPERATORS.find((op) => trimmed.startsWith(op));
  if (!operator) throw new RequiresPythonError(`"${trimmed}" has no comparison operator (>=, ~=, ==, ...)`);
  const versionText = trimmed.slice(operator.length).trim();
  if (operator === '===') return { operator, release: leadingNumbers(versionText), wildcard: false };
  const m = VERSION.exec(versionText);
  if (!m) throw new RequiresPythonError(`"${trimmed}" is not a valid version specifier`);
  const wildcard = m[2] !== undefined;
  if (wildcard && operator !== '==' && operator !== '!=') throw new RequiresPythonError(`"${trimmed}": a .* suffix is only allowed with == and !=`);
  if (wildcard && m[3]) throw new RequiresPythonError(`"${trimmed}" is not a valid version specifier`);
  const release = m[1].split('.').map(Number);
  if (operator === '~=' && release.length < 2) throw new RequiresPythonError(`"${trimmed}": ~= needs at least two version parts (~=3.9)`);
  return { operator, release, wildcard };
}

/** `===` compares strings; take the leading dotted numbers when there are any. */
function leadingNumbers(text: string): number[] {
  const m = /^(\d+(?:\.\d+)*)/.exec(text);
  return m ? m[1].split('.').map(Number) : [];
}

function compare(a: MinorVersion, b: MinorVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/**
 * The lowest major.minor the specifier set admits, or undefined when it sets no lower bound (e.g. "<4").
 * `>3.8` admits 3.8.1, so its lower bound is 3.8; `!=3.8.*` after `>=3.8` moves the bound to 3.9.
 * Throws RequiresPythonError for text that is not a PEP 440 specifier set.
 */
export function requiresPythonLowerBound(specifiers: string): MinorVersion | undefined {
  const parts = specifiers.split(',').map((s) => s.trim());
  if (parts.length > 1 && parts.some((p) => p.length === 0)) throw new RequiresPythonError(`empty clause in "${specifiers}"`);
  const clauses = parts.filter((p) => p.length > 0).map(parseClause);
  let lower: MinorVersion | undefined;
  const excludedMinors: MinorVersion[] = [];
  const excludedMajors: number[] = [];
  for (const clause of clauses) {
    const [major, minor = 0] = clause.release;
    if (major === undefined) continue;
    switch (clause.operator) {
      case '>=':
      case '>':
      case '~=':
      case '==':
      case '===': {
        const bound = { major, minor };
        if (!lower || compare(bound, lower) > 0) lower = bound;
        break;
      }
      case '!=':
        // Only a wildcard exclusion removes a whole minor (or major) release series.
        if (clause.wildcard && clause.release.length === 2) excludedMinors.push({ major, minor });
        if (clause.wildcard && clause.release.length === 1) excludedMajors.push(major);
        break;
      default:
        break; // < and <= set upper bounds only
    }
  }
  if (!lower) return undefined;
  const bound = { ...lower };
  for (;;) {
    if (excludedMajors.includes(bound.major)) {
      bound.major += 1;
      bound.minor = 0;
    } else if (excludedMinors.some((e) => compare(e, bound) === 0)) {
      bound.minor += 1;
    } else {
      return bound;
    }
  }
}
