// Turns the snippet the model ran (model/extract) into the program the real interpreter runs: the same prefix
// statements, then the same action (instantiate the class with the same arguments, evaluate the same expression,
// run the same function body up to the same point). Every step keeps the user's line numbers, so a traceback from
// the snippet points at the user's file. Plain data: the bootstrap reads it as JSON from a temporary file.
import type { SyntaxNode } from '../parse/python-parser';
import type { ArgumentSpec, Snippet } from '../model/extract/extract-snippet';

export interface ProgramStep {
  /** Python source; `eval` steps are expressions, and the last one's value is the snippet's value. */
  source: string;
  mode: 'exec' | 'eval';
  /** 0-based line of the user's file where the source's first line is. */
  line: number;
}

export interface SnippetProgram {
  /** The user's file: the code objects' filename, so traceback lines are the user's. */
  filename: string;
  steps: ProgramStep[];
  /** The last eval step produces the value to size. */
  hasValue: boolean;
  /** Module variables to size too (a module prefix has no single value). */
  names: string[];
  memoryLimitBytes: number;
}

export interface ProgramPlan {
  steps: ProgramStep[];
  hasValue: boolean;
  /** Arguments the model could not fill: the real run passes None for them. */
  placeholders: string[];
  /** The function whose body runs as BODY_FUNCTION (tracebacks name it back). */
  bodyOf?: string;
}

/** The module's text with everything but the prefix statements blanked (newlines kept, so lines stay put). */
function prefixSource(text: string, prefix: SyntaxNode[]): string {
  let out = '';
  let at = 0;
  for (const statement of prefix) {
    out += text.slice(at, statement.startIndex).replace(/[^\n]/g, ' ');
    out += text.slice(statement.startIndex, statement.endIndex);
    at = statement.endIndex;
  }
  return out + '\n';
}

/** Call arguments as the model passes them: positional in order, keyword-only by name, None for placeholders. */
function callArguments(args: ArgumentSpec[]): string {
  return args.map((a) => `${a.keywordOnly ? `${a.name}=` : ''}(${a.source ?? 'None'})`).join(', ');
}

export const BODY_FUNCTION = '__memlens_body__';

/** A copy of the function named BODY_FUNCTION whose body stops before `stopBefore` and returns `focus`; the
 *  header is the original's (parameters, defaults, annotations), decorators are left out. */
function bodyFunctionSource(text: string, fn: SyntaxNode, focus?: SyntaxNode, stopBefore?: SyntaxNode): string {
  const name = fn.childForFieldName('name')!;
  const body = fn.childForFieldName('body')!;
  const header = text.slice(fn.startIndex, name.startIndex) + BODY_FUNCTION + text.slice(name.endIndex, body.startIndex);
  if (!focus || !stopBefore) return header + text.slice(body.startIndex, body.endIndex) + '\n';
  // Blank lines inside the parentheses keep the focus expression on its own line.
  const gap = '\n'.repeat(focus.startPosition.row - stopBefore.startPosition.row);
  return `${header}${text.slice(body.startIndex, stopBefore.startIndex)}return (${gap}${focus.text})\n`;
}

export function planProgram(text: string, snippet: Snippet): ProgramPlan {
  const steps: ProgramStep[] = [{ source: prefixSource(text, snippet.prefix), mode: 'exec', line: 0 }];
  const action = snippet.action;
  const placeholders: string[] = [];
  switch (action.kind) {
    case 'none':
      return { steps, hasValue: false, placeholders };
    case 'evaluate':
      steps.push({ source: action.expression.text, mode: 'eval', line: action.expression.startPosition.row });
      return { steps, hasValue: true, placeholders };
    case 'instantiate':
      for (const a of action.args) if (!a.source) placeholders.push(a.name);
      steps.push({ source: `${action.className}(${callArguments(action.args)})`, mode: 'eval', line: action.classNode.startPosition.row });
      return { steps, hasValue: true, placeholders };
    case 'function-body': {
      for (const a of action.args) if (!a.source) placeholders.push(a.name);
      const fn = action.functionNode;
      steps.push({ source: bodyFunctionSource(text, fn, action.focus, action.stopBefore), mode: 'exec', line: fn.startPosition.row });
      steps.push({ source: `${BODY_FUNCTION}(${callArguments(action.args)})`, mode: 'eval', line: fn.startPosition.row });
      return { steps, hasValue: true, placeholders, bodyOf: fn.childForFieldName('name')?.text };
    }
  }
}
