// Decides, for every class of a module, whether `__slots__` could remove its instances' `__dict__`: only when every
// base is `object`, `Generic`, `ABC`, or a class of this module that itself has `__slots__` (a base without slots
// gives instances a `__dict__` anyway, `Objects/typeobject.c` `type_new_descriptors` adds one only when no base
// has it). Subclasses of str/bytes/int/tuple and of namedtuples are MEM402's. Unknown, imported bases are skipped.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ModuleImports } from '../../module-imports';
import { describeClass, decoratorCallee, type ClassShape } from '../../syntax/class-shape';
import { moduleStatements } from '../../syntax/module-statements';
import { mentions } from '../../syntax/text-search';
import { WordOccurrences } from '../../syntax/word-occurrences';

export type ImmutableBase = 'str' | 'bytes' | 'int' | 'tuple' | 'namedtuple';

export interface ClassInfo {
  shape: ClassShape;
  /** plain: MEM401 may apply; immutable: MEM402 may apply; skip: neither. */
  verdict: 'plain' | 'immutable' | 'skip';
  immutableBase?: ImmutableBase;
  skipReason?: string;
  /** The `@dataclass` / `@dataclass(...)` decorator, when the class is a dataclass. */
  dataclass?: SyntaxNode;
  /** The class has `__slots__` (declared, or `@dataclass(slots=True)`). */
  hasSlots: boolean;
  /** `@dataclass(slots=...)` is spelled out (slots=False is a deliberate choice). */
  dataclassSlotsArgument: boolean;
  /** Slot names of this class and its local slotted bases; undefined when one of them is computed. */
  slotNames: string[] | undefined;
  /** Slot names inherited from local slotted bases (undefined when unknown). */
  inheritedSlots: string[] | undefined;
  /** Some base (transitively, in this module) defines `__init_subclass__`. */
  baseInitSubclass: boolean;
  /** Members of an Enum, or the class is one: never flagged, and neither are its subclasses. */
  enumLike: boolean;
  /** A `class X(NamedTuple)` class: a tuple subclass that already has `__slots__ = ()`. */
  namedTupleClass: boolean;
}

const PLAIN_BASES = new Set(['object', 'builtins.object', 'typing.Generic', 'typing_extensions.Generic', 'abc.ABC']);
const IMMUTABLE_BASES = new Map<string, ImmutableBase>([
  ['str', 'str'],
  ['bytes', 'bytes'],
  ['int', 'int'],
  ['tuple', 'tuple'],
  ['builtins.str', 'str'],
  ['builtins.bytes', 'bytes'],
  ['builtins.int', 'int'],
  ['builtins.tuple', 'tuple'],
  ['typing.Tuple', 'tuple'],
  ['typing_extensions.Tuple', 'tuple'],
]);
const NAMEDTUPLE_FACTORIES = new Set(['collections.namedtuple', 'typing.NamedTuple', 'typing_extensions.NamedTuple']);
const NAMEDTUPLE_CLASS_BASES = new Set(['typing.NamedTuple', 'typing_extensions.NamedTuple']);
const SKIPPED_BASES = new Map<string, string>([
  ['typing.Protocol', 'a Protocol'],
  ['typing_extensions.Protocol', 'a Protocol'],
  ['typing.TypedDict', 'a TypedDict (a dict at run time)'],
  ['typing_extensions.TypedDict', 'a TypedDict (a dict at run time)'],
]);
const HARMLESS_DECORATORS = new Set(['functools.total_ordering', 'typing.final', 'typing_extensions.final']);
const ALLOWED_METACLASSES = new Set(['abc.ABCMeta']);

/** Module-level names bound to a namedtuple factory call: `Base = namedtuple('Base', 'x y')`. */
export function namedTupleAliases(root: SyntaxNode, imports: ModuleImports): Set<string> {
  const out = new Set<string>();
  for (const { assignmentType, left, leftType, right } of moduleStatements(root)) {
    if (assignmentType !== 'assignment') continue;
    if (left && leftType === 'identifier' && right?.type === 'call' && NAMEDTUPLE_FACTORIES.has(imports.qualifiedName(right.childForFieldName('function')) ?? '')) out.add(left.text);
  }
  return out;
}

/** Classifies every class, in document order (a base must be defined before the class that uses it). */
export function classifyClasses(classNodes: readonly SyntaxNode[], root: SyntaxNode, imports: ModuleImports, text: string): ClassInfo[] {
  const aliases = mentions(text, 'namedtuple') || mentions(text, 'NamedTuple') ? namedTupleAliases(root, imports) : new Set<string>();
  const words = new WordOccurrences(text);
  const byName = new Map<string, ClassInfo>();
  const out: ClassInfo[] = [];
  for (const node of classNodes) {
    const shape = describeClass(node, text, words);
    if (!shape) continue;
    const info = classify(shape, imports, byName, aliases);
    out.push(info);
    byName.set(shape.name, info);
  }
  return out;
}

