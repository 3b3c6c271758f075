// A hand-written record: the class exists to hold a few values. Its only method is an `__init__` that stores its
// parameters (or constants) on `self`, optionally with `__repr__`/comparison methods that only read them. Such
// classes are the ones programs make by the thousand (rows, tokens, nodes, events), and `__slots__` costs them
// nothing. Judged strictly: anything else in `__init__` (a call, a computation, a branch) and it is not a record.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ClassShape } from '../../syntax/class-shape';
import { firstParameterName, plainParameterName } from '../../syntax/definitions';
import { isStringStatement } from '../../syntax/statements';

/** Methods a record may have besides `__init__`: they read the fields, never set them. */
const READ_ONLY_METHODS = new Set(['__repr__', '__eq__', '__ne__', '__hash__', '__lt__', '__le__', '__gt__', '__ge__']);

const CONSTANTS = new Set(['none', 'true', 'false', 'integer', 'float', 'string']);

/** The minimum number of fields: a one-field wrapper is rarely made in bulk. */
const MIN_FIELDS = 2;

export function isRecordLike(shape: ClassShape): boolean {
  // Record types meant for bulk use are declared at module level; classes nested in a class or function are
  // local helpers, usually made a few times.
  const statement = shape.node.parent?.type === 'decorated_definition' ? shape.node.parent : shape.node;
  if (statement.parent?.type !== 'module') return false;
  // Text first: every `def` in the class (nested ones included) must be one a record may have.
  const defs = [...shape.text.matchAll(/\bdef\s+(\w+)/g)].map((m) => m[1]);
  if (!defs.includes('__init__') || defs.some((d) => d !== '__init__' && !READ_ONLY_METHODS.has(d))) return false;
  let init: SyntaxNode | undefined;
  for (const method of shape.methods) {
    const name = method.childForFieldName('name')?.text ?? '';
    if (method.parent?.type === 'decorated_definition') return false;
    if (name === '__init__') init = method;
    else if (!READ_ONLY_METHODS.has(name)) return false;
  }
  if (!init) return false;
  for (const statement of shape.statements) {
    if (statement.type === 'function_definition' || statement.type === 'pass_statement' || isStringStatement(statement)) continue;
    if (statement.type === 'expression_statement' && statement.namedChild(0)?.type === 'assignment') {
      const assignment = statement.namedChild(0)!;
      const right = assignment.childForFieldName('right');
      if (!right || CONSTANTS.has(right.type)) continue;
    }
    return false;
  }
  return initOnlyStoresParameters(init);
}

function initOnlyStoresParameters(init: SyntaxNode): boolean {
  const selfName = firstParameterName(init);
  const body = init.childForFieldName('body');
  if (!selfName || !body) return false;
  const parameters = new Set<string>();
  for (const parameter of init.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter) continue;
    const name = plainParameterName(parameter);
    if (name !== undefined && name !== selfName) parameters.add(name);
  }
  let fields = 0;
  let fromParameters = 0;
  const statements = body.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  for (const [index, statement] of statements.entries()) {
    if (index === 0 && isStringStatement(statement)) continue;
    if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return false;
    const assignment = statement.namedChild(0);
    if (assignment?.type !== 'assignment') return false;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== selfName || !right) return false;
    if (right.type === 'identifier' && parameters.has(right.text)) fromParameters++;
    else if (!CONSTANTS.has(right.type) && !isEmptyLiteral(right)) return false;
    fields++;
  }
  return fields >= MIN_FIELDS && fromParameters >= 1;
}

function isEmptyLiteral(node: SyntaxNode): boolean {
  return (node.type === 'list' || node.type === 'dictionary' || node.type === 'tuple') && node.namedChildCount === 0;
}
