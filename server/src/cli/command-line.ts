// The command line: `memlens check PATH... [options]`, `memlens rules`, `--help`, `--version`.
// Parsed with node:util parseArgs in strict mode, so an unknown or misspelt flag is a usage error, never ignored.
import { parseArgs } from 'node:util';
import { ALL_RULES } from '../analysis/checks';
import { parseVersion, SUPPORTED_MINORS, type PythonVersion } from '../analysis/python-version';
import { unknownSelectors } from '../analysis/rule-selection';
import { HEAP_FORMATS, type HeapCommand, type HeapFormat } from './run-heap';
import { MEASURE_FORMATS, type MeasureCommand, type MeasureFormat } from './run-measure';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CheckCommand {
  kind: 'check';
  paths: string[];
  format: OutputFormat;
  python?: PythonVersion;
  /** Given on the command line: replaces [tool.memlens] select and ignore. */
  select?: string[];
  /** Added to [tool.memlens] ignore (or to --select's selection). */
  ignore?: string[];
  /** Gitignore-syntax patterns relative to the working directory, added to [tool.memlens].exclude. */
  exclude?: string[];
  exitZero: boolean;
  output?: string;
}

export interface SizeCommand {
  kind: 'size';
  /** JSON lines {"id","setup","expr"}; '-' reads standard input. */
  batch: string;
  python?: PythonVersion;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'rules' } | CheckCommand | SizeCommand | HeapCommand | MeasureCommand;

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

export const HELP = `MemLens: finds what keeps Python memory alive or makes it large.

Usage:
  memlens check [PATH...] [options]   analyse .py files (directories are walked; default: .)
  memlens rules                       list every rule: code, category, severity, summary
  memlens size --batch FILE [--python X.Y]
                                      size Python values with the memory model: FILE (or - for stdin) has
                                      JSON lines {"id","setup","expr"}; prints {"id","type","shallow","deep"}
                                      or {"id","error"} per line
  memlens heap FILE.py [--line N] [--python X.Y] [--steps] [--format text|json|html] [--output FILE]
                                      run the heap simulator on the snippet for line N (the enclosing class's
                                      instance, function body, comprehension or literal; without --line the
                                      whole module) and print the heap snapshot: a table of objects, sizes,
                                      refcounts and GC-only cycles (text), the snapshot (json, with one snapshot
                                      per statement with --steps), or a standalone heap diagram page (html)
  memlens measure FILE.py --line N [--python-path P] [--timeout S] [--memory-limit MB] [--format text|json]
                                      run the same snippet in a real interpreter (--python-path, else python3;
                                      isolated, in its own process group, killed after --timeout seconds,
                                      default 5, or beyond --memory-limit MB, default 512) and print
                                      sys.getsizeof, the deep size and tracemalloc beside the model's figures
                                      for that interpreter's version
  memlens --help | --version

Options for check:
  --format text|json|sarif   output format (default: text)
  --python X.Y               target CPython version, 3.${SUPPORTED_MINORS[0]} to 3.${SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1]} (default: [tool.memlens].python,
                             else the lower bound of requires-python, else 3.12)
  --select CODES             only these rules: codes (MEM301), prefixes (MEM3) or categories
                             (large-comprehension), comma-separated; replaces the configured selection
  --ignore CODES             skip these rules (same forms); added to the configured ignore list
  --exclude PATTERNS         skip files and directories matching these gitignore-style patterns
                             (comma-separated, relative to the working directory, or to a named directory
                             outside it) when walking directories
  --exit-zero                exit 0 even when there are findings
  --output FILE, -o FILE     write the report to FILE instead of standard output

Exit codes: 0 no findings, 1 findings, 2 usage, configuration or I/O error (e.g. a missing path).
Configuration: [tool.memlens] in the nearest pyproject.toml (select, ignore, exclude, python, large-collection).
`;

