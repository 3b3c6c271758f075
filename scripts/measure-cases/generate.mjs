// Writes scripts/measure-cases/cases.jsonl: the cases `npm run measure` records on every interpreter and the model
// must reproduce (test/unit/model/layout-ground-truth.test.ts). Deterministic: same output on every run.
// Each case is {"id", "setup", "expr"}: setup is exec'd in a fresh namespace, then expr is eval'd.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);
const cases = [];
const ids = new Set();
function add(id, setup, expr) {
  if (ids.has(id)) throw new Error(`duplicate case id ${id}`);
  ids.add(id);
  cases.push({ id, setup, expr });
}
const pad = (n) => String(n).padStart(7, '0');
const range = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);

// Scalars and singletons.
for (const [name, expr] of [
  ['none', 'None'], ['ellipsis', '...'], ['notimplemented', 'NotImplemented'], ['true', 'True'], ['false', 'False'],
  ['object', 'object()'], ['float', '1.5'], ['float-zero', '0.0'], ['complex', '1j'], ['complex-2', '(1.5+2j)'],
]) add(`scalar/${name}`, '', expr);
const ints = ['0', '1', '-1', '5', '-5', '255', '256', '257', '-6', '1000', '2**29', '2**30-1', '2**30', '-2**30', '2**31',
  '2**59', '2**60-1', '2**60', '2**64', '2**89', '2**90', '2**100', '-2**100', '10**100', '2**300', '10**1000'];
ints.forEach((e, i) => add(`int/${String(i).padStart(2, '0')}:${e}`, '', e));
for (const n of [0, 1, 2, 5, 10, 100, 1000]) add(`bytes/literal-${pad(n)}`, '', `b'${'x'.repeat(n)}'`);
for (const n of [0, 1, 7, 100, 10000]) add(`bytes/zeros-${pad(n)}`, '', `bytes(${n})`);

// str: each kind at many lengths; made by repetition at run time.
const strKinds = [['ascii', "'a'"], ['latin1', 'chr(233)'], ['ucs2', 'chr(0x20ac)'], ['ucs4', 'chr(0x1f600)']];
for (const [kind, ch] of strKinds) {
  for (const n of [...range(0, 12), 15, 16, 17, 31, 32, 33, 63, 64, 100, 1000, 10000]) {
    add(`str/${kind}-repeat-${pad(n)}`, `n = ${n}`, `${ch} * n`);
  }
}
for (const [name, lit] of [['empty', "''"], ['hello', "'hello'"], ['space', "'hello world'"], ['e-acute', "'é'"],
  ['cafe', "'café'"], ['euro', "'€'"], ['cafe-euro', "'café€'"], ['emoji', "'😀'"], ['mixed', "'aé€😀'"],
  ['ident-long', "'attribute_name_that_is_long'"]]) add(`str/literal-${name}`, '', lit);
add('str/joined', "parts = ['ab', 'cd', 'ef']", "''.join(parts)");
add('str/str-of-int', '', 'str(12345)');
add('str/upper', "s = 'hello'", 's.upper()');

// tuple
for (const n of [0, 1, 2, 3, 5, 10, 31, 100, 1000]) {
  add(`tuple/range-${pad(n)}`, '', `tuple(range(${n}))`);
  if (n <= 100) add(`tuple/literal-${pad(n)}`, '', `(${range(0, n).map((i) => i + 300).join(', ')}${n === 1 ? ',' : ''})`);
}
add('tuple/nested-shared', 'a = (1, 2)', '(a, a, a)');
add('tuple/strs', '', "('a', 'b', 'hello world')");

