// Hover on the name of a module-level container (`CACHE = {}` at top level, at its definition or where it is used
// as `CACHE[...]` / `CACHE.method(...)`): its size once the module's top-level code has run, as the heap simulator
// computes it, and, when MEM201 applies, the places that make it grow. A module global lives until the interpreter
// exits, so whatever it collects stays. Numbers come from the simulator; when it cannot size the value, the hover
// says so.
import type { Finding } from '../analysis/finding';
import { ModuleAnalysis } from '../analysis/module-analysis';
import { moduleStatements, type ModuleStatement } from '../analysis/syntax/module-statements';
import type { PythonVersion } from '../analysis/python-version';
import { formatVersion } from '../analysis/python-version';
import { deepSize, simulateParsed, type HeapSnapshot } from '../model/heap';
import type { SyntaxNode, Tree } from '../parse/python-parser';
import { ruleDocsUri } from './diagnostics';
import type { HoverAnswer } from './hover';
import { answerFor, bytes, partsTable } from './hover-format';

/** The simulator's budget inside a hover: the answer must come while the pointer is still there. */
const HOVER_SIMULATION_MS = 250;
/** Larger modules are not simulated inside a hover (the simulator parses the text again); the heap diagram can. */
const MAX_SIMULATED_CHARS = 256 * 1024;
const CONTAINER_TYPES = new Set(['list', 'dict', 'set', 'bytearray', 'deque', 'defaultdict', 'OrderedDict', 'Counter', 'array', 'ChainMap', 'UserDict', 'UserList']);

/** The module's top-level `NAME = ...` statements (a plain name on the left), in order. */
function namedModuleAssignments(root: SyntaxNode): ModuleStatement[] {
  return moduleStatements(root).filter((s) => s.assignmentType === 'assignment' && s.leftType === 'identifier');
}

/** The top-level `NAME = ...` statement for an identifier that names a module global, when the identifier is that
 *  target or a use as `NAME[...]` / `NAME.attr`. */
function moduleAssignment(root: SyntaxNode, identifier: SyntaxNode): SyntaxNode | undefined {
  const parent = identifier.parent;
  const isTarget = parent?.type === 'assignment' && parent.childForFieldName('left')?.id === identifier.id && parent.parent?.parent?.type === 'module';
  const isUse =
    (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === identifier.id) ||
    (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === identifier.id);
  if (!isTarget && !isUse) return undefined;
  if (isTarget) return parent!;
  return namedModuleAssignments(root).find((s) => s.left!.text === identifier.text)?.assignment;
}

/** Answers per tree, container and version: the simulation is the slow part, and people hover the same name
 *  again. A new tree (any edit) starts afresh. */
const answers = new WeakMap<Tree, Map<string, string[]>>();
/** One simulation of the module per tree and version, shared by every container hovered in it. */
const snapshots = new WeakMap<Tree, Map<string, HeapSnapshot>>();

function moduleSnapshot(tree: Tree, python: PythonVersion): HeapSnapshot {
  let perTree = snapshots.get(tree);
  if (!perTree) snapshots.set(tree, (perTree = new Map()));
  const key = formatVersion(python);
  let snapshot = perTree.get(key);
  if (!snapshot) perTree.set(key, (snapshot = simulateParsed(tree, { python, timeLimitMs: HOVER_SIMULATION_MS }).snapshot));
  return snapshot;
}

/**
 * Simulates the module ahead of its first container hover (the analysis worker calls this once per opened document,
 * when idle): the simulator's first run in a process pays V8's warm-up (about 40 ms on _pydecimal.py, against
 * 12 ms once warm), which a hover would otherwise wait for. The snapshot is cached for this tree as a hover would
 * cache it. Only modules with a top-level container assignment, small enough to be simulated in a hover.
 */
export function warmModuleContainerHover(tree: Tree, text: string, python: PythonVersion): void {
  if (text.length > MAX_SIMULATED_CHARS) return;
  if (namedModuleAssignments(tree.rootNode).some((s) => isContainerExpression(s.right ?? null))) moduleSnapshot(tree, python);
}

