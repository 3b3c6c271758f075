// What a class statement declares at its own level: name, decorators, bases, docstring, the names its body binds
// (class attributes, methods) and its `__slots__`. Reads only the class body's direct statements, so it is cheap
// enough to run on every class of a module.
import type { SyntaxNode } from '../../parse/python-parser';
import { isStringStatement } from './statements';
import { WordOccurrences } from './word-occurrences';

export interface ClassField {
  name: string;
  /** The annotated assignment (`x: int = 0`) or annotation (`x: int`). */
  node: SyntaxNode;
  /** The annotation's text (`ClassVar[int]`, `int`). */
  annotation: string;
  /** True when the class body gives it a value (`x: int = 0`, `x: list = field(...)`). */
  hasValue: boolean;
}

/** What the class body declares; read on first use (most classes of a module never need it). */
interface ClassBody {
  statements: SyntaxNode[];
  docstring: SyntaxNode | null;
  slotsStatement: SyntaxNode | null;
  slotNames: string[] | undefined;
  classLevelNames: Set<string>;
  annotatedNames: ClassField[];
  methods: SyntaxNode[];
}

export class ClassShape {
  readonly name: string;
  /** `@decorator` expressions, outermost first. */
  readonly decorators: SyntaxNode[] = [];
  /** Positional base expressions. */
  readonly bases: SyntaxNode[] = [];
  /** `metaclass=...` and other class keywords (`keyword_argument` nodes), plus `*args`/`**kw` splats. */
  readonly keywords: SyntaxNode[] = [];
  readonly body: SyntaxNode | null;
  private bodyInfo: ClassBody | undefined;
  private slotsInfo: Pick<ClassBody, 'slotsStatement' | 'slotNames'> | undefined;
  private statementList: SyntaxNode[] | undefined;

