// Hover on a class name (its `class` statement, or a use of a class defined in the same module): what one instance
// costs on the target CPython, how that number is made up, and what `__slots__` would change, with the saving at
// 1,000,000 instances. Every number comes from the memory model (`model/layout` instanceCost); this file only
// finds the class and words the answer. Runs in the analysis worker, which holds the syntax trees.
import type { PythonVersion } from '../analysis/python-version';
import { formatVersion } from '../analysis/python-version';
import { collectInstanceAttributes } from '../analysis/syntax/class-attributes';
import { describeClass } from '../analysis/syntax/class-shape';
import { instanceCost } from '../model/layout';
import type { SyntaxNode, Tree } from '../parse/python-parser';
import { ruleDocsUri } from './diagnostics';

/** Instances assumed for key-sharing: a class whose instances matter exists many times. */
const TYPICAL_INSTANCES = 1000;
const MILLION = 1_000_000;

export interface HoverAnswer {
  markdown: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The hover for the identifier at a position, or undefined when it names no class of this module. */
export function classHover(tree: Tree, text: string, line: number, column: number, python: PythonVersion): HoverAnswer | undefined {
  const node = tree.rootNode.descendantForPosition({ row: line, column });
  if (!node || node.type !== 'identifier') return undefined;
  const classNode = classFor(tree.rootNode, node);
  if (!classNode) return undefined;
  const shape = describeClass(classNode, text);
  if (!shape) return undefined;
  const attributes = collectInstanceAttributes(shape);
  const slotted = shape.declaresSlots;
  const names = slotted ? (shape.slotNames ?? attributes.attributes) : attributes.attributes;
  const cost = instanceCost(python, { attributes: names, slots: slotted, instances: TYPICAL_INSTANCES });

  const lines: string[] = [];
  lines.push(`**class ${shape.name}**: about **${bytes(cost.perInstance)}** per instance on CPython ${formatVersion(python)}, not counting the attribute values`);
  lines.push('');
  lines.push('| part | bytes |', '| --- | ---: |');
  for (const part of cost.parts) lines.push(`| ${part.label} | ${part.bytes} |`);
  lines.push('');
  lines.push(names.length === 0 ? 'No instance attributes found.' : `Instance attributes: ${names.map((n) => `\`${n}\``).join(', ')}.`);
  if (!slotted) {
    const withSlots = instanceCost(python, { attributes: names, slots: true });
    const saving = cost.perInstance - withSlots.perInstance;
    lines.push('');
    if (attributes.needsDict) {
      lines.push(`\`__slots__\` would not fit this class: ${attributes.needsDict.reason}.`);
    } else if (saving > 0) {
      lines.push(`With \`__slots__\`: ${bytes(withSlots.perInstance)} per instance, ${bytes(saving)} less; at 1,000,000 instances that is **${bytes(saving * MILLION)}** saved.`);
    }
    lines.push('');
    lines.push(
      'Each instance keeps its attributes in its own `__dict__`; instances of one class share the dict keys (PEP 412), so the dict holds only the values. `__slots__` replaces the dict with fixed pointer fields.',
    );
  }
  lines.push('', `[Dict-heavy classes (MEM401)](${ruleDocsUri('MEM401')})`);
  return {
    markdown: lines.join('\n'),
    range: { start: { line: node.startPosition.row, column: node.startPosition.column }, end: { line: node.endPosition.row, column: node.endPosition.column } },
  };
}

/** The class statement an identifier names: its own name, or a module-level class of that name. */
function classFor(root: SyntaxNode, identifier: SyntaxNode): SyntaxNode | undefined {
  const parent = identifier.parent;
  if (parent?.type === 'class_definition' && parent.childForFieldName('name')?.id === identifier.id) return parent;
  const name = identifier.text;
  for (const statement of root.namedChildren) {
    const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'class_definition' && definition.childForFieldName('name')?.text === name) return definition;
  }
  return undefined;
}

function bytes(n: number): string {
  if (n >= 10 * 1024 * 1024) return `${Math.round(n / (1024 * 1024))} MB`;
  if (n >= 10 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
