// Sizes of the immutable leaf objects: None and other singletons, bool, int, float, complex, str, bytes.
import type { PythonVersion } from '../../analysis/python-version';
import { versionFacts } from './version-facts';

/** `Include/object.h` `PyObject`: refcount + type pointer. None, Ellipsis, NotImplemented and `object()`. */
export const OBJECT_HEADER = 16;
/** `Include/object.h` `PyVarObject`: header + ob_size. */
export const VAR_HEADER = 24;

export function noneSize(_python: PythonVersion): number {
  return OBJECT_HEADER;
}

/** Number of 30-bit digits of |value| (`Include/cpython/longintrepr.h` `PYLONG_BITS_IN_DIGIT` = 30 on 64-bit). */
export function intDigits(value: bigint | number): number {
  let v = typeof value === 'bigint' ? value : BigInt(Math.trunc(value));
  if (v < 0n) v = -v;
  let digits = 0;
  while (v > 0n) {
    v >>= 30n;
    digits++;
  }
  return digits;
}

/** `Objects/longobject.c` `int___sizeof___impl`: offsetof(ob_digit) + 4 per digit; 3.11+ allocates one digit for 0
 *  (`_PyLong_New` uses `Py_MAX(1, size)`; 3.12's `lv_tag` layout keeps the same size). */
export function intSize(python: PythonVersion, value: bigint | number): number {
  const digits = intDigits(value);
  return VAR_HEADER + 4 * (versionFacts(python).zeroIntHasDigit ? Math.max(digits, 1) : digits);
}

/** bool is an int subclass with the same layout: False is 0, True is 1 (`Objects/boolobject.c`). */
export function boolSize(python: PythonVersion, value: boolean): number {
  return intSize(python, value ? 1 : 0);
}

/** `Include/cpython/floatobject.h` `PyFloatObject`: header + double. */
export function floatSize(_python: PythonVersion): number {
  return 24;
}

/** `Include/cpython/complexobject.h` `PyComplexObject`: header + two doubles. */
export function complexSize(_python: PythonVersion): number {
  return 32;
}

/** `Objects/bytesobject.c` `bytes___sizeof___impl`: `PyBytesObject` (24 header + 8 hash + 1 for the NUL) + n. */
export function bytesSize(_python: PythonVersion, length: number): number {
  return 33 + length;
}

/** PEP 393 storage kind: 1 for ASCII/Latin-1, 2 for the BMP, 4 beyond (`Include/cpython/unicodeobject.h`). */
export interface StrShape {
  length: number; // code points
  maxChar: number;
}

export function strShape(value: string): StrShape {
  let length = 0;
  let maxChar = 0;
  for (const ch of value) {
    length++;
    const cp = ch.codePointAt(0)!;
    if (cp > maxChar) maxChar = cp;
  }
  return { length, maxChar };
}

/** `Objects/unicodeobject.c` `unicode___sizeof___impl` for compact strings: ASCII strings use `PyASCIIObject` and
 *  one byte per char + NUL; others `PyCompactUnicodeObject` + (n + 1) * kind; a cached UTF-8 form (`utf8`,
 *  filled by e.g. `PyUnicode_AsUTF8`) adds its length + 1. */
export function strSizeOfShape(python: PythonVersion, shape: StrShape, cachedUtf8Bytes?: number): number {
  const facts = versionFacts(python);
  if (shape.maxChar < 128) return facts.strAsciiHeader + shape.length + 1;
  const kind = shape.maxChar < 256 ? 1 : shape.maxChar < 65536 ? 2 : 4;
  const utf8 = cachedUtf8Bytes === undefined ? 0 : cachedUtf8Bytes + 1;
  return facts.strCompactHeader + (shape.length + 1) * kind + utf8;
}

export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** sys.getsizeof of a str made at run time. 3.12+: the 1-char Latin-1 strings chr(128..255) are static singletons
 *  (`Include/internal/pycore_runtime_init_generated.h` `_Py_LATIN1_CHR`) that carry their UTF-8 form. */
export function strSize(python: PythonVersion, value: string): number {
  const shape = strShape(value);
  if (python.minor >= 12 && shape.length === 1 && shape.maxChar >= 128 && shape.maxChar < 256) {
    return strSizeOfShape(python, shape, utf8Length(value));
  }
  return strSizeOfShape(python, shape);
}