function splitList(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function checkSelectors(flag: string, entries: string[] | undefined): void {
  if (!entries) return;
  const unknown = unknownSelectors(ALL_RULES, entries);
  if (unknown.length > 0) {
    throw new UsageError(`${flag}: unknown rule selector${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} (see memlens rules)`);
  }
}

function parseHeap(rest: string[], values: { format?: string; line?: string; steps?: boolean; output?: string }, python: PythonVersion | undefined): HeapCommand {
  if (rest.length !== 1) throw new UsageError(`memlens heap takes one Python file (got ${rest.length})`);
  const format = values.format ?? 'text';
  if (!(HEAP_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format for memlens heap must be one of ${HEAP_FORMATS.join(', ')} (got '${format}')`);
  let line: number | undefined;
  if (values.line !== undefined) {
    line = Number(values.line);
    if (!Number.isInteger(line) || line < 1) throw new UsageError(`--line must be a line number from 1 (got '${values.line}')`);
  }
  if (values.output === '') throw new UsageError('--output needs a file name');
  return { kind: 'heap', file: rest[0], python, line, steps: values.steps ?? false, format: format as HeapFormat, output: values.output };
}

function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number (got '${value}')`);
  return n;
}

function parseMeasure(rest: string[], values: { format?: string; line?: string; 'python-path'?: string; timeout?: string; 'memory-limit'?: string }): MeasureCommand {
  if (rest.length !== 1) throw new UsageError(`memlens measure takes one Python file (got ${rest.length})`);
  const format = values.format ?? 'text';
  if (!(MEASURE_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format for memlens measure must be one of ${MEASURE_FORMATS.join(', ')} (got '${format}')`);
  if (values.line === undefined) throw new UsageError('memlens measure needs --line N');
  const line = Number(values.line);
  if (!Number.isInteger(line) || line < 1) throw new UsageError(`--line must be a line number from 1 (got '${values.line}')`);
  if (values['python-path'] === '') throw new UsageError('--python-path needs an interpreter path');
  return {
    kind: 'measure',
    file: rest[0]!,
    line,
    pythonPath: values['python-path'],
    timeoutSeconds: positiveNumber('--timeout', values.timeout),
    memoryLimitMB: positiveNumber('--memory-limit', values['memory-limit']),
    format: format as MeasureFormat,
  };
}

function parsePythonFlag(value: string | undefined): PythonVersion | undefined {
  if (value === undefined) return undefined;
  const python = parseVersion(value);
  if (!python) {
    const oldest = SUPPORTED_MINORS[0];
    const newest = SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1];
    throw new UsageError(`--python must be a CPython version from 3.${oldest} to 3.${newest}, like 3.12 (got '${value}')`);
  }
  return python;
}

export function parseCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
        format: { type: 'string' },
        python: { type: 'string' },
        select: { type: 'string', multiple: true },
        ignore: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        'exit-zero': { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        batch: { type: 'string' },
        line: { type: 'string' },
        steps: { type: 'boolean' },
        'python-path': { type: 'string' },
        timeout: { type: 'string' },
        'memory-limit': { type: 'string' },
      },
    });
  } catch (error) {
    // parseArgs' messages already name the flag ("Unknown option '--foo'").
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('missing command (memlens check PATH...)');
  if (command === 'rules') {
    if (rest.length > 0) throw new UsageError(`memlens rules takes no arguments (got '${rest[0]}')`);
    return { kind: 'rules' };
  }
  if (command !== 'check' && command !== 'size' && command !== 'heap' && command !== 'measure') throw new UsageError(`unknown command '${command}' (expected check, rules, size, heap or measure)`);
  if (command === 'measure') {
    if (values.python !== undefined) throw new UsageError("memlens measure takes the interpreter's own version; use --python-path");
    return parseMeasure(rest, values);
  }
  if (values['python-path'] !== undefined || values.timeout !== undefined || values['memory-limit'] !== undefined) {
    throw new UsageError('--python-path, --timeout and --memory-limit go with memlens measure');
  }

  const python = parsePythonFlag(values.python);
  if (command === 'size') {
    if (rest.length > 0) throw new UsageError(`memlens size takes no positional arguments (got '${rest[0]}'); use --batch FILE`);
    if (values.batch === undefined || values.batch === '') throw new UsageError('memlens size needs --batch FILE (JSON lines {"id","setup","expr"}; - for stdin)');
    return { kind: 'size', batch: values.batch, python };
  }
  if (values.batch !== undefined) throw new UsageError('--batch goes with memlens size');
  if (command === 'heap') return parseHeap(rest, values, python);
  if (values.line !== undefined || values.steps) throw new UsageError('--line and --steps go with memlens heap');

  const format = values.format ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got '${format}')`);
  }
  const select = splitList(values.select);
  const ignore = splitList(values.ignore);
  checkSelectors('--select', select);
  checkSelectors('--ignore', ignore);
  if (values.output === '') throw new UsageError('--output needs a file name');

  return {
    kind: 'check',
    paths: rest.length > 0 ? rest : ['.'],
    format: format as OutputFormat,
    python,
    select,
    ignore,
    exclude: splitList(values.exclude),
    exitZero: values['exit-zero'] ?? false,
    output: values.output,
  };
}