  constructor(
    readonly node: SyntaxNode,
    readonly nameNode: SyntaxNode,
    private readonly source: string,
    private readonly words: WordOccurrences,
  ) {
    this.name = nameNode.text;
    const parent = node.parent;
    if (parent?.type === 'decorated_definition') {
      for (const child of parent.namedChildren) {
        if (child?.type !== 'decorator') continue;
        const expression = child.namedChild(0);
        if (expression) this.decorators.push(expression);
      }
    }
    const superclasses = node.childForFieldName('superclasses');
    for (const child of superclasses?.namedChildren ?? []) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'keyword_argument' || child.type === 'dictionary_splat' || child.type === 'list_splat') this.keywords.push(child);
      else this.bases.push(child);
    }
    this.body = node.childForFieldName('body');
  }

  /** The class's source text. */
  get text(): string {
    return this.source.slice(this.node.startIndex, this.node.endIndex);
  }

  /** True when the class's text contains `word` (cheap: no tree access). */
  mentions(word: string): boolean {
    return this.words.within(word, this.node.startIndex, this.node.endIndex);
  }

  /** True when the class body declares `__slots__` (a text test first: most classes never mention it). */
  get declaresSlots(): boolean {
    return this.mentions('__slots__') && this.slotsStatement !== null;
  }

  /** The body's statements (comments excluded). */
  get statements(): SyntaxNode[] {
    return this.readBody().statements;
  }
  /** The docstring statement, when the body starts with a string. */
  get docstring(): SyntaxNode | null {
    return this.readBody().docstring;
  }
  /** The `__slots__ = ...` statement at class level (also inside `if`/`try` at class level), if any. */
  get slotsStatement(): SyntaxNode | null {
    return this.readSlots().slotsStatement;
  }
  /** Slot names when `__slots__` is a literal of strings; undefined when it is computed. */
  get slotNames(): string[] | undefined {
    return this.readSlots().slotNames;
  }
  /** Names the class body binds: assignments, `def`, nested classes, imports, annotated values. */
  get classLevelNames(): Set<string> {
    return this.readBody().classLevelNames;
  }
  /** Annotated names at class level, in order (dataclass fields before ClassVar/InitVar filtering). */
  get annotatedNames(): ClassField[] {
    return this.readBody().annotatedNames;
  }
  /** Functions defined directly in the body (decorators unwrapped). */
  get methods(): SyntaxNode[] {
    return this.readBody().methods;
  }

  /**
   * The `__slots__` statement and names as readBody finds them (the last `__slots__ =` in its order), reading only
   * the body's children whose text, up to the next child, mentions `__slots__`: no other statement can assign it
   * (and a comment reads as nothing). A slotted class of a thousand lines is asked on every keystroke whether it
   * declares slots, and reading its whole body was ~0.15 ms of a keystroke on a 6k-line file.
   */
  private readSlots(): Pick<ClassBody, 'slotsStatement' | 'slotNames'> {
    if (this.bodyInfo) return this.bodyInfo;
    if (this.slotsInfo) return this.slotsInfo;
    const statements = (this.body?.namedChildren ?? []).filter((c): c is SyntaxNode => c !== null);
    const info: ClassBody = { statements, docstring: null, slotsStatement: null, slotNames: undefined, classLevelNames: new Set(), annotatedNames: [], methods: [] };
    const end = this.node.endIndex;
    for (let i = 0; i < statements.length; i++) {
      const until = i + 1 < statements.length ? statements[i + 1].startIndex : end;
      if (!this.words.within('__slots__', statements[i].startIndex, until)) continue;
      const stack: SyntaxNode[] = [statements[i]];
      while (stack.length > 0) readStatement(info, stack.pop()!, stack);
    }
    this.slotsInfo = { slotsStatement: info.slotsStatement, slotNames: info.slotNames };
    return this.slotsInfo;
  }

  private bodyStatements(): SyntaxNode[] {
    return (this.statementList ??= (this.body?.namedChildren ?? []).filter((c): c is SyntaxNode => !!c && c.type !== 'comment'));
  }

  private readBody(): ClassBody {
    if (this.bodyInfo) return this.bodyInfo;
    const statements = this.bodyStatements();
    const first = statements[0];
    const info: ClassBody = {
      statements,
      docstring: first && isStringStatement(first) ? first : null,
      slotsStatement: null,
      slotNames: undefined,
      classLevelNames: new Set(),
      annotatedNames: [],
      methods: [],
    };
    // Class-level statements, including those nested in if/try/with blocks (still class level), never inside
    // functions or nested classes.
    const stack: SyntaxNode[] = [...statements].reverse();
    while (stack.length > 0) readStatement(info, stack.pop()!, stack);
    this.bodyInfo = info;
    return info;
  }
}

/** `class_definition` -> its shape. */
export function describeClass(node: SyntaxNode, source: string, words: WordOccurrences = new WordOccurrences(source)): ClassShape | undefined {
  const nameNode = node.childForFieldName('name');
  return nameNode ? new ClassShape(node, nameNode, source, words) : undefined;
}