// list: sizes 0-40, 100, 1000 for every way of building; 10**6 for the ones that do not need a huge source.
const listSizes = [...range(0, 41), 100, 1000];
for (const n of [...listSizes, 1000000]) {
  add(`list/range-list-${pad(n)}`, `n = ${n}`, 'list(range(n))');
  add(`list/comprehension-${pad(n)}`, `n = ${n}`, '[i for i in range(n)]');
  add(`list/append-${pad(n)}`, `x = []\nfor i in range(${n}):\n    x.append(i)`, 'x');
  add(`list/repeat-${pad(n)}`, `n = ${n}`, '[0] * n');
  add(`list/extend-${pad(n)}`, `x = []\nx.extend(range(${n}))`, 'x');
}
// 10**6 for the other ways of building too (displays of a million items are left out: no such source).
for (const n of [1000000]) {
  add(`list/list-of-tuple-${pad(n)}`, `t = tuple(range(${n}))`, 'list(t)');
  add(`list/slice-copy-${pad(n)}`, `y = list(range(${n}))`, 'y[:]');
  add(`list/star-${pad(n)}`, `n = ${n}`, '[*range(n)]');
  add(`list/sorted-${pad(n)}`, `n = ${n}`, 'sorted(range(n))');
  add(`list/extend-list-${pad(n)}`, `y = list(range(${n}))\nx = []\nx.extend(y)`, 'x');
  add(`list/small-int-comp-${pad(n)}`, `n = ${n}`, '[i % 7 for i in range(n)]');
}
for (const n of listSizes) {
  add(`list/literal-const-${pad(n)}`, '', `[${range(0, n).map((i) => i + 500).join(', ')}]`);
  add(`list/literal-names-${pad(n)}`, 'a = 1000\nb = 2000', `[${range(0, n).map((i) => (i % 2 ? 'b' : 'a')).join(', ')}]`);
  add(`list/list-of-tuple-${pad(n)}`, `t = tuple(range(${n}))`, 'list(t)');
  add(`list/slice-copy-${pad(n)}`, `y = list(range(${n}))`, 'y[:]');
  add(`list/star-${pad(n)}`, `n = ${n}`, '[*range(n)]');
  add(`list/sorted-${pad(n)}`, `n = ${n}`, 'sorted(range(n))');
  add(`list/small-int-comp-${pad(n)}`, `n = ${n}`, '[i % 7 for i in range(n)]');
}
for (const n of listSizes) {
  add(`list/extend-nonempty-${pad(n)}`, `x = [1, 2, 3]\nx.extend(range(${n}))`, 'x');
  add(`list/extend-list-${pad(n)}`, `y = list(range(${n}))\nx = []\nx.extend(y)`, 'x');
  add(`list/genexpr-call-${pad(n)}`, `n = ${n}`, 'list(i for i in range(n))');
  add(`list/concat-${pad(n)}`, `y = list(range(${n}))`, '[1, 2, 3] + y');
  add(`list/iadd-${pad(n)}`, `x = [7]\nx += list(range(${n}))`, 'x');
}
for (const n of [0, 1, 5, 10, 100]) {
  add(`tuple/genexpr-${pad(n)}`, `n = ${n}`, 'tuple(i for i in range(n))');
  add(`nested/list-of-lists-${pad(n)}`, `n = ${n}`, '[[0] * 3 for _ in range(n)]');
  add(`nested/shared-inner-${pad(n)}`, `n = ${n}`, '[[]] * n');
  add(`nested/fresh-inner-${pad(n)}`, `n = ${n}`, '[[] for _ in range(n)]');
  add(`nested/pairs-${pad(n)}`, `n = ${n}`, '[(i, i) for i in range(n)]');
  add(`nested/strs-${pad(n)}`, `n = ${n}`, '[str(i) for i in range(n)]');
  add(`nested/floats-${pad(n)}`, `n = ${n}`, '[float(i) for i in range(n)]');
  add(`nested/bigints-${pad(n)}`, `n = ${n}`, '[2**40 + i for i in range(n)]');
  add(`nested/dict-of-lists-${pad(n)}`, `n = ${n}`, '{i: [i, i + 1] for i in range(n)}');
  add(`nested/set-of-tuples-${pad(n)}`, `n = ${n}`, '{(i, 0) for i in range(n)}');
}
add('nested/bool-none', '', '[True, False, None, True]');
add('nested/tuple-of-lists', 'a = [1]\nb = [1000]', '(a, b, a)');
for (const [name, ch] of [['latin1', 'chr(233)'], ['ucs2', 'chr(0x20ac)'], ['ucs4', 'chr(0x1f600)'], ['ascii', "'a'"]]) {
  for (const n of [2, 5, 50]) add(`str/utf8-cached-${name}-${pad(n)}`, `s = ${ch} * ${n}\nT = type(s, (), {})`, 's');
}
for (const n of [0, 1, 2, 5]) {
  const names = range(0, n).map((i) => `'s${i}'`);
  const init = range(0, n).map((i) => `        self.s${i} = ${i}`).join('\n') || '        pass';
  add(`instance/slots-weakref-${pad(n)}`, `class C:\n    __slots__ = (${[...names, "'__weakref__'"].join(', ')})\n    def __init__(self):\n${init}`, 'C()');
}
for (const n of [1, 3, 6, 12]) {
  add(`instance/list-values-${pad(n)}`, `${classDef('C', 0)}\no = C()\n${range(0, n).map((i) => `o.v${i} = [${i}, ${i + 1}]`).join('\n')}`, 'o');
  add(`instance/method-and-classattr-${pad(n)}`, `class C:\n    kind = 'c'\n    def __init__(self):\n${range(0, n).map((i) => `        self.a${i} = ${i}`).join('\n')}\n    def total(self):\n        return 0`, 'C()');
}
for (const [name, setup, expr] of [
  ['pop-shrink', 'x = []\nfor i in range(100):\n    x.append(i)\nfor i in range(90):\n    x.pop()', 'x'],
  ['clear', 'x = list(range(50))\nx.clear()', 'x'],
  ['append-after-literal', 'x = [1, 2, 3]\nx.append(4)', 'x'],
  ['nested-shared-ints', '', '[[1, 2, 3], [1, 2, 3]]'],
  ['nested-shared-big', '', '[[1000, 2000], [1000, 2000]]'],
  ['nested-computed', 'n = 3', '[[i * 1000 for i in range(n)] for j in range(n)]'],
  ['cycle-self', 'x = []\nx.append(x)', 'x'],
  ['cycle-pair', 'a = []\nb = [a]\na.append(b)', 'a'],
  ['strings', '', "['a', 'b', 'a', 'hello world']"],
  ['floats', '', '[1.5, 2.5, 1.5]'],
  ['none-repeat', '', '[None] * 10'],
  ['mod256-1e5', '', '[i % 256 for i in range(10**5)]'],
]) add(`list/misc-${name}`, setup, expr);

