// The state CPython keeps for dict and set tables while items go in and out (`Objects/dictobject.c`,
// `Objects/setobject.c`), with an index so that building a 1,000-item container is not quadratic.
import type { PythonVersion } from '../../analysis/python-version';
import { dictTableSize, dictUsable } from '../layout/dict';
import type { DictObject, PyObject } from '../layout/objects';
import { setTablePresized } from '../layout/set';
import { PythonError } from './case-values';

export class ContainerState {
  readonly setIndex = new WeakMap<object, Set<string | PyObject>>();

  constructor(readonly python: PythonVersion) {}

  keyOf(k: PyObject): string | PyObject {
    if (k.kind === 'int') return `i${k.value}`;
    if (k.kind === 'bool') return `i${k.value ? 1 : 0}`;
    if (k.kind === 'str') return `s${k.value}`;
    if (k.kind === 'float') return Number.isInteger(k.value) ? `i${k.value}` : `f${k.value}`;
    return k;
  }
  growDict(d: DictObject, unicode: boolean): void {
    // `insertion_resize`: GROWTH_RATE(d) = used*3, to the next power of two (at least 8).
    const used = d.keys.length;
    d.table = Math.max(8, 2 ** Math.ceil(Math.log2(Math.max(used * 3, 1))));
    d.nentries = used;
    d.unicode = unicode;
  }
  /** key -> position in `d.keys`, so building a 1000-item dict is not quadratic. */
  readonly dictIndex = new WeakMap<DictObject, Map<string | PyObject, number>>();
  indexOf(d: DictObject): Map<string | PyObject, number> {
    let m = this.dictIndex.get(d);
    if (!m) {
      m = new Map(d.keys.map((k, i) => [this.keyOf(k), i]));
      this.dictIndex.set(d, m);
    }
    return m;
  }
  findKey(d: DictObject, key: PyObject): number {
    return this.indexOf(d).get(this.keyOf(key)) ?? -1;
  }
  dictSet(d: DictObject, key: PyObject, value: PyObject): void {
    const k = this.keyOf(key);
    const at = this.indexOf(d).get(k) ?? -1;
    if (at >= 0) {
      d.values[at] = value;
      return;
    }
    const isStr = key.kind === 'str';
    if (d.table === 0) {
      d.table = 8;
      d.nentries = 0;
      d.unicode = isStr; // `new_keys_object(..., unicode)` from the first key (3.11+)
    } else if (this.python.minor >= 11 && d.unicode && !isStr) {
      // 3.11-3.13 `insertdict`: a non-str key in a unicode table -> `insertion_resize` (grows a step);
      // 3.14 rebuilds it at the same size (from source and notes).
      if (this.python.minor >= 14) {
        d.unicode = false;
        d.nentries = d.keys.length;
      } else this.growDict(d, false);
    }
    if (d.nentries >= dictUsable(d.table)) this.growDict(d, d.unicode && isStr);
    this.indexOf(d).set(k, d.keys.length);
    d.keys.push(key);
    d.values.push(value);
    d.nentries++;
    if (!isStr) d.unicode = false;
  }
  dictDelete(d: DictObject, key: PyObject): void {
    const at = this.findKey(d, key);
    if (at < 0) throw new PythonError('KeyError');
    d.keys.splice(at, 1);
    d.values.splice(at, 1);
    this.dictIndex.delete(d);
  }
  /** A dict literal of n items: `_PyDict_NewPresized` / `_PyDict_FromItems` (n <= 5: the empty dict). */
  presizedDict(n: number, allStr: boolean): DictObject {
    const d = this.newDict();
    if (n > 5) {
      d.table = dictTableSize(n);
      d.unicode = allStr;
    }
    return d;
  }

  setAdd(s: PyObject & { kind: 'set' }, item: PyObject): void {
    const items = s.items as PyObject[];
    let index = this.setIndex.get(s);
    if (!index) this.setIndex.set(s, (index = new Set(items.map((x) => this.keyOf(x)))));
    const k = this.keyOf(item);
    if (index.has(k)) return;
    index.add(k);
    items.push(item);
    s.fill++;
    // `set_add_entry`: resize when fill*5 >= mask*3 to used*4 (used*2 above 50000).
    if (s.fill * 5 >= (s.table - 1) * 3) {
      const used = items.length;
      const minused = used > 50000 ? used * 2 : used * 4;
      let size = 8;
      while (size <= minused) size *= 2;
      s.table = size;
      s.fill = used;
    }
  }
  newSet(frozen: boolean, items: PyObject[], presized: boolean): PyObject {
    if (presized) {
      const s: PyObject & { kind: 'set' } = { kind: 'set', frozen, items: [], table: 8, fill: 0 };
      const distinct: PyObject[] = [];
      const keys = new Set<string | PyObject>();
      for (const it of items) if (!keys.has(this.keyOf(it))) keys.add(this.keyOf(it)), distinct.push(it);
      s.items = distinct;
      s.table = setTablePresized(distinct.length);
      s.fill = distinct.length;
      return s;
    }
    const s: PyObject & { kind: 'set' } = { kind: 'set', frozen, items: [], table: 8, fill: 0 };
    for (const it of items) this.setAdd(s, it);
    return s;
  }

  newDict(typeName = 'dict', extra = 0, typeCall = typeName !== 'dict'): DictObject {
    // 3.8/3.9 `dict_new` (calling the type: `dict()`, `dict.fromkeys`, subclasses) allocates an 8-slot table at
    // once (`new_keys_object(PyDict_MINSIZE)`); 3.10 made it share `Py_EMPTY_KEYS` like `{}`.
    const table = typeCall && this.python.minor < 10 ? 8 : 0;
    return { kind: 'dict', typeName, keys: [], values: [], table, nentries: 0, unicode: true, extra };
  }

  /** Empties a dict the way `PyDict_Clear` does: back to the shared empty keys. */
  clearDict(d: DictObject): void {
    d.keys = [];
    d.values = [];
    d.table = 0;
    d.nentries = 0;
    d.unicode = true;
    this.dictIndex.delete(d);
  }
}
