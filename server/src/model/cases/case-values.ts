// The values the case evaluator works with: the layout model's objects plus what only evaluation needs (ranges,
// functions, classes, builtins), and the two ways evaluation stops.
import type { ClassInfo, PyObject } from '../layout/objects';
import type { CachedNode as SyntaxNode } from './cached-syntax';

/** The model cannot evaluate this: the case is 'unknown', with the message as the reason. */
export class Unsupported extends Error {}
/** A Python exception the case raises (e.g. dataclass(slots=True) before 3.10): the case errors on CPython too. */
export class PythonError extends Error {}

export interface RangeVal { kind: 'range'; start: number; stop: number; step: number }
export interface FuncVal { kind: 'function'; node: SyntaxNode; scope: Scope; unit: Unit }
export interface ClassVal {
  kind: 'class';
  info: ClassInfo;
  methods: Map<string, FuncVal>;
  fields?: Array<{ name: string; default?: Val }>; // dataclass
  namedTuple?: { fields: string[]; defaults: Map<string, Val> };
}
export interface BuiltinVal { kind: 'builtin'; name: string; self?: Val }
export interface OtherVal { kind: 'other'; typeName: string; iterable?: Val[]; items?: PyObject[]; simple?: boolean }
export interface BoundVal { kind: 'bound'; fn: FuncVal; self: Val }
export type Val = PyObject | RangeVal | FuncVal | ClassVal | BuiltinVal | OtherVal | BoundVal;

export interface Scope { vars: Map<string, Val>; parent?: Scope }
/** One compilation unit: equal constants in it are one object (`Python/compile.c` `merge_consts_recursive`). */
export interface Unit { consts: Map<string, PyObject> }

export class ReturnSignal { constructor(readonly value: Val) {} }
