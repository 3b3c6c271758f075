// Classes that break their own cycles: a `close()`, `reset()` or `unlink()` that sets the link to None or deletes
// it (`self._parser = None`, `self.root = None`). The cycle then lasts only until that call, which is the owner's
// documented contract, so the rules stay quiet. A clear in `__init__` or in the storing method itself only
// initialises or replaces the link, so it does not count.
import type { SyntaxNode } from '../../../parse/python-parser';
import { enclosingScope } from '../../syntax/scopes';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `target = None` (also in a chain `a = target = None`) or `del target` (not `del target[k]`). */
function clearingPattern(target: string): string {
  const t = escape(target);
  return `(?:del\\s+(?:[\\w.]+\\s*,\\s*)*${t}\\s*(?=$|[,;#)])|${t}\\s*=\\s*(?:[\\w.]+\\s*=\\s*)*None\\b)`;
}

/**
 * True when another method of the class (not `__init__`, not `storingMethod`) clears any of the dotted targets,
 * or, for a target like `self._parser.Handler`, the object that holds it (`self._parser`).
 */
export function classClears(root: SyntaxNode, text: string, cls: SyntaxNode, storingMethod: SyntaxNode, targets: readonly string[]): boolean {
  const alternatives = new Set<string>();
  for (const target of targets) {
    const parts = target.split('.');
    for (let i = 2; i <= parts.length; i++) alternatives.add(clearingPattern(parts.slice(0, i).join('.')));
  }
  if (alternatives.size === 0) return false;
  const re = new RegExp(`(?:^|[^\\w.])(?:${[...alternatives].join('|')})`, 'gm');
  const region = text.slice(cls.startIndex, cls.endIndex);
  for (let m = re.exec(region); m; m = re.exec(region)) {
    const at = cls.startIndex + m.index + m[0].length - 1;
    const node = root.descendantForIndex(at, at);
    const method = node && enclosingScope(node);
    if (!method || method.type !== 'function_definition' || method.id === storingMethod.id) continue;
    if (method.childForFieldName('name')?.text === '__init__') continue;
    return true;
  }
  return false;
}

/**
 * True when the storing method itself rebinds the target inside a `finally` block (`finally: self._subtest =
 * parent`, as unittest's subTest does): the link lives only while the block runs, whatever value it gets back.
 */
export function restoredInFinally(root: SyntaxNode, text: string, storingMethod: SyntaxNode, target: string): boolean {
  const re = new RegExp(`(?:^|[^\\w.])${escape(target)}\\s*=(?!=)`, 'gm');
  const region = text.slice(storingMethod.startIndex, storingMethod.endIndex);
  for (let m = re.exec(region); m; m = re.exec(region)) {
    const at = storingMethod.startIndex + m.index + m[0].length - 1;
    for (let node: SyntaxNode | null = root.descendantForIndex(at, at); node && node.id !== storingMethod.id; node = node.parent) {
      if (node.type === 'finally_clause') return true;
    }
  }
  return false;
}
