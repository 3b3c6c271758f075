// What code outside a class does to the instances it makes, as far as one function shows it: `p = Point(...)`
// followed by `p.label = ...` adds an attribute the slots must list; `vars(p)`, `p.__dict__` or
// `setattr(p, name, ...)` with a computed name means the instances need their `__dict__`.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ModuleImports } from '../../module-imports';
import type { DictNeed } from '../../syntax/class-attributes';
import { stringLiteralValue } from '../../syntax/class-shape';

export interface OutsideUses {
  attributes: string[];
  needsDict: DictNeed | undefined;
}

const SCOPES = new Set(['function_definition', 'module']);

/** Scans, per construction `v = Cls(...)`, the function (or module) around it for uses of `v`. */
export class OutsideUseScanner {
  private readonly scopeNodes = new Map<number, SyntaxNode[]>();

  uses(calls: readonly SyntaxNode[]): OutsideUses {
    const result: OutsideUses = { attributes: [], needsDict: undefined };
    const byScope = new Map<number, { scope: SyntaxNode; names: Set<string> }>();
    for (const call of calls) {
      const assignment = call.parent;
      if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== call.id) continue;
      const left = assignment.childForFieldName('left');
      if (left?.type !== 'identifier') continue;
      let scope: SyntaxNode | null = assignment.parent;
      while (scope && !SCOPES.has(scope.type)) scope = scope.parent;
      if (!scope) continue;
      let entry = byScope.get(scope.id);
      if (!entry) byScope.set(scope.id, (entry = { scope, names: new Set() }));
      entry.names.add(left.text);
    }
    for (const { scope, names } of byScope.values()) this.scan(scope, names, result);
    return result;
  }

  private scan(scope: SyntaxNode, names: ReadonlySet<string>, result: OutsideUses): void {
    let nodes = this.scopeNodes.get(scope.id);
    if (!nodes) {
      nodes = scope.descendantsOfType(['attribute', 'call']).filter((n): n is SyntaxNode => !!n);
      this.scopeNodes.set(scope.id, nodes);
    }
    for (const node of nodes) {
      if (node.type === 'attribute') {
        const object = node.childForFieldName('object');
        if (object?.type !== 'identifier' || !names.has(object.text)) continue;
        const attr = node.childForFieldName('attribute')?.text;
        if (!attr) continue;
        if (attr === '__dict__') result.needsDict ??= { reason: `its instances' __dict__ is read (line ${node.startPosition.row + 1})`, node };
        else if (isAssignmentTarget(node) && !result.attributes.includes(attr)) result.attributes.push(attr);
      } else {
        const fn = node.childForFieldName('function');
        if (fn?.type !== 'identifier' || (fn.text !== 'setattr' && fn.text !== 'vars' && fn.text !== 'delattr')) continue;
        const args = node.childForFieldName('arguments')?.namedChildren ?? [];
        const target = args[0];
        if (target?.type !== 'identifier' || !names.has(target.text)) continue;
        const constant = stringLiteralValue(args[1]);
        if (fn.text === 'setattr' && constant !== undefined) {
          if (!result.attributes.includes(constant)) result.attributes.push(constant);
        } else if (fn.text === 'vars' || constant === undefined) {
          result.needsDict ??= { reason: `${fn.text}() is called on its instances (line ${node.startPosition.row + 1})`, node };
        }
      }
    }
  }
}

/** `p.x = ...`, `p.x += ...`, `p.x, q = ...`, `for p.x in ...`. */
function isAssignmentTarget(attribute: SyntaxNode): boolean {
  let child = attribute;
  for (let parent = attribute.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'list_splat_pattern':
      case 'parenthesized_expression':
        continue;
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement':
      case 'for_in_clause':
        return parent.childForFieldName('left')?.id === child.id;
      case 'as_pattern_target':
        return true;
      default:
        return false;
    }
  }
  return false;
}

/** Dynamic attribute access the text may contain: `setattr(x, name, v)`, `vars(x)`, `x.__dict__`. */
const DYNAMIC_ACCESS = /(?<![\w.])(?:setattr|vars)\s*\(|\.\s*__dict__\b/g;

/**
 * Dynamic attribute access anywhere in the module on an object that could be an instance of one of its classes
 * (`setattr(parent, computed_name, m)`, `vars(obj)`, `obj.__dict__`): such a module relies on instance dicts, and
 * slots would break it where the check cannot see which class the object belongs to. `self`/`cls` are each class's
 * own business (read with its methods); modules and classes are not instances.
 */
export function moduleDynamicAttributeUse(root: SyntaxNode, text: string, imports: ModuleImports, classNames: ReadonlySet<string>): DictNeed | undefined {
  for (const match of text.matchAll(DYNAMIC_ACCESS)) {
    const index = (match.index ?? 0) + (match[0].startsWith('.') ? match[0].indexOf('__dict__') : 0);
    const leaf = root.descendantForIndex(index, index + 1);
    if (!leaf) continue;
    let object: SyntaxNode | null | undefined;
    let what: string;
    if (match[0].startsWith('.')) {
      const attribute = leaf.parent;
      if (attribute?.type !== 'attribute') continue;
      object = attribute.childForFieldName('object');
      what = 'reads __dict__';
    } else {
      const call = leaf.parent;
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== leaf.id) continue;
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      object = args[0];
      if (leaf.text === 'setattr' && stringConstant(args[1])) continue;
      what = leaf.text === 'setattr' ? 'calls setattr() with a computed name' : 'calls vars()';
    }
    if (object?.type !== 'identifier') continue;
    const name = object.text;
    if (name === 'self' || name === 'cls' || classNames.has(name) || imports.imported(imports.qualifiedName(object) ?? '\0')) continue;
    return { reason: `the module ${what} on ${name} (line ${object.startPosition.row + 1})`, node: object };
  }
  return undefined;
}

function stringConstant(node: SyntaxNode | null | undefined): boolean {
  return node?.type === 'string' && !node.text.startsWith('f') && !node.text.startsWith('F');
}
