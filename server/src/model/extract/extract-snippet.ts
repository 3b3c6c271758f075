// Picks what the heap simulator runs for a cursor position: the enclosing class (one instance through its
// `__init__`), a comprehension or container literal under the cursor, the body of the enclosing function, or the
// module's top-level statements up to the cursor. Pure syntax: the result says what to run as source ranges, nodes
// and argument source texts; model/heap runs it.
import type { SyntaxNode, Tree } from '../../parse/python-parser';
import { rangeOf, type SourceRange } from '../../parse/source-range';

/** An argument for a call the snippet makes up: Python source to evaluate, or a placeholder the model cannot fill. */
export interface ArgumentSpec {
  name: string;
  /** Source of the value: the parameter's default, or a value of its annotated type (`0`, `''`, `[]`...). */
  source?: string;
  /** Where the value comes from. */
  from: 'default' | 'annotation' | 'placeholder';
  keywordOnly?: boolean;
}

export type SnippetAction =
  /** Instantiate the class `name` (defined by the prefix) with these arguments. */
  | { kind: 'instantiate'; className: string; classNode: SyntaxNode; args: ArgumentSpec[] }
  /** Run the function's body in a frame with these parameter values (statements before `stopBefore` only, then
   *  evaluate `focus` when given). */
  | { kind: 'function-body'; functionNode: SyntaxNode; args: ArgumentSpec[]; focus?: SyntaxNode; stopBefore?: SyntaxNode }
  /** Evaluate an expression after the prefix. */
  | { kind: 'evaluate'; expression: SyntaxNode }
  /** Only the prefix. */
  | { kind: 'none' };

export interface Snippet {
  kind: 'class-instance' | 'function-body' | 'expression' | 'module-prefix';
  /** For people: "instance of Point (via __init__)". */
  label: string;
  /** The source the snippet stands for (the class, the function, the expression, the prefix). */
  range: SourceRange;
  /** Top-level statements to run first (imports, definitions, globals), in order. */
  prefix: SyntaxNode[];
  action: SnippetAction;
}

const COLLECTIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'list', 'dictionary', 'set', 'tuple']);

function ancestors(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let n: SyntaxNode | null = node; n; n = n.parent) out.push(n);
  return out;
}

/** The top-level statement containing `node` (a child of the module). */
function topLevelStatement(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent && n.parent.type !== 'module') n = n.parent;
  return n;
}

function statementsBefore(root: SyntaxNode, stmt: SyntaxNode, include: boolean): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const s of root.namedChildren) {
    if (!s || s.type === 'comment') continue;
    if (s.startIndex >= stmt.startIndex && !(include && s.id === stmt.id)) break;
    out.push(s);
    if (s.id === stmt.id) break;
  }
  return out;
}

/** A value of an annotated type: `int` -> `0`, `list[int]` -> `[]`, `Optional[X]` -> `None`. */
export function valueForAnnotation(annotation: string): string | undefined {
  const t = annotation.replace(/\s+/g, '').replace(/^typing\./, '');
  if (/^(Optional\[|None$|.*\|None$)/.test(t)) return 'None';
  const head = t.replace(/\[.*$/, '');
  switch (head) {
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'complex':
      return '0j';
    case 'str':
      return "''";
    case 'bytes':
      return "b''";
    case 'bool':
      return 'False';
    case 'list':
    case 'List':
    case 'Sequence':
    case 'MutableSequence':
      return '[]';
    case 'dict':
    case 'Dict':
    case 'Mapping':
    case 'MutableMapping':
      return '{}';
    case 'set':
    case 'Set':
    case 'frozenset':
    case 'FrozenSet':
      return head.toLowerCase().startsWith('frozen') ? 'frozenset()' : 'set()';
    case 'tuple':
    case 'Tuple':
      return '()';
    default:
      return undefined;
  }
}

/** Argument specs for a function's parameters, skipping the first (`self`/`cls`) when `skipFirst`. */
export function argumentsFor(fn: SyntaxNode, skipFirst: boolean): ArgumentSpec[] {
  const params = fn.childForFieldName('parameters');
  const out: ArgumentSpec[] = [];
  let keywordOnly = false;
  let first = true;
  for (const p of params?.namedChildren ?? []) {
    if (!p || p.type === 'comment') continue;
    if (p.type === 'keyword_separator' || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
      keywordOnly = true;
      first = false;
      continue;
    }
    if (p.type === 'positional_separator') continue;
    if (first && skipFirst) {
      first = false;
      continue;
    }
    first = false;
    const nameNode = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? p.namedChildren[0] : p.childForFieldName('name');
    if (!nameNode || nameNode.type !== 'identifier') continue;
    const name = nameNode.text;
    const def = p.childForFieldName('value');
    const annotation = p.childForFieldName('type');
    if (def) out.push({ name, source: def.text, from: 'default', keywordOnly });
    else if (annotation && valueForAnnotation(annotation.text)) out.push({ name, source: valueForAnnotation(annotation.text), from: 'annotation', keywordOnly });
    else out.push({ name, from: 'placeholder', keywordOnly });
  }
  return out;
}

/** Dataclass / NamedTuple fields from annotated class-body assignments. */
function fieldArguments(cls: SyntaxNode): ArgumentSpec[] {
  const out: ArgumentSpec[] = [];
  for (const st of cls.childForFieldName('body')?.namedChildren ?? []) {
    const a = st?.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type !== 'assignment') continue;
    const type = a.childForFieldName('type');
    const left = a.childForFieldName('left');
    if (!type || left?.type !== 'identifier' || /ClassVar/.test(type.text)) continue;
    const right = a.childForFieldName('right');
    if (right) continue; // has a default: the class supplies it
    const v = valueForAnnotation(type.text);
    out.push(v ? { name: left.text, source: v, from: 'annotation' } : { name: left.text, from: 'placeholder' });
  }
  return out;
}

function initOf(cls: SyntaxNode): SyntaxNode | undefined {
  for (const st of cls.childForFieldName('body')?.namedChildren ?? []) {
    const fn = st?.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === '__init__') return fn;
  }
  return undefined;
}

