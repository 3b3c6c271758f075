// Memory hovers, answered in the analysis worker (which holds the syntax trees): a class name or constructor call
// (hover-class.ts), a name bound by `except ... as` (hover-exception.ts), a module-level container's name
// (hover-module-container.ts), a literal or comprehension (hover-collection.ts). Numbers come only from the memory
// model (model/layout, the heap simulator); these files find what is hovered and word the answer.
import type { Finding } from '../analysis/finding';
import type { PythonVersion } from '../analysis/python-version';
import type { Tree } from '../parse/python-parser';
import { classHover } from './hover-class';
import { collectionHover } from './hover-collection';
import { exceptionHover } from './hover-exception';
import { moduleContainerHover } from './hover-module-container';

export interface HoverAnswer {
  markdown: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The hover at a position (0-based line, UTF-16 column), or undefined when there is nothing to say. `findings`: the
 *  document's findings for this tree when an analysis already computed them (else the hover runs what it needs). */
export function memoryHover(tree: Tree, text: string, line: number, column: number, python: PythonVersion, findings?: readonly Finding[]): HoverAnswer | undefined {
  const node = tree.rootNode.descendantForPosition({ row: line, column });
  if (!node) return undefined;
  if (node.type === 'identifier') {
    return classHover(tree.rootNode, node, text, python) ?? exceptionHover(node) ?? moduleContainerHover(tree, text, node, python, findings);
  }
  return collectionHover(node, python);
}
