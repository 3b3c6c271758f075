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

  /** Whether the function's own body (not a nested def, lambda or class) has a `yield`. Every `def` asks, so this
   *  lets tree-sitter find the yields in wasm and climbs from each one, instead of walking the whole body through
   *  node objects: on _pydecimal.py (6k lines, mostly methods) that walk was 70% of a whole simulation (50 ms);
   *  now 4% of a 7 ms one. */
  containsYield(syn: SyntaxCache, fn: SyntaxNode): boolean {
    let found = this.yields.get(fn.id);
    if (found !== undefined) return found;
    found = false;
    const body = syn.field(fn, 'body');
    // Most bodies never spell `yield`: a scan of the source text settles them without entering the tree.
    const spelled = body !== null && body.text.includes('yield');
    for (const y of spelled ? body.descendantsOfType('yield') : []) {
      // The `yield` keyword token has the same type name as the expression: only the expression counts.
      if (!y || !y.isNamed) continue;
      let own = true;
      for (let p = y.parent; p && p.id !== body!.id; p = p.parent) {
        if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') {
          own = false;
          break;
        }
      }
      if (own) {
        found = true;
        break;
      }
    }
    this.yields.set(fn.id, found);
    return found;
  }

  /** `__static_attributes__` (3.13+): names assigned as `self.<name>` in the class body's methods, in the order a
   *  depth-first walk that visits the last child first meets the assignments (the order the names take in the
   *  shared keys). tree-sitter lists the assignments in wasm (document order); sorting them by end offset, last
   *  first, stable so an enclosing `a = b = ...` comes before the one nested in it, gives that walk's order without
   *  making a node object for every node of every method (on _pydecimal.py: 3 ms before, 1 ms now). */
  staticAttributes(syn: SyntaxCache, cls: SyntaxNode): string[] {
    const out: string[] = [];
    for (const st of syn.kids(syn.field(cls, 'body')!)) {
      const fn = st.type === 'decorated_definition' ? syn.field(st, 'definition')! : st;
      if (fn.type !== 'function_definition') continue;
      const params = syn.field(fn, 'parameters');
      const first = params ? syn.kids(params)[0] : undefined;
      const selfName = first ? syn.text(first.type === 'identifier' ? first : syn.kids(first)[0] ?? first) : undefined;
      const body = syn.field(fn, 'body')!;
      const assignments = body.descendantsOfType(['assignment', 'augmented_assignment']).filter((n): n is SyntaxNode => n !== null);
      assignments.sort((a, b) => b.endIndex - a.endIndex);
      for (const n of assignments) {
        const left = n.childForFieldName('left');
        if (!left) continue;
        for (const t of [left, ...(left.type === 'pattern_list' ? left.namedChildren : [])]) {
          if (t?.type !== 'attribute') continue;
          const object = t.childForFieldName('object');
          if (object && object.text === selfName) {
            const attr = t.childForFieldName('attribute')!.text;
            if (!out.includes(attr)) out.push(attr);
          }
        }
      }
    }
    return out;
  }
}