// dict: around each resize threshold; str keys vs int keys; literal, comprehension, insertion, fromkeys, zip.
const dictSizes = [...range(0, 13), 20, 21, 22, 23, 41, 42, 43, 44, 84, 85, 86, 87, 169, 170, 171, 172, 340, 341, 342, 343, 681, 682, 683, 684, 1000];
for (const n of dictSizes) {
  add(`dict/comp-int-${pad(n)}`, `n = ${n}`, '{i: i for i in range(n)}');
  add(`dict/comp-str-${pad(n)}`, `n = ${n}`, "{'k' + str(i): i for i in range(n)}");
  add(`dict/setitem-int-${pad(n)}`, `d = {}\nfor i in range(${n}):\n    d[i] = None`, 'd');
  add(`dict/setitem-str-${pad(n)}`, `d = {}\nfor i in range(${n}):\n    d[str(i)] = i`, 'd');
  add(`dict/fromkeys-${pad(n)}`, `n = ${n}`, 'dict.fromkeys(range(n))');
  add(`dict/zip-${pad(n)}`, `n = ${n}`, 'dict(zip(range(n), range(n)))');
  if (n <= 100) {
    add(`dict/literal-str-${pad(n)}`, '', `{${range(0, n).map((i) => `'key${i}': ${i}`).join(', ')}}`);
    add(`dict/literal-int-${pad(n)}`, '', `{${range(0, n).map((i) => `${i + 1000}: ${i}`).join(', ')}}`);
  }
}
for (const [name, setup, expr] of [
  ['empty-call', '', 'dict()'],
  ['kwargs', '', 'dict(a=1, b=2, c=3)'],
  ['mixed-literal-int-last', '', "{'a': 1, 'b': 2, 'c': 3, 'd': 4, 5: 5}"],
  ['mixed-literal-int-first', '', "{1: 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5}"],
  ['deleted', 'd = {i: i for i in range(100)}\nfor i in range(90):\n    del d[i]', 'd'],
  ['copy', 'd = {i: i for i in range(30)}', 'd.copy()'],
  ['nested', '', "{'a': [1, 2], 'b': {'c': (3, 4)}}"],
  ['cycle', "d = {}\nd['self'] = d", 'd'],
  ['shared-values', 'v = [1, 2, 3]', "{'a': v, 'b': v}"],
]) add(`dict/misc-${name}`, setup, expr);

