// The values the heap simulator works with: the layout model's objects (`layout/objects.ts`, sized by
// `shallowSize`) plus the objects only a running program has (functions, cells, classes, bound methods, modules,
// frames, exceptions...). A JavaScript object is one Python object: identity is JavaScript identity.
//
// Containers hold `Value`s in the layout model's `PyObject` slots (`items`, `keys`, `values`, `attrs`): the layout
// model only reads counts from them to size a container, so the extra kinds pass through it untouched. `asItem`
// is the one place that says so.
import type { SyntaxNode } from '../../parse/python-parser';
import type { ClassInfo, PyObject } from '../layout/objects';

export interface RangeValue {
  kind: 'range';
  start: number;
  stop: number;
  step: number;
}

/** A cell: a variable shared between a function and the functions nested in it (`Objects/cellobject.c`). */
export interface CellValue {
  kind: 'cell';
  name: string;
  contents?: Value;
}

export interface FunctionValue {
  kind: 'function';
  name: string;
  node: SyntaxNode;
  /** `__defaults__`: a tuple made once, when `def` runs (the mutable-default trap keeps it alive). */
  defaults?: PyObject;
  /** Default values by parameter name (the tuple's items, keyword-only defaults too). */
  defaultByName: Map<string, Value>;
  /** `__closure__`: the cells of the enclosing frames it reads. */
  closure: Map<string, CellValue>;
  globals: Frame;
  isGenerator: boolean;
  /** A `@functools.lru_cache`/`@cache` wrapper: calls are remembered in this dict (arguments -> result). */
  cache?: PyObject;
  wrapsClassMethod?: 'staticmethod' | 'classmethod' | 'property' | 'cached_property';
  /** The class whose body defined it (for `super()`). */
  ownerClass?: ClassValue;
}

export interface ClassValue {
  kind: 'class';
  info: ClassInfo;
  /** The class namespace: methods and class attributes. */
  attrs: Map<string, Value>;
  base?: ClassValue;
  /** `@dataclass`: the fields its generated `__init__` assigns, in order. */
  dataclassFields?: Array<{ name: string; default?: Value; factory?: Value }>;
  /** `typing.NamedTuple` / `collections.namedtuple`: instances are tuples of this type. */
  namedTupleFields?: string[];
  /** Not modelled beyond its name (a base class the model does not know): instances are unknown. */
  unknownBase?: string;
  instances: number;
}

export interface BuiltinValue {
  kind: 'builtin';
  /** `len`, `collections.deque`, or `.append` for a method of `self`. */
  name: string;
  self?: Value;
  /** `super()`: the class whose method called it (lookups start at its base). */
  owner?: ClassValue;
}

export interface BoundMethodValue {
  kind: 'bound';
  fn: FunctionValue;
  self: Value;
}

export interface ModuleValue {
  kind: 'module';
  name: string;
}

/** Objects the simulator models by their references only (frames, exceptions, tracebacks, generators, weak
 *  references, iterators): their size comes from the layout model's fixed sizes when it knows the type. */
export interface OpaqueValue {
  kind: 'opaque';
  typeName: string;
  refs: Array<{ label: string; target: Value; weak?: boolean }>;
  /** The frame an opaque `frame` object stands for (its locals are references). */
  frame?: Frame;
  /** What iterating it yields, when known (generator expressions, zip, enumerate, map...). */
  items?: Value[];
  unknownSize?: string;
}

/** Many objects made by a summarised loop: `count` objects of one type whose sizes add up to `bytes` (each
 *  rounded up to 8), and the summaries of the objects inside them. */
export interface SummaryValue {
  kind: 'summary';
  typeName: string;
  count: number;
  bytes: number;
  /** The objects they reference (e.g. the ints inside summarised tuples), counted once. */
  parts: Value[];
  /** Cached small ints (-5..256) they reference: counted once over the whole heap. */
  smallInts?: number[];
}

/** The items of a container built by a summarised loop: `count` items standing for the summaries in `parts`. */
export interface SummaryRun {
  kind: 'summary-run';
  count: number;
  parts: Value[];
}

export type Value =
  | PyObject
  | RangeValue
  | CellValue
  | FunctionValue
  | ClassValue
  | BuiltinValue
  | BoundMethodValue
  | ModuleValue
  | OpaqueValue
  | SummaryValue;

export interface Frame {
  name: string;
  kind: 'module' | 'function' | 'class';
  vars: Map<string, Value>;
  /** Variables captured by nested functions live in cells (`co_cellvars`). Read-only: a frame starts with a shared
   *  empty one and gets its own on the first write (see newFrame). */
  cells: ReadonlyMap<string, CellValue>;
  /** `global x` / `nonlocal x` declarations of this frame (shared empty sets until the first one). */
  globalNames: ReadonlySet<string>;
  nonlocalNames: ReadonlySet<string>;
  /** The function being run (its closure gives the free variables). */
  fn?: FunctionValue;
  /** A generator's frame: what `yield` produced (generators run eagerly when called). */
  yields?: Value[];
  /** Set once a traceback refers to this frame: the frame object outlives the call. */
  object?: OpaqueValue;
}

/** A value stored in a container slot typed by the layout model (see the header comment). */
export function asItem(v: Value): PyObject {
  return v as PyObject;
}

export function isUnknown(v: Value): v is { kind: 'unknown'; reason: string } {
  return v.kind === 'unknown';
}

/** Python's `type(x).__name__` for a value. */
export function typeNameOf(v: Value): string {
  switch (v.kind) {
    case 'singleton':
      return v.typeName;
    case 'bool':
      return 'bool';
    case 'set':
      return v.frozen ? 'frozenset' : 'set';
    case 'tuple':
      return v.typeName ?? 'tuple';
    case 'dict':
      return v.typeName;
    case 'instance':
      return v.cls.name;
    case 'instance-dict':
      return 'dict';
    case 'fixed':
      return v.typeName;
    case 'class':
      return 'type';
    case 'bound':
      return 'method';
    case 'builtin':
      return 'builtin_function_or_method';
    case 'opaque':
      return v.typeName;
    case 'summary':
      return v.typeName;
    default:
      return v.kind;
  }
}

/** Types the deep size never enters (DESIGN.md): they count only as the value itself. */
export function isOpaqueForDeepSize(v: Value): boolean {
  return v.kind === 'function' || v.kind === 'class' || v.kind === 'module' || v.kind === 'builtin' || v.kind === 'bound' || v.kind === 'opaque' || v.kind === 'cell';
}

/** Objects the cyclic GC tracks: only these can be part of a reference cycle (`Modules/gcmodule.c`). */
export function isContainer(v: Value): boolean {
  switch (v.kind) {
    case 'list':
    case 'tuple':
    case 'dict':
    case 'set':
    case 'deque':
    case 'instance':
    case 'instance-dict':
    case 'function':
    case 'cell':
    case 'class':
    case 'bound':
    case 'opaque':
      return true;
    default:
      return false;
  }
}
