// `f = open(p)` followed by statements that use `f` becomes `with open(p) as f:` around those statements (up to
// the last one that mentions `f`), re-indented one level. Offered only where the result surely compiles and keeps
// the statements' meaning; otherwise no fix rather than a wrong one.
import type { SyntaxNode } from '../../../parse/python-parser';
import { rangeOf } from '../../../parse/source-range';
import type { Fix, TextEdit } from '../../finding';
import { findInSubtree } from '../../syntax/subtree-search';
import type { NameUses } from './name-uses';

const BLOCK_TYPES = new Set(['block', 'module']);

/**
 * `wrap` rewrites the opener when the object's own `__exit__` does not close it (sqlite3 connections:
 * `contextlib.closing(...)`), with `extraEdits` adding the import it needs.
 */
export function withBlockFix(assignment: SyntaxNode, resource: SyntaxNode, uses: NameUses, text: string, wrap?: (opener: string) => string, extraEdits: TextEdit[] = []): Fix | undefined {
  const statement = assignment.parent;
  const container = statement?.parent;
  if (!statement || statement.type !== 'expression_statement' || !container || !BLOCK_TYPES.has(container.type)) return undefined;
  if (assignment.childForFieldName('type') || uses.bindings !== 1 || uses.uses.length === 0) return undefined;
  const name = assignment.childForFieldName('left');
  if (!name || name.type !== 'identifier' || assignment.childForFieldName('right')?.id !== resource.id) return undefined;

  // Trailing comments (`x = 1  # note`) ride along with their line; they are not statements of their own.
  const siblings = container.namedChildren.filter((c, i, all): c is SyntaxNode => c !== null && !(c.type === 'comment' && i > 0 && all[i - 1]?.endPosition.row === c.startPosition.row));
  const index = siblings.findIndex((s) => s.id === statement.id);
  // Every use must sit in a statement after the assignment in this block.
  let last = -1;
  for (const use of uses.uses) {
    const at = siblings.findIndex((s, i) => i > index && s.type !== 'comment' && use.startIndex >= s.startIndex && use.endIndex <= s.endIndex);
    if (at < 0) return undefined;
    last = Math.max(last, at);
  }
  const moved = siblings.slice(index + 1, last + 1);
  const first = moved[0];
  const final = moved[moved.length - 1];
  if (!first || !final) return undefined;

  // Layout: the assignment alone on its line, the moved statements on lines of their own.
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const indent = text.slice(lineStart, statement.startIndex);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  if (first.startPosition.row <= statement.endPosition.row) return undefined;
  const next = siblings[last + 1];
  if (next && next.startPosition.row <= final.endPosition.row) return undefined;
  const previous = siblings[index - 1];
  if (previous && previous.endPosition.row >= statement.startPosition.row && previous.type !== 'comment') return undefined;
  // Indenting a line inside a triple-quoted string would change the string.
  for (const s of moved) if (findInSubtree(s, (n) => n.type === 'string' && n.startPosition.row !== n.endPosition.row)) return undefined;
  if (text.slice(statement.endIndex, first.startIndex).includes('\\')) return undefined;

  const unit = indent.includes('\t') ? '\t' : '    ';
  const closeRows = closeStatementRows(moved, name.text);
  const keepsSomething = moved.some((s) => s.type !== 'comment' && !closeRows.has(s.startPosition.row));
  // One edit from the assignment to the end of the last moved statement, so a nested with-fix overlaps it and
  // "fix all" applies one of them, never both.
  const lines = text.slice(assignment.endIndex, final.endIndex).split('\n');
  const rebuilt = [lines[0]]; // the rest of the assignment's own line (a trailing comment)
  for (let i = 1; i < lines.length; i++) {
    const row = statement.endPosition.row + i;
    if (closeRows.has(row)) {
      // The with block closes it: drop the explicit close() (keep a `pass` if nothing else is left).
      if (!keepsSomething) rebuilt.push(`${indent}${unit}pass`);
      continue;
    }
    rebuilt.push(lines[i].trim() === '' ? lines[i] : unit + lines[i]);
  }
  const opener = wrap ? wrap(resource.text) : resource.text;
  const edits: TextEdit[] = [
    { range: { start: rangeOf(assignment).start, end: rangeOf(final).end }, newText: `with ${opener} as ${name.text}:${rebuilt.join('\n')}` },
    ...extraEdits,
  ];
  // At module level another module may import the name and expect it open: never a safe fix there.
  return { title: `Open ${name.text} in a with block`, safe: uses.scope.type !== 'module' && allUsesAreMethodCalls(uses), edits };
}

/** Rows of single-line `f.close()` statements among the moved ones. */
function closeStatementRows(moved: SyntaxNode[], name: string): Set<number> {
  const rows = new Set<number>();
  for (const s of moved) {
    if (s.type !== 'expression_statement' || s.startPosition.row !== s.endPosition.row) continue;
    if (s.text.replace(/\s+/g, '') === `${name}.close()`) rows.add(s.startPosition.row);
  }
  return rows;
}

