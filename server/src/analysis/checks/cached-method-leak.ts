// MEM601: functools.lru_cache / functools.cache on an instance method. The cache belongs to the function, which
// lives as long as its class (usually the life of the process), and every cache key is a tuple holding strong
// references to the call's arguments, `self` included (Lib/functools.py `_make_key`, and the C
// `lru_cache_wrapper` in Modules/_functoolsmodule.c, whose `cache` dict keeps the key). So every instance the
// method was ever called on stays alive: for `maxsize=None` / `cache` forever, for a bounded cache until evicted.
import type { SyntaxNode } from '../../parse/python-parser';
import { rangeOf } from '../../parse/source-range';
import type { Check, CheckContext } from '../check';
import type { Finding, Fix, TextEdit } from '../finding';
import type { RuleMeta } from '../rule';
import { addImportEdit, spellingOf } from '../syntax/import-names';
import { classBases, moduleClasses } from '../syntax/definitions';
import { statementsOf } from '../syntax/statements';

const MEM601: RuleMeta = {
  code: 'MEM601',
  name: 'cache-on-method',
  category: 'cached-method-leak',
  severity: 'warning',
  summary: 'functools.lru_cache or cache on an instance method keeps every self alive.',
};

const CACHE_DECORATORS = new Set(['functools.lru_cache', 'functools.cache']);
const ENUM_BASES = new Set(['enum.Enum', 'enum.IntEnum', 'enum.StrEnum', 'enum.Flag', 'enum.IntFlag', 'enum.ReprEnum']);
const ENUM_METACLASSES = new Set(['enum.EnumMeta', 'enum.EnumType']);
/** Methods Python calls on the class, not an instance (`__new__` is an implicit staticmethod taking cls). */
const IMPLICIT_CLASS_METHODS = new Set(['__new__', '__init_subclass__', '__class_getitem__']);
const DEFAULT_MAXSIZE = 128; // Lib/functools.py: def lru_cache(maxsize=128, typed=False)

/** How big the cache can get: unbounded, the implicit default, unknown (`**kwargs`), or an explicit bound. */
type CacheBound = { kind: 'unbounded' } | { kind: 'default' } | { kind: 'unknown' } | { kind: 'explicit' };

export const cachedMethodLeakCheck: Check = {
  id: 'cached-method-leak',
  rules: [MEM601],
  nodeTypes: ['decorated_definition'],
  run(ctx) {
    const findings: Finding[] = [];
    if (!ctx.imports.imported('functools')) return findings;
    let enumClasses: Set<string> | undefined;
    for (const decorated of ctx.nodesOfType('decorated_definition')) {
      const fn = decorated.childForFieldName('definition');
      const cls = decorated.parent?.parent;
      if (fn?.type !== 'function_definition' || cls?.type !== 'class_definition') continue;
      const decorators = decorated.namedChildren.filter((d): d is SyntaxNode => d?.type === 'decorator');
      const qualified = decorators.map((d) => ctx.imports.qualifiedName(calleeOf(d)));
      if (qualified.some((q) => q === 'staticmethod' || q === 'classmethod')) continue;
      const caching = decorators.filter((_, i) => CACHE_DECORATORS.has(qualified[i] ?? ''));
      if (caching.length === 0 || !hasSelf(fn) || IMPLICIT_CLASS_METHODS.has(fn.childForFieldName('name')?.text ?? '')) continue;
      enumClasses ??= moduleEnumClasses(ctx);
      if (isEnumClass(ctx, cls, enumClasses)) continue;
      for (const decorator of caching) {
        const bound = cacheBound(ctx, decorator);
        if (bound.kind === 'explicit') continue;
        if (bound.kind === 'default' && !instancesHoldState(cls)) continue;
        findings.push(finding(ctx, decorator, decorators, qualified, fn, cls, bound, caching.length === 1));
      }
    }
    return findings;
  },
};

function calleeOf(decorator: SyntaxNode): SyntaxNode | null {
  const expr = decorator.namedChild(0);
  return expr?.type === 'call' ? expr.childForFieldName('function') : expr;
}

function hasSelf(fn: SyntaxNode): boolean {
  const first = fn.childForFieldName('parameters')?.namedChild(0);
  return first !== null && first !== undefined && (first.type === 'identifier' || first.type === 'typed_parameter' || first.type === 'default_parameter' || first.type === 'typed_default_parameter');
}

function cacheBound(ctx: CheckContext, decorator: SyntaxNode): CacheBound {
  const expr = decorator.namedChild(0);
  if (ctx.imports.qualifiedName(calleeOf(decorator)) === 'functools.cache') return { kind: 'unbounded' };
  if (expr?.type !== 'call') return { kind: 'default' };
  const args = expr.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment') ?? [];
  let sawSplat = false;
  for (const [i, arg] of args.entries()) {
    if (arg.type === 'keyword_argument') {
      if (arg.childForFieldName('name')?.text !== 'maxsize') continue;
      return arg.childForFieldName('value')?.type === 'none' ? { kind: 'unbounded' } : { kind: 'explicit' };
    }
    if (arg.type === 'dictionary_splat' || arg.type === 'list_splat') sawSplat = true;
    else if (i === 0) return arg.type === 'none' ? { kind: 'unbounded' } : { kind: 'explicit' };
  }
  return sawSplat ? { kind: 'unknown' } : { kind: 'default' };
}

/** Module-level classes deriving (directly or through each other) from an Enum: their members are singletons. */
function moduleEnumClasses(ctx: CheckContext): Set<string> {
  const classes = moduleClasses(ctx.root);
  const found = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const cls of classes) {
      const name = cls.childForFieldName('name')?.text;
      if (name && !found.has(name) && isEnumClass(ctx, cls, found)) {
        found.add(name);
        changed = true;
      }
    }
  }
  return found;
}

