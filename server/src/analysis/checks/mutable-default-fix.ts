// The fix for a mutable default: the default becomes None and the body starts (after its docstring) with
// `if x is None: x = <original>`, so every call that omits the argument gets a fresh object. It is unsafe:
// a caller that passes None on purpose now gets the fresh object instead of None, and the original expression
// is evaluated on each call instead of once.
import type { SyntaxNode } from '../../parse/python-parser';
import { rangeOf, type SourceRange } from '../../parse/source-range';
import type { CheckContext } from '../check';
import type { Fix, TextEdit } from '../finding';
import { spellingOf } from '../syntax/import-names';
import { isStringStatement, statementsOf } from '../syntax/statements';
import { annotationAlternatives, typeApplication } from '../syntax/type-annotations';

/** A `def` parameter with a mutable default: builds the None-plus-guard fix, or undefined when it cannot. */
export function noneDefaultFix(ctx: CheckContext, fn: SyntaxNode, param: SyntaxNode, value: SyntaxNode, name: string): Fix | undefined {
  if (fn.type !== 'function_definition') return undefined; // a lambda body cannot hold a statement
  const body = fn.childForFieldName('body');
  const statements = statementsOf(body);
  const colon = colonBeforeBody(fn, body);
  if (!body || !colon || statements.length === 0) return undefined;

  const edits: TextEdit[] = [{ range: rangeOf(value), newText: 'None' }];
  const annotationEdit = optionalAnnotationEdit(ctx, param);
  if (annotationEdit) edits.push(annotationEdit);

  const first = statements[0];
  const oneLiner = !hasRealNewline(ctx.text.slice(colon.endIndex, first.startIndex));
  const indent = oneLiner ? lineIndent(ctx.text, fn) + indentUnit(lineIndent(ctx.text, fn)) : textBeforeOnLine(ctx.text, first);
  if (indent === undefined) return undefined;
  const inner = indent + indentUnit(indent);
  const guard = `if ${name} is None:\n${inner}${name} = ${ctx.text.slice(value.startIndex, value.endIndex)}`;

  if (oneLiner) edits.push({ range: between(colon.endPosition, first.startPosition), newText: `\n${indent}` });
  const docstring = isStringStatement(first) ? first : undefined;
  if (!docstring) {
    if (oneLiner) edits[edits.length - 1].newText = `\n${indent}${guard}\n${indent}`;
    else edits.push({ range: between(lineStart(first), lineStart(first)), newText: `${indent}${guard}\n` });
  } else {
    const next = statements[1];
    if (!next) {
      edits.push({ range: between(docstring.endPosition, docstring.endPosition), newText: `\n${indent}${guard}` });
    } else if (next.startPosition.row === docstring.endPosition.row || !hasRealNewline(ctx.text.slice(docstring.endIndex, next.startIndex))) {
      // `"""Doc"""; rest` on one logical line: split it, so the guard does not swallow `rest`.
      edits.push({ range: between(docstring.endPosition, next.startPosition), newText: `\n${indent}${guard}\n${indent}` });
    } else {
      edits.push({ range: between(lineStart(next), lineStart(next)), newText: `${indent}${guard}\n` });
    }
  }
  return { title: `Default \`${name}\` to None and create a new object in the body`, safe: false, edits };
}

function colonBeforeBody(fn: SyntaxNode, body: SyntaxNode | null): SyntaxNode | undefined {
  if (!body) return undefined;
  let colon: SyntaxNode | undefined;
  for (const child of fn.children) {
    if (!child) continue;
    if (child.startIndex >= body.startIndex) break;
    if (child.type === ':') colon = child;
  }
  return colon;
}

/** A newline that ends a logical line: not one escaped by a backslash continuation. */
function hasRealNewline(gap: string): boolean {
  return /\n/.test(gap.replace(/\\\r?\n/g, ''));
}

function lineIndent(text: string, node: SyntaxNode): string {
  const start = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  return /^[ \t\f]*/.exec(text.slice(start, node.startIndex))![0];
}

/** The whitespace before a statement that starts its line; undefined if something else precedes it. */
function textBeforeOnLine(text: string, node: SyntaxNode): string | undefined {
  const start = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const before = text.slice(start, node.startIndex);
  return /^[ \t\f]*$/.test(before) ? before : undefined;
}

function indentUnit(indent: string): string {
  return indent.endsWith('\t') ? '\t' : '    ';
}

function lineStart(node: SyntaxNode): { row: number; column: number } {
  return { row: node.startPosition.row, column: 0 };
}

function between(a: { row: number; column: number }, b: { row: number; column: number }): SourceRange {
  return { start: { line: a.row, column: a.column }, end: { line: b.row, column: b.column } };
}

/**
 * `x: list = []` -> the annotation must now admit None. `T | None` when the target or a `from __future__ import
 * annotations` makes that valid at run time; otherwise `Optional[T]` if the module already imports Optional;
 * otherwise the annotation is left alone (the code still runs; a type checker will point at it).
 */
function optionalAnnotationEdit(ctx: CheckContext, param: SyntaxNode): TextEdit | undefined {
  if (param.type !== 'typed_default_parameter') return undefined;
  const typeNode = param.childForFieldName('type');
  const annotation = typeNode?.namedChild(0);
  if (!typeNode || !annotation || admitsNone(ctx, annotation)) return undefined;
  const text = annotation.text;
  const lazy = ctx.imports.imported('__future__.annotations');
  const simple = ['identifier', 'attribute', 'subscript', 'binary_operator', 'generic_type', 'union_type'].includes(annotation.type);
  if (annotation.type === 'string' && !lazy) {
    // A string annotation is only evaluated by typing.get_type_hints: put `| None` inside it.
    const m = /^(['"])([^'"\\\n]*)\1$/.exec(text);
    if (m && ctx.python.minor >= 10) return { range: rangeOf(annotation), newText: `${m[1]}${m[2]} | None${m[1]}` };
  } else if (simple && (lazy || ctx.python.minor >= 10)) {
    return { range: rangeOf(annotation), newText: `${text} | None` };
  }
  const optional = spellingOf(ctx.root, 'typing.Optional');
  if (optional && !text.includes('\n')) return { range: rangeOf(annotation), newText: `${optional}[${text}]` };
  return undefined;
}

function admitsNone(ctx: CheckContext, annotation: SyntaxNode): boolean {
  const { members, admitsNone: none } = annotationAlternatives(annotation, ctx.imports);
  return none || members.some((alt) => {
    if (alt.type === 'string') return /\bNone\b|Optional\[|\bAny\b/.test(alt.text);
    const q = ctx.imports.qualifiedName(typeApplication(alt).head);
    return q === 'typing.Optional' || q === 'typing_extensions.Optional' || q === 'typing.Any' || q === 'object';
  });
}