function readStatement(shape: ClassBody, statement: SyntaxNode, stack: SyntaxNode[]): void {
  switch (statement.type) {
    case 'decorated_definition': {
      const definition = statement.childForFieldName('definition');
      if (definition) readStatement(shape, definition, stack);
      return;
    }
    case 'function_definition': {
      shape.methods.push(statement);
      const name = statement.childForFieldName('name');
      if (name) shape.classLevelNames.add(name.text);
      return;
    }
    case 'class_definition': {
      const name = statement.childForFieldName('name');
      if (name) shape.classLevelNames.add(name.text);
      return;
    }
    case 'expression_statement': {
      for (const child of statement.namedChildren) {
        if (child?.type === 'assignment') readAssignment(shape, child);
        else if (child?.type === 'augmented_assignment') {
          const left = child.childForFieldName('left');
          if (left?.type === 'identifier') shape.classLevelNames.add(left.text);
        }
      }
      return;
    }
    case 'import_statement':
    case 'import_from_statement':
      for (const child of statement.namedChildren) {
        if (child?.type === 'aliased_import') {
          const alias = child.childForFieldName('alias');
          if (alias) shape.classLevelNames.add(alias.text);
        } else if (child?.type === 'dotted_name' && statement.type === 'import_from_statement' && child !== statement.childForFieldName('module_name')) {
          shape.classLevelNames.add(child.text);
        } else if (child?.type === 'dotted_name' && statement.type === 'import_statement') {
          shape.classLevelNames.add(child.text.split('.')[0]);
        }
      }
      return;
    case 'if_statement':
    case 'try_statement':
    case 'with_statement':
    case 'for_statement':
    case 'while_statement':
    case 'block':
    case 'elif_clause':
    case 'else_clause':
    case 'except_clause':
    case 'finally_clause':
      for (let i = statement.namedChildCount - 1; i >= 0; i--) {
        const child = statement.namedChild(i);
        if (child && (child.type === 'block' || child.type.endsWith('_clause') || child.type.endsWith('_statement') || child.type === 'decorated_definition' || child.type === 'function_definition' || child.type === 'class_definition')) stack.push(child);
      }
      if (statement.type === 'for_statement') addTargetNames(shape, statement.childForFieldName('left'));
      return;
    default:
      return;
  }
}

function readAssignment(shape: ClassBody, assignment: SyntaxNode): void {
  const left = assignment.childForFieldName('left');
  const type = assignment.childForFieldName('type');
  const right = assignment.childForFieldName('right');
  if (left?.type === 'identifier' && left.text === '__slots__') {
    shape.slotsStatement = assignment.parent ?? assignment;
    shape.slotNames = right ? literalStrings(right) : undefined;
  }
  if (left?.type === 'identifier' && type) {
    shape.annotatedNames.push({ name: left.text, node: assignment, annotation: type.text, hasValue: right !== null });
  }
  if (type && !right) return; // `x: int` binds nothing at class level
  addTargetNames(shape, left);
  // Chained `a = b = 1`: the right side is itself an assignment.
  if (right?.type === 'assignment') readAssignment(shape, right);
}

function addTargetNames(shape: ClassBody, target: SyntaxNode | null): void {
  if (!target) return;
  const stack = [target];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'identifier') shape.classLevelNames.add(node.text);
    else if (node.type === 'pattern_list' || node.type === 'tuple_pattern' || node.type === 'list_pattern' || node.type === 'list_splat_pattern' || node.type === 'parenthesized_expression') {
      for (const child of node.namedChildren) if (child) stack.push(child);
    }
  }
}

/** The strings of a literal `('a', 'b')`, `['a']`, `'a'`, `{'a': doc}` or `()`; undefined if anything is computed. */
export function literalStrings(node: SyntaxNode): string[] | undefined {
  let items: SyntaxNode[];
  if (node.type === 'string') items = [node];
  else if (node.type === 'tuple' || node.type === 'list' || node.type === 'set' || node.type === 'parenthesized_expression') {
    items = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  } else if (node.type === 'dictionary') {
    items = [];
    for (const pair of node.namedChildren) {
      if (pair?.type !== 'pair') return undefined;
      const key = pair.childForFieldName('key');
      if (!key) return undefined;
      items.push(key);
    }
  } else return undefined;
  const out: string[] = [];
  for (const item of items) {
    const value = stringLiteralValue(item);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

/** The value of a plain string literal without escapes or interpolation ('x', "x"); undefined otherwise. */
export function stringLiteralValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  const m = /^[rRuU]?(['"])([A-Za-z_][A-Za-z0-9_]*)\1$/.exec(node.text);
  return m ? m[2] : undefined;
}

/** The names a decorator list applies (qualified through the imports by the caller); unwraps `@d(...)`. */
export function decoratorCallee(decorator: SyntaxNode): SyntaxNode {
  return decorator.type === 'call' ? decorator.childForFieldName('function') ?? decorator : decorator;
}