function isEnumClass(ctx: CheckContext, cls: SyntaxNode, enumClasses: ReadonlySet<string>): boolean {
  if (classBases(cls).some((b) => ENUM_BASES.has(ctx.imports.qualifiedName(b) ?? '') || (b.type === 'identifier' && enumClasses.has(b.text)))) return true;
  const args = cls.childForFieldName('superclasses');
  for (const kw of args?.namedChildren ?? []) {
    if (kw?.type === 'keyword_argument' && kw.childForFieldName('name')?.text === 'metaclass' && ENUM_METACLASSES.has(ctx.imports.qualifiedName(kw.childForFieldName('value')) ?? '')) return true;
  }
  return false;
}

function finding(ctx: CheckContext, decorator: SyntaxNode, decorators: SyntaxNode[], qualified: Array<string | undefined>, fn: SyntaxNode, cls: SyntaxNode, bound: CacheBound, onlyCache: boolean): Finding {
  const method = `${cls.childForFieldName('name')?.text ?? 'class'}.${fn.childForFieldName('name')?.text ?? 'method'}`;
  const spelled = `@${decorator.namedChild(0)?.text.replace(/\s+/g, ' ') ?? ''}`;
  const retention =
    bound.kind === 'unbounded'
      ? 'it keeps every `self` (and every argument) it was ever called with alive for the life of the process'
      : bound.kind === 'default'
        ? `it keeps up to ${DEFAULT_MAXSIZE} entries (the default maxsize), each holding its \`self\` and arguments alive until evicted`
        : 'unless those keyword arguments set a bound, it keeps every `self` (and argument) it was called with alive for the life of the process';
  const fixes: Fix[] = [];
  const propertyFix = onlyCache ? cachedPropertyFix(ctx, decorator, decorators, qualified, fn, cls) : undefined;
  if (propertyFix) fixes.push(propertyFix);
  return {
    code: MEM601.code,
    category: MEM601.category,
    severity: bound.kind === 'default' ? 'information' : 'warning',
    range: rangeOf(decorator),
    message: `\`${spelled}\` on method \`${method}\`: the cache lives on the function, shared by all instances, and its keys hold strong references, so ${retention}.`,
    related: [],
    fixes,
  };
}

/**
 * For a method that takes only `self`: `functools.cached_property` stores the value in the instance's own
 * `__dict__`, so it dies with the instance. Unsafe: callers must drop the parentheses (`obj.total` instead of
 * `obj.total()`), unless the method was already a `@property`, and the value can then be assigned or deleted.
 */
function cachedPropertyFix(ctx: CheckContext, decorator: SyntaxNode, decorators: SyntaxNode[], qualified: Array<string | undefined>, fn: SyntaxNode, cls: SyntaxNode): Fix | undefined {
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((p) => p !== null && p.type !== 'comment') ?? [];
  if (params.length !== 1 || params[0]?.type !== 'identifier') return undefined;
  if (fn.children.some((c) => c?.type === 'async')) return undefined; // a cached coroutine can be awaited only once
  if (definesSlots(cls)) return undefined; // cached_property needs an instance __dict__
  const edits: TextEdit[] = [];
  let name = spellingOf(ctx.root, 'functools.cached_property');
  if (!name) {
    // No import gives cached_property: add `import functools`, unless the module uses that name for something else.
    if (!ctx.imports.isBuiltin('functools')) return undefined;
    name = 'functools.cached_property';
    edits.push(addImportEdit(ctx.root, 'import functools'));
  }
  // Up to the end of the decorator's expression: a trailing comment on the line stays.
  edits.push({ range: { start: rangeOf(decorator).start, end: rangeOf(decorator.namedChild(0) ?? decorator).end }, newText: `@${name}` });
  const property = decorators.findIndex((_, i) => qualified[i] === 'property');
  if (property >= 0) {
    const next = decorators[property + 1] ?? fn;
    edits.push({ range: { start: rangeOf(decorators[property]).start, end: rangeOf(next).start }, newText: '' });
  }
  const title = property >= 0 ? 'Use functools.cached_property (a per-instance cache)' : 'Use functools.cached_property (a per-instance cache; callers must drop the parentheses)';
  return { title, safe: false, edits };
}

function definesSlots(cls: SyntaxNode): boolean {
  return statementsOf(cls.childForFieldName('body')).some((s) => {
    const a = s.type === 'expression_statement' ? s.namedChild(0) : null;
    return a?.type === 'assignment' && a.childForFieldName('left')?.text === '__slots__';
  });
}

/**
 * Whether instances may carry state worth keeping alive: a base class (which may set attributes), an
 * `__init__`/`__new__`/`__post_init__`, a class decorator (dataclass, attrs) or any `self.x = ...`. A bounded
 * cache on a class with none of these keeps at most maxsize empty objects (a few KB): not worth a report.
 */
function instancesHoldState(cls: SyntaxNode): boolean {
  if (classBases(cls).length > 0 || cls.parent?.type === 'decorated_definition') return true;
  const stack: SyntaxNode[] = [...statementsOf(cls.childForFieldName('body'))];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'function_definition' && ['__init__', '__new__', '__post_init__', '__setstate__'].includes(node.childForFieldName('name')?.text ?? '')) return true;
    if (node.type === 'assignment' || node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      if (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self') return true;
    }
    if (node.type === 'class_definition') continue;
    for (const c of node.namedChildren) if (c) stack.push(c);
  }
  return false;
}
