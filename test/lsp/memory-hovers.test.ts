// Memory hovers beyond class names: constructor calls, literals and comprehensions, module-level containers and
// names bound by `except ... as`. The numbers must be the memory model's for the target version (computed here
// through model/layout), and where cheap to check, what a real CPython reports (when ~/.pyenv has 3.12.1 / 3.8.18).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { dictObjectSize, dictSize, instanceCost, listSize, setSize, setTable, tupleSize } from '../../server/src/model/layout';
import { LspClient, memoryUri } from '../support/lsp-client';

interface Hover {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const SOURCE = [
  'class Point:', //                                  0
  '    def __init__(self, x, y):',
  '        self.x = x',
  '        self.y = y',
  '',
  '',
  'p = Point(1, 2)', //                               6
  'small = [1, 2, 3]', //                             7
  'squares = [i * i for i in range(1000)]', //        8
  'names = {"a": 1, "b": 2}', //                      9
  'tags = {1, 2, 3}', //                              10
  'pair = (1, "two")', //                             11
  'CACHE = {}', //                                    12
  '',
  '',
  'def remember(key, value):', //                     15
  '    CACHE[key] = value',
  '',
  '',
  'def load(rows):', //                               19
  '    return [r for r in rows]',
  '',
  '',
  'def risky(path):', //                              23
  '    data = open(path).read()',
  '    try:',
  '        parse(data)',
  '    except ValueError as err:', //                 27
  '        log(err)',
  '',
  'import logging',
  'logger = logging.getLogger(__name__)', //          31
  'logger.info("loaded")', //                          32
  '',
].join('\n');

const V312 = { major: 3, minor: 12 } as const;
const V38 = { major: 3, minor: 8 } as const;

/** sys.getsizeof of each expression on a real CPython, or undefined when that interpreter is not installed. */
function measured(version: string, expressions: string[]): number[] | undefined {
  const python = join(homedir(), '.pyenv', 'versions', version, 'bin', 'python');
  if (!existsSync(python)) return undefined;
  const script = ['import sys', ...expressions.map((e) => `print(sys.getsizeof(${e}))`)].join('\n');
  const run = spawnSync(python, ['-c', script], { encoding: 'utf8' });
  if (run.status !== 0) return undefined;
  return run.stdout.trim().split('\n').map(Number);
}

function headlineBytes(markdown: string): number {
  const m = /\*\*([\d,]+) bytes\*\*/.exec(markdown);
  assert.ok(m, `no **N bytes** in:\n${markdown}`);
  return Number(m[1].replace(/,/g, ''));
}

describe('lsp: memory hovers', function () {
  this.timeout(20_000);
  let client: LspClient;
  let old: LspClient;
  const uri = memoryUri('memory-hovers.py');
  before(async () => {
    client = await LspClient.start();
    old = await LspClient.start({ settings: () => ({ pythonVersion: '3.8' }) });
    for (const c of [client, old]) {
      const published = c.waitForDiagnostics(uri);
      await c.open(uri, SOURCE);
      await published;
    }
  });
  after(async () => {
    await client.stop();
    await old.stop();
  });

  const hover = async (line: number, character: number, on = client): Promise<Hover> => {
    const h = await on.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    assert.ok(h, `a hover at ${line}:${character}`);
    assert.equal(h.contents.kind, 'markdown');
    return h;
  };

  it('a constructor call: what one instance occupies, its parts, getsizeof, and the __slots__ saving at 1,000,000', async () => {
    const h = await hover(6, 5);
    const cost = instanceCost(V312, { attributes: ['x', 'y'], slots: false, instances: 1000 });
    const slotted = instanceCost(V312, { attributes: ['x', 'y'], slots: true });
    assert.match(h.contents.value, /^\*\*class Point\*\*: about \*\*\d+ bytes\*\* per instance on CPython 3\.12/);
    assert.match(h.contents.value, /`Point\(\.\.\.\)` makes one instance/);
    assert.equal(headlineBytes(h.contents.value), cost.allocated);
    for (const part of cost.allocatedParts) assert.ok(h.contents.value.includes(`| ${part.label} | ${part.bytes} |`), part.label);
    assert.ok(h.contents.value.includes(`\`sys.getsizeof\` reports ${cost.object} for the object and ${cost.dict} for its \`__dict__\``));
    assert.match(h.contents.value, new RegExp(`With \`__slots__\`: ${slotted.allocated} bytes per instance`));
    assert.match(h.contents.value, /1,000,000 instances/);
    assert.match(h.contents.value, /PEP 412/);
    assert.match(h.contents.value, /\]\(file:\/\/.*MEM401\.md\)/);
    assert.deepEqual(h.range.start, { line: 6, character: 4 });
    const real = measured('3.12.1', ['type("P", (), {"__init__": lambda s, x, y: (setattr(s, "x", x), setattr(s, "y", y), None)[2]})(1, 2)']);
    if (real) assert.equal(real[0], cost.object);
  });

  it('literals: the exact container size from the model, matching CPython', async () => {
    const cases: Array<[number, number, number, string, string]> = [
      [7, 8, listSize(V312, 3, 'literal'), '[1, 2, 3]', 'list'],
      [9, 8, dictSize(V312, 2, true), '{"a": 1, "b": 2}', 'dict'],
      [10, 7, setSize(V312, setTable(V312, 3, 'literal')), '{1, 2, 3}', 'set'],
      [11, 7, tupleSize(V312, 2), '(1, "two")', 'tuple'],
    ];
    const real = measured('3.12.1', cases.map((c) => c[3]));
    for (const [i, [line, character, size, expression, type]] of cases.entries()) {
      const h = await hover(line, character);
      assert.match(h.contents.value, new RegExp(`^\\*\\*${type}\\*\\* of \\d items`));
      assert.equal(headlineBytes(h.contents.value), size, expression);
      assert.match(h.contents.value, /\| part \| bytes \|/);
      assert.match(h.contents.value, /With its elements: \*\*/);
      if (real) assert.equal(real[i], size, `CPython 3.12 sys.getsizeof(${expression})`);
    }
    assert.equal(listSize(V312, 3, 'literal'), 88);
  });

  it('a comprehension over range(constant): exact, with what a generator would save; per target version', async () => {
    const h = await hover(8, 10);
    const size = listSize(V312, 1000, 'comprehension');
    assert.equal(headlineBytes(h.contents.value), size);
    assert.match(h.contents.value, /list comprehension\*\* of 1,000 items/);
    assert.match(h.contents.value, /over-allocated/);
    assert.match(h.contents.value, /generator expression.*1,000,000 items/);
    assert.match(h.contents.value, /\]\(file:\/\/.*MEM301\.md\)/);
    const h38 = await hover(8, 10, old);
    assert.equal(headlineBytes(h38.contents.value), listSize(V38, 1000, 'comprehension'));
    assert.match(h38.contents.value, /CPython 3\.8/);
    const real = measured('3.12.1', ['[i * i for i in range(1000)]']);
    if (real) assert.equal(real[0], size);
    const real38 = measured('3.8.18', ['[i * i for i in range(1000)]', '[1, 2, 3]']);
    if (real38) {
      assert.equal(real38[0], listSize(V38, 1000, 'comprehension'));
      assert.equal(headlineBytes((await hover(7, 8, old)).contents.value), real38[1]);
    }
  });

