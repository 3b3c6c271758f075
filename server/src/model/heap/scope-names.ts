// Which names a function binds and which it reads from enclosing scopes (`Python/symtable.c`, simplified): the
// heap simulator turns captured names into cells. Walks with explicit stacks; cached per node id.
import type { SyntaxNode } from '../../parse/python-parser';
import type { SyntaxCache } from './syntax-cache';

/** Names bound in function scopes and free in nested ones, for closures (cached per node). */
export class ScopeNames {
  private readonly locals = new Map<number, Set<string>>();
  private readonly free = new Map<number, Set<string>>();
  private readonly yields = new Map<number, boolean>();

  /** Identifiers a target binds. */
  targetNames(syn: SyntaxCache, t: SyntaxNode): string[] {
    const out: string[] = [];
    const stack = [t];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'identifier') out.push(syn.text(n));
      else if (n.type !== 'attribute' && n.type !== 'subscript') stack.push(...syn.kids(n));
    }
    return out;
  }

  /** Names a function binds: parameters, assignment/for/with/except targets, nested def/class, imports. */
  localNames(syn: SyntaxCache, fn: SyntaxNode): Set<string> {
    let set = this.locals.get(fn.id);
    if (set) return set;
    set = new Set();
    const params = syn.field(fn, 'parameters');
    for (const p of params ? syn.kids(params) : []) {
      const id = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? syn.kids(p)[0] : syn.field(p, 'name') ?? syn.kids(p)[0];
      if (id) for (const name of this.targetNames(syn, id)) set.add(name);
    }
    const body = syn.field(fn, 'body');
    const stack = body ? [body] : [];
    while (stack.length) {
      const n = stack.pop()!;
      switch (n.type) {
        case 'function_definition':
        case 'class_definition':
          set.add(syn.text(syn.field(n, 'name')!));
          continue;
        case 'lambda':
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression':
          continue;
        case 'assignment':
        case 'augmented_assignment':
        case 'for_statement':
          for (const name of this.targetNames(syn, syn.field(n, 'left')!)) set.add(name);
          break;
        case 'as_pattern_target':
          for (const name of this.targetNames(syn, n)) set.add(name);
          break;
        case 'named_expression':
          set.add(syn.text(syn.field(n, 'name')!));
          break;
        case 'global_statement':
        case 'nonlocal_statement':
          for (const k of syn.kids(n)) set.delete(syn.text(k));
          continue;
      }
      stack.push(...syn.kids(n));
    }
    this.locals.set(fn.id, set);
    return set;
  }

  /** Identifiers a function (or lambda) reads that it does not bind itself, nested functions included. */
  freeNames(syn: SyntaxCache, fn: SyntaxNode): Set<string> {
    let set = this.free.get(fn.id);
    if (set) return set;
    const own = fn.type === 'lambda' ? new Set(this.lambdaParams(syn, fn)) : this.localNames(syn, fn);
    set = new Set();
    const body = syn.field(fn, 'body');
    const stack = body ? [body] : [];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'identifier' && !own.has(syn.text(n))) set.add(syn.text(n));
      if (n.type === 'attribute') {
        stack.push(syn.field(n, 'object')!);
        continue;
      }
      if (n.type === 'keyword_argument') {
        stack.push(syn.field(n, 'value')!);
        continue;
      }
      stack.push(...syn.kids(n));
    }
    this.free.set(fn.id, set);
    return set;
  }

  private lambdaParams(syn: SyntaxCache, fn: SyntaxNode): string[] {
    const params = syn.field(fn, 'parameters');
    return params ? syn.kids(params).flatMap((p) => this.targetNames(syn, p.type === 'default_parameter' ? syn.field(p, 'name')! : p)) : [];
  }

  containsYield(syn: SyntaxCache, fn: SyntaxNode): boolean {
    let found = this.yields.get(fn.id);
    if (found !== undefined) return found;
    found = false;
    const body = syn.field(fn, 'body');
    const stack = body ? [body] : [];
    while (stack.length && !found) {
      const n = stack.pop()!;
      if (n.type === 'yield') found = true;
      else if (n.type !== 'function_definition' && n.type !== 'lambda' && n.type !== 'class_definition') stack.push(...syn.kids(n));
    }
    this.yields.set(fn.id, found);
    return found;
  }

  /** `__static_attributes__` (3.13+): names assigned as `self.<name>` in the class body's methods. */
  staticAttributes(syn: SyntaxCache, cls: SyntaxNode): string[] {
    const out: string[] = [];
    for (const st of syn.kids(syn.field(cls, 'body')!)) {
      const fn = st.type === 'decorated_definition' ? syn.field(st, 'definition')! : st;
      if (fn.type !== 'function_definition') continue;
      const params = syn.field(fn, 'parameters');
      const first = params ? syn.kids(params)[0] : undefined;
      const selfName = first ? syn.text(first.type === 'identifier' ? first : syn.kids(first)[0] ?? first) : undefined;
      const stack = [syn.field(fn, 'body')!];
      while (stack.length) {
        const n = stack.pop()!;
        if (n.type === 'assignment' || n.type === 'augmented_assignment') {
          for (const t of [syn.field(n, 'left')!, ...(syn.field(n, 'left')!.type === 'pattern_list' ? syn.kids(syn.field(n, 'left')!) : [])]) {
            if (t.type === 'attribute' && syn.text(syn.field(t, 'object')!) === selfName) {
              const attr = syn.text(syn.field(t, 'attribute')!);
              if (!out.includes(attr)) out.push(attr);
            }
          }
        }
        stack.push(...syn.kids(n));
      }
    }
    return out;
  }
}

