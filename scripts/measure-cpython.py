"""Measures sys.getsizeof and the deep size of each case in a case list, on the interpreter running this script.

Usage: python3 measure-cpython.py CASES.jsonl > RESULT.json
Each line of CASES.jsonl is {"id", "setup", "expr"}: `setup` is exec'd in a fresh namespace, then `expr` is
eval'd in it. Writes one JSON object {"python": version, "records": [{id, type, shallow, deep} or {id, error}]}.

Runs on CPython 3.6+ (no walrus, no f-string "=").

Deep size: the DESIGN.md definition, in scripts/deep_size.py (shared with the "Measure with Python" bootstrap).
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
