// What one analysis runs with: editor settings over the nearest pyproject.toml's [tool.memlens] over the defaults.
// Precedence, per value: a value set in the editor (non-empty list, explicit version, number) wins; otherwise
// pyproject.toml's; otherwise the built-in default. `memlens.pythonVersion: auto` means [tool.memlens].python, else
// the lower bound of requires-python, else 3.12.
import type { AnalysisOptions } from '../analysis/analyze';
import { targetPython, type ProjectConfig } from '../config/project-config';
import type { EditorSettings } from './settings';

export function analysisOptions(settings: EditorSettings, project: ProjectConfig): AnalysisOptions {
  const thresholds = { ...project.thresholds };
  if (settings.largeCollection !== undefined) thresholds.largeCollection = settings.largeCollection;
  return {
    python: targetPython(project, settings.python),
    select: settings.select ?? project.select,
    ignore: settings.ignore ?? project.ignore,
    thresholds,
  };
}
