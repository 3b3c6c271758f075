// MEM501: a file, socket, process, temporary file or connection that is not opened in `with` and not closed on
// every path. CPython frees the OS resource when the object's reference count drops to zero (at once if nothing
// else refers to it, only at a cyclic-GC pass if it sits in a reference cycle, whenever the GC runs on PyPy) and
// warns with a ResourceWarning; until then the descriptor and its buffers stay allocated. See docs/rules/MEM501.md.
import type { SyntaxNode } from '../../parse/python-parser';
import { rangeOf } from '../../parse/source-range';
import type { Check, CheckContext } from '../check';
import type { Finding, Fix } from '../finding';
import { leadingCalleeNames } from '../syntax/callee-text';
import { addImportEdit, spellingOf } from '../syntax/import-names';
import { identifiersNamedIn } from '../syntax/name-occurrences';
import { nextExecutedStatement } from '../syntax/next-statement';
import { type NameUses, bindingScope, callsMethod, collectUses, judgeUses, releasedInFinally, type NameVerdict } from './unclosed-resource/name-uses';
import { ACQUIRING_METHOD_NAMES, RESOURCE_LEADING_NAMES, acquisitionCall, isResourceQualifiedName, resourceCall, type ResourceCall, type ResourceKind } from './unclosed-resource/resource-calls';
import { fateOf } from './unclosed-resource/resource-fate';
import { withBlockFix, withStatementFix } from './unclosed-resource/with-fix';

