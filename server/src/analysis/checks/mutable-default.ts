// MEM701/MEM702: mutable default arguments. CPython evaluates a default once, when `def` runs, and stores the
// object in the function's `__defaults__` tuple (`__kwdefaults__` dict for keyword-only parameters;
// Objects/funcobject.c, `func_get_defaults`); every call that omits the argument receives that same object.
// When the function mutates it, what earlier calls added stays reachable from the function object for as long as
// the function lives, usually the life of the module.
import type { SyntaxNode } from '../../parse/python-parser';
import { rangeOf } from '../../parse/source-range';
import type { Check, CheckContext } from '../check';
import type { Finding } from '../finding';
import type { RuleMeta } from '../rule';
import { mutableModuleClasses, mutableValueOf, type MutableValue } from '../syntax/mutable-values';
import { classBases } from '../syntax/definitions';
import { statementsOf, unparenthesized } from '../syntax/statements';
import { mentions } from '../syntax/text-search';
import { moduleStatements } from '../syntax/module-statements';
import { annotationAlternatives, typeApplication } from '../syntax/type-annotations';
import { noneDefaultFix } from './mutable-default-fix';
import { findMutation } from './default-mutation';

const MEM701: RuleMeta = {
  code: 'MEM701',
  name: 'mutable-default',
  category: 'mutable-default-retention',
  severity: 'information',
  summary: 'A mutable default argument is created once and shared by every call.',
  defaultEnabled: false,
};
const MEM702: RuleMeta = {
  code: 'MEM702',
  name: 'mutated-mutable-default',
  category: 'mutable-default-retention',
  severity: 'warning',
  summary: 'A function mutates its mutable default argument, so it accumulates across calls.',
};

/** Annotations that promise read-only use: a default behind them is shared but never changed (as Ruff's B006). */
const READ_ONLY_TYPES = new Set(
  [
    ...['Sequence', 'Mapping', 'Collection', 'Iterable', 'Iterator', 'Container', 'Reversible', 'Sized', 'Hashable', 'KeysView', 'ValuesView', 'ItemsView'].flatMap((t) => [
      `typing.${t}`,
      `typing_extensions.${t}`,
      `collections.abc.${t}`,
    ]),
    'typing.AbstractSet',
    'collections.abc.Set',
    'typing.FrozenSet',
    'typing.Tuple',
    'frozenset',
    'tuple',
    'str',
    'bytes',
    'types.MappingProxyType',
  ],
);

const NAMED_TUPLE_BASES = new Set(['typing.NamedTuple', 'typing_extensions.NamedTuple']);

interface ModuleMutables {
  classes: Set<string>;
  /** Module-level names bound to a mutable container: `HEHE = {}`. */
  names: Map<string, MutableValue>;
}

export const mutableDefaultCheck: Check = {
  id: 'mutable-default',
  rules: [MEM701, MEM702],
  nodeTypes: ['default_parameter', 'typed_default_parameter', 'class_definition'],
  run(ctx) {
    const findings: Finding[] = [];
    const params = [...ctx.nodesOfType('default_parameter'), ...ctx.nodesOfType('typed_default_parameter')];
    const classes = ctx.nodesOfType('class_definition');
    let mutables: ModuleMutables | undefined;
    const lazyMutables = () => (mutables ??= moduleMutables(ctx));
    for (const param of params) checkParameter(ctx, param, lazyMutables, findings);
    findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
    if (mentions(ctx.text, 'NamedTuple')) for (const cls of classes) checkNamedTuple(ctx, cls, lazyMutables(), findings);
    return findings;
  },
};

function moduleMutables(ctx: CheckContext): ModuleMutables {
  const classes = mutableModuleClasses(ctx.root, ctx.imports);
  const names = new Map<string, MutableValue>();
  for (const { assignmentType, left, leftType, right } of moduleStatements(ctx.root)) {
    if (assignmentType !== 'assignment') continue;
    if (!left || leftType !== 'identifier' || !right) continue;
    const value = mutableValueOf(right, ctx.imports, classes);
    if (value) names.set(left.text, value);
    else names.delete(left.text);
  }
  return { classes, names };
}

/** The mutable object a default expression gives: a new container, or a module-level one by name. */
function defaultValue(node: SyntaxNode, ctx: CheckContext, mutables: ModuleMutables): { value: MutableValue; shared: boolean } | undefined {
  const built = mutableValueOf(node, ctx.imports, mutables.classes);
  if (built) return { value: built, shared: false };
  const inner = unparenthesized(node);
  if (inner.type === 'identifier') {
    const global = mutables.names.get(inner.text);
    if (global) return { value: global, shared: true };
  }
  return undefined;
}