/** Methods whose result does not depend on the object staying open (data, counts, None). */
const DATA_METHODS: ReadonlySet<string> = new Set([
  'read', 'read1', 'readline', 'readlines', 'readinto', 'write', 'writelines', 'seek', 'tell', 'flush', 'truncate', 'fileno',
  'recv', 'recv_into', 'recvfrom', 'send', 'sendall', 'sendto', 'connect', 'bind', 'listen', 'setsockopt', 'settimeout', 'setblocking', 'shutdown',
  'namelist', 'infolist', 'getnames', 'getmembers', 'extract', 'extractall', 'writestr', 'add', 'getinfo',
  'communicate', 'wait', 'poll', 'kill', 'terminate', 'send_signal',
  'commit', 'rollback', 'executescript', 'keys', 'get', 'close',
]);

/**
 * Closing at the end of the block is what the code meant when every use is a call of a method whose result does
 * not need the object open (`f.read()`), or whose result is used up in the same expression
 * (`conn.execute(q).fetchall()`). A derived object kept in a variable (`m = archive.open(name)`) may need the
 * resource after the block: then the fix is unsafe.
 */
function allUsesAreMethodCalls(uses: NameUses): boolean {
  return uses.uses.every((u) => {
    const attribute = u.parent;
    if (attribute?.type !== 'attribute' || attribute.childForFieldName('object')?.id !== u.id || insideFunction(u, uses.scope)) return false;
    const call = attribute.parent;
    if (call?.type !== 'call') return false;
    const method = attribute.childForFieldName('attribute')?.text ?? '';
    if (DATA_METHODS.has(method)) return true;
    return call.parent?.type === 'attribute' && call.parent.parent?.type === 'call';
  });
}

function insideFunction(node: SyntaxNode, scope: SyntaxNode): boolean {
  for (let p = node.parent; p && p.id !== scope.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return true;
  return false;
}

const STATEMENT_TYPES = new Set(['expression_statement', 'return_statement']);

/**
 * `data = open(p).read()` (or `open(p).write(s)`, `return open(p).read()`): the resource is used once, as the
 * object of a method call, in a simple statement alone on its lines. The statement moves into
 * `with open(p) as <fresh name>:` with the call rewritten to use the name. The resource is still created first
 * and the method's arguments evaluated after it, so the order of evaluation is unchanged: safe.
 */
export function withStatementFix(resource: SyntaxNode, text: string, preferredName: string): Fix | undefined {
  const attribute = resource.parent;
  // `open(p).read()`: the method runs while the block is open. Anything else (`json.load(open(p))`,
  // `csv.reader(open(p))`) may read lazily after the block closed it: unsafe.
  const methodCall = attribute?.type === 'attribute' && attribute.childForFieldName('object')?.id === resource.id && attribute.parent?.type === 'call';
  let statement: SyntaxNode | null = resource.parent;
  while (statement && !STATEMENT_TYPES.has(statement.type)) {
    if (statement.type === 'lambda' || statement.type.endsWith('comprehension') || statement.type === 'generator_expression' || statement.type === 'conditional_expression' || statement.type === 'boolean_operator') return undefined;
    statement = statement.parent;
  }
  const block = statement?.parent;
  if (!statement || !block || (block.type !== 'block' && block.type !== 'module')) return undefined;
  const lineStart = statement.startIndex - statement.startPosition.column;
  const indent = text.slice(lineStart, statement.startIndex);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const next = statement.nextNamedSibling;
  if (next && next.type !== 'comment' && next.startPosition.row <= statement.endPosition.row) return undefined;
  if (findInSubtree(statement, (n) => n.type === 'string' && n.startPosition.row !== n.endPosition.row)) return undefined;
  const scope = enclosingScopeNode(statement);
  if (scope.type === 'class_definition') return undefined; // the new name would become a class attribute
  const name = freshName(scope, preferredName);
  const unit = indent.includes('\t') ? '\t' : '    ';
  const before = text.slice(statement.startIndex, resource.startIndex);
  const after = text.slice(resource.endIndex, statement.endIndex);
  const body = (before + name + after).split('\n').map((line, i) => (i === 0 || line.trim() !== '' ? unit + line : line)).join('\n');
  return {
    title: `Open it in a with block as ${name}`,
    // At module level the new name becomes a global (and `import *` would export it).
    safe: methodCall && scope.type !== 'module',
    edits: [{ range: rangeOf(statement), newText: `with ${resource.text} as ${name}:\n${indent}${body}` }],
  };
}

function enclosingScopeNode(node: SyntaxNode): SyntaxNode {
  let scope = node;
  for (let p = node.parent; p; p = p.parent) {
    scope = p;
    if (p.type === 'function_definition' || p.type === 'class_definition') break;
  }
  return scope;
}

/** `f`, else `f1`, `f2`...: a name no identifier in the scope spells (nested scopes included, to be safe). */
function freshName(scope: SyntaxNode, preferred: string): string {
  const taken = new Set(collectNames(scope));
  if (!taken.has(preferred)) return preferred;
  for (let i = 1; ; i++) if (!taken.has(`${preferred}${i}`)) return `${preferred}${i}`;
}

function collectNames(scope: SyntaxNode): string[] {
  const names: string[] = [];
  findInSubtree(scope, (n) => {
    if (n.type === 'identifier') names.push(n.text);
    return false;
  });
  return names;
}
