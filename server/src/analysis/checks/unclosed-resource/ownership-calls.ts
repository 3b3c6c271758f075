// Calls that take over an object passed to them, as far as the call's spelling tells.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ModuleImports } from '../../module-imports';
import { leadingCalleeName } from '../../syntax/callee-text';

/** Calls that take over a context manager: it is closed when they (or their stack) exit. */
export const OWNERSHIP_TAKERS: ReadonlySet<string> = new Set([
  'enter_context',
  'enter_async_context',
  'push',
  'push_async_exit',
  'callback',
  'closing',
  'aclosing',
  'nullcontext',
  'enterContext',
  'enterClassContext',
  'enterAsyncContext',
  'addCleanup',
  'addClassCleanup',
  'addAsyncCleanup',
  'finalize',
]);

/** Container methods that store their argument: the container now owns the resource. */
export const STORE_METHODS: ReadonlySet<string> = new Set(['append', 'add', 'extend', 'insert', 'appendleft', 'put', 'put_nowait', 'setdefault', 'register', 'update']);

/** The last name of a call's callee: `json.load(...)` -> `load`. */
export function calleeName(call: SyntaxNode, text: string): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.childForFieldName('attribute')?.text;
  return leadingCalleeName(text, call.startIndex);
}

/** A callee spelled like a class (`TextIOWrapper(f)`, `GzipFile(fileobj=f)`): the new object may own its argument. */
export function looksLikeClass(name: string | undefined): boolean {
  return name !== undefined && /^_*[A-Z]/.test(name);
}

/**
 * `obj.method(x)` on an object that is not an imported module (`self.set_socket(sock)`, `source.setByteStream(f)`):
 * the object may keep what it is given. `json.load(f)` or `os.fstat(f)` only borrow it.
 */
export function isMethodOfObject(call: SyntaxNode, imports: ModuleImports): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  let root: SyntaxNode | null = fn;
  while (root?.type === 'attribute') root = root.childForFieldName('object');
  if (root?.type !== 'identifier') return true; // `super().__init__(x)`, `x[0].add(y)`
  const qualified = imports.qualifiedName(root);
  return qualified === undefined || !imports.imported(qualified);
}
