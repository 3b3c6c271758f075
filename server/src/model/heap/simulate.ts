// Entry points of the heap simulator: a whole module (or the snippet for a cursor line), and one size case for
// `memlens size --batch`. Nothing here throws to the caller: every failure is a diagnostic in the snapshot.
// Needs `loadPythonParser()` to have finished.
import { DEFAULT_PYTHON, formatVersion, parseVersion, type PythonVersion } from '../../analysis/python-version';
import { parsePython, type SyntaxNode, type Tree } from '../../parse/python-parser';
import { rangeOf } from '../../parse/source-range';
import { measureCase } from '../cases/measure-case';
import { extractSnippet, type ArgumentSpec, type Snippet } from '../extract/extract-snippet';
import { SnapshotBuilder, totalsOf } from './build-snapshot';
import { deepSize } from './deep-size';
import { collectGarbage, sweepRegistry } from './heap-state';
import { Interpreter, newFrame } from './interpreter';
import { BudgetExceeded, PyRaise, ReturnSignal } from './signals';
import type { HeapSnapshot, HeapStep } from './snapshot';
import { typeNameOf, type Value } from './values';

export interface SimulateOptions {
  /** Target version: "3.12" or a PythonVersion (default 3.12). */
  python?: string | PythonVersion;
  /** Record one snapshot per executed statement. */
  steps?: boolean;
  /** At most this many steps are recorded (default 500). */
  maxSteps?: number;
  /** 0-based line of the cursor: run the snippet for it (class, function, expression or module prefix). Without
   *  it the whole module runs. */
  line?: number;
  column?: number;
  /** Wall-clock budget for the run in ms (default 2,000). */
  timeLimitMs?: number;
}

/** The snapshot plus what was run and the value the snippet produced (the instance, the expression's value). */
export interface SimulationResult {
  snapshot: HeapSnapshot;
  snippet?: Snippet;
  /** Object id of the snippet's value in the snapshot, when it has one. */
  focus?: number;
}

function versionOf(python: SimulateOptions['python']): PythonVersion {
  if (!python) return DEFAULT_PYTHON;
  if (typeof python !== 'string') return python;
  return parseVersion(python) ?? DEFAULT_PYTHON;
}

export function simulateModule(text: string, options: SimulateOptions = {}): HeapSnapshot {
  return simulate(text, options).snapshot;
}

export function simulate(text: string, options: SimulateOptions = {}): SimulationResult {
  const python = versionOf(options.python);
  let tree: Tree;
  try {
    tree = parsePython(text);
  } catch (e) {
    return { snapshot: emptySnapshot(python, `cannot parse: ${(e as Error).message}`) };
  }
  try {
    return simulateTree(tree, python, options);
  } catch (e) {
    return { snapshot: emptySnapshot(python, `simulator error: ${(e as Error).message}`) };
  } finally {
    tree.delete();
  }
}

/** simulate() on a tree the caller already has (the language server keeps one per document): no second parse. */
export function simulateParsed(tree: Tree, options: SimulateOptions = {}): SimulationResult {
  const python = versionOf(options.python);
  try {
    return simulateTree(tree, python, options);
  } catch (e) {
    return { snapshot: emptySnapshot(python, `simulator error: ${(e as Error).message}`) };
  }
}

function emptySnapshot(python: PythonVersion, message: string): HeapSnapshot {
  return { python: formatVersion(python), frames: [], objects: [], totals: totalsOf([]), diagnostics: [{ message }] };
}

function simulateTree(tree: Tree, python: PythonVersion, options: SimulateOptions): SimulationResult {
  const steps: HeapStep[] = [];
  const maxSteps = options.maxSteps ?? 500;
  let truncated = false;
  let builder: SnapshotBuilder | undefined;
  const ip = new Interpreter({
    python,
    timeLimitMs: options.timeLimitMs,
    afterStatement: options.steps
      ? (stmt, i) => {
          if (steps.length >= maxSteps) {
            if (!truncated) i.diagnose(`stopped recording steps after ${maxSteps}`);
            truncated = true;
            return;
          }
          steps.push({ range: rangeOf(stmt), snapshot: builder!.build(true) });
        }
      : undefined,
  });
  builder = new SnapshotBuilder(ip);
  ip.sweeper = () => sweepRegistry(ip);
  ip.collectGarbage = () => collectGarbage(ip);
  const snippet = options.line === undefined ? undefined : extractSnippet(tree, options.line, options.column ?? 0);
  let focusValue: Value | undefined;
  const argumentTrees: Tree[] = [];
  if (!snippet) ip.runModule(tree.rootNode);
  else focusValue = runSnippet(ip, tree, snippet, argumentTrees);
  const snapshot: HeapSnapshot = builder.build(false);
  for (const t of argumentTrees) t.delete();
  if (options.steps) {
    snapshot.steps = steps;
    if (truncated) snapshot.stepsTruncated = true;
  }
  const result: SimulationResult = { snapshot };
  if (snippet) {
    result.snippet = snippet;
    snapshot.focus = { label: snippet.label, range: snippet.range };
  }
  if (focusValue) {
    result.focus = builder.idOf(focusValue);
    if (snapshot.focus && snapshot.objects.some((o) => o.id === result.focus)) snapshot.focus.target = result.focus;
  }
  return result;
}

