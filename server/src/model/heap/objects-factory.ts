// Making objects the way CPython does, including which ones are shared: the small-int cache, interned strings,
// the singletons, and the constants of one compilation unit.
import type { PythonVersion } from '../../analysis/python-version';
import { isSmallInt, type PyObject } from '../layout/objects';
import type { Value } from './values';

/** `Objects/codeobject.c` `intern_string_constants` (3.8-3.11 `all_name_chars`; 3.12+ `_PyUnicode_InternImmortal`
 *  of the same set): a str constant made only of ASCII letters, digits and `_` is interned. Identifiers (names,
 *  attribute names) are always interned. */
const NAME_CHARS = /^[A-Za-z0-9_]*$/;

export class ObjectFactory {
  /** The cached small ints by value + 5 (an array: every int the simulation makes asks). */
  private readonly smallInts: Array<PyObject | undefined> = [];
  private readonly interned = new Map<string, PyObject>();
  /** Constants of the module's compilation unit: equal constants are one object
   *  (`Python/compile.c` `merge_consts_recursive`, one cache per compilation). */
  private readonly constants = new Map<string, PyObject>();
  readonly none: PyObject = { kind: 'singleton', typeName: 'NoneType' };
  readonly ellipsis: PyObject = { kind: 'singleton', typeName: 'ellipsis' };
  readonly notImplemented: PyObject = { kind: 'singleton', typeName: 'NotImplementedType' };
  readonly trueObj: PyObject = { kind: 'bool', value: true };
  readonly falseObj: PyObject = { kind: 'bool', value: false };
  /** `()` is a singleton (`Objects/tupleobject.c` the empty-tuple freelist slot / 3.12+ static). */
  readonly emptyTuple: PyObject = { kind: 'tuple', items: [] };
  /** b'' is a singleton (`Objects/bytesobject.c` `bytes_get_empty`). */
  readonly emptyBytes: PyObject = { kind: 'bytes', length: 0 };
  private readonly cached = new Set<Value>([this.none, this.ellipsis, this.notImplemented, this.trueObj, this.falseObj, this.emptyTuple, this.emptyBytes]);

  constructor(readonly python: PythonVersion) {}

  /** Interpreter-wide shared objects, counted once whoever refers to them. */
  isCachedSingleton(v: Value): boolean {
    return this.cached.has(v);
  }

  bool(b: boolean): PyObject {
    return b ? this.trueObj : this.falseObj;
  }

  int(v: bigint | number): PyObject {
    const b = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
    if (isSmallInt(b)) {
      const n = Number(b) + 5;
      let o = this.smallInts[n];
      if (!o) {
        this.smallInts[n] = o = { kind: 'int', value: b };
        this.cached.add(o);
      }
      return o;
    }
    return { kind: 'int', value: b };
  }

  /** A str made at run time: '' and the one-character Latin-1 strs are singletons (`get_latin1_char`). */
  str(value: string): PyObject {
    if (value === '' || (value.length === 1 && value.charCodeAt(0) < 256)) return this.intern(value);
    return { kind: 'str', value };
  }

  intern(value: string): PyObject {
    let o = this.interned.get(value);
    if (!o) {
      const cp = value.codePointAt(0) ?? 0;
      // 3.12+ the one-character Latin-1 singletons are static and carry their UTF-8 form (`_Py_LATIN1_CHR`).
      const utf8Cached = this.python.minor >= 12 && value.length === 1 && cp >= 128 && cp < 256;
      o = utf8Cached ? { kind: 'str', value, utf8Cached } : { kind: 'str', value };
      this.interned.set(value, o);
      this.cached.add(o);
    }
    return o;
  }

  strConstant(value: string): PyObject {
    if (NAME_CHARS.test(value) || (value.length === 1 && value.charCodeAt(0) < 256)) return this.intern(value);
    return this.constant(`s${value}`, () => ({ kind: 'str', value }));
  }

  intConstant(value: bigint): PyObject {
    return isSmallInt(value) ? this.int(value) : this.constant(`i${value}`, () => ({ kind: 'int', value }));
  }

  floatConstant(value: number): PyObject {
    return this.constant(`f${Object.is(value, -0) ? '-0' : value}`, () => ({ kind: 'float', value }));
  }

  constant(key: string, make: () => PyObject): PyObject {
    let o = this.constants.get(key);
    if (!o) this.constants.set(key, (o = make()));
    return o;
  }
}