function classify(shape: ClassShape, imports: ModuleImports, byName: Map<string, ClassInfo>, aliases: Set<string>): ClassInfo {
  const info: ClassInfo = {
    shape,
    verdict: 'plain',
    hasSlots: shape.declaresSlots,
    dataclassSlotsArgument: false,
    slotNames: [],
    inheritedSlots: [],
    baseInitSubclass: false,
    enumLike: false,
    namedTupleClass: false,
  };
  const skip = (reason: string) => {
    if (info.verdict !== 'skip') {
      info.verdict = 'skip';
      info.skipReason = reason;
    }
  };

  for (const decorator of shape.decorators) {
    const qualified = imports.qualifiedName(decoratorCallee(decorator));
    if (qualified === 'dataclasses.dataclass') {
      info.dataclass = decorator;
      readDataclassArguments(info, decorator);
    } else if (!qualified || !HARMLESS_DECORATORS.has(qualified)) skip(`decorated with ${decoratorCallee(decorator).text}`);
  }

  for (const keyword of shape.keywords) {
    if (keyword.type !== 'keyword_argument') {
      skip('has computed bases');
      continue;
    }
    if (keyword.childForFieldName('name')?.text !== 'metaclass') continue;
    const meta = imports.qualifiedName(keyword.childForFieldName('value'));
    if (!meta || !ALLOWED_METACLASSES.has(meta)) skip('has a metaclass');
  }

  for (const base of shape.bases) readBase(info, base, imports, byName, aliases, skip);
  if (shape.declaresSlots) info.slotNames = shape.slotNames;
  return info;
}

function readDataclassArguments(info: ClassInfo, decorator: SyntaxNode): void {
  if (decorator.type !== 'call') return;
  for (const argument of decorator.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument?.type !== 'keyword_argument') continue;
    if (argument.childForFieldName('name')?.text !== 'slots') continue;
    info.dataclassSlotsArgument = true;
    if (argument.childForFieldName('value')?.type !== 'false') {
      info.hasSlots = true;
      // The dataclass's fields become its slots; their names are not known here.
      info.slotNames = undefined;
    }
  }
}

function readBase(
  info: ClassInfo,
  base: SyntaxNode,
  imports: ModuleImports,
  byName: Map<string, ClassInfo>,
  aliases: Set<string>,
  skip: (reason: string) => void,
): void {
  // `Generic[T]`, `tuple[int, int]`, `Tuple[str, ...]`: the subscripted class is the base.
  const expression = base.type === 'subscript' ? base.childForFieldName('value') ?? base : base;
  if (expression.type === 'call') {
    const factory = imports.qualifiedName(expression.childForFieldName('function'));
    if (factory && NAMEDTUPLE_FACTORIES.has(factory)) setImmutable(info, 'namedtuple');
    else skip(`has a computed base ${expression.text}`);
    return;
  }
  if (expression.type === 'identifier' && aliases.has(expression.text)) {
    setImmutable(info, 'namedtuple');
    return;
  }
  const local = expression.type === 'identifier' ? byName.get(expression.text) : undefined;
  if (local) {
    readLocalBase(info, local, skip);
    return;
  }
  const qualified = imports.qualifiedName(expression);
  if (!qualified) {
    skip(`has base ${expression.text}`);
    return;
  }
  if (PLAIN_BASES.has(qualified)) return;
  const immutable = IMMUTABLE_BASES.get(qualified);
  if (immutable) {
    setImmutable(info, immutable);
    return;
  }
  if (NAMEDTUPLE_CLASS_BASES.has(qualified)) {
    info.namedTupleClass = true;
    skip('is a NamedTuple class (already without __dict__)');
    return;
  }
  if (qualified === 'enum' || qualified.startsWith('enum.')) {
    info.enumLike = true;
    skip('is an Enum');
    return;
  }
  skip(SKIPPED_BASES.has(qualified) ? `is ${SKIPPED_BASES.get(qualified)}` : `has base ${expression.text}`);
}

function readLocalBase(info: ClassInfo, local: ClassInfo, skip: (reason: string) => void): void {
  if (local.enumLike) {
    info.enumLike = true;
    skip('is an Enum');
    return;
  }
  if (local.baseInitSubclass || (local.shape.mentions('__init_subclass__') && local.shape.methods.some((m) => m.childForFieldName('name')?.text === '__init_subclass__'))) {
    info.baseInitSubclass = true;
  }
  if (local.namedTupleClass) {
    setImmutable(info, 'namedtuple');
    return;
  }
  if (!local.hasSlots) {
    skip(`has base ${local.shape.name}, which has no __slots__`);
    return;
  }
  if (local.verdict === 'skip' && local.skipReason !== undefined && !local.skipReason.startsWith('is a NamedTuple')) {
    skip(`has base ${local.shape.name}, which ${local.skipReason}`);
    return;
  }
  if (local.slotNames === undefined || local.slotNames.includes('__dict__')) {
    if (local.slotNames?.includes('__dict__')) skip(`has base ${local.shape.name}, whose __slots__ include __dict__`);
    info.inheritedSlots = undefined;
  } else if (info.inheritedSlots) {
    info.inheritedSlots.push(...local.slotNames, ...(local.inheritedSlots ?? []));
    if (local.inheritedSlots === undefined) info.inheritedSlots = undefined;
  }
  if (local.verdict === 'immutable' && local.immutableBase) setImmutable(info, local.immutableBase);
}

function setImmutable(info: ClassInfo, base: ImmutableBase): void {
  if (info.verdict === 'skip') return;
  info.verdict = 'immutable';
  info.immutableBase ??= base;
}
