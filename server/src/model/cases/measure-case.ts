// Sizes one ground-truth case ({id, setup, expr}) with the model: the record `memlens size --batch` prints and the
// ground-truth test compares with CPython's. Needs `loadPythonParser()` to have finished.
import type { PythonVersion } from '../../analysis/python-version';
import { deepSize } from '../layout/deep-size';
import { shallowSize, type PyObject } from '../layout/objects';
import { CaseEvaluator, PythonError, Unsupported } from './evaluate-case';

export interface SizeCase {
  id: string;
  setup: string;
  expr: string;
}

export type CaseRecord =
  | { id: string; type: string; shallow: number; deep: number }
  | { id: string; error: string } // the case raises on this version (as it does on CPython)
  | { id: string; unknown: string }; // the model cannot size it, with the reason

export function typeNameOf(o: PyObject): string {
  switch (o.kind) {
    case 'singleton': return o.typeName;
    case 'set': return o.frozen ? 'frozenset' : 'set';
    case 'tuple': return o.typeName ?? 'tuple';
    case 'dict': return o.typeName;
    case 'instance': return o.cls.name;
    case 'instance-dict': return 'dict';
    case 'fixed': return o.typeName;
    case 'unknown': return 'unknown';
    default: return o.kind;
  }
}

export function measureCase(python: PythonVersion, c: SizeCase): CaseRecord {
  try {
    const value = new CaseEvaluator(python).run(c.setup, c.expr);
    const shallow = shallowSize(python, value);
    if (typeof shallow !== 'number') return { id: c.id, unknown: shallow.unknown };
    const deep = deepSize(python, value);
    if ('unknown' in deep) return { id: c.id, unknown: deep.unknown };
    return { id: c.id, type: typeNameOf(value), shallow, deep: deep.bytes };
  } catch (e) {
    if (e instanceof PythonError) return { id: c.id, error: e.message };
    if (e instanceof Unsupported) return { id: c.id, unknown: e.message };
    return { id: c.id, unknown: `model error: ${(e as Error).message}` };
  }
}