export const unclosedResourceCheck: Check = {
  id: 'unclosed-resource',
  rules: [
    { code: 'MEM501', name: 'resource-without-with', category: 'unclosed-resource', severity: 'warning', summary: 'A file, socket, process or connection opened without with and not closed on every path.' },
  ],
  nodeTypes: ['call', 'import_from_statement'],
  run(ctx) {
    const findings: Finding[] = [];
    const leadingNames = leadingNamesOf(ctx);
    const resolveLocal = (name: SyntaxNode) => closestCallBinding(name, ctx.text);
    // Locks and managers come from these two modules; without them `.acquire()`/`.start()` calls need no look.
    const mayAcquire = ctx.imports.imported('threading') || ctx.imports.imported('multiprocessing');
    const calls = ctx.nodesOfType('call');
    const leads = leadingCalleeNames(ctx.text, calls);
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      // Filter on the text first: asking the tree about every call of a module is what would cost time.
      const lead = leads[i];
      if (lead === undefined) continue;
      if (ACQUIRING_METHOD_NAMES.has(lead)) {
        if (!mayAcquire) continue;
        const acquired = acquisitionFinding(ctx, call, resolveLocal);
        if (acquired) findings.push(acquired);
        continue;
      }
      if (!leadingNames.has(lead)) continue;
      const resource = resourceCall(call, ctx.imports, resolveLocal);
      if (!resource) continue;
      const finding = resourceFinding(ctx, call, resource);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

/** Modules whose `import *` rebinds `open` (os.py itself does `from posix import *`). */
const STAR_EXPORTS_OPEN = new Set(['os', 'posix', 'nt', 'io', '_io', 'gzip', 'bz2', 'lzma', 'codecs', 'tarfile', 'dbm', 'shelve', 'tokenize', 'wave', 'aifc', 'sunau', 'webbrowser']);

/** The static names plus local aliases such as `from shelve import open as open_shelf`. */
function leadingNamesOf(ctx: CheckContext): Set<string> {
  const names = new Set(RESOURCE_LEADING_NAMES);
  for (const statement of ctx.nodesOfType('import_from_statement')) {
    const moduleName = statement.childForFieldName('module_name')?.text;
    if (!moduleName) continue;
    if (STAR_EXPORTS_OPEN.has(moduleName) && statement.namedChildren.some((c) => c?.type === 'wildcard_import')) names.delete('open');
    for (const child of statement.childrenForFieldName('name')) {
      if (child?.type !== 'aliased_import') continue;
      const name = child.childForFieldName('name')?.text;
      const alias = child.childForFieldName('alias')?.text;
      if (name && alias && isResourceQualifiedName(`${moduleName}.${name}`)) names.add(alias);
    }
  }
  return names;
}

const HOLDS: Record<ResourceKind, string> = {
  file: 'its file descriptor and I/O buffer',
  socket: 'its socket descriptor and kernel buffers',
  process: 'its pipes and the child process (a zombie until it is waited for)',
  connection: 'its socket and response buffer',
  'temporary file': 'its file descriptor, buffer and the file on disk',
  'temporary directory': 'the directory and everything in it on disk',
  archive: 'its file descriptor and member index',
  database: 'its file descriptor and cache',
};

/** The name the fix gives a resource it has to bind. */
const FRESH_NAMES: Record<ResourceKind, string> = {
  file: 'f',
  socket: 'sock',
  process: 'proc',
  connection: 'response',
  'temporary file': 'tmp',
  'temporary directory': 'tmpdir',
  archive: 'archive',
  database: 'db',
};

const LIFETIME =
  'stay allocated until the object is garbage-collected (at once on CPython when the last reference goes, ' +
  'later inside a reference cycle or on PyPy), with a ResourceWarning';

function resourceFinding(ctx: CheckContext, call: SyntaxNode, resource: ResourceCall): Finding | undefined {
  const ownership = { text: ctx.text, imports: ctx.imports, exitCloses: resource.exitCloses };
  const fate = fateOf(call, ownership);
  const what = `${resource.callee}(...)`;
  switch (fate.kind) {
    case 'managed':
      if (fate.by === 'exit' && !resource.exitCloses) {
        return finding(call, `\`with ${what}\` commits or rolls back but does not close the connection: ${HOLDS[resource.kind]} ${LIFETIME}; use \`with contextlib.closing(${what}) as conn, conn:\`.`, closingWithItemFix(ctx, call));
      }
      return undefined;
    case 'escapes':
    case 'inner':
    case 'unknown':
      return undefined;
    case 'dropped':
      // `Popen(cmd)` as a statement without pipes starts a detached process: nothing stays open in this one.
      if (resource.kind === 'process' && fate.how.startsWith('opened and dropped') && !usesPipes(call)) return undefined;
      return finding(
        call,
        `${what} is ${fate.how}: ${HOLDS[resource.kind]} ${LIFETIME}; open it in a \`with\` block.`,
        (fate.how.startsWith('used once') || fate.how.startsWith('passed to')) && resource.exitCloses ? withStatementFix(call, ctx.text, FRESH_NAMES[resource.kind]) : undefined,
      );
    case 'stored-locally':
      if (containerOutlivesScope(fate.container, ctx)) return undefined;
      return finding(call, `${what} is stored in the local container \`${fate.container.text}\` and never closed: ${HOLDS[resource.kind]} ${LIFETIME}.`, undefined);
    case 'bound': {
      const uses = collectUses(fate.name, ctx.text);
      if (!uses) return undefined;
      const verdict: NameVerdict = judgeUses(uses, ownership);
      if (verdict.kind === 'handled') return undefined;
      // A process polled for whether it still runs is meant to outlive this code (a started browser, a server).
      if (resource.kind === 'process' && callsMethod(uses, 'poll')) return undefined;
      const name = fate.name.text;
      const assignment = fate.name.parent;
      const fix = assignment?.type === 'assignment' ? withFix(ctx, assignment, call, uses, resource) : undefined;
      if (verdict.kind === 'closed-on-normal-path') {
        const statement = assignment?.parent;
        const next = statement ? nextExecutedStatement(statement) : undefined;
        if (next && verdict.close.startIndex >= next.startIndex && verdict.close.endIndex <= next.endIndex) {
          // Opened inside `try` with handlers for the failure and released at once: the "can I open it?" probe.
          // There is no window for a leak, and a `with` would still need the same try around it.
          if (statement && insideTryBodyWithHandlers(statement)) return undefined;
          // Nothing but an interrupt can come between: a hint that `with` says the same thing in one place.
          const message = `\`${name} = ${what}\` is closed in the next statement (line ${verdict.close.startPosition.row + 1}): only an interrupt in between would leave ${HOLDS[resource.kind]} open; \`with\` guarantees it.`;
          return { ...finding(call, message, fix), severity: 'hint' };
        }
        return finding(
          call,
          `\`${name} = ${what}\` is closed only on the normal path (line ${verdict.close.startPosition.row + 1}): if anything before that raises, ${HOLDS[resource.kind]} ${LIFETIME}; use \`with\` (or close it in \`finally\`).`,
          fix,
        );
      }
      const advice = resource.exitCloses ? 'use `with`' : 'use `with contextlib.closing(...)` (the connection\'s own `with` does not close it)';
      return finding(call, `\`${name} = ${what}\` is never closed: ${HOLDS[resource.kind]} ${LIFETIME}; ${advice}.`, fix);
    }
  }
}

/** `lock.acquire()` as a statement, outside a context manager's own enter path, without a release in `finally`. */
function acquisitionFinding(ctx: CheckContext, call: SyntaxNode, resolveLocal: (name: SyntaxNode) => SyntaxNode | undefined): Finding | undefined {
  if (call.parent?.type !== 'expression_statement') return undefined;
  const acquired = acquisitionCall(call, ctx.imports, resolveLocal);
  if (!acquired || isContextManagerCode(call)) return undefined;
  const uses = collectUses(acquired.holder, ctx.text);
  if (!uses || releasedInFinally(uses, acquired.release)) return undefined;
  const name = acquired.holder.text;
  return finding(
    call,
    `\`${call.text}\` outside \`with\`: if anything raises before \`${name}.${acquired.release}()\`, the ${acquired.what} is never released; use \`with ${name}:\` (or release it in \`finally\`).`,
    undefined,
  );
}

/** Inside `__enter__` or a @contextmanager generator the acquisition is the enter half of a with block. */
function isContextManagerCode(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type !== 'function_definition') continue;
    const name = p.childForFieldName('name')?.text;
    if (name === '__enter__' || name === '__aenter__') return true;
    const decorated = p.parent?.type === 'decorated_definition' ? p.parent : undefined;
    return decorated !== undefined && decorated.namedChildren.some((d) => d?.type === 'decorator' && /contextmanager\s*$/.test(d.text));
  }
  return false;
}