// set / frozenset: incremental vs presized.
const setSizes = [...range(0, 8), 17, 18, 19, 20, 75, 76, 77, 78, 305, 306, 307, 308, 1000];
for (const n of setSizes) {
  add(`set/range-${pad(n)}`, `n = ${n}`, 'set(range(n))');
  add(`set/comp-${pad(n)}`, `n = ${n}`, '{i for i in range(n)}');
  add(`set/add-${pad(n)}`, `s = set()\nfor i in range(${n}):\n    s.add(i)`, 's');
  add(`set/frozen-range-${pad(n)}`, `n = ${n}`, 'frozenset(range(n))');
  add(`set/copy-${pad(n)}`, `s = set(range(${n}))`, 'set(s)');
  add(`set/frozen-copy-${pad(n)}`, `s = set(range(${n}))`, 'frozenset(s)');
  if (n >= 1 && n <= 100) add(`set/literal-${pad(n)}`, '', `{${range(0, n).map((i) => i + 300).join(', ')}}`);
}

// Fixed-size objects.
for (const [name, setup, expr] of [
  ['range', '', 'range(10)'], ['range-big', '', 'range(10**20)'], ['slice', '', 'slice(1, 2, 3)'],
  ['iter-list', '', 'iter([1, 2])'], ['iter-range', '', 'iter(range(3))'], ['enumerate', '', 'enumerate([])'],
  ['zip', '', 'zip()'], ['map', '', 'map(abs, [])'],
  ['function', 'def f(a, b):\n    return a + b', 'f'], ['lambda', '', 'lambda: 0'],
  ['closure', 'def outer():\n    x = 1\n    def inner():\n        return x\n    return inner', 'outer()'],
  ['bound-method', 'class C:\n    def m(self):\n        pass', 'C().m'],
  ['builtin-function', '', 'len'], ['builtin-method', '', '[].append'],
  ['genexpr', '', '(i for i in range(10))'],
  ['memoryview', '', "memoryview(b'abc')"],
  ['bytearray-empty', '', 'bytearray()'],
]) add(`fixed/${name}`, setup, expr);
for (const n of [0, 1, 2, 5, 10, 100, 1000]) {
  add(`bytearray/zeros-${pad(n)}`, `n = ${n}`, 'bytearray(n)');
  add(`bytearray/from-bytes-${pad(n)}`, `b = b'x' * ${n}`, 'bytearray(b)');
  add(`bytearray/append-${pad(n)}`, `x = bytearray()\nfor i in range(${n}):\n    x.append(1)`, 'x');
}

