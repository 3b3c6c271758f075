// MEM301-MEM303: a list built in full only to be read once. Whoever reads it (sum(), any(), a for loop, `in`)
// takes any iterable, so a generator expression, the range itself or the file object would hand over one item at
// a time instead of keeping every item alive at once. See docs/rules/MEM301.md, MEM302.md, MEM303.md.
import type { SyntaxNode } from '../../parse/python-parser';
import { rangeOf } from '../../parse/source-range';
import type { Check, CheckContext } from '../check';
import type { Finding, Fix, Severity } from '../finding';
import { strSize } from '../../model/layout';
import { formatVersion } from '../python-version';
import { leadingCalleeNames } from '../syntax/callee-text';
import { KeywordIndex } from '../syntax/keyword-index';
import { identifiersNamedIn } from '../syntax/name-occurrences';
import { mentions } from '../syntax/text-search';
import { builtinCallee, consumerOf, type Consumer } from './large-comprehension/consumer';
import { isAsynchronous, lazyParts, lazyPartsMayHaveEffects, mayHaveEffects, mentionsRoot, sourcePath, forClauses } from './large-comprehension/comprehension-shape';
import { countFix, dropListCallFix, replaceWithFix, toGeneratorFix, unwrapListOfGeneratorFix } from './large-comprehension/fixes';
import { describeStaticList, listComprehensionMessage } from './large-comprehension/messages';
import { comprehensionSize, rangeListSize, staticRange, type StaticListSize } from './large-comprehension/static-size';
import { isFileOpener } from './unclosed-resource/resource-calls';

export const largeComprehensionCheck: Check = {
  id: 'large-comprehension',
  rules: [
    { code: 'MEM301', name: 'list-consumed-once', category: 'large-comprehension', severity: 'warning', summary: 'A list comprehension or list() built only to be consumed once by something that takes any iterable.' },
    { code: 'MEM302', name: 'range-list-iterated', category: 'large-comprehension', severity: 'warning', summary: 'list(range(N)) built only to be iterated.' },
    { code: 'MEM303', name: 'readlines-iterated', category: 'large-comprehension', severity: 'warning', summary: 'for line in f.readlines() reads the whole file into a list first.' },
  ],
  nodeTypes: ['list_comprehension', 'set_comprehension', 'call'],
  run(ctx) {
    const findings: Finding[] = [];
    const asyncWords = KeywordIndex.ofWords(ctx.text, ['async', 'await']);
    const isAsync = (node: SyntaxNode) => asyncWords.within(node.startIndex, node.endIndex) && isAsynchronous(node);
    if (ctx.isEnabled('MEM301')) {
      for (const comprehension of ctx.nodesOfType('list_comprehension')) push(findings, listComprehensionFinding(ctx, comprehension, isAsync));
      for (const comprehension of ctx.nodesOfType('set_comprehension')) push(findings, setComprehensionFinding(ctx, comprehension, isAsync));
    }
    // `call.endIndex` is a trip into the wasm per call (~0.15 ms a keystroke on a 6k-line file): only asked when the
    // text has a zero-argument readlines at all.
    const mayReadlines = mentions(ctx.text, 'readlines()');
    const calls = ctx.nodesOfType('call');
    const leads = leadingCalleeNames(ctx.text, calls);
    for (let i = 0; i < calls.length; i++) push(findings, callFinding(ctx, calls[i], leads[i], isAsync, mayReadlines));
    return findings;
  },
};

function push(findings: Finding[], finding: Finding | undefined): void {
  if (finding) findings.push(finding);
}

/**
 * Severity rule (docs/rules/MEM301.md): a list whose length is known statically is an error from
 * thresholds.largeCollection items on, a hint below it; when the length is unknown the rule's default (warning).
 */
function severityFor(length: number | undefined, ctx: CheckContext): Severity {
  if (length === undefined) return 'warning';
  return length >= ctx.thresholds.largeCollection ? 'error' : 'hint';
}

function finding(code: string, node: SyntaxNode, severity: Severity, message: string, fix: Fix | undefined): Finding {
  return { code, category: 'large-comprehension', severity, range: rangeOf(node), message, related: [], fixes: fix ? [fix] : [] };
}

// ---- MEM301: [... for ...] read once ----

type AsyncTest = (node: SyntaxNode) => boolean;

function listComprehensionFinding(ctx: CheckContext, comprehension: SyntaxNode, isAsync: AsyncTest): Finding | undefined {
  if (isAsync(comprehension)) return undefined;
  const consumer = consumerOf(comprehension, ctx.imports);
  if (!consumer || !lazyIteratorFits(consumer, comprehension)) return undefined;
  const size = comprehensionSize(comprehension, ctx.imports, ctx.python);
  const message = listComprehensionMessage(consumer, size, ctx.python);
  return finding('MEM301', comprehension, severityFor(size?.length, ctx), message, listComprehensionFix(ctx, comprehension, consumer));
}

/** A `for` loop that changes what the comprehension read (`for k in [k for k in d if ...]: del d[k]`) needs the
 *  snapshot the list takes; leave those alone. */
