// Which attributes a class's methods set on its instances (`self.x = ...`, `self.x += ...`, tuple targets,
// `for self.i in ...`, `with ... as self.f`, `setattr(self, 'x', ...)`, and objects the class makes of itself in
// `__new__`, `copy()`-style methods), and what makes its instances need a real `__dict__` (dynamic setattr, `vars`,
// `__dict__`, attribute hooks, `cached_property`, `__class__` assignment). This is what a `__slots__` declaration
// must list, and what would make one break the class.
import type { SyntaxNode } from '../../parse/python-parser';
import type { ClassShape } from './class-shape';
import { stringLiteralValue } from './class-shape';
import { firstParameterName } from './definitions';

export interface DictNeed {
  reason: string;
  node: SyntaxNode;
}

export interface InstanceAttributes {
  /** Names set on instances, in order of first appearance. */
  attributes: string[];
  /** Why the instances need a `__dict__` (the first reason found), if they do. */
  needsDict: DictNeed | undefined;
  /** `__weakref__` appears in the class: a slotted version must keep a weakref slot. */
  mentionsWeakref: boolean;
  /** Zero-argument `super()` or `__class__` in a method: both read the class cell, which a class rebuilt by
   *  `@dataclass(slots=True)` does not update before CPython 3.14. */
  usesClassCell: boolean;
}

/** Nodes whose targets may be instance attributes. */
const TARGET_NODE_TYPES = ['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause', 'as_pattern_target'];

/** Calls that reach attributes by name, found in a method's text. */
const ATTRIBUTE_CALLS = /(?<![\w])(?:setattr|getattr|hasattr|delattr|vars|__setattr__|__delattr__)\s*\(/g;
const DICT_READS = /\.\s*__dict__\b/g;

/** Methods whose presence means attribute access is customised: slots would change what they see. */
const ATTRIBUTE_HOOKS = new Set(['__getattr__', '__getattribute__', '__setattr__', '__delattr__']);

/** Builtins that set or delete an attribute by name on their first argument. */
const SETTERS = new Set(['setattr', 'delattr']);

export function collectInstanceAttributes(shape: ClassShape): InstanceAttributes {
  const result: InstanceAttributes = { attributes: [], needsDict: undefined, mentionsWeakref: false, usesClassCell: false };
  const seen = new Set<string>();
  const add = (name: string) => {
    if (!seen.has(name)) {
      seen.add(name);
      result.attributes.push(name);
    }
  };
  const needDict = (reason: string, node: SyntaxNode) => {
    result.needsDict ??= { reason, node };
  };
  if (shape.classLevelNames.has('__dict__')) needDict('declares __dict__', shape.nameNode);
  if (shape.classLevelNames.has('__weakref__')) result.mentionsWeakref = true;

  for (const method of shape.methods) {
    // Callers drop classes that need a __dict__: no need to read further.
    if (result.needsDict) break;
    const name = method.childForFieldName('name')?.text ?? '';
    if (ATTRIBUTE_HOOKS.has(name)) needDict(`defines ${name}`, method);
    const kind = methodKind(method, name);
    if (kind.cachedProperty) needDict('uses functools.cached_property, which stores into the instance __dict__', method);
    if (kind.unknownDecorator) needDict(`has a method decorated with ${kind.unknownDecorator}, which may store on the instance`, method);
    const body = method.childForFieldName('body');
    if (!body) continue;
    const methodText = method.text;
    if (methodText.includes('__weakref__')) result.mentionsWeakref = true;
    if (/\bsuper\s*\(\s*\)/.test(methodText) || /(?<![.\w])__class__\b/.test(methodText)) result.usesClassCell = true;

    const selfName = kind.kind === 'instance' ? firstParameterName(method) : undefined;
    const clsName = kind.kind === 'class' || name === '__new__' ? firstParameterName(method) : undefined;
    const targets = body.descendantsOfType(TARGET_NODE_TYPES).filter((n): n is SyntaxNode => !!n);
    // Locals that hold an instance of this class: `obj = super().__new__(cls)`, `new = type(self)(...)`.
    const instances = new Set<string>();
    if (selfName) instances.add(selfName);
    for (const node of targets) {
      if (node.type !== 'assignment') continue;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type === 'identifier' && right?.type === 'call' && makesInstance(right, shape.name, selfName, clsName)) instances.add(left.text);
    }
    if (instances.size === 0) continue;

    for (const node of targets) {
      const target = node.type === 'as_pattern_target' ? node.namedChild(0) : node.childForFieldName('left');
      for (const attribute of attributeTargets(target)) {
        const attr = instanceAttribute(attribute, instances);
        if (!attr || !inMethodScope(node, method, selfName)) continue;
        if (attr === '__class__' && node.type === 'assignment') needDict('assigns __class__', attribute);
        else add(attr);
      }
    }
    // Calls and `__dict__` reads are rare: found in the text, then checked on the tree.
    for (const match of methodText.matchAll(ATTRIBUTE_CALLS)) {
      const call = enclosingCall(method, method.startIndex + (match.index ?? 0));
      if (call && inMethodScope(call, method, selfName)) readCall(call, instances, add, needDict);
    }
    for (const match of methodText.matchAll(DICT_READS)) {
      const at = method.startIndex + (match.index ?? 0) + match[0].indexOf('__dict__');
      const node = method.descendantForIndex(at, at + 1)?.parent;
      if (node?.type !== 'attribute' || !inMethodScope(node, method, selfName)) continue;
      const object = node.childForFieldName('object');
      // `self.__dict__`, `other.__dict__` (comparing two instances' dicts): instances need one. The class's own
      // `type(self).__dict__` / `cls.__dict__` / `self.__class__.__dict__` is not the instance's.
      if (object?.type === 'identifier' && object.text !== clsName && object.text !== shape.name) needDict('reads __dict__', node);
    }
  }
  return result;
}