// Instances: 0-30 attributes, several instances, attributes added after __init__, slots, dataclass, NamedTuple.
function classDef(name, n, { slots = false, values = 'int' } = {}) {
  const attrs = range(0, n).map((i) => `a${i}`);
  const lines = [`class ${name}:`];
  if (slots) lines.push(`    __slots__ = (${attrs.map((a) => `'${a}'`).join(', ')}${n === 1 ? ',' : ''})`);
  lines.push('    def __init__(self):');
  if (n === 0) lines.push('        pass');
  attrs.forEach((a, i) => lines.push(`        self.${a} = ${values === 'int' ? i : `${i + 1000}`}`));
  return lines.join('\n');
}
for (const n of range(0, 32)) {
  for (const k of [1, 2, 3, 10, 50]) {
    add(`instance/plain-${pad(n)}-of-${pad(k)}`, `${classDef('C', n)}\nobjs = [C() for _ in range(${k})]`, 'objs[0]');
  }
  add(`instance/plain-last-${pad(n)}-of-10`, `${classDef('C', n)}\nobjs = [C() for _ in range(10)]`, 'objs[-1]');
  add(`instance/slots-${pad(n)}`, classDef('C', n, { slots: true }), 'C()');
  add(`instance/bigvalues-${pad(n)}`, classDef('C', n, { values: 'big' }), 'C()');
}
for (const extra of [1, 2, 5]) {
  for (const n of [0, 3, 28]) {
    const adds = range(0, extra).map((i) => `o.x${i} = ${i}`).join('\n');
    add(`instance/added-after-${pad(n)}-plus-${extra}`, `${classDef('C', n)}\no = C()\n${adds}`, 'o');
  }
}
add('instance/empty-object-attr', 'class C:\n    pass\no = C()\no.x = 1', 'o');
add('instance/no-init', 'class C:\n    pass', 'C()');
add('instance/cycle', 'class Node:\n    def __init__(self):\n        self.next = None\na = Node()\nb = Node()\na.next = b\nb.next = a', 'a');
add('instance/shared-list', 'class C:\n    def __init__(self, v):\n        self.v = v\nv = [1, 2, 3]\no = C(v)\no.w = v', 'o');
for (const n of [1, 2, 3, 5, 8]) {
  const fields = range(0, n).map((i) => `    f${i}: int = ${i}`).join('\n');
  add(`dataclass/plain-${pad(n)}`, `from dataclasses import dataclass\n@dataclass\nclass D:\n${fields}`, 'D()');
  add(`dataclass/slots-${pad(n)}`, `from dataclasses import dataclass\n@dataclass(slots=True)\nclass D:\n${fields}`, 'D()');
  add(`namedtuple/typing-${pad(n)}`, `from typing import NamedTuple\nclass P(NamedTuple):\n${fields}`, 'P()');
  add(`namedtuple/collections-${pad(n)}`, `from collections import namedtuple\nP = namedtuple('P', [${range(0, n).map((i) => `'f${i}'`).join(', ')}])`, `P(${range(0, n).map((i) => String(i)).join(', ')})`);
}

// collections and array
for (const n of [0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129, 200, 1000]) {
  add(`deque/range-${pad(n)}`, `from collections import deque\nn = ${n}`, 'deque(range(n))');
}
for (const n of [0, 1, 5, 6, 10, 11, 100]) {
  add(`defaultdict/int-keys-${pad(n)}`, `from collections import defaultdict\nd = defaultdict(list)\nfor i in range(${n}):\n    d[i]`, 'd');
  add(`counter/${pad(n)}`, `from collections import Counter\nn = ${n}`, 'Counter(range(n))');
}
add('ordereddict/empty', 'from collections import OrderedDict', 'OrderedDict()');
for (const [tc, items] of [['b', '[1] * n'], ['i', 'range(n)'], ['d', '[0.0] * n'], ['q', 'range(n)']]) {
  for (const n of [0, 1, 5, 8, 9, 16, 17, 100, 1000]) {
    add(`array/${tc}-${items.startsWith('range') ? 'range' : 'list'}-${pad(n)}`, `from array import array\nn = ${n}`, `array('${tc}', ${items})`);
  }
}

// Class objects (`type.__sizeof__`: the heap type + the shared keys it caches for its instances).
for (const n of [0, 1, 5, 6, 12, 25]) {
  add(`class/plain-${pad(n)}`, `${classDef('C', n)}\nC()`, 'C');
  add(`class/slots-${pad(n)}`, classDef('C', n, { slots: true }), 'C');
}
add('class/empty', 'class C:\n    pass', 'C');
add('class/methods', 'class C:\n    x = 1\n    def f(self):\n        pass\n    def g(self):\n        pass', 'C');

