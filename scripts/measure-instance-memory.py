"""Measures, with tracemalloc, the memory N instances of a class really occupy on the interpreter running this script.

Usage: python3 measure-instance-memory.py > RESULT.json
Writes {"python": version, "records": [{id, kind, attributes, later, order, readDict, n, total, perInstance}]}:
`total` is what tracemalloc still sees allocated, at the end, of the blocks allocated while making `n` instances of a
fresh class (under the frames of the generated code) and keeping them in a list made beforehand: the sizes requested
from the allocator, not pymalloc's rounded block sizes; `perInstance` = total / n. Blocks allocated before the
measurement and freed during it (a class's old shared keys) do not count. The attribute values are None (no
allocations of their own).

What it contains: each instance's object (GC header, pre-header, inline values on 3.13+), its values array
(3.11/3.12) or dict object and keys (3.8-3.10 always; 3.11+ once `__dict__` is read or the attributes outgrow the
class's shared keys), and the shared keys 3.8-3.10 grow while the first instance sets its attributes (3.11+ allocate
them with the class, before the measurement).

To make it deterministic:
- a twin class runs the same driver and `__init__` code first, so code-object caches (3.8-3.10 zombie frames) exist;
- the driver takes its `range` from outside (3.8 keeps a block per `range()` call made in it) and signals the
  insertion order through a flag, not an argument (an argument tuple could stay in the tuple freelist);
- the dict object and dict keys freelists (3.8-3.13) are then drained by holding 200 small dicts, so every dict the
  measured instances make is a real allocation, as in a program that has used its freelists;
- the garbage collector is off while measuring.

Cases (`kind`): plain (attributes set in `__init__`), dataclass, slots, dataclass-slots (3.10+); `later` attributes set
from outside after construction; `readDict` reads `o.__dict__` after that (materializing it on 3.11+); `order`
'alternate' makes every second instance set its `__init__` attributes in reverse order.
Runs on CPython 3.6+ (no walrus).
"""
import gc
import json
import sys
import tracemalloc

COUNTS = (1, 2, 10, 1000)
# The classes and the driver are compiled under this name; only blocks allocated under one of its frames and still
# alive at the end are counted (frames of the measuring code itself, e.g. tracemalloc's own results, are not).
SOURCE_NAME = '<instances>'
# Enough frames to reach the driver from inside a dataclass `__init__` (compiled by dataclasses as '<string>').
FRAMES = 4


def class_source(name, kind, attributes):
    names = ['a%d' % i for i in range(attributes)]
    lines = []
    if kind.startswith('dataclass'):
        lines.append('@dataclass(slots=True)' if kind == 'dataclass-slots' else '@dataclass')
        lines.append('class %s:' % name)
        for a in names:
            lines.append('    %s: object = None' % a)
        return '\n'.join(lines)
    lines.append('class %s:' % name)
    if kind == 'slots':
        lines.append('    __slots__ = (%s)' % ''.join("'%s', " % a for a in names))
    lines.append('    def __init__(self):')
    lines.append('        if REVERSE[0]:')
    for a in reversed(names):
        lines.append('            self.%s = None' % a)
    lines.append('            pass')
    lines.append('        else:')
    for a in names:
        lines.append('            self.%s = None' % a)
    lines.append('            pass')
    return '\n'.join(lines)


def driver_source(kind, later, order, read_dict):
    lines = ['def make(cls, lst, indices):', '    for i in indices:']
    if kind.startswith('dataclass'):
        lines.append('        o = cls()')
    elif order == 'alternate':
        # A flag rather than an argument: an argument tuple could be left in the tuple freelist and be counted.
        lines.append('        REVERSE[0] = i % 2 == 1')
        lines.append('        o = cls()')
    else:
        lines.append('        o = cls()')
    for k in range(later):
        lines.append('        o.later%d = None' % k)
    if read_dict:
        lines.append('        d = o.__dict__')
        lines.append('        d = None')
    lines.append('        lst[i] = o')
    return '\n'.join(lines)


def measure(case, n):
    ns = {'__name__': '__measure__', 'REVERSE': [False]}
    if case['kind'].startswith('dataclass'):
        exec('from dataclasses import dataclass', ns)
    for source in (class_source('Twin', case['kind'], case['attributes']),
                   class_source('Measured', case['kind'], case['attributes']),
                   driver_source(case['kind'], case['later'], case['order'], case['readDict'])):
        exec(compile(source, SOURCE_NAME, 'exec'), ns)
    make = ns['make']
    # 3.8-3.10 cache a frame on each code object (`co_zombieframe`) at its first call: the twin runs the measured
    # class's own `__init__` code so that frame exists before the measurement.
    ns['Twin'].__init__.__code__ = ns['Measured'].__init__.__code__
    warm = [None] * 2
    make(ns['Twin'], warm, range(2))
    del warm
    drained = [{'k': None} for _ in range(200)]
    lst = [None] * n
    # Made before tracing: 3.8 keeps a 48-byte block per range() call made in the driver.
    indices = range(n)
    cls = ns['Measured']
    gc.collect()
    gc.disable()
    tracemalloc.start(FRAMES)
    make(cls, lst, indices)
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    gc.enable()
    del lst, drained
    return sum(t.size for t in snapshot.traces if any(f.filename == SOURCE_NAME for f in t.traceback))


def cases():
    out = []

    def add(kind, attributes, later=0, order='same', read_dict=False):
        out.append({'kind': kind, 'attributes': attributes, 'later': later, 'order': order, 'readDict': read_dict})

    for a in (0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 16, 20, 21, 29, 30, 31, 40, 90):
        for read in (False, True):
            add('plain', a, read_dict=read)
        add('slots', a)
    for a in (2, 5, 10):
        for read in (False, True):
            add('dataclass', a, read_dict=read)
        add('dataclass-slots', a)
    for a, later in ((0, 1), (2, 1), (2, 3), (5, 5), (10, 1), (28, 3)):
        for read in (False, True):
            add('plain', a, later=later, read_dict=read)
    for a in (2, 5, 10, 29):
        for read in (False, True):
            add('plain', a, order='alternate', read_dict=read)
    return out


def case_id(case, n):
    parts = [case['kind'], '%02d' % case['attributes']]
    if case['later']:
        parts.append('later%d' % case['later'])
    if case['order'] != 'same':
        parts.append(case['order'])
    parts.append('dict' if case['readDict'] else 'nodict')
    parts.append('n%04d' % n)
    return '-'.join(parts)


def main():
    records = []
    for case in cases():
        for n in COUNTS:
            record = dict(case)
            record['id'] = case_id(case, n)
            record['n'] = n
            try:
                total = measure(case, n)
                record['total'] = total
                record['perInstance'] = total / n
            except Exception as e:  # dataclass(slots=True) before 3.10
                record['error'] = '%s: %s' % (type(e).__name__, e)
            records.append(record)
    records.sort(key=lambda r: r['id'])
    json.dump({'python': sys.version.split()[0], 'records': records}, sys.stdout)


if __name__ == '__main__':
    main()