function lazyIteratorFits(consumer: Consumer, comprehension: SyntaxNode): boolean {
  if (consumer.kind !== 'loop' || !consumer.iterator) return true;
  const body = consumer.iterator.childForFieldName('body');
  if (!body) return true;
  for (const clause of forClauses(comprehension)) {
    const iterable = clause.childForFieldName('right');
    const path = iterable ? sourcePath(iterable) : undefined;
    if (path && mentionsRoot(body, path)) return false;
  }
  return true;
}

function listComprehensionFix(ctx: CheckContext, comprehension: SyntaxNode, consumer: Consumer): Fix | undefined {
  switch (consumer.kind) {
    case 'reduce':
    case 'collect':
    case 'dedupe':
      // Every item is still produced, in the same order, before the call returns.
      return toGeneratorFix(comprehension, true);
    case 'short-circuit':
    case 'membership':
      // The generator stops early: calls in the element or conditions may no longer run.
      return toGeneratorFix(comprehension, !lazyPartsMayHaveEffects(comprehension));
    case 'loop':
      // The loop body now runs between items: it may change what the comprehension reads, or break early.
      return toGeneratorFix(comprehension, false);
    case 'iterate': {
      const outer = consumer.iterator;
      const eager = outer !== undefined && outer.type !== 'generator_expression';
      const pure = !lazyPartsMayHaveEffects(comprehension) && (!outer || !lazyPartsMayHaveEffects(outer));
      return toGeneratorFix(comprehension, eager && pure);
    }
    case 'list-call':
      return consumer.call ? dropListCallFix(consumer.call, comprehension) : undefined;
    case 'count': {
      if (!consumer.call || !ctx.imports.isBuiltin('sum')) return undefined;
      const body = comprehension.childForFieldName('body');
      return countFix(consumer.call, comprehension, ctx.text, !!body && !mayHaveEffects(body));
    }
  }
}

/** any({...}) / all({...}): a set comprehension is as wasteful as a list there (ruff C419 flags both). */
function setComprehensionFinding(ctx: CheckContext, comprehension: SyntaxNode, isAsync: AsyncTest): Finding | undefined {
  if (isAsync(comprehension)) return undefined;
  const consumer = consumerOf(comprehension, ctx.imports);
  if (!consumer || consumer.kind !== 'short-circuit' || consumer.wrappedBy) return undefined;
  const message = listComprehensionMessage(consumer, undefined, ctx.python, 'Set comprehension').replace('every item is built and kept alive', 'every item is built, hashed and kept alive');
  return finding('MEM301', comprehension, 'warning', message, toGeneratorFix(comprehension, !lazyPartsMayHaveEffects(comprehension)));
}

// ---- calls: list(<generator>), list(range(...)), f.readlines() ----

function callFinding(ctx: CheckContext, call: SyntaxNode, lead: string | undefined, isAsync: AsyncTest, mayReadlines: boolean): Finding | undefined {
  // Most calls are neither list() nor .readlines(): decide from the source text before asking the tree (every
  // child access is a trip into the wasm).
  const zeroArgReadlines = mayReadlines && ctx.text.startsWith('readlines()', call.endIndex - 11);
  if (lead !== 'list' && !zeroArgReadlines) return undefined;
  const fn = call.firstChild;
  if (!fn) return undefined;
  if (fn.type === 'identifier') {
    if (fn.text !== 'list' || !ctx.imports.isBuiltin('list')) return undefined;
    const args = call.childForFieldName('arguments');
    if (!args) return undefined;
    if (args.type === 'generator_expression') return ctx.isEnabled('MEM301') && !isAsync(args) ? listOfGeneratorFinding(ctx, call, args) : undefined;
    const only = soleArgument(args);
    if (only?.type === 'call' && builtinCallee(only, ctx.imports) === 'range') return ctx.isEnabled('MEM302') ? rangeListFinding(ctx, call, only) : undefined;
    return undefined;
  }
  if (fn.type === 'attribute' && zeroArgReadlines && ctx.isEnabled('MEM303')) {
    if (fn.childForFieldName('attribute')?.text === 'readlines') return readlinesFinding(ctx, call, fn);
  }
  return undefined;
}

function soleArgument(args: SyntaxNode): SyntaxNode | undefined {
  const named = args.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  return named.length === 1 ? named[0] : undefined;
}

/** `sum(list(x for x in y))`, `for a in list(x for x in y)`: list() turns a lazy generator into a full list. */
function listOfGeneratorFinding(ctx: CheckContext, call: SyntaxNode, generator: SyntaxNode): Finding | undefined {
  const consumer = consumerOf(call, ctx.imports);
  if (!consumer || consumer.kind === 'list-call' || consumer.kind === 'count' || !lazyIteratorFits(consumer, generator)) return undefined;
  const message = listComprehensionMessage(consumer, undefined, ctx.python, 'list() of a generator').replace('every item is built and kept alive', 'list() builds and keeps every item');
  const safe = consumer.kind === 'reduce' || consumer.kind === 'collect' || consumer.kind === 'dedupe' || ((consumer.kind === 'short-circuit' || consumer.kind === 'membership') && !lazyPartsMayHaveEffects(generator));
  return finding('MEM301', call, 'warning', message, unwrapListOfGeneratorFix(call, generator, safe));
}