// More container operations.
for (const n of [0, 1, 5, 6, 11, 22, 100]) {
  add(`ordereddict/zip-${pad(n)}`, `from collections import OrderedDict\nn = ${n}`, 'OrderedDict(zip(range(n), range(n)))');
  add(`ordereddict/setitem-${pad(n)}`, `from collections import OrderedDict\nd = OrderedDict()\nfor i in range(${n}):\n    d[str(i)] = i`, 'd');
}
for (const n of [0, 1, 31, 32, 33, 95, 96, 97, 200]) {
  add(`deque/append-${pad(n)}`, `from collections import deque\nd = deque()\nfor i in range(${n}):\n    d.append(i)`, 'd');
  add(`deque/appendleft-${pad(n)}`, `from collections import deque\nd = deque()\nfor i in range(${n}):\n    d.appendleft(i)`, 'd');
}
for (const n of [0, 1, 4, 5, 8, 9, 16, 17, 100]) {
  add(`array/append-${pad(n)}`, `from array import array\na = array('i')\nfor i in range(${n}):\n    a.append(i)`, 'a');
}
for (const n of [5, 6, 50]) {
  add(`dict/clear-${pad(n)}`, `d = {i: i for i in range(${n})}\nd.clear()`, 'd');
  add(`dict/pop-half-${pad(n)}`, `d = {i: i for i in range(${n})}\nfor i in range(${Math.floor(n / 2)}):\n    d.pop(i)`, 'd');
  add(`dict/refill-${pad(n)}`, `d = {i: i for i in range(${n})}\nfor i in range(${n}):\n    del d[i]\nfor i in range(${n}):\n    d[i + 1000] = i`, 'd');
  add(`set/discard-half-${pad(n)}`, `s = set(range(${n}))\nfor i in range(${Math.floor(n / 2)}):\n    s.discard(i)`, 's');
  add(`list/insert-front-${pad(n)}`, `x = []\nfor i in range(${n}):\n    x.insert(0, i)`, 'x');
  add(`list/remove-most-${pad(n)}`, `x = list(range(${n}))\nfor i in range(${n - 1}):\n    x.remove(i)`, 'x');
  add(`list/del-most-${pad(n)}`, `x = list(range(${n}))\nfor i in range(${n - 1}):\n    del x[0]`, 'x');
}

// Comprehensions with conditions.
for (const n of [0, 10, 17, 100, 1000]) {
  add(`cond/list-even-${pad(n)}`, `n = ${n}`, '[i for i in range(n) if i % 2 == 0]');
  add(`cond/dict-above-${pad(n)}`, `n = ${n}`, '{i: i for i in range(n) if i > 3}');
  add(`cond/set-mod-${pad(n)}`, `n = ${n}`, '{i % 10 for i in range(n) if i != 5}');
}

cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
// Types, functions, methods and builtins reached from a container: counted only as the value itself (DESIGN.md).
add('opaque/list-of-builtins', '', '[len, int, str]');
add('opaque/dict-of-function', 'def f():\n    return 1', "{'f': f, 'n': 1000}");
add('opaque/tuple-of-class', 'class C:\n    pass', '(C, C(), 1000)');
add('opaque/list-of-bound-method', 'class C:\n    def m(self):\n        pass\nc = C()', '[c.m, c]');
add('opaque/instance-holding-function', 'class C:\n    def __init__(self):\n        self.cb = len\n        self.kind = int', 'C()');

// Weak references (`Include/cpython/weakrefobject.h`): the object itself, not what it refers to.
add('weakref/ref', 'from weakref import ref\nclass C:\n    pass\nc = C()', 'ref(c)');
add('weakref/proxy', 'from weakref import proxy\nclass C:\n    pass\nc = C()', 'proxy(c)');
add('weakref/ref-in-list', 'from weakref import ref\nclass C:\n    pass\nc = C()', '[ref(c), ref(c), 1000]');

writeFileSync(join(here, 'cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
console.log(`${cases.length} cases -> ${join(here, 'cases.jsonl')}`);
