// The `memlens` command (bundled to dist/cli.js; bin/memlens.js loads it). Wiring only: the command line, then
// the check run; all output goes through the streams given to runCheck so tests can drive it.
import packageJson from '../../package.json';
import { ALL_RULES } from './analysis/checks';
import { HELP, parseCommandLine, UsageError, type Command } from './cli/command-line';
import { formatRuleList } from './cli/list-rules';
import { EXIT_ERROR, runCheck } from './cli/run-check';
import { runSize } from './cli/run-size';
import { runHeap } from './cli/run-heap';
import { runMeasure } from './cli/run-measure';

async function main(argv: readonly string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`memlens: ${error.message}\nRun 'memlens --help' for usage.\n`);
    return EXIT_ERROR;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(HELP);
      return 0;
    case 'version':
      process.stdout.write(`memlens ${packageJson.version}\n`);
      return 0;
    case 'rules':
      process.stdout.write(formatRuleList(ALL_RULES));
      return 0;
    case 'check':
      return runCheck(command, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), toolVersion: packageJson.version });
    case 'heap':
      return runHeap(command, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
    case 'measure':
      return runMeasure(command, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
    case 'size':
      return runSize(command.batch, command.python, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  }
}

// `memlens check . | head` closes the pipe early: stop quietly instead of throwing EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`memlens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