/** The with-block fix; a sqlite3 connection needs `contextlib.closing()` around it (and maybe the import). */
function withFix(ctx: CheckContext, assignment: SyntaxNode, call: SyntaxNode, uses: NameUses, resource: ResourceCall): Fix | undefined {
  if (resource.exitCloses) return withBlockFix(assignment, call, uses, ctx.text);
  const spelled = spellingOf(ctx.root, 'contextlib.closing');
  if (spelled) return withBlockFix(assignment, call, uses, ctx.text, (opener) => `${spelled}(${opener})`);
  if (!ctx.imports.isBuiltin('contextlib')) return undefined; // the name is taken by something else
  return withBlockFix(assignment, call, uses, ctx.text, (opener) => `contextlib.closing(${opener})`, [addImportEdit(ctx.root, 'import contextlib')]);
}

/** The statement sits (directly or in nested if/else) in the body of a `try` that has `except` clauses. */
function insideTryBodyWithHandlers(statement: SyntaxNode): boolean {
  for (let block = statement.parent; block?.type === 'block'; ) {
    const owner = block.parent;
    if (!owner) return false;
    if (owner.type === 'try_statement') {
      return owner.childForFieldName('body')?.id === block.id && owner.namedChildren.some((c) => c?.type === 'except_clause');
    }
    if (owner.type === 'if_statement') block = owner.parent;
    else if (owner.type === 'else_clause' || owner.type === 'elif_clause') block = owner.parent?.parent ?? null;
    else return false;
  }
  return false;
}

/**
 * `with sqlite3.connect(db) as conn:` -> `with closing(sqlite3.connect(db)) as conn, conn:`: the second item keeps
 * the commit/rollback of the connection's own `__exit__`, the first closes it after that. Unsafe when the name is
 * used after the with statement (it is closed by then).
 */
function closingWithItemFix(ctx: CheckContext, call: SyntaxNode): Fix | undefined {
  const pattern = call.parent;
  const item = pattern?.parent;
  if (pattern?.type !== 'as_pattern' || item?.type !== 'with_item' || pattern.namedChild(0)?.id !== call.id) return undefined;
  const alias = pattern.childForFieldName('alias');
  const name = alias?.namedChild(0);
  if (!alias || name?.type !== 'identifier') return undefined;
  const withStatement = item.parent?.parent;
  if (withStatement?.type !== 'with_statement') return undefined;
  const spelled = spellingOf(ctx.root, 'contextlib.closing') ?? (ctx.imports.isBuiltin('contextlib') ? 'contextlib.closing' : undefined);
  if (!spelled) return undefined;
  const uses = collectUses(name, ctx.text);
  const usedAfter = !uses || uses.uses.some((u) => u.startIndex >= withStatement.endIndex) || uses.bindings > 1;
  const edits = [{ range: rangeOf(pattern), newText: `${spelled}(${call.text}) as ${name.text}, ${name.text}` }];
  if (spelled === 'contextlib.closing' && !spellingOf(ctx.root, 'contextlib.closing')) edits.push(addImportEdit(ctx.root, 'import contextlib'));
  return { title: 'Close the connection after the transaction', safe: !usedAfter, edits };
}

/** `stdin=PIPE`, `stdout=subprocess.PIPE`...: the parent holds pipe descriptors to the child. */
function usesPipes(call: SyntaxNode): boolean {
  return /\bPIPE\b/.test(call.childForFieldName('arguments')?.text ?? '');
}

function finding(call: SyntaxNode, message: string, fix: Fix | undefined): Finding {
  return { code: 'MEM501', category: 'unclosed-resource', severity: 'warning', range: rangeOf(call), message, related: [], fixes: fix ? [fix] : [] };
}

/** A container that is a parameter, a module global or is itself handed on: whoever owns it closes its items. */
function containerOutlivesScope(container: SyntaxNode, ctx: CheckContext): boolean {
  const scope = bindingScope(container);
  if (!scope || scope.type === 'module') return true;
  const uses = collectUses(container, ctx.text);
  if (!uses || uses.bindings === 0) return true;
  return judgeUses(uses, { text: ctx.text, imports: ctx.imports }).kind === 'handled';
}

/** The call bound to `p` by the last `p = <call>` before this use in its scope (`p = Path(x)` for `p.open()`);
 *  undefined when that last binding is not a call. Branches are not followed: the textually closest one wins. */
function closestCallBinding(name: SyntaxNode, text: string): SyntaxNode | undefined {
  const scope = bindingScope(name);
  if (!scope) return undefined;
  const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : scope;
  if (!body) return undefined;
  let closest: SyntaxNode | null | undefined;
  for (const occurrence of identifiersNamedIn(body, text, name.text, body)) {
    if (occurrence.startIndex >= name.startIndex) break;
    const assignment = occurrence.parent;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.id !== occurrence.id) continue;
    closest = assignment.childForFieldName('right');
  }
  return closest?.type === 'call' ? closest : undefined;
}