export function moduleContainerHover(tree: Tree, text: string, identifier: SyntaxNode, python: PythonVersion, findings?: readonly Finding[]): HoverAnswer | undefined {
  if (identifier.type !== 'identifier') return undefined;
  const assignment = moduleAssignment(tree.rootNode, identifier);
  // Decided from the syntax before anything runs: hovering `logger.info` must not simulate the module.
  if (!assignment || !isContainerExpression(assignment.childForFieldName('right'))) return undefined;
  const key = `${assignment.id}:${formatVersion(python)}:${findings ? 'analysed' : 'own'}`;
  let perTree = answers.get(tree);
  if (!perTree) answers.set(tree, (perTree = new Map()));
  let lines = perTree.get(key);
  if (!lines) perTree.set(key, (lines = containerLines(tree, text, identifier.text, assignment, python, findings)));
  return answerFor(identifier, lines);
}

function containerLines(tree: Tree, text: string, name: string, assignment: SyntaxNode, python: PythonVersion, findings: readonly Finding[] | undefined): string[] {
  const version = `CPython ${formatVersion(python)}`;
  const lines: string[] = [];
  if (text.length > MAX_SIMULATED_CHARS) {
    lines.push(`**${name}** (module-level container): this module is too large to simulate in a hover; the heap diagram (MemLens: Show Heap Diagram) shows it.`);
    return finish(tree, text, python, assignment, lines, findings);
  }
  const snapshot = moduleSnapshot(tree, python);
  const variable = snapshot.frames.find((f) => f.kind === 'module')?.variables.find((v) => v.name === name);
  const found = variable ? snapshot.objects.find((o) => o.id === variable.target) : undefined;
  // Rebound to something else by the top-level code: not the container of the assignment.
  const object = found && CONTAINER_TYPES.has(found.type) ? found : undefined;
  if (object && object.shallow !== null) {
    const deep = deepSize(snapshot, object.id);
    lines.push(`**${name}** (module-level \`${object.type}\`): **${bytes(object.shallow)}** once the module's top-level code has run, on ${version}${object.repr ? `: \`${object.repr.replace(/`/g, "'")}\`` : ''}`);
    if (object.parts && object.parts.length > 0) lines.push('', ...partsTable(object.parts));
    lines.push('', deep.unknown > 0 ? `With what it refers to: at least ${bytes(deep.bytes)} (${deep.unknown} object${deep.unknown === 1 ? '' : 's'} of unknown size).` : `With what it refers to: **${bytes(deep.bytes)}**.`);
  } else {
    const why = object?.unknownReason ?? snapshot.diagnostics.find((d) => d.range && d.range.start.line <= assignment.startPosition.row)?.message ?? snapshot.diagnostics[0]?.message;
    lines.push(`**${name}** (module-level container): the model cannot size it${why ? `: ${why}` : ''}.`);
  }
  return finish(tree, text, python, assignment, lines, findings);
}

/** The growth sites, the mechanism and the docs link, after the size. */
function finish(tree: Tree, text: string, python: PythonVersion, assignment: SyntaxNode, lines: string[], findings: readonly Finding[] | undefined): string[] {
  const growth = growthSites(findings ?? new ModuleAnalysis(tree, text, { python, select: ['MEM201'] }).runAll().findings, assignment);
  if (growth) {
    lines.push('', `It grows at run time and nothing removes from it (MEM201), at:`);
    for (const site of growth) lines.push(`- line ${site.line + 1}: ${site.message}`);
  }
  lines.push(
    '',
    'A module global lives as long as the module, normally until the interpreter exits: reference counting frees an object when its last reference goes, and the module\'s globals dict never lets go of this one. Everything added to it stays reachable, and the container itself grows by over-allocating (lists) or doubling its hash table (dicts, sets).',
  );
  lines.push('', `[Growing module containers (MEM201)](${ruleDocsUri('MEM201')})`);
  return lines;
}

function isContainerExpression(node: SyntaxNode | null): boolean {
  if (!node) return false;
  if (['list', 'dictionary', 'set', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension'].includes(node.type)) return true;
  if (node.type !== 'call') return false;
  const callee = node.childForFieldName('function')?.text.split('.').pop() ?? '';
  return CONTAINER_TYPES.has(callee);
}

/** The growth sites MEM201 reports for the container defined by `assignment`, or undefined when it does not apply. */
function growthSites(findings: readonly Finding[], assignment: SyntaxNode): Array<{ line: number; message: string }> | undefined {
  const finding = findings.find((f) => f.code === 'MEM201' && f.range.start.line >= assignment.startPosition.row && f.range.start.line <= assignment.endPosition.row);
  if (!finding) return undefined;
  return finding.related.map((r) => ({ line: r.range.start.line, message: r.message }));
}
