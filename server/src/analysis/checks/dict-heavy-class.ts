// dict-heavy-class: instances that carry a `__dict__` they do not need.
// MEM401: a class without `__slots__` whose instances the module makes in bulk (in a loop, a comprehension,
//   `map(Cls, ...)`, `defaultdict(Cls)`), or a hand-written record class. Each instance then owns a dict
//   (key-sharing, PEP 412, `Objects/dictobject.c`; on 3.11+ "managed" and lazily materialised, on 3.13+ its values
//   inline) where `__slots__` would give it one pointer per attribute (member descriptors,
//   `Objects/typeobject.c` `type_new_descriptors`, `Python/structmember.c`). Sizes come from the memory model.
// MEM402: a subclass of str/bytes/int/tuple or of a namedtuple without `__slots__ = ()`: the subclass adds a
//   `__dict__` (and weakref list) to objects that were designed to have none.
import type { SyntaxNode } from '../../parse/python-parser';
import { rangeOf } from '../../parse/source-range';
import { instanceCost } from '../../model/layout';
import type { Check, CheckContext } from '../check';
import type { Finding, Fix } from '../finding';
import { atLeast, formatVersion } from '../python-version';
import type { RuleMeta } from '../rule';
import { collectInstanceAttributes, type DictNeed, type InstanceAttributes } from '../syntax/class-attributes';
import type { ClassField } from '../syntax/class-shape';
import { findConstructions, selfConstructionsInLoops, type BulkKind, type Construction } from './dict-heavy-class/bulk-construction';
import { classifyClasses, type ClassInfo } from './dict-heavy-class/class-bases';
import { moduleDynamicAttributeUse, OutsideUseScanner } from './dict-heavy-class/outside-uses';
import { isRecordLike } from './dict-heavy-class/record-like';
import { dataclassSlotsEdit, slotsDeclarationEdits } from './dict-heavy-class/slots-fix';

const RULES: readonly RuleMeta[] = [
  { code: 'MEM401', name: 'bulk-class-without-slots', category: 'dict-heavy-class', severity: 'information', summary: 'A class made in bulk whose instances each carry a __dict__.' },
  { code: 'MEM402', name: 'immutable-subclass-without-slots', category: 'dict-heavy-class', severity: 'information', summary: 'A subclass of str, tuple or a namedtuple without __slots__ gives every instance a __dict__.' },
];

/** Per-million figures: a class made in bulk is made by the hundred thousand, and "MB per million" reads directly
 *  as "bytes per instance". */
const MILLION = 1_000_000;

