// Hover on the name an `except E as e` binds (at the `as`, or a use inside the handler): what the exception keeps
// alive. Its `__traceback__` refers to every frame it passed through (`tb_frame`), and each frame to all its locals,
// so while `e` (or anything it was stored in) is alive, so are they. CPython deletes the name at the end of the
// handler for this reason (`Python/compile.c`, the implicit `del e`). The memory model does not size frames (a
// frame's size depends on its code object), so this hover names what is kept rather than a number.
import type { SyntaxNode } from '../parse/python-parser';
import { ruleDocsUri } from './diagnostics';
import type { HoverAnswer } from './hover';
import { answerFor } from './hover-format';

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);

/** The except clause that binds `identifier`, when it is the alias or a use inside that clause's block. */
function bindingClause(identifier: SyntaxNode): SyntaxNode | undefined {
  for (let n: SyntaxNode | null = identifier.parent; n && !SCOPES.has(n.type); n = n.parent) {
    if (n.type !== 'except_clause' && n.type !== 'except_group_clause') continue;
    const alias = aliasOf(n);
    if (alias && alias.text === identifier.text) return n;
  }
  return undefined;
}

function aliasOf(clause: SyntaxNode): SyntaxNode | undefined {
  for (const child of clause.namedChildren) {
    if (child?.type !== 'as_pattern') continue;
    const target = child.childForFieldName('alias');
    const name = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
    if (name?.type === 'identifier') return name;
  }
  return undefined;
}

/** Local names of the enclosing function (parameters and assignment targets), which the kept frame holds. */
function frameLocals(clause: SyntaxNode): { scope: string; names: string[] } {
  let fn: SyntaxNode | null = clause.parent;
  while (fn && !SCOPES.has(fn.type)) fn = fn.parent;
  if (!fn || fn.type !== 'function_definition') return { scope: 'the module', names: [] };
  const names = new Set<string>();
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p?.type === 'identifier' ? p : p?.namedChildren.find((c) => c?.type === 'identifier');
    if (id) names.add(id.text);
  }
  const stack: SyntaxNode[] = [fn.childForFieldName('body')!].filter(Boolean);
  while (stack.length > 0 && names.size < 50) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement') {
      const left = n.childForFieldName('left');
      if (left?.type === 'identifier') names.add(left.text);
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return { scope: `${fn.childForFieldName('name')?.text ?? 'the function'}()`, names: [...names] };
}

/** Statements in the handler that keep the exception beyond it: `x = e`, `self.x = e`, `L.append(e)`, `return e`. */
function escapes(clause: SyntaxNode, name: string): string[] {
  const out: string[] = [];
  const stack: SyntaxNode[] = [...clause.namedChildren.filter((c): c is SyntaxNode => c?.type === 'block')];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'function_definition' || n.type === 'class_definition') continue;
    const right = n.type === 'assignment' ? n.childForFieldName('right') : n.type === 'return_statement' ? n.namedChildren[0] : undefined;
    const isName = (x: SyntaxNode | null | undefined) => x?.type === 'identifier' && x.text === name;
    const traceback = (x: SyntaxNode | null | undefined) => x?.type === 'attribute' && isName(x.childForFieldName('object')) && x.childForFieldName('attribute')?.text === '__traceback__';
    if (right && (isName(right) || traceback(right))) out.push(`line ${n.startPosition.row + 1}: \`${n.text.slice(0, 60)}\``);
    if (n.type === 'call' && n.childForFieldName('function')?.type === 'attribute' && (n.childForFieldName('arguments')?.namedChildren ?? []).some((a) => isName(a) || traceback(a))) {
      out.push(`line ${n.startPosition.row + 1}: \`${n.text.slice(0, 60)}\``);
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return out;
}

export function exceptionHover(identifier: SyntaxNode): HoverAnswer | undefined {
  if (identifier.type !== 'identifier') return undefined;
  const clause = bindingClause(identifier);
  if (!clause) return undefined;
  const name = identifier.text;
  const { scope, names } = frameLocals(clause);
  const kept = escapes(clause, name);
  const lines: string[] = [];
  lines.push(`**${name}**: the caught exception. While it is alive it keeps alive its traceback, and through it every frame the exception passed through, with all their local variables.`);
  lines.push('', '| what | kept through |', '| --- | --- |');
  lines.push(`| the traceback entries (one per frame passed through) | \`${name}.__traceback__\`, \`tb_next\` |`);
  lines.push(`| the frame of ${scope}${names.length > 0 ? `: ${names.slice(0, 12).map((n) => `\`${n}\``).join(', ')}${names.length > 12 ? ', ...' : ''}` : ''} | \`tb_frame\` |`);
  lines.push(`| the frames of the functions it was raised in, below ${scope} | later \`tb_next\` entries |`);
  lines.push('', 'Sizes: the memory model does not size frames (a frame\'s size depends on its code object: locals and stack depth), so no byte count is given here; the objects the locals refer to are what usually matters.');
  lines.push('', `CPython deletes \`${name}\` at the end of the \`except\` block, so within the block this costs nothing lasting.`);
  if (kept.length > 0) {
    lines.push('', `This handler keeps the exception beyond the block (MEM101), at ${kept.join('; ')}: the frame then refers to the exception through that local, the exception to the frame through its traceback, a reference cycle that reference counting cannot free; only the cyclic GC does, at its next run.`);
  } else {
    lines.push('', 'Storing it (`self.error = e`, `errors.append(e)`) would keep all of the above alive, and a frame that holds its own exception forms a cycle that only the cyclic GC frees.');
  }
  lines.push('', `[Kept exceptions (MEM101)](${ruleDocsUri('MEM101')})`);
  return answerFor(identifier, lines);
}
