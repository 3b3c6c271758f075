// The configuration every analysis uses: the validated `memlens` editor settings and, per file, the nearest
// pyproject.toml's [tool.memlens] (see analysis-options.ts for the precedence). Problems in either are shown to the
// user once, and the analysis goes on with defaults: a broken setting never stops diagnostics.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisOptions } from '../analysis/analyze';
import { ConfigError, EMPTY_CONFIG, type ProjectConfig } from '../config/project-config';
import { ConfigResolver } from '../config/config-resolver';
import { analysisOptions } from './analysis-options';
import { Notices } from './notices';
import { DEFAULT_SETTINGS, validateSettings, type EditorSettings } from './settings';

export class Configuration {
  private editor: EditorSettings = { ...DEFAULT_SETTINGS };
  private readonly projects = new ConfigResolver();
  /** Folder whose pyproject.toml applies to untitled documents. */
  workspaceRoot: string | undefined;

  constructor(private readonly notices: Notices) {}

  get settings(): EditorSettings {
    return this.editor;
  }

  /** Replaces the editor settings with a new `memlens` section (as sent by the client). */
  updateEditorSettings(section: unknown): void {
    this.notices.reset();
    const { settings, warnings } = validateSettings(section);
    this.editor = settings;
    for (const w of warnings) this.notices.once(`MemLens: ${w}`);
  }

  /** A pyproject.toml changed on disk. */
  projectFilesChanged(): void {
    this.projects.clear();
    this.notices.reset();
  }

  optionsForUri(uri: string): AnalysisOptions {
    const path = filePath(uri);
    return analysisOptions(this.editor, this.projectFor(path ? dirname(path) : this.workspaceRoot));
  }

  optionsForFile(path: string): AnalysisOptions {
    return analysisOptions(this.editor, this.projectFor(dirname(path)));
  }

  private projectFor(directory: string | undefined): ProjectConfig {
    if (!directory) return EMPTY_CONFIG;
    try {
      const config = this.projects.forDirectory(directory);
      for (const w of config.warnings) this.notices.once(`MemLens: ${w}`);
      return config;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.notices.once(`MemLens: ${error.message}; [tool.memlens] is ignored until it is fixed.`);
      return EMPTY_CONFIG;
    }
  }
}

/** The local path of a file: URI, or undefined for other schemes (untitled:, vscode-notebook-cell:, ...). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
