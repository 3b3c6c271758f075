// The text edits of the two fixes: a `__slots__ = (...)` declaration as the first statement of the class body (after
// the docstring, with the body's indentation), and `slots=True` added to a `@dataclass` decorator.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { SourcePosition } from '../../../parse/source-range';
import type { TextEdit } from '../../finding';
import type { ClassShape } from '../../syntax/class-shape';

/** Longer declarations are written one name per line. */
const MAX_LINE = 88;

export function slotsDeclarationEdits(shape: ClassShape, text: string, names: readonly string[]): TextEdit[] | undefined {
  const body = shape.body;
  const first = shape.statements[0];
  if (!body || !first) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const colon = shape.node.children.find((c) => c?.type === ':' && c.endIndex <= body.startIndex);
  const sameLine = !!colon && colon.endPosition.row === first.startPosition.row;

  if (colon && sameLine) {
    // `class A(str): pass` -> the body moves to its own lines, indented one level below the class.
    const classIndent = leadingWhitespace(text, shape.node.startIndex);
    const indent = classIndent + (classIndent.includes('\t') ? '\t' : '    ');
    const declaration = slotsDeclaration(names, indent, eol);
    const edits: TextEdit[] = [];
    edits.push({ range: { start: position(colon.endPosition), end: position(first.startPosition) }, newText: eol + indent + (shape.docstring ? '' : declaration + eol + indent) });
    if (shape.docstring) edits.push({ range: pointRange(shape.docstring.endPosition), newText: eol + indent + declaration });
    return edits;
  }

  const indent = leadingWhitespace(text, first.startIndex);
  if (!/^[ \t]*$/.test(text.slice(first.startIndex - first.startPosition.column, first.startIndex))) return undefined;
  const declaration = slotsDeclaration(names, indent, eol);
  if (!shape.docstring) return [{ range: pointRange(first.startPosition), newText: declaration + eol + indent }];

  // After the docstring: at the end of its line, unless more statements follow it there (`"""doc"""; x = 1`).
  const docEnd = shape.docstring.endIndex;
  let lineEnd = text.indexOf('\n', docEnd);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd > docEnd && text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(docEnd, lineEnd).trim();
  if (rest === '' || rest.startsWith('#')) {
    return [{ range: pointRange({ row: shape.docstring.endPosition.row, column: shape.docstring.endPosition.column + (lineEnd - docEnd) }), newText: eol + indent + declaration }];
  }
  return [{ range: pointRange(shape.docstring.endPosition), newText: eol + indent + declaration }];
}

export function slotsDeclaration(names: readonly string[], indent: string, eol: string): string {
  const quoted = names.map((n) => `'${n}'`);
  const oneLine = `__slots__ = (${quoted.join(', ')}${quoted.length === 1 ? ',' : ''})`;
  if (indent.length + oneLine.length <= MAX_LINE) return oneLine;
  const inner = indent + (indent.includes('\t') ? '\t' : '    ');
  return `__slots__ = (${eol}${quoted.map((q) => `${inner}${q},${eol}`).join('')}${indent})`;
}

/** `@dataclass` -> `@dataclass(slots=True)`; `@dataclass(frozen=True)` -> `@dataclass(frozen=True, slots=True)`. */
export function dataclassSlotsEdit(decorator: SyntaxNode, weakrefSlot: boolean): TextEdit | undefined {
  const argument = weakrefSlot ? 'slots=True, weakref_slot=True' : 'slots=True';
  if (decorator.type !== 'call') return { range: pointRange(decorator.endPosition), newText: `(${argument})` };
  const args = decorator.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  const items = args.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (items.some((c) => c.type === 'dictionary_splat' || c.type === 'list_splat')) return undefined;
  const last = items[items.length - 1];
  if (!last) {
    const close = args.lastChild;
    if (close?.type !== ')') return undefined;
    return { range: pointRange(close.startPosition), newText: argument };
  }
  return { range: pointRange(last.endPosition), newText: `, ${argument}` };
}

function leadingWhitespace(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, index))![0];
}

function position(p: { row: number; column: number }): SourcePosition {
  return { line: p.row, column: p.column };
}

function pointRange(p: { row: number; column: number }): { start: SourcePosition; end: SourcePosition } {
  return { start: position(p), end: position(p) };
}
