// Runs a command in a child process and measures it: wall time, CPU time (user + system of the process and its
// waited-for children) and peak resident memory. CPU time is the number to trust on a busy machine: waiting for a
// core inflates wall time, not CPU time.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nowMs } from './stats.mjs';

const GNU_TIME = '/usr/bin/time';

/** How peak RSS and CPU are measured: GNU time (wait4's rusage: the child and its waited-for descendants; worker
 *  threads are inside the process), else polling VmHWM in /proc (peak RSS only, no CPU time). */
export function measureMethod() {
  return existsSync(GNU_TIME) ? 'GNU time (wait4 rusage)' : existsSync('/proc/self/status') ? 'polling /proc/<pid>/status VmHWM' : 'unavailable';
}

function readHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Peak of a process plus its descendants, summed (they are alive at the same time). */
function treeHwmKb(pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop();
    total += readHwmKb(p);
    stack.push(...childPids(p));
  }
  return total;
}

/** Resolves { ms, cpuMs, rssMb, code, stdout, stderr }; cpuMs and rssMb are NaN when they cannot be measured. */
export function spawnMeasured(command, args, { cwd }) {
  const method = measureMethod();
  let timeDir;
  let file = command;
  let fileArgs = args;
  if (method.startsWith('GNU time')) {
    timeDir = mkdtempSync(join(tmpdir(), 'memlens-bench-'));
    file = GNU_TIME;
    fileArgs = ['-f', '%M %U %S', '-o', join(timeDir, 'usage'), command, ...args];
  }
  return new Promise((resolve) => {
    const start = nowMs();
    const child = spawn(file, fileArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    let polledKb = 0;
    const poll = method.startsWith('polling') ? setInterval(() => (polledKb = Math.max(polledKb, treeHwmKb(child.pid))), 5) : undefined;
    const finish = (code, extra = '') => {
      const ms = nowMs() - start;
      if (poll) clearInterval(poll);
      let rssKb = polledKb || NaN;
      let cpuMs = NaN;
      if (timeDir) {
        try {
          // GNU time writes "Command exited with non-zero status N" before the format line when the child fails.
          const lines = readFileSync(join(timeDir, 'usage'), 'utf8').trim().split('\n');
          const [maxRss, user, system] = lines[lines.length - 1].split(' ').map(Number);
          rssKb = maxRss;
          cpuMs = (user + system) * 1000;
        } catch {
          // left NaN: reported as n/a
        }
        rmSync(timeDir, { recursive: true, force: true });
      }
      resolve({ ms, cpuMs, rssMb: rssKb / 1024, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') + extra });
    };
    child.on('error', (error) => finish(-1, String(error)));
    child.on('close', (code) => finish(code));
  });
}
