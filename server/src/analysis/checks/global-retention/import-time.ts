// Telling registries from leaks. Registries are filled by decorators and registration calls that run while
// modules are imported, so the number of entries is bounded by the code that exists, not by the work the program
// does. A growth site is treated as bounded when the function holding it (or the module-level function it is
// nested in):
//   - is only ever used outside functions in this module (called or applied as a decorator at import time:
//     `@register`, `def_op('NOP', 9)`), or has the shape of a registration decorator (returns its first parameter
//     unchanged: `def register(fn): REGISTRY[fn.__name__] = fn; return fn`);
//   - is named as a registration API (`register*`, `add*`, `set*`, `install*`, `define*`, `declare*`, `bind*`,
//     `replace*`, `def_*`): public registries such as `logging.addLevelName` or `copyreg.pickle`'s callers.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { CheckContext } from '../../check';
import type { ModuleNameUses } from '../../syntax/module-name-uses';
import { parameterNames } from '../../syntax/definitions';
import { enclosingFunction } from '../../syntax/scopes';

const REGISTRATION_NAME = /^_*(register|unregister|add|set|install|define|declare|bind|replace|def_)/i;

export function isImportTimeFunction(fn: SyntaxNode, ctx: CheckContext, uses: ModuleNameUses): boolean {
  for (let f: SyntaxNode | null = fn; f; f = outerFunction(f)) {
    if (f.type !== 'function_definition') continue;
    const name = f.childForFieldName('name')?.text;
    if (!name) continue;
    if (REGISTRATION_NAME.test(name)) return true;
    if (returnsFirstParameter(f, ctx.text)) return true;
    if (isModuleLevel(f)) {
      const references = uses.usesOf(name).filter((id) => id.parent?.id !== f.id);
      if (references.length > 0 && references.every((id) => enclosingFunction(id) === null)) return true;
    }
  }
  return false;
}

function isModuleLevel(fn: SyntaxNode): boolean {
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return holder?.type === 'module';
}

function outerFunction(fn: SyntaxNode): SyntaxNode | null {
  for (let p = fn.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return null;
}

function returnsFirstParameter(fn: SyntaxNode, text: string): boolean {
  const params = parameterNames(fn);
  const first = params[0] === 'self' || params[0] === 'cls' ? params[1] : params[0];
  const body = fn.childForFieldName('body');
  if (!first || !body) return false;
  return new RegExp(`\\breturn[ \\t]+${first}[ \\t]*(?:#.*)?$`, 'm').test(text.slice(body.startIndex, body.endIndex));
}
