// Measure with Python: the snippet the model runs, run in the real interpreters on this machine. The measured
// sys.getsizeof and deep size must equal the model's for each installed CPython 3.8-3.13; the limits (time,
// memory, output) and the errors (raised, missing interpreter, garbage) must be reported clearly.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseCommandLine } from '../../../server/src/cli/command-line';
import { runMeasure } from '../../../server/src/cli/run-measure';
import { bootstrapSource } from '../../../server/src/measure/bootstrap-source';
import { runSnippetProgram } from '../../../server/src/measure/run-python';
import { formatMeasureMarkdown, formatMeasureText, measureSnippet, type MeasureReport } from '../../../server/src/measure';

const SOURCE = `class Point:
    def __init__(self, x: int, y=2.5, name="p"):
        self.x = x
        self.y = y
        self.tags = [name, name]


squares = [i * i for i in range(100)]
table = {"a": 1, "b": [1, 2, 3], "c": "hello", "d": (1.5, None)}
total = sum(squares)


def build(n: int = 10):
    xs = list(range(n))
    pairs = {k: str(k) for k in xs}
    return pairs


def fail(limit=3):
    values = [1, 2]
    return values[limit]
`;

/** Cursor positions (0-based line, column) and what they measure. */
const CASES = [
  { name: 'class instance', line: 2, column: 8, kind: 'class-instance' },
  { name: 'list comprehension over a constant range', line: 7, column: 12, kind: 'expression' },
  { name: 'dict literal', line: 8, column: 10, kind: 'expression' },
  { name: 'module prefix', line: 9, column: 0, kind: 'module-prefix' },
  { name: 'function body (comprehension in a function)', line: 14, column: 14, kind: 'function-body' },
];

function pyenvInterpreter(minor: number): string | undefined {
  const root = join(homedir(), '.pyenv', 'versions');
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return undefined;
  }
  const name = names.filter((n) => n.startsWith(`3.${minor}.`)).sort()[0];
  const path = name ? join(root, name, 'bin', 'python') : undefined;
  return path && existsSync(path) ? path : undefined;
}

const INTERPRETERS: Array<{ label: string; path: string }> = [];
for (let minor = 8; minor <= 13; minor++) {
  const path = pyenvInterpreter(minor);
  if (path) INTERPRETERS.push({ label: `3.${minor} (pyenv)`, path });
  else console.log(`    measure: CPython 3.${minor} is not installed under ~/.pyenv: skipped`);
}
if (existsSync('/usr/bin/python3.11')) INTERPRETERS.push({ label: '3.11 (/usr/bin/python3.11)', path: '/usr/bin/python3.11' });

const work = mkdtempSync(join(tmpdir(), 'memlens-measure-test-'));
const FILE = join(work, 'shapes.py');
writeFileSync(FILE, SOURCE);