// ---- MEM302: list(range(...)) read once ----

function rangeListFinding(ctx: CheckContext, call: SyntaxNode, rangeCall: SyntaxNode): Finding | undefined {
  const consumer = consumerOf(call, ctx.imports);
  if (!consumer || consumer.kind === 'list-call') return undefined;
  const range = staticRange(rangeCall, ctx.imports);
  const size: StaticListSize | undefined = range ? rangeListSize(range, ctx.python) : undefined;
  // `for i in list(range(3))` costs a few hundred bytes: only unknown or large constant ranges are worth a finding.
  if (size && size.length < ctx.thresholds.largeCollection) return undefined;
  const via = consumer.wrappedBy ? ` (through ${consumer.wrappedBy}())` : '';
  const built = size ? `it builds ${describeStaticList(size, ctx.python)}` : 'it builds a list holding every int of the range';
  const message = `list(range(...)) consumed once by ${consumer.label}${via}: ${built}; a range object is a small lazy sequence that ${consumer.label} reads directly, one int at a time.`;
  // A range is an immutable sequence with the same iteration, len() and `in` as the list: nothing else changes.
  const fix = replaceWithFix(call, rangeCall, 'Use the range directly', true);
  // The flagged `list(range(...))` is the code to drop down to `range(...)`: shown faded (LSP's Unnecessary tag).
  return { ...finding('MEM302', call, severityFor(size?.length, ctx), message, fix), unnecessary: true };
}

// ---- MEM303: for line in f.readlines() ----

function readlinesFinding(ctx: CheckContext, call: SyntaxNode, fn: SyntaxNode): Finding | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list' || soleArgument(args) !== undefined || args.namedChildCount > 0) return undefined; // readlines(hint) stops early
  const receiver = fn.childForFieldName('object');
  if (!receiver) return undefined;
  const consumer = consumerOf(call, ctx.imports);
  if (!consumer || (consumer.kind !== 'loop' && consumer.kind !== 'iterate')) return undefined;
  const lineSize = strSize(ctx.python, '');
  const via = consumer.wrappedBy ? ` through ${consumer.wrappedBy}()` : '';
  const message =
    `${receiver.text}.readlines() reads the whole file into a list before ${consumer.label}${via} starts: one str per line ` +
    `(${lineSize} bytes plus its length on CPython ${formatVersion(ctx.python)}) and a pointer each, all alive at once; ` +
    'iterating the file object reads one line at a time.';
  const fix = replaceWithFix(call, receiver, 'Iterate the file directly', readlinesFixIsSafe(ctx, receiver, consumer));
  return finding('MEM303', call, 'warning', message, fix);
}

/**
 * Iterating a file yields the same lines as readlines(). The fix is safe when the receiver is certainly a file
 * object and the loop does not touch it (reading, seeking or tell() in the body interleave with the iteration:
 * `TextIOWrapper.tell()` even refuses to work while a file is being iterated).
 */
function readlinesFixIsSafe(ctx: CheckContext, receiver: SyntaxNode, consumer: Consumer): boolean {
  const scopeOfUse = consumer.kind === 'loop' ? consumer.iterator?.childForFieldName('body') : consumer.iterator;
  if (receiver.type === 'call') return isFileOpener(receiver, ctx.imports);
  if (receiver.type !== 'identifier' || !scopeOfUse) return false;
  if (consumer.kind === 'loop' && mentionsRoot(scopeOfUse, receiver.text)) return false;
  if (consumer.kind === 'iterate' && consumer.iterator && lazyParts(consumer.iterator).some((p) => mentionsRoot(p, receiver.text))) return false;
  return boundToFileOpener(ctx, receiver);
}

/** `with open(p) as f:` or `f = open(p)` in the same function, and no other binding of that name there. */
function boundToFileOpener(ctx: CheckContext, name: SyntaxNode): boolean {
  let scope: SyntaxNode | null = name.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return false;
  const bindings: SyntaxNode[] = [];
  // Found through the text, not a walk: at module level the scope is the whole file.
  for (const occurrence of identifiersNamedIn(scope, ctx.text, name.text, scope)) {
    const parent = occurrence.parent;
    if (parent?.type === 'as_pattern_target') {
      const value = parent.parent?.namedChild(0);
      if (value) bindings.push(value);
    } else if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === occurrence.id) {
      const right = parent.childForFieldName('right');
      if (right) bindings.push(right);
    } else if ((parent?.type === 'for_statement' || parent?.type === 'for_in_clause') && parent.childForFieldName('left')?.id === occurrence.id) {
      bindings.push(parent);
    } else if (parent?.type === 'pattern_list' || parent?.type === 'tuple_pattern' || parent?.type === 'parameters' || parent?.type === 'default_parameter' || parent?.type === 'typed_parameter') {
      bindings.push(parent);
    }
  }
  return bindings.length === 1 && bindings[0].type === 'call' && isFileOpener(bindings[0], ctx.imports);
}
