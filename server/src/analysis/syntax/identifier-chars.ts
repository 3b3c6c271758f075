// Which characters can be part of a Python identifier, for text scans that must not match inside a longer name.

/** True for a character that can continue a Python identifier (any non-ASCII one counts, to stay on the safe side). */
export function isIdentifierCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code > 127;
}
