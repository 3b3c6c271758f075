"""The deep size of a Python value, one definition for every MemLens measurement.

Used by scripts/measure-cpython.py (the ground truth) and embedded in the bootstrap that "Measure with Python" runs
(server/src/measure/bootstrap-source.ts reads this file; the build copies it to dist/). Runs on CPython 3.6+.

Deep size (MemLens DESIGN.md): the sum, over each distinct object reachable from the value, of its
sys.getsizeof rounded up to a multiple of 8. Reachable: dict keys and values; items of list, tuple, set, frozenset,
deque; the __dict__ (counted itself) and filled slots of other objects. Numbers, str, bytes, bytearray, range,
slice, memoryview and singletons are leaves. Types, modules, functions and code objects count only when they
are the value itself, and are never entered. Subclasses of the containers are entered as containers; their
__dict__ is counted only when it is non-empty (reading an empty one would create it).
"""
import collections
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
