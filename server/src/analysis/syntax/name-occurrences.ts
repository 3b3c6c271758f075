// Finding every place a name is used inside a subtree without walking it: a text search over the
// subtree's span proposes positions, the tree confirms each one is the identifier (not text in a string or a
// comment, not an attribute name or a keyword argument's name). Node indices are UTF-16 offsets into the text.
import type { SyntaxNode } from '../../parse/python-parser';
import { isIdentifierCode } from './identifier-chars';

/** Identifier nodes spelled `name` between `start` and `end` (UTF-16 offsets), in document order. */
export function identifiersNamed(root: SyntaxNode, text: string, name: string, start: number, end: number): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  if (name.length === 0) return found;
  for (let index = text.indexOf(name, start); index >= 0 && index + name.length <= end; index = text.indexOf(name, index + name.length)) {
    const before = index > 0 ? text.charCodeAt(index - 1) : 32;
    if (isIdentifierCode(before) || before === 46 /* . */ || isIdentifierCode(text.charCodeAt(index + name.length))) continue;
    const node = root.descendantForIndex(index, index + name.length);
    if (!node || node.type !== 'identifier' || node.startIndex !== index || node.endIndex !== index + name.length) continue;
    const parent = node.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) continue;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id) continue;
    found.push(node);
  }
  return found;
}

/** Identifier nodes spelled `name` inside `within`. */
export function identifiersNamedIn(root: SyntaxNode, text: string, name: string, within: SyntaxNode): SyntaxNode[] {
  return identifiersNamed(root, text, name, within.startIndex, within.endIndex);
}