interface MethodKind {
  kind: 'instance' | 'class' | 'static';
  cachedProperty: boolean;
  /** A decorator not known to leave the instance alone. */
  unknownDecorator: string | undefined;
}

/** Method decorators known not to store anything on the instance (matched by their last dotted name). Any other
 *  decorator may (`method_cache`-style helpers `setattr(self, ...)`), so the class is left alone. */
const KNOWN_METHOD_DECORATORS = new Set([
  'staticmethod',
  'classmethod',
  'property',
  'setter',
  'getter',
  'deleter',
  'abstractmethod',
  'abstractproperty',
  'abstractclassmethod',
  'abstractstaticmethod',
  'overload',
  'override',
  'final',
  'lru_cache',
  'cache',
  'wraps',
  'contextmanager',
  'asynccontextmanager',
  'singledispatchmethod',
  'register',
  'deprecated',
  'recursive_repr',
  'cached_property',
]);

function methodKind(method: SyntaxNode, name: string): MethodKind {
  let kind: MethodKind['kind'] = name === '__new__' ? 'static' : name === '__init_subclass__' || name === '__class_getitem__' ? 'class' : 'instance';
  let cachedProperty = false;
  let unknownDecorator: string | undefined;
  const parent = method.parent;
  if (parent?.type === 'decorated_definition') {
    for (const child of parent.namedChildren) {
      if (child?.type !== 'decorator') continue;
      const text = child.text.replace(/^@\s*/, '').replace(/\(.*$/s, '');
      const last = text.split('.').pop() ?? '';
      if (last === 'staticmethod') kind = 'static';
      else if (last === 'classmethod') kind = 'class';
      else if (last === 'cached_property') cachedProperty = true;
      else if (!KNOWN_METHOD_DECORATORS.has(last)) unknownDecorator ??= text;
    }
  }
  return { kind, cachedProperty, unknownDecorator };
}

/** An expression that makes an instance of the class: `Cls(...)`, `cls(...)`, `type(self)(...)`,
 *  `self.__class__(...)`, `X.__new__(cls)`, `copy.copy(self)`. */
/** The call whose function text starts at `index`. */
function enclosingCall(scope: SyntaxNode, index: number): SyntaxNode | undefined {
  let node: SyntaxNode | null = scope.descendantForIndex(index, index + 1);
  while (node && node.type !== 'call') node = node.parent;
  return node ?? undefined;
}

function makesInstance(node: SyntaxNode, className: string, selfName: string | undefined, clsName: string | undefined): boolean {
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'identifier') return fn.text === className || (clsName !== undefined && fn.text === clsName);
  if (fn.type === 'attribute') {
    const attr = fn.childForFieldName('attribute')?.text;
    if (attr === '__new__') return true;
    if (selfName && attr === '__class__' && fn.childForFieldName('object')?.text === selfName) return true;
    if ((attr === 'copy' || attr === 'deepcopy') && fn.childForFieldName('object')?.text === 'copy') {
      return node.childForFieldName('arguments')?.namedChild(0)?.text === selfName;
    }
    return false;
  }
  if (fn.type === 'call' && selfName) return fn.text.replace(/\s/g, '') === `type(${selfName})`;
  return false;
}