function lineLabel(n: SyntaxNode): string {
  return `line ${n.startPosition.row + 1}`;
}

/** What to run for the cursor at (line, column), 0-based. */
export function extractSnippet(tree: Tree, line: number, column: number): Snippet {
  const root = tree.rootNode;
  const at = root.descendantForPosition({ row: line, column }) ?? root;
  const chain = ancestors(at);
  const cls = chain.find((n) => n.type === 'class_definition');
  const fn = chain.find((n) => n.type === 'function_definition');
  const collection = chain.find((n) => COLLECTIONS.has(n.type) && n.startPosition.row <= line);
  // Innermost scope decides: a collection inside a function of a class is still an expression of that function.
  const scopeOfCollection = collection ? ancestors(collection).find((n) => n.type === 'function_definition' || n.type === 'class_definition') : undefined;
  if (collection && !scopeOfCollection) {
    const stmt = topLevelStatement(collection);
    return {
      kind: 'expression',
      label: `${collection.type.replace(/_/g, ' ').replace('dictionary', 'dict')} at ${lineLabel(collection)}`,
      range: rangeOf(collection),
      prefix: statementsBefore(root, stmt, false),
      action: { kind: 'evaluate', expression: collection },
    };
  }
  if (cls && (!fn || cls.startIndex > fn.startIndex || ancestors(fn).some((n) => n.id === cls.id))) {
    // The class (cursor on it or in one of its methods): one instance through __init__ (or the generated one).
    const topCls = topLevelStatement(cls);
    const name = cls.childForFieldName('name')!.text;
    const init = initOf(cls);
    const decorated = cls.parent?.type === 'decorated_definition' ? cls.parent.text : '';
    const bases = cls.childForFieldName('superclasses')?.text ?? '';
    const generated = !init && (/@(dataclasses\.)?dataclass/.test(decorated) || /NamedTuple/.test(bases));
    const args = init ? argumentsFor(init, true) : generated ? fieldArguments(cls) : [];
    return {
      kind: 'class-instance',
      label: `instance of ${name} (via ${init ? '__init__' : generated ? 'the generated __init__' : 'object()'})`,
      range: rangeOf(cls),
      prefix: statementsBefore(root, topCls, true),
      action: { kind: 'instantiate', className: name, classNode: cls, args },
    };
  }
  if (fn) {
    const top = topLevelStatement(fn);
    const name = fn.childForFieldName('name')!.text;
    const stmtInFn = collection && scopeOfCollection?.id === fn.id ? ancestors(collection).find((n) => n.parent?.parent?.id === fn.id) : undefined;
    return {
      kind: 'function-body',
      label: collection && stmtInFn ? `${collection.type.replace(/_/g, ' ')} in ${name}() at ${lineLabel(collection)}` : `body of ${name}()`,
      range: collection && stmtInFn ? rangeOf(collection) : rangeOf(fn),
      prefix: statementsBefore(root, top, true),
      action: { kind: 'function-body', functionNode: fn, args: argumentsFor(fn, false), ...(collection && stmtInFn ? { focus: collection, stopBefore: stmtInFn } : {}) },
    };
  }
  const stmts = root.namedChildren.filter((s): s is SyntaxNode => !!s && s.type !== 'comment' && s.startPosition.row <= line);
  const last = stmts[stmts.length - 1];
  return {
    kind: 'module-prefix',
    label: `module up to line ${line + 1}`,
    range: last ? { start: rangeOf(stmts[0]!).start, end: rangeOf(last).end } : rangeOf(root),
    prefix: stmts,
    action: { kind: 'none' },
  };
}
