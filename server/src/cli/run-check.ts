// `memlens check`: find files, resolve each one's configuration, analyse, print, and choose the exit code.
//
// Exit codes: 0 no findings (or --exit-zero), 1 findings, 2 a usage, configuration or I/O problem (a missing
// path, an invalid pyproject.toml, an unwritable --output file). Files that cannot be analysed (binary, not
// UTF-8, unreadable) are reported on stderr and skipped; they do not change the exit code, which then follows the
// findings of the files that were analysed. A check that throws is reported as an internal error and does not
// change the exit code either.
import { statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ALL_RULES } from '../analysis/checks';
import { ConfigResolver } from '../config/config-resolver';
import { analysisOptionsFor, ConfigError, type ProjectConfig } from '../config/project-config';
import type { FileOutcome, FileTask } from './check-file';
import { CheckPool, checkFiles, WORKER_THRESHOLD } from './check-files';
import type { CheckCommand } from './command-line';
import { discoverPythonFiles, type ExcludeRule } from './discover-files';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatSummary, formatText } from './format-text';
import { Progress, type ProgressStream } from './progress';
import { compareDisplayPaths, findingCount, type Report } from './report';

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  cwd: string;
  toolVersion: string;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export async function runCheck(command: CheckCommand, io: CliStreams): Promise<number> {
  const warn = (message: string) => io.stderr.write(`memlens: ${message}\n`);
  const display = (absolute: string) => displayPath(io.cwd, absolute);

  // Workers start before the files are found when there will likely be many, so that their start-up (~30-70 ms)
  // overlaps walking the directories and reading the configuration.
  const pool = likelyManyFiles(command.paths, io.cwd) ? new CheckPool() : undefined;
  const resolver = new ConfigResolver({ describe: display });
  const discovery = discoverPythonFiles(command.paths, io.cwd, { excludesFor: (dir, walkRoot) => excludeRules(dir, walkRoot, command, resolver, io.cwd) });
  for (const missing of discovery.missing) warn(`path not found: ${missing}`);
  for (const warning of discovery.warnings) warn(warning);

  const configErrors = new Set<string>();
  const warnedConfigs = new Set<string>();
  const tasks: FileTask[] = [];
  for (const path of discovery.files) {
    let config: ProjectConfig;
    try {
      config = resolver.forFile(path);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      configErrors.add(error.message);
      continue;
    }
    if (config.file && !warnedConfigs.has(config.file)) {
      warnedConfigs.add(config.file);
      for (const w of config.warnings) warn(w);
    }
    tasks.push({ path, options: analysisOptionsFor(config, command) });
  }
  if (configErrors.size > 0) {
    pool?.dispose();
    for (const message of configErrors) io.stderr.write(`memlens: invalid configuration: ${message}\n`);
    return EXIT_ERROR;
  }
  if (discovery.files.length === 0 && discovery.missing.length === 0) warn('no Python files found under the given paths');

  const progress = new Progress(io.stderr);
  const onProgress = (done: number, total: number) => progress.update(done, total);
  const outcomes = await (pool ? pool.run(tasks, { onProgress }) : checkFiles(tasks, { onProgress }));
  progress.finish();

  const { report, notifications } = collectReport(outcomes, io.cwd);
  for (const n of notifications) warn(n.level === 'error' && !process.env.MEMLENS_DEBUG ? `${firstLine(n.message)} (set MEMLENS_DEBUG=1 for the stack; please report it)` : n.message);

  const output =
    command.format === 'json'
      ? formatJson(report)
      : command.format === 'sarif'
        ? formatSarif(report, { toolVersion: io.toolVersion, rules: ALL_RULES, notifications: notifications.map((n) => ({ ...n, message: firstLine(n.message) })) })
        : formatText(report);
  if (command.output !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, command.output), output);
    } catch (error) {
      warn(`cannot write ${command.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return EXIT_ERROR;
    }
  } else {
    io.stdout.write(output);
  }
  if (command.format === 'text') io.stderr.write(formatSummary(report) + '\n');

  if (discovery.missing.length > 0) return EXIT_ERROR;
  return findingCount(report) > 0 && !command.exitZero ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** Many paths, or a directory: worth starting workers before knowing the files (unneeded ones are stopped). */
function likelyManyFiles(paths: readonly string[], cwd: string): boolean {
  if (paths.length >= WORKER_THRESHOLD) return true;
  return paths.some((path) => {
    try {
      return statSync(resolve(cwd, path)).isDirectory();
    } catch {
      return false;
    }
  });
}

/**
 * --exclude, relative to the working directory (or, for a directory named outside it, to that directory), and the
 * nearest [tool.memlens].exclude, relative to its pyproject.toml.
 */
function excludeRules(directory: string, walkRoot: string, command: CheckCommand, resolver: ConfigResolver, cwd: string): ExcludeRule[] {
  const rules: ExcludeRule[] = [];
  if (command.exclude?.length) {
    const inside = !relative(cwd, walkRoot).startsWith('..') && !isAbsolute(relative(cwd, walkRoot));
    rules.push({ base: inside ? cwd : walkRoot, patterns: command.exclude });
  }
  try {
    const config = resolver.forDirectory(directory);
    if (config.file && config.exclude?.length) rules.push({ base: dirname(config.file), patterns: config.exclude });
  } catch (error) {
    // An invalid pyproject.toml is reported when its files' settings are resolved, after the walk.
    if (!(error instanceof ConfigError)) throw error;
  }
  return rules;
}

interface Notification {
  level: 'warning' | 'error';
  message: string;
}

/** Orders the outcomes by path and turns failures and skipped files into messages (also kept in SARIF). */
function collectReport(outcomes: readonly FileOutcome[], cwd: string): { report: Report; notifications: Notification[] } {
  const report: Report = { files: [], skipped: [], root: cwd };
  const failures: Notification[] = [];
  for (const outcome of outcomes) {
    const shown = displayPath(cwd, outcome.path);
    if (outcome.skipped) {
      report.skipped.push({ displayPath: shown, reason: outcome.skipped });
      continue;
    }
    for (const failure of outcome.failures) {
      // The first line says what broke; the stack follows (printed with MEMLENS_DEBUG=1).
      failures.push({ level: 'error', message: `internal error: ${failure.check} failed on ${shown}: ${failure.message}` });
    }
    report.files.push({ displayPath: shown, absolutePath: outcome.path, findings: outcome.findings, findingLines: outcome.findingLines });
  }
  report.files.sort((a, b) => compareDisplayPaths(a.displayPath, b.displayPath));
  report.skipped.sort((a, b) => compareDisplayPaths(a.displayPath, b.displayPath));
  const skipped = report.skipped.map((s): Notification => ({ level: 'warning', message: `skipped ${s.displayPath}: ${s.reason}` }));
  return { report, notifications: [...failures, ...skipped] };
}

/** Relative to the working directory with forward slashes, as linters print paths. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
