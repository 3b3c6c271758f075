// Runs `memlens check` as a user would: a fresh `node bin/memlens.js` process, so every run is cold (Node start-up,
// grammar load, worker start-up included).
import { join } from 'node:path';
import { spawnMeasured } from './measured-spawn.mjs';

/** One cold run; `args` follow `memlens`. Exit codes 0 and 1 are success (findings or not). */
export function runCli(root, args, { cwd }) {
  return spawnMeasured(process.execPath, [join(root, 'bin', 'memlens.js'), ...args], { cwd });
}
