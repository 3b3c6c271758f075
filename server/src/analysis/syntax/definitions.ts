// Facts about a def, lambda or class that the checks ask for: parameters, decorators, the receiver of an instance
// method, a class's methods and bases, the classes a block defines.
import type { SyntaxNode } from '../../parse/python-parser';
import { owningClass } from './scopes';
import { moduleStatements } from './module-statements';

/** The parameter names of a def or lambda, in order (including *args and **kwargs). */
export function parameterNames(fn: SyntaxNode): string[] {
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  const names: string[] = [];
  for (const p of params.namedChildren) {
    if (!p) continue;
    const name = parameterName(p);
    if (name) names.push(name);
  }
  return names;
}

/** The name a single parameter node binds, or undefined for separators (`*`, `/`). */
export function parameterName(param: SyntaxNode): string | undefined {
  switch (param.type) {
    case 'identifier':
      return param.text;
    case 'default_parameter':
    case 'typed_default_parameter':
      return param.childForFieldName('name')?.text;
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const inner = param.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'list_splat_pattern' || c?.type === 'dictionary_splat_pattern');
      if (!inner) return undefined;
      return inner.type === 'identifier' ? inner.text : parameterName(inner);
    }
    default:
      return undefined;
  }
}

/**
 * The name a parameter binds unless it is a splat: `x`, `x=1`, `x: int`, `x: int = 1`; undefined for `*args`,
 * `**kwargs` and the `*` and `/` separators.
 */
export function plainParameterName(param: SyntaxNode): string | undefined {
  if (param.type === 'identifier') return param.text;
  if (param.type === 'typed_parameter' || param.type === 'default_parameter' || param.type === 'typed_default_parameter') {
    const name = param.type === 'typed_parameter' ? param.namedChild(0) : param.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : undefined;
  }
  return undefined;
}

/** The plain name of a def's or lambda's first parameter (`self`, `cls`), skipping comments; undefined for a splat. */
export function firstParameterName(fn: SyntaxNode): string | undefined {
  const first = fn.childForFieldName('parameters')?.namedChildren.find((c) => c && c.type !== 'comment');
  return first ? plainParameterName(first) : undefined;
}

/** Decorator expressions' texts of a function or class (empty when undecorated). */
export function decoratorTexts(definition: SyntaxNode): string[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c) => c?.type === 'decorator').map((c) => c!.text.replace(/^@\s*/, ''));
}

/** The name `self` is spelled as in an instance method: its first parameter, unless static or a classmethod. */
export function instanceReceiverName(fn: SyntaxNode): string | undefined {
  if (fn.type !== 'function_definition' || !owningClass(fn)) return undefined;
  if (decoratorTexts(fn).some((d) => /^(staticmethod|classmethod)\b/.test(d))) return undefined;
  const first = fn.childForFieldName('parameters')?.namedChild(0);
  return first?.type === 'identifier' ? first.text : undefined;
}

/** The functions defined directly in a class body, by name (the later definition wins, as at run time). */
export function classMethods(cls: SyntaxNode): Map<string, SyntaxNode> {
  const methods = new Map<string, SyntaxNode>();
  const body = cls.childForFieldName('body');
  if (!body) return methods;
  for (const statement of body.namedChildren) {
    if (!statement) continue;
    const def = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (def?.type !== 'function_definition') continue;
    const name = def.childForFieldName('name');
    if (name) methods.set(name.text, def);
  }
  return methods;
}

/** The names of the bases of a class (`class A(B, m.C, metaclass=M)` -> the B and m.C nodes). */
export function classBases(cls: SyntaxNode): SyntaxNode[] {
  const args = cls.childForFieldName('superclasses');
  if (!args) return [];
  return args.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'keyword_argument' && c.type !== 'comment');
}

/** The classes defined at the module's top level (through their decorators), in order. */
export function moduleClasses(root: SyntaxNode): SyntaxNode[] {
  const classes: SyntaxNode[] = [];
  for (const { definition, definitionType } of moduleStatements(root)) if (definition && definitionType === 'class_definition') classes.push(definition);
  return classes;
}