export const dictHeavyClassCheck: Check = {
  id: 'dict-heavy-class',
  rules: RULES,
  nodeTypes: ['class_definition'],
  run(ctx) {
    const classNodes = ctx.nodesOfType('class_definition');
    if (classNodes.length === 0) return [];
    const infos = classifyClasses(classNodes, ctx.root, ctx.imports, ctx.text);
    const multiBaseNames = namesUsedInMultipleInheritance(infos);
    const immutable = ctx.isEnabled('MEM402') ? infos.filter((i) => i.verdict === 'immutable' && !i.hasSlots) : [];
    const plain = ctx.isEnabled('MEM401') ? infos.filter((i) => i.verdict === 'plain' && !i.hasSlots && !i.dataclassSlotsArgument) : [];
    if (immutable.length === 0 && plain.length === 0) return [];

    const candidates = new Map<string, Set<string>>();
    for (const info of [...immutable, ...plain]) candidates.set(info.shape.name, alternativeConstructors(info, ctx.text));
    const constructions = findConstructions({ root: ctx.root, text: ctx.text, imports: ctx.imports, candidates });
    const scanner = new OutsideUseScanner();
    const findings: Finding[] = [];
    for (const info of immutable) {
      const finding = immutableSubclassFinding(ctx, info, constructions.get(info.shape.name) ?? [], scanner);
      if (finding) findings.push(finding);
    }
    // A module that reaches into the instance dicts of objects it cannot name may do it to any of its classes'
    // instances. (Not applied to MEM402: str/tuple values rarely get attributes attached from outside.)
    let moduleNeed: DictNeed | null | undefined;
    for (const info of plain) {
      const classConstructions = constructions.get(info.shape.name) ?? [];
      const evidence = bulkEvidence(info, classConstructions, ctx.text);
      if (!evidence) continue;
      moduleNeed ??= moduleDynamicAttributeUse(ctx.root, ctx.text, ctx.imports, new Set(infos.map((i) => i.shape.name))) ?? null;
      if (moduleNeed) break;
      const finding = bulkClassFinding(ctx, info, evidence, classConstructions, scanner, multiBaseNames);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

// ---- MEM402 ---------------------------------------------------------------------------------------------------

function immutableSubclassFinding(ctx: CheckContext, info: ClassInfo, constructions: readonly Construction[], scanner: OutsideUseScanner): Finding | undefined {
  const attributes = collectInstanceAttributes(info.shape);
  // A subclass that stores attributes on its instances needs the __dict__ it has.
  if (attributes.needsDict || attributes.attributes.length > 0) return undefined;
  const outside = scanner.uses(constructions.map((c) => c.call));
  if (outside.needsDict || outside.attributes.length > 0) return undefined;
  const base = info.immutableBase === 'namedtuple' ? 'a namedtuple' : info.immutableBase;
  const name = info.shape.name;
  const edits = slotsDeclarationEdits(info.shape, ctx.text, []);
  const fixes: Fix[] = edits ? [{ title: `Add __slots__ = () to ${name}`, safe: false, edits }] : [];
  return {
    code: 'MEM402',
    category: 'dict-heavy-class',
    severity: 'information',
    range: rangeOf(info.shape.nameNode),
    message:
      `${name} subclasses ${base} without __slots__ = (): each instance carries a __dict__ pointer and a weak-reference ` +
      `list that ${base} does not have, and gets a whole dict as soon as an attribute is set`,
    related: [],
    fixes,
  };
}

// ---- MEM401 ---------------------------------------------------------------------------------------------------

interface Evidence {
  kind: BulkKind | 'record';
  node: SyntaxNode;
}

function bulkClassFinding(
  ctx: CheckContext,
  info: ClassInfo,
  evidence: Evidence,
  constructions: readonly Construction[],
  scanner: OutsideUseScanner,
  multiBaseNames: ReadonlySet<string>,
): Finding | undefined {
  const own = collectInstanceAttributes(info.shape);
  if (own.needsDict) return undefined;
  const outside = scanner.uses(constructions.map((c) => c.call));
  if (outside.needsDict) return undefined;

  const methodNames = new Set(info.shape.methods.map((m) => m.childForFieldName('name')?.text ?? ''));
  const inherited = new Set(info.inheritedSlots ?? []);
  // `self.x = v` where x is a property (a def at class level) goes through the property's setter: not a slot.
  const attributes = [...own.attributes, ...outside.attributes.filter((a) => !own.attributes.includes(a))].filter((a) => !methodNames.has(a) && !inherited.has(a));
  const weakref = own.mentionsWeakref || ctx.imports.imported('weakref');
  const fields = info.dataclass ? dataclassFields(info.shape.annotatedNames) : [];
  const stored = info.dataclass ? [...fields.map((f) => f.name), ...attributes.filter((a) => !fields.some((f) => f.name === a))] : attributes;

  const plan = planFix(ctx, info, own, attributes, fields, weakref, multiBaseNames);
  const name = info.shape.name;
  // Slots inherited from a slotted base are in both layouts; counted as attributes of both (an approximation).
  const measured = [...(info.inheritedSlots ?? []).filter((s) => s !== '__weakref__'), ...stored];
  const withDict = instanceCost(ctx.python, { attributes: measured, slots: false, instances: MILLION });
  const withSlots = instanceCost(ctx.python, { attributes: measured, slots: true, instances: MILLION });
  // The memory instances really occupy (the model's `allocated`): on 3.11+ an instance whose __dict__ is never read has
  // no dict object, only its values, so sys.getsizeof-style figures would overstate what __slots__ saves.
  const saved = withDict.allocated - withSlots.allocated;
  const version = `CPython ${formatVersion(ctx.python)}`;
  const plainCost =
    withDict.allocated === withDict.allocatedWithDict
      ? `${withDict.allocated} bytes with its __dict__`
      : `${withDict.allocated} bytes (${withDict.allocatedWithDict} once its __dict__ is read)`;
  const message =
    `${name} has no __slots__ and ${describeEvidence(evidence)}: each instance costs ${plainCost} ` +
    `vs ${withSlots.allocated} with __slots__ on ${version} (${formatMegabytes(saved)} saved per million instances)` +
    (plan.fix ? '' : ` (no automatic fix: ${plan.why})`);
  return {
    code: 'MEM401',
    category: 'dict-heavy-class',
    severity: 'information',
    range: rangeOf(info.shape.nameNode),
    message,
    related: evidence.kind === 'record' ? [] : [{ range: rangeOf(evidence.node), message: `${name} instances are created here` }],
    fixes: plan.fix ? [plan.fix] : [],
  };
}

/** A class with more methods than this is a service or controller, not a record: programs rarely make many. */
const MAX_METHODS = 15;

function bulkEvidence(info: ClassInfo, constructions: readonly Construction[], text: string): Evidence | undefined {
  let evidence: Evidence | undefined;
  const bulk = constructions.find((c) => c.bulk !== undefined) ?? selfConstructionsInLoops(info.shape.node, text)[0];
  if (bulk?.bulk) evidence = { kind: bulk.bulk, node: bulk.call };
  else if (!info.dataclass && isRecordLike(info.shape)) evidence = { kind: 'record', node: info.shape.nameNode };
  // Checked last: counting methods reads the whole class body.
  if (evidence && info.shape.methods.length > MAX_METHODS) return undefined;
  return evidence;
}

function describeEvidence(evidence: Evidence): string {
  const line = evidence.node.startPosition.row + 1;
  switch (evidence.kind) {
    case 'loop':
      return `is created in a loop (line ${line})`;
    case 'comprehension':
      return `is created in a comprehension (line ${line})`;
    case 'map':
      return `is created for every item by map() (line ${line})`;
    case 'defaultdict':
      return `is created for every new key by defaultdict() (line ${line})`;
    case 'record':
      return 'is a record class (its __init__ only stores its arguments), the kind of object programs make in bulk';
  }
}

interface FixPlan {
  fix?: Fix;
  why: string;
}

function planFix(
  ctx: CheckContext,
  info: ClassInfo,
  own: InstanceAttributes,
  attributes: readonly string[],
  fields: readonly ClassField[],
  weakref: boolean,
  multiBaseNames: ReadonlySet<string>,
): FixPlan {
  const name = info.shape.name;
  if (multiBaseNames.has(name)) return { why: `${name} is a base in multiple inheritance, where two slotted bases conflict` };
  if (weakref && info.inheritedSlots === undefined) return { why: 'a weak-reference slot may already come from a base' };
  const addWeakref = weakref && !(info.inheritedSlots ?? []).includes('__weakref__') && !attributes.includes('__weakref__');

  if (info.dataclass) {
    const fieldNames = new Set(fields.map((f) => f.name));
    const extra = attributes.filter((a) => !fieldNames.has(a));
    let blocker: string | undefined;
    if (!atLeast(ctx.python, 10)) blocker = `slots=True needs Python 3.10`;
    else if (extra.length > 0) blocker = `its methods set ${extra.join(', ')}, which ${extra.length === 1 ? 'is not a field' : 'are not fields'}`;
    else blocker = dataclassSlotsBlocker(ctx, info, own, addWeakref);
    if (!blocker) {
      const edit = dataclassSlotsEdit(info.dataclass, addWeakref);
      if (edit) return { fix: { title: `Use @dataclass(slots=True) for ${name}`, safe: false, edits: [edit] }, why: '' };
    }
    // A hand-written __slots__ on a dataclass works only when no field has a default: a default is a class
    // attribute, and a class attribute named like a slot is refused (ValueError) when the class is created.
    const withDefault = fields.find((f) => f.hasValue);
    if (withDefault) return { why: `${blocker ?? 'slots=True could not be added'}, and field ${withDefault.name} has a default, which a hand-written __slots__ refuses` };
    return slotsPlan(ctx, info, [...fields.map((f) => f.name), ...extra], addWeakref);
  }
  return slotsPlan(ctx, info, attributes, addWeakref);
}

function slotsPlan(ctx: CheckContext, info: ClassInfo, names: readonly string[], addWeakref: boolean): FixPlan {
  const conflict = names.find((n) => info.shape.classLevelNames.has(n));
  if (conflict !== undefined) return { why: `class attribute ${conflict} has the same name as an instance attribute, which __slots__ refuses` };
  const slots = addWeakref ? [...names, '__weakref__'] : [...names];
  const edits = slotsDeclarationEdits(info.shape, ctx.text, slots);
  if (!edits) return { why: 'the class body could not be edited' };
  const list = `(${slots.map((s) => `'${s}'`).join(', ')}${slots.length === 1 ? ',' : ''})`;
  return { fix: { title: `Add __slots__ = ${list} to ${info.shape.name}`, safe: false, edits }, why: '' };
}

/** Why `@dataclass(slots=True)` would break this class, if it would: the decorator builds a new class. */
function dataclassSlotsBlocker(ctx: CheckContext, info: ClassInfo, own: InstanceAttributes, addWeakref: boolean): string | undefined {
  // Zero-argument super() and __class__ still point at the original class until 3.14 (gh-90562).
  if (own.usesClassCell && !atLeast(ctx.python, 14)) return 'slots=True would break its super() without arguments (before 3.14)';
  // Rebuilding the class calls the bases' __init_subclass__ again, without the class keywords.
  if (info.baseInitSubclass || info.shape.keywords.some((k) => k.childForFieldName('name')?.text !== 'metaclass')) {
    return 'slots=True rebuilds the class, which would run __init_subclass__ again';
  }
  if (addWeakref && !atLeast(ctx.python, 11)) return 'the module uses weak references and weakref_slot=True needs 3.11';
  return undefined;
}

function dataclassFields(annotated: readonly ClassField[]): ClassField[] {
  return annotated.filter((f) => !/\b(ClassVar|InitVar)\b/.test(f.annotation));
}

/** Classmethods that return `cls(...)`: calls of `Cls.method(...)` make instances too. */
function alternativeConstructors(info: ClassInfo, text: string): Set<string> {
  const out = new Set<string>();
  if (!info.shape.mentions('classmethod')) return out;
  for (const method of info.shape.methods) {
    const decorated = method.parent;
    if (decorated?.type !== 'decorated_definition') continue;
    if (!/@\s*classmethod\b/.test(text.slice(decorated.startIndex, method.startIndex))) continue;
    if (/(?<![\w.])cls\s*\(/.test(text.slice(method.startIndex, method.endIndex))) out.add(method.childForFieldName('name')?.text ?? '');
  }
  return out;
}

function namesUsedInMultipleInheritance(infos: readonly ClassInfo[]): Set<string> {
  const out = new Set<string>();
  for (const info of infos) {
    const bases = info.shape.bases.filter((b) => b.text !== 'object' && !b.text.startsWith('Generic'));
    if (bases.length < 2) continue;
    for (const base of bases) if (base.type === 'identifier') out.add(base.text);
  }
  return out;
}

function formatMegabytes(bytesPerInstance: number): string {
  // bytes per instance x 1e6 instances / 1e6 bytes per MB.
  return `${Math.round((bytesPerInstance * MILLION) / 1e6)} MB`;
}

