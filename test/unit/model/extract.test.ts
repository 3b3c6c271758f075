// Snippet extraction: what the heap simulator runs for a cursor position.
import assert from 'node:assert/strict';
import { loadPythonParser, parsePython } from '../../../server/src/parse/python-parser';
import { extractSnippet, valueForAnnotation } from '../../../server/src/model/extract';

const SOURCE = `import collections

LIMIT = 10


class Point:
    def __init__(self, x: int, y: float = 1.5, tags: list[str] | None = None, *, owner):
        self.x = x
        self.y = y


def build(n: int, prefix='p'):
    out = []
    squares = [i * i for i in range(n)]
    return out


table = {k: str(k) for k in range(LIMIT)}
total = 3
`;

describe('snippet extraction', () => {
  before(async () => {
    await loadPythonParser();
  });

  function at(line: number, column = 4) {
    const tree = parsePython(SOURCE);
    return extractSnippet(tree, line, column);
  }

  it('picks the enclosing class, instantiated through __init__ with arguments from defaults and annotations', () => {
    const s = at(7, 10);
    assert.equal(s.kind, 'class-instance');
    assert.equal(s.label, 'instance of Point (via __init__)');
    assert.equal(s.action.kind, 'instantiate');
    if (s.action.kind !== 'instantiate') return;
    assert.deepEqual(
      s.action.args.map((a) => [a.name, a.source ?? null, a.from]),
      [['x', '0', 'annotation'], ['y', '1.5', 'default'], ['tags', 'None', 'default'], ['owner', null, 'placeholder']],
    );
    // The prefix defines what the class needs: everything up to and including it.
    assert.deepEqual(s.prefix.map((p) => p.type), ['import_statement', 'expression_statement', 'class_definition']);
  });

  it('picks a comprehension under the cursor inside a function', () => {
    const s = at(13, 20);
    assert.equal(s.kind, 'function-body');
    assert.match(s.label, /list comprehension in build\(\)/);
    assert.equal(s.action.kind === 'function-body' && s.action.focus?.type, 'list_comprehension');
  });

  it('picks the function body with parameters from annotations and defaults', () => {
    const s = at(12, 6);
    assert.equal(s.kind, 'function-body');
    assert.equal(s.label, 'body of build()');
    assert.deepEqual(s.action.kind === 'function-body' && s.action.args.map((a) => a.source), ['0', "'p'"]);
  });

  it('picks a top-level comprehension with the module prefix before it', () => {
    const s = at(17, 12);
    assert.equal(s.kind, 'expression');
    assert.equal(s.prefix.length, 4);
    assert.equal(s.range.start.line, 17);
  });

  it('falls back to the module prefix up to the cursor', () => {
    const s = at(18, 0);
    assert.equal(s.kind, 'module-prefix');
    assert.equal(s.prefix.length, 6);
  });

  it('makes values for annotations', () => {
    assert.equal(valueForAnnotation('int'), '0');
    assert.equal(valueForAnnotation('list[int]'), '[]');
    assert.equal(valueForAnnotation('Dict[str, int]'), '{}');
    assert.equal(valueForAnnotation('Optional[str]'), 'None');
    assert.equal(valueForAnnotation('str | None'), 'None');
    assert.equal(valueForAnnotation('Widget'), undefined);
  });
});