function checkParameter(ctx: CheckContext, param: SyntaxNode, lazyMutables: () => ModuleMutables, findings: Finding[]): void {
  const valueNode = param.childForFieldName('value');
  if (!valueNode || !MAYBE_MUTABLE.has(valueNode.type)) return;
  const fn = param.parent?.parent;
  if (!fn || (fn.type !== 'function_definition' && fn.type !== 'lambda')) return;
  const name = param.childForFieldName('name')?.text;
  const found = name ? defaultValue(valueNode, ctx, lazyMutables()) : undefined;
  if (!name || !found) return;
  const { value, shared } = found;
  // `def f(x, _registry=_registry)`: binding a module global as a fast local is the point; it is not a default
  // anyone is expected to pass, and the object is the module's anyway.
  if (shared && name.startsWith('_')) return;
  const fnName = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text ?? 'function' : undefined;
  const label = fnName ? `\`${fnName}()\`` : 'the lambda';
  const keywordOnly = isKeywordOnly(param);
  const body = fn.childForFieldName('body');
  const mutation = body ? findMutation(body, name) : undefined;
  const store = fnName ? `\`${fnName}.${keywordOnly ? '__kwdefaults__' : '__defaults__'}\`` : `the lambda's \`${keywordOnly ? '__kwdefaults__' : '__defaults__'}\``;
  const origin = shared ? `the module-level ${value.type} \`${unparenthesized(valueNode).text}\`` : `${value.description} created once, when the ${fnName ? '`def`' : '`lambda`'} runs`;
  if (mutation?.grows && ctx.isEnabled(MEM702.code)) {
    findings.push({
      code: MEM702.code,
      category: MEM702.category,
      severity: MEM702.severity,
      range: rangeOf(valueNode),
      message: `${label} mutates its default \`${name}\` (${mutation.description} on line ${mutation.node.startPosition.row + 1}): ${origin} is shared by every call, so what one call adds is still there in the next and stays alive as long as the function (${store}).`,
      related: [{ range: rangeOf(mutation.node), message: `\`${name}\` is mutated here` }],
      fixes: fixesFor(ctx, fn, param, valueNode, name, shared),
    });
    return;
  }
  if (mutation?.grows || (!mutation && readOnlyAnnotation(ctx, param))) return;
  const change = mutation
    ? `${label} changes it in place (${mutation.description} on line ${mutation.node.startPosition.row + 1}), so that state carries over from call to call`
    : 'any change made through it carries over to later calls';
  findings.push({
    code: MEM701.code,
    category: MEM701.category,
    severity: MEM701.severity,
    range: rangeOf(valueNode),
    message: `\`${name}\` defaults to ${origin}; every call that omits it gets that same object (kept in ${store}), and ${change}.`,
    related: [],
    fixes: fixesFor(ctx, fn, param, valueNode, name, shared),
  });
}

/** Node types a mutable default can have (anything else is skipped without further tree queries). */
const MAYBE_MUTABLE = new Set(['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'call', 'identifier', 'parenthesized_expression']);

function isKeywordOnly(param: SyntaxNode): boolean {
  for (let p = param.previousNamedSibling; p; p = p.previousNamedSibling) {
    if (p.type === 'keyword_separator' || p.type === 'list_splat_pattern') return true;
  }
  return false;
}

function fixesFor(ctx: CheckContext, fn: SyntaxNode, param: SyntaxNode, valueNode: SyntaxNode, name: string, shared: boolean) {
  // A module-level object passed by name is shared on purpose; `if x is None: x = HEHE` would change nothing.
  if (shared) return [];
  const fix = noneDefaultFix(ctx, fn, param, valueNode, name);
  return fix ? [fix] : [];
}

function readOnlyAnnotation(ctx: CheckContext, param: SyntaxNode): boolean {
  if (param.type !== 'typed_default_parameter') return false;
  const type = param.childForFieldName('type');
  if (!type) return false;
  const alternatives = annotationAlternatives(type, ctx.imports).members;
  if (alternatives.length === 0) return false;
  return alternatives.every((alt) => {
    const q = ctx.imports.qualifiedName(typeApplication(alt).head);
    return q !== undefined && READ_ONLY_TYPES.has(q);
  });
}

/** `class P(NamedTuple): items: list = []`: the class stores one default object shared by every instance. */
function checkNamedTuple(ctx: CheckContext, cls: SyntaxNode, mutables: ModuleMutables, findings: Finding[]): void {
  if (!classBases(cls).some((b) => NAMED_TUPLE_BASES.has(ctx.imports.qualifiedName(b) ?? ''))) return;
  const className = cls.childForFieldName('name')?.text ?? 'class';
  for (const statement of statementsOf(cls.childForFieldName('body'))) {
    const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment' || !assignment.childForFieldName('type')) continue;
    const field = assignment.childForFieldName('left');
    const valueNode = assignment.childForFieldName('right');
    if (field?.type !== 'identifier' || !valueNode) continue;
    const found = defaultValue(valueNode, ctx, mutables);
    if (!found) continue;
    findings.push({
      code: MEM701.code,
      category: MEM701.category,
      severity: MEM701.severity,
      range: rangeOf(valueNode),
      message: `NamedTuple field \`${className}.${field.text}\` defaults to ${found.shared ? `the module-level ${found.value.type} \`${valueNode.text}\`` : found.value.description}: one object, created when the class is defined, shared by every \`${className}\` built without that field.`,
      related: [],
      fixes: [],
    });
  }
}

