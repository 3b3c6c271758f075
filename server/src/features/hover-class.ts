// Hover on a class name (its `class` statement, a use, or a constructor call `Point(1, 2)`): what one instance really
// occupies on the target CPython (instanceCost's `allocated`: the blocks an instance owns), how that is made up,
// what `sys.getsizeof` says instead, and what `__slots__` would change, with the saving at 1,000,000 instances.
// Every number comes from the memory model (`model/layout` instanceCost); this file finds the class and words it.
import type { PythonVersion } from '../analysis/python-version';
import { formatVersion } from '../analysis/python-version';
import { collectInstanceAttributes } from '../analysis/syntax/class-attributes';
import { describeClass } from '../analysis/syntax/class-shape';
import { instanceCost } from '../model/layout';
import type { SyntaxNode } from '../parse/python-parser';
import { ruleDocsUri } from './diagnostics';
import type { HoverAnswer } from './hover';
import { answerFor, bytes, MILLION, partsTable } from './hover-format';

/** Instances assumed for key-sharing: a class whose instances matter exists many times. */
const TYPICAL_INSTANCES = 1000;

/** The hover for an identifier naming a class of this module, or undefined. */
export function classHover(root: SyntaxNode, node: SyntaxNode, text: string, python: PythonVersion): HoverAnswer | undefined {
  if (node.type !== 'identifier') return undefined;
  const classNode = classFor(root, node);
  if (!classNode) return undefined;
  const shape = describeClass(classNode, text);
  if (!shape) return undefined;
  const attributes = collectInstanceAttributes(shape);
  const slotted = shape.declaresSlots;
  const names = slotted ? (shape.slotNames ?? attributes.attributes) : attributes.attributes;
  const cost = instanceCost(python, { attributes: names, slots: slotted, instances: TYPICAL_INSTANCES });
  const call = node.parent?.type === 'call' && node.parent.childForFieldName('function')?.id === node.id ? node.parent : undefined;

  const lines: string[] = [];
  const version = `CPython ${formatVersion(python)}`;
  lines.push(`**class ${shape.name}**: about **${bytes(cost.allocated)}** per instance on ${version}, not counting the attribute values`);
  if (call) lines.push('', `\`${shape.name}(...)\` makes one instance: that much each time it runs (the values it stores are objects of their own).`);
  lines.push('', ...partsTable(cost.allocatedParts), '');
  if (!slotted && cost.allocatedWithDict !== cost.allocated) {
    lines.push(`Once something reads an instance's \`__dict__\` (\`vars(p)\`, \`p.__dict__\`) it costs ${bytes(cost.allocatedWithDict)}.`);
  }
  lines.push(`\`sys.getsizeof\` reports ${cost.object} for the object${cost.dict > 0 ? ` and ${cost.dict} for its \`__dict__\`` : ''}.`);
  lines.push('');
  lines.push(names.length === 0 ? 'No instance attributes found.' : `Instance attributes: ${names.map((n) => `\`${n}\``).join(', ')}.`);
  if (!slotted) {
    const withSlots = instanceCost(python, { attributes: names, slots: true });
    const saving = cost.allocated - withSlots.allocated;
    lines.push('');
    if (attributes.needsDict) {
      lines.push(`\`__slots__\` would not fit this class: ${attributes.needsDict.reason}.`);
    } else if (saving > 0) {
      lines.push(`With \`__slots__\`: ${bytes(withSlots.allocated)} per instance, ${bytes(saving)} less; at 1,000,000 instances that is **${bytes(saving * MILLION)}** saved.`);
    }
    lines.push('');
    lines.push(
      python.minor >= 11
        ? 'Instances keep their attribute values in a values array owned by the object; the attribute names live once, in keys the class shares with all its instances (key-sharing dicts, PEP 412). A real `__dict__` object is made only when something asks for it. `__slots__` replaces all of this with fixed pointer fields in the object.'
        : 'Each instance keeps its attributes in its own `__dict__`; instances of one class share the dict keys (key-sharing dicts, PEP 412), so the dict holds only the values. `__slots__` replaces the dict with fixed pointer fields in the object.',
    );
  }
  lines.push('', `[Dict-heavy classes (MEM401)](${ruleDocsUri('MEM401')})`);
  return answerFor(node, lines);
}

/** The class statement an identifier names: its own name, or a module-level class of that name. */
function classFor(root: SyntaxNode, identifier: SyntaxNode): SyntaxNode | undefined {
  const parent = identifier.parent;
  if (parent?.type === 'class_definition' && parent.childForFieldName('name')?.id === identifier.id) return parent;
  // An attribute name (`obj.Point`) or a keyword argument name is not the class.
  if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === identifier.id) return undefined;
  if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === identifier.id) return undefined;
  const name = identifier.text;
  for (const statement of root.namedChildren) {
    const definition = statement?.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'class_definition' && definition.childForFieldName('name')?.text === name) return definition;
  }
  return undefined;
}