function measure(text: string, line: number, interpreter = 'python3', extra: { column?: number; timeoutSeconds?: number; memoryLimitMB?: number; signal?: AbortSignal } = {}): Promise<MeasureReport> {
  const filename = join(work, `snippet-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(filename, text);
  return measureSnippet({ text, filename, line, interpreter, ...extra });
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie waiting for a reaper (PID 1 in a container may never reap) is gone as far as running goes.
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? false;
  } catch {
    return true;
  }
}

describe('measure: real interpreter vs the model', function () {
  this.timeout(60000);

  it('carries scripts/deep_size.py, the definition the ground truth uses (one definition)', () => {
    const definition = readFileSync(join(__dirname, '..', '..', '..', 'scripts', 'deep_size.py'), 'utf8');
    assert.ok(bootstrapSource().includes(definition), 'the bootstrap embeds scripts/deep_size.py verbatim');
    assert.ok(!bootstrapSource().includes('inserted here'), 'the marker is replaced');
  });

  for (const interpreter of INTERPRETERS) {
    describe(`CPython ${interpreter.label}`, () => {
      for (const c of CASES) {
        it(`measures the ${c.name} exactly as the model predicts`, async () => {
          const report = await measureSnippet({ text: SOURCE, filename: FILE, line: c.line, column: c.column, interpreter: interpreter.path });
          assert.equal(report.error, undefined, report.error?.message);
          assert.equal(report.snippet.kind, c.kind);
          assert.equal(report.modelPython, interpreter.label.slice(0, 4).replace(/ $/, ''));
          assert.ok(report.rows.length > 0, 'something was sized');
          for (const row of report.rows) {
            assert.ok(row.real && row.model, `${row.name}: both sides measured`);
            assert.equal(row.real.shallow, row.model.shallow, `${row.name} (${row.real.type}): sys.getsizeof`);
            assert.equal(row.real.deep, row.model.deep, `${row.name} (${row.real.type}): deep size`);
          }
          assert.ok(report.tracemalloc && report.tracemalloc.peak >= report.tracemalloc.current, 'tracemalloc current and peak');
          assert.match(formatMeasureText(report), /equal/);
        });
      }
    });
  }

  it('kills an infinite loop at the time limit, with everything it started', async () => {
    const text = 'import subprocess\nchild = subprocess.Popen(["sleep", "60"])\nprint("child", child.pid, flush=True)\nwhile True:\n    pass\n';
    const began = Date.now();
    const report = await measure(text, 4, 'python3', { timeoutSeconds: 1 });
    const elapsed = Date.now() - began;
    assert.equal(report.error?.kind, 'timeout');
    assert.match(report.error!.message, /timed out after 1 s/);
    assert.ok(elapsed < 3000, `returned after ${elapsed} ms`);
    const grandchild = Number(/child (\d+)/.exec(report.error!.stderrTail ?? '')?.[1]);
    assert.ok(grandchild > 0, 'the snippet reported its child');
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(processGone(grandchild), 'the process the snippet started was killed with the group');
  });

  it('leaves no interpreter behind after a timeout', async () => {
    const outcome = await runSnippetProgram({ filename: FILE, steps: [{ source: 'while True: pass\n', mode: 'exec', line: 0 }], hasValue: false, names: [] }, { interpreter: 'python3', timeoutMs: 500, memoryLimitBytes: 64 << 20 });
    assert.equal(outcome.failure?.kind, 'timeout');
    assert.ok(outcome.pid && processGone(outcome.pid), 'the interpreter is gone');
  });

  it('kills the process group when the run is cancelled', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const began = Date.now();
    const report = await measure('while True:\n    pass\n', 1, 'python3', { signal: abort.signal });
    assert.equal(report.error?.kind, 'cancelled');
    assert.ok(Date.now() - began < 2000);
  });

  for (const bomb of ['x = [0] * 10**10\n', 'x = bytearray(10**11)\n', 'x = bytearray(10**9)\n', 'x = [0] * 10**8\n']) {
    it(`stops a memory bomb at the memory limit: ${bomb.trim()}`, async () => {
      const report = await measure(bomb, 0, 'python3', { memoryLimitMB: 256 });
      assert.equal(report.error?.kind, 'memory', report.error?.message);
      assert.match(report.error!.message, /memory limit hit at line 1/);
    });
  }

  it('keeps the snippet’s own prints (50 MB of them) out of the measurement', async () => {
    const text = 'import sys\nprint("not json")\nsys.stdout.write("x" * 50_000_000)\nvalues = [1, 2, 3]\n';
    const report = await measure(text, 3);
    assert.equal(report.error, undefined, report.error?.message);
    const row = report.rows.find((r) => r.name === 'values');
    assert.equal(row?.real?.shallow, row?.model?.shallow);
  });

  it('reports output that is not a measurement, with the stderr tail, and caps it', async () => {
    const garbage = join(work, 'garbage-python');
    writeFileSync(garbage, '#!/bin/sh\necho "Hello from a fake interpreter"\necho "some diagnostics" >&2\n');
    chmodSync(garbage, 0o755);
    const report = await measure('x = 1\n', 0, garbage);
    assert.equal(report.error?.kind, 'garbage');
    assert.match(report.error!.message, /not a measurement: "Hello from a fake interpreter"/);
    assert.match(report.error!.stderrTail ?? '', /some diagnostics/);
    const flood = join(work, 'flood-python');
    writeFileSync(flood, '#!/bin/sh\nhead -c 50000000 /dev/zero | tr "\\0" x\n');
    chmodSync(flood, 0o755);
    const began = Date.now();
    const flooded = await measure('x = 1\n', 0, flood);
    assert.equal(flooded.error?.kind, 'garbage');
    assert.match(flooded.error!.message, /more than 1048576 bytes/);
    assert.ok(Date.now() - began < 4000);
  });

  it('maps an exception back to the line of the user’s file', async () => {
    const report = await measureSnippet({ text: SOURCE, filename: FILE, line: 19, column: 4, interpreter: 'python3' });
    assert.equal(report.error?.kind, 'raised');
    assert.equal(report.error?.exceptionType, 'IndexError');
    assert.equal(report.error?.line, 21);
    assert.match(report.error!.message, /raised IndexError: list index out of range at line 21/);
    assert.match(report.error!.stderrTail ?? '', /shapes\.py", line 21/);
    assert.match(formatMeasureMarkdown(report), /Error: the snippet raised IndexError/);
  });

  it('maps a syntax error the interpreter finds to the user’s line', async function () {
    const python38 = pyenvInterpreter(8);
    if (!python38) this.skip();
    const text = 'x = 1\n\n\ndef pick(value=1):\n    match value:\n        case 1:\n            return [1]\n    return []\n';
    const report = await measure(text, 6, python38!, { column: 20 });
    assert.equal(report.error?.kind, 'syntax');
    assert.equal(report.error?.line, 5);
    assert.match(report.error!.message, /cannot compile the snippet at line 5: SyntaxError/);
  });

  it('says so when a function body produces no value, and still reports tracemalloc', async () => {
    const report = await measure('def fill(n=3):\n    xs = [0] * n\n', 1);
    assert.equal(report.error, undefined);
    assert.deepEqual(report.rows, []);
    assert.match(report.notes.join('\n'), /no value \(None\)/);
    assert.ok(report.tracemalloc);
  });

  it('says clearly when the interpreter does not exist', async () => {
    const report = await measure('x = 1\n', 0, join(work, 'no-such-python'));
    assert.equal(report.error?.kind, 'interpreter-not-found');
    assert.match(report.error!.message, /Python interpreter not found: '.*no-such-python' \(ENOENT\)/);
  });

  it('says when the interpreter is outside the versions the model covers', async function () {
    const old = ['3.7', '3.6'].map((v) => readdirSync(join(homedir(), '.pyenv', 'versions')).find((n) => n.startsWith(`${v}.`))).find(Boolean);
    if (!old) this.skip();
    const report = await measure('x = [1, 2]\n', 0, join(homedir(), '.pyenv', 'versions', old!, 'bin', 'python'));
    assert.equal(report.modelPython, undefined);
    assert.match(report.modelNote ?? '', /covers CPython 3\.8 to 3\.14, not 3\.[67]/);
    assert.equal(report.rows[0]?.real?.type, 'list');
  });

  it('memlens measure FILE --line N prints model and reality (CLI)', async () => {
    const command = parseCommandLine(['measure', FILE, '--line', '3', '--python-path', 'python3', '--timeout', '10', '--memory-limit', '300', '--format', 'json']);
    assert.deepEqual(command, { kind: 'measure', file: FILE, line: 3, pythonPath: 'python3', timeoutSeconds: 10, memoryLimitMB: 300, format: 'json' });
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d) => (out += d));
    const code = await runMeasure(command as never, { stdout, stderr: new PassThrough(), cwd: work });
    assert.equal(code, 0);
    const report = JSON.parse(out) as MeasureReport;
    assert.equal(report.rows[0]?.real?.deep, report.rows[0]?.model?.deep);
    assert.throws(() => parseCommandLine(['measure', FILE]), /needs --line N/);
    assert.throws(() => parseCommandLine(['check', '.', '--timeout', '3']), /go with memlens measure/);
  });
});
