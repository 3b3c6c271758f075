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
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from deep_size import deep_size  # noqa: E402  (scripts/deep_size.py: the one definition)


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
