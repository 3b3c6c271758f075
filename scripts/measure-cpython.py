"""Measures sys.getsizeof and the deep size of each case in a case list, on the interpreter running this script.

Usage: python3 measure-cpython.py CASES.jsonl > RESULT.json
Each line of CASES.jsonl is {"id", "setup", "expr"}: `setup` is exec'd in a fresh namespace, then `expr` is
eval'd in it. Writes one JSON object {"python": version, "records": [{id, type, shallow, deep} or {id, error}]}.

Runs on CPython 3.6+ (no walrus, no f-string "=").

Deep size (MemLens DESIGN.md): the sum, over each distinct object reachable from the value, of its
sys.getsizeof rounded up to a multiple of 8. Reachable: dict keys and values; items of list, tuple, set, frozenset,
deque; the __dict__ (counted itself) and filled slots of other objects. Numbers, str, bytes, bytearray, range,
slice, memoryview and singletons are leaves. Types, modules, functions and code objects count only when they
are the value itself, and are never entered. Subclasses of the containers are entered as containers; their
__dict__ is counted only when it is non-empty (reading an empty one would create it).
"""
import collections
import json
import sys
import types

LEAF_TYPES = (int, float, complex, str, bytes, bytearray, range, slice, memoryview, bool, type(None),
              type(Ellipsis), type(NotImplemented))
OPAQUE_TYPES = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType,
                types.MethodType, types.LambdaType)
CONTAINERS = (list, tuple, set, frozenset, dict, collections.deque)


def round8(n):
    return (n + 7) // 8 * 8


def slot_names(cls):
    names = []
    for klass in type.mro(cls):
        slots = klass.__dict__.get('__slots__')
        if slots is None:
            continue
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                name = '_' + klass.__name__.lstrip('_') + name
            names.append(name)
    return names


def referents(obj):
    """The objects deep size enters from obj (see the module docstring)."""
    if isinstance(obj, LEAF_TYPES) or isinstance(obj, OPAQUE_TYPES):
        return []
    out = []
    is_container = isinstance(obj, CONTAINERS)
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.append(k)
            out.append(v)
    elif is_container:
        out.extend(obj)
    cls = type(obj)
    if cls.__module__ == 'builtins' and is_container:
        return out
    for name in slot_names(cls):
        try:
            out.append(object.__getattribute__(obj, name))
        except AttributeError:
            pass
    try:
        d = object.__getattribute__(obj, '__dict__')
    except AttributeError:
        d = None
    if isinstance(d, dict) and (d or not is_container):
        out.append(d)
    return out


def deep_size(root):
    seen = set()
    total = 0
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if obj is not root and isinstance(obj, OPAQUE_TYPES):
            continue  # a type, module, function or code object counts only as the value itself
        total += round8(sys.getsizeof(obj))
        if obj is root or not isinstance(obj, OPAQUE_TYPES):
            stack.extend(referents(obj))
    return total


def measure(case):
    ns = {'__name__': '__case__'}
    try:
        exec(compile(case['setup'], '<setup>', 'exec'), ns)
        value = eval(compile(case['expr'], '<expr>', 'eval'), ns)
        shallow = sys.getsizeof(value)
        deep = deep_size(value)
        return {'id': case['id'], 'type': type(value).__name__, 'shallow': shallow, 'deep': deep}
    except Exception as e:  # a case that cannot run on this version (e.g. dataclass(slots=True) before 3.10)
        return {'id': case['id'], 'error': '%s: %s' % (type(e).__name__, e)}


def main():
    with open(sys.argv[1]) as f:
        cases = [json.loads(line) for line in f if line.strip()]
    records = [measure(c) for c in cases]
    records.sort(key=lambda r: r['id'])
    json.dump({'python': sys.version.split()[0], 'implementation': sys.implementation.name,
               'records': records}, sys.stdout)


if __name__ == '__main__':
    main()
