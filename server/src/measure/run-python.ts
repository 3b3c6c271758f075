// Runs the bootstrap on a snippet program in a real interpreter: no shell, `-I` (isolated: no PYTHON* variables,
// no user site, no script directory on sys.path), its own process group, a wall-clock limit and a cap on what it
// may print. The whole group is killed (SIGKILL to -pid) on timeout, cancellation, oversized output and after the
// interpreter exits, so nothing the snippet started outlives the measurement.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bootstrapSource } from './bootstrap-source';
import type { SnippetProgram } from './snippet-program';

/** What the bootstrap prints on its first line, as soon as the interpreter runs. */
export interface StartLine {
  event: 'start';
  python: string;
  implementation: string;
}

export interface SizedValue {
  type: string;
  shallow: number;
  deep: number;
}

export interface BootstrapError {
  kind: 'raised' | 'memory' | 'syntax';
  type: string;
  message: string;
  /** 1-based line of the user's file (innermost frame there), when the traceback reaches it. */
  line: number | null;
  traceback: string;
}

/** The bootstrap's last line. */
export interface ResultLine {
  event: 'result';
  memoryLimit: { enforced: boolean; reason?: string; baseVirtualBytes?: number; limitBytes?: number };
  tracemalloc?: { current: number; peak: number };
  value?: SizedValue;
  names?: Array<(SizedValue & { name: string }) | { name: string; error: string }>;
  error?: BootstrapError;
}

export type RunFailure =
  | { kind: 'interpreter-not-found'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'killed'; message: string; signal: string }
  | { kind: 'garbage'; message: string }
  | { kind: 'exited'; message: string; code: number | null };

export interface RunOutcome {
  start?: StartLine;
  result?: ResultLine;
  failure?: RunFailure;
  /** The last few KB of stderr (the snippet's prints and Python's own errors). */
  stderrTail: string;
  pid?: number;
  elapsedMs: number;
}

export interface RunOptions {
  interpreter: string;
  timeoutMs: number;
  memoryLimitBytes: number;
  /** Aborting kills the process group. */
  signal?: AbortSignal;
  /** Default 1 MB: the protocol's two lines are far smaller. */
  maxStdoutBytes?: number;
}

const STDERR_TAIL = 8 * 1024;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') process.kill(pid, 'SIGKILL');
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function parseLines(stdout: string): { start?: StartLine; result?: ResultLine; garbage?: string } {
  let start: StartLine | undefined;
  let result: ResultLine | undefined;
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { start, result, garbage: line.slice(0, 200) };
    }
    const event = (parsed as { event?: unknown } | null)?.event;
    if (event === 'start') start = parsed as StartLine;
    else if (event === 'result') result = parsed as ResultLine;
    else return { start, result, garbage: line.slice(0, 200) };
  }
  return { start, result };
}

export function runSnippetProgram(program: Omit<SnippetProgram, 'memoryLimitBytes'>, options: RunOptions): Promise<RunOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'memlens-measure-'));
  const bootstrap = join(dir, 'bootstrap.py');
  const snippet = join(dir, 'snippet.json');
  writeFileSync(bootstrap, bootstrapSource());
  writeFileSync(snippet, JSON.stringify({ ...program, memoryLimitBytes: options.memoryLimitBytes }));
  const maxStdout = options.maxStdoutBytes ?? 1024 * 1024;
  const began = Date.now();
  return new Promise<RunOutcome>((resolve) => {
    let stdout = '';
    let stdoutBytes = 0;
    let stderrTail = '';
    let failure: RunFailure | undefined;
    let settled = false;
    const child = spawn(options.interpreter, ['-I', bootstrap, snippet], {
      detached: true,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: program.filename ? dirname(program.filename) : undefined,
      windowsHide: true,
    });
    const stop = (why: RunFailure): void => {
      failure ??= why;
      killGroup(child.pid);
    };
    const timer = setTimeout(() => stop({ kind: 'timeout', message: `timed out after ${options.timeoutMs / 1000} s: the process group was killed` }), options.timeoutMs);
    const onAbort = (): void => stop({ kind: 'cancelled', message: 'cancelled: the process group was killed' });
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        stop({ kind: 'garbage', message: `the snippet wrote more than ${maxStdout} bytes of output that is not a measurement` });
        return;
      }
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      killGroup(child.pid); // whatever the snippet started in its group goes too
      rmSync(dir, { recursive: true, force: true });
      const parsed = parseLines(stdout);
      if (!failure && parsed.garbage !== undefined) failure = { kind: 'garbage', message: `the snippet printed something that is not a measurement: ${JSON.stringify(parsed.garbage)}` };
      if (!failure && !parsed.result) {
        if (signal) failure = { kind: 'killed', signal, message: `the interpreter was killed by ${signal}` };
        else if (!parsed.start) failure = { kind: 'garbage', message: `the interpreter exited (code ${code}) without starting the measurement (not CPython 3.6+?)` };
        else failure = { kind: 'exited', code, message: `the snippet ended the interpreter (exit code ${code}) before the measurement was written` };
      }
      resolve({ start: parsed.start, result: failure ? undefined : parsed.result, failure, stderrTail, pid: child.pid, elapsedMs: Date.now() - began });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        failure = { kind: 'interpreter-not-found', message: `Python interpreter not found: '${options.interpreter}' (${error.code}). Set memlens.pythonPath or pass --python-path.` };
      } else failure ??= { kind: 'exited', code: null, message: `cannot run '${options.interpreter}': ${error.message}` };
      finish(null, null);
    });
    // Once the interpreter is gone, anything it left in its group would hold the pipes open: end it.
    child.on('exit', () => killGroup(child.pid));
    child.on('close', (code, signal) => finish(code, signal));
  });
}