/** False for nodes inside a nested class, or a nested function that rebinds the method's `self` name. */
function inMethodScope(node: SyntaxNode, method: SyntaxNode, selfName: string | undefined): boolean {
  for (let p = node.parent; p && p.id !== method.id; p = p.parent) {
    if (p.type === 'class_definition') return false;
    if ((p.type === 'function_definition' || p.type === 'lambda') && selfName) {
      const params = p.childForFieldName('parameters');
      if (params && params.namedChildren.some((c) => c && (c.text === selfName || c.namedChild(0)?.text === selfName))) return false;
    }
  }
  return true;
}

/** The `attribute` nodes an assignment target writes (through tuples, lists and starred targets). */
function attributeTargets(target: SyntaxNode | null): SyntaxNode[] {
  if (!target) return [];
  const out: SyntaxNode[] = [];
  const stack = [target];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'attribute') out.push(node);
    else if (node.type === 'pattern_list' || node.type === 'tuple_pattern' || node.type === 'list_pattern' || node.type === 'list_splat_pattern' || node.type === 'parenthesized_expression' || node.type === 'tuple' || node.type === 'list') {
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const child = node.namedChild(i);
        if (child) stack.push(child);
      }
    }
  }
  return out;
}

/** `self.x` -> "x" when the object is one of the instance names. */
function instanceAttribute(node: SyntaxNode | null, instances: ReadonlySet<string>): string | undefined {
  if (node?.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  if (object?.type !== 'identifier' || !instances.has(object.text)) return undefined;
  return node.childForFieldName('attribute')?.text;
}

function readCall(node: SyntaxNode, instances: ReadonlySet<string>, add: (name: string) => void, needDict: (reason: string, node: SyntaxNode) => void): void {
  const fn = node.childForFieldName('function');
  const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (!fn) return;
  let name: string | undefined;
  let objectArg: SyntaxNode | undefined;
  let nameArg: SyntaxNode | undefined;
  if (fn.type === 'identifier') {
    name = fn.text;
    objectArg = args[0];
    nameArg = args[1];
  } else if (fn.type === 'attribute') {
    // `object.__setattr__(self, 'x', v)` (frozen classes), `super().__setattr__('x', v)`.
    const attr = fn.childForFieldName('attribute')?.text;
    const object = fn.childForFieldName('object');
    if (attr === '__setattr__' || attr === '__delattr__') {
      name = attr === '__setattr__' ? 'setattr' : 'delattr';
      if (object?.type === 'call') {
        objectArg = undefined;
        nameArg = args[0];
      } else {
        objectArg = args[0];
        nameArg = args[1];
      }
      const onInstance = objectArg === undefined || (objectArg.type === 'identifier' && instances.has(objectArg.text));
      if (!onInstance) return;
      const value = stringLiteralValue(nameArg);
      if (value !== undefined) add(value);
      else needDict(`calls ${fn.text} with a computed name`, node);
      return;
    }
    return;
  }
  if (!name) return;
  const onInstance = objectArg?.type === 'identifier' && instances.has(objectArg.text);
  if (SETTERS.has(name) || name === 'getattr' || name === 'hasattr') {
    if (!onInstance) return;
    const value = stringLiteralValue(nameArg);
    if (value !== undefined) {
      if (name === 'setattr') add(value);
    } else if (name !== 'hasattr') needDict(`calls ${name}() on the instance with a computed name`, node);
  } else if (name === 'vars' && onInstance) {
    needDict('calls vars() on the instance', node);
  }
}
