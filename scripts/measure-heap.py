"""Measures the heap fixtures (test/fixtures/heap/*.py) on the running CPython: for every module-level variable
after the fixture has run, its type, sys.getsizeof, deep size (the DESIGN.md definition, `deep_size` from
measure-cpython.py) and, for containers and instances, its reference count. Prints one JSON object.

Reference counts: `sys.getrefcount(value) - 2` (the call's argument and the script's own `value` variable excluded) once the compiled code object
is released, so the count is what variables, containers, attributes and cells hold. Constants, small ints, interned
strs and singletons are not recorded (the code object and the interpreter hold them too, or they are immortal).
"""
import gc
import importlib.util
import json
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('measure_cpython', os.path.join(HERE, 'measure-cpython.py'))
measure_cpython = importlib.util.module_from_spec(spec)
spec.loader.exec_module(measure_cpython)
deep_size = measure_cpython.deep_size

REFCOUNTED = (list, dict, set, bytearray)


def skip(value):
    return isinstance(value, (types.ModuleType, type, types.FunctionType, types.BuiltinFunctionType))


def measure_file(path):
    with open(path, encoding='utf-8') as f:
        source = f.read()
    ns = {'__name__': '__heap_fixture__'}
    code = compile(source, path, 'exec')
    try:
        exec(code, ns)
    except Exception as e:  # noqa: BLE001 - recorded, not raised
        return {'error': '%s: %s' % (type(e).__name__, e)}
    del code
    out = {}
    for name in sorted(ns):
        if name.startswith('_'):
            continue
        value = ns[name]
        if skip(value):
            continue
        record = {'type': type(value).__name__, 'shallow': sys.getsizeof(value), 'deep': deep_size(value)}
        is_instance = type(value).__module__ == '__heap_fixture__' and not isinstance(value, tuple)
        if isinstance(value, REFCOUNTED) or is_instance:
            record['refcount'] = sys.getrefcount(value) - 2
        out[name] = record
    return out


def main():
    folder = sys.argv[1]
    gc.disable()
    result = {'python': '%d.%d' % sys.version_info[:2], 'fixtures': {}}
    for name in sorted(os.listdir(folder)):
        if name.endswith('.py'):
            result['fixtures'][name] = measure_file(os.path.join(folder, name))
    print(json.dumps(result, sort_keys=True))


if __name__ == '__main__':
    main()