  it('a comprehension of unknown length: the size per length, from the model', async () => {
    const h = await hover(20, 14); // the `for`
    assert.match(h.contents.value, /size depends on the length/);
    assert.match(h.contents.value, /`rows`/);
    assert.ok(h.contents.value.includes(`| 10 | ${listSize(V312, 10, 'comprehension')} bytes |`), h.contents.value);
    assert.ok(h.contents.value.includes(`| 1,000 | ${listSize(V312, 1000, 'comprehension').toLocaleString('en-US')} bytes |`), h.contents.value);
  });

  it('a module-level container: its size after import from the simulator, and its growth sites (MEM201)', async () => {
    for (const [line, character] of [
      [12, 2],
      [16, 6],
    ]) {
      const h = await hover(line, character);
      assert.match(h.contents.value, /\*\*CACHE\*\* \(module-level `dict`\)/);
      assert.equal(headlineBytes(h.contents.value), dictObjectSize(V312));
      assert.equal(dictObjectSize(V312), dictSize(V312, 0, true));
      assert.match(h.contents.value, /MEM201\), at:\n- line 17: .*remember/);
      assert.match(h.contents.value, /until the interpreter exits/);
      assert.match(h.contents.value, /\]\(file:\/\/.*MEM201\.md\)/);
    }
    const real = measured('3.12.1', ['{}']);
    if (real) assert.equal(real[0], dictObjectSize(V312));
  });

  it('a name bound by except ... as: what its traceback keeps alive, and that the model does not size frames', async () => {
    for (const [line, character] of [
      [27, 26],
      [28, 13],
    ]) {
      const h = await hover(line, character);
      assert.match(h.contents.value, /\*\*err\*\*: the caught exception/);
      assert.match(h.contents.value, /`err\.__traceback__`/);
      assert.match(h.contents.value, /frame of risky\(\): `path`, `data`/);
      assert.match(h.contents.value, /does not size frames/);
      assert.match(h.contents.value, /\]\(file:\/\/.*MEM101\.md\)/);
    }
  });

  it('stays quiet on plain names and operators', async () => {
    const none = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 13 } });
    assert.equal(none, null);
    const logger = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 32, character: 2 } });
    assert.equal(logger, null, 'a module global that is not a container gets no container hover');
    const param = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 15, character: 14 } });
    assert.equal(param, null);
  });
  it('ends with a "Measure with Python" command link for the hovered position when the client runs command links', async () => {
    const plain = await hover(6, 5);
    assert.ok(!plain.contents.value.includes('command:'), 'no command link for a client that did not ask for them');
    // The VS Code client's initialize: initializationOptions.commandLinks (test/support/lsp-client.ts sends none).
    const linked = await LspClient.start({ initialize: false });
    try {
      await linked.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { commandLinks: true } });
      await linked.connection.sendNotification('initialized', {});
      const published = linked.waitForDiagnostics(uri);
      await linked.open(uri, SOURCE);
      await published;
      for (const [line, character] of [
        [6, 5],
        [7, 8],
      ]) {
        const h = await hover(line, character, linked);
        const link = /\[Measure with Python\]\(command:memlens\.measureWithPython\?([^ )]+) "[^"]*"\)$/.exec(h.contents.value);
        assert.ok(link, `a trailing command link in ${h.contents.value.slice(-300)}`);
        assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [uri, { line, character }]);
      }
    } finally {
      await linked.stop();
    }
  });
});