/** Evaluates an argument's source (a default or a made-up value of its type). The small trees stay alive until
 *  the run ends: node ids key the syntax cache, and a freed tree's ids could be reused by the next one. */
function argumentValue(ip: Interpreter, spec: ArgumentSpec, node: SyntaxNode, trees: Tree[]): Value {
  if (!spec.source) return ip.unknown(`argument '${spec.name}' has no default or known type: a placeholder`, node);
  const tree = parsePython(spec.source);
  trees.push(tree);
  const expr = tree.rootNode.namedChildren[0]?.namedChildren[0];
  return expr ? ip.eval(expr) : ip.unknown(`argument '${spec.name}'`, node);
}

function runSnippet(ip: Interpreter, tree: Tree, snippet: Snippet, trees: Tree[]): Value | undefined {
  ip.runModule(tree.rootNode, snippet.prefix);
  const action = snippet.action;
  try {
    switch (action.kind) {
      case 'none':
        return undefined;
      case 'evaluate': {
        const v = ip.eval(action.expression);
        ip.module.vars.set('<snippet>', v);
        return v;
      }
      case 'instantiate': {
        const cls = ip.module.vars.get(action.className);
        if (!cls || cls.kind !== 'class') {
          ip.diagnose(`class ${action.className} is not defined at module level: not simulated`, action.classNode);
          return undefined;
        }
        const args = new Map<string, Value>();
        for (const a of action.args) args.set(a.name, argumentValue(ip, a, action.classNode, trees));
        const v = ip.instantiate(cls, [], args, action.classNode);
        ip.module.vars.set(`<instance of ${action.className}>`, v);
        return v;
      }
      case 'function-body': {
        const frame = newFrame(action.functionNode.childForFieldName('name')?.text ?? '<function>', 'function');
        const fnValue = ip.module.vars.get(frame.name);
        if (fnValue?.kind === 'function') frame.fn = fnValue;
        for (const a of action.args) frame.vars.set(a.name, argumentValue(ip, a, action.functionNode, trees));
        ip.stack.push(frame);
        const body = action.functionNode.childForFieldName('body');
        const stmts = body ? ip.syn.kids(body) : [];
        try {
          const upTo = action.stopBefore ? stmts.findIndex((s) => s.id === action.stopBefore!.id) : -1;
          ip.execBlock(upTo >= 0 ? stmts.slice(0, upTo) : stmts);
          if (action.focus) {
            const v = ip.eval(action.focus);
            frame.vars.set('<snippet>', v);
            return v;
          }
        } catch (e) {
          if (e instanceof ReturnSignal) {
            frame.vars.set('<return>', e.value);
            return e.value;
          }
          ip.stopped(e, action.functionNode);
        }
        // The frame stays on the stack: the snapshot shows the function's locals as the body left them.
        return undefined;
      }
    }
  } catch (e) {
    ip.stopped(e);
  }
  return undefined;
}

// ---- `memlens size --batch` ----------------------------------------------------------------------------------
export type SizeCaseResult = { type: string; shallow: number; deep: number } | { error: string };

/** Sizes `expr` after running `setup`. The ground-truth case evaluator (model/cases, checked against CPython) is
 *  tried first; what it cannot model goes through the heap simulator. */
export function sizeCase(python: string | PythonVersion, setup: string, expr: string): SizeCaseResult {
  const version = versionOf(python);
  const record = measureCase(version, { id: '', setup, expr });
  if ('type' in record) return { type: record.type, shallow: record.shallow, deep: record.deep };
  if ('error' in record) return { error: record.error };
  const text = `${setup}\n__memlens_value__ = (${expr.trim()})\n`;
  let tree: Tree | undefined;
  try {
    tree = parsePython(text);
    const ip = new Interpreter({ python: version, timeLimitMs: 500 });
    ip.sweeper = () => sweepRegistry(ip);
    ip.runModule(tree.rootNode);
    const v = ip.module.vars.get('__memlens_value__');
    if (!v) return { error: ip.diagnostics[ip.diagnostics.length - 1]?.message ?? record.unknown };
    const builder = new SnapshotBuilder(ip);
    const snapshot = builder.build(false);
    const id = builder.idOf(v);
    const o = snapshot.objects.find((x) => x.id === id);
    const deep = deepSize(snapshot, id);
    if (!o || o.shallow === null || deep.unknown > 0) return { error: o?.unknownReason ?? `cannot size (${record.unknown})` };
    return { type: typeNameOf(v), shallow: o.shallow, deep: deep.bytes };
  } catch (e) {
    if (e instanceof BudgetExceeded || e instanceof PyRaise) return { error: e.message };
    return { error: `simulator error: ${(e as Error).message}` };
  } finally {
    tree?.delete();
  }
}
