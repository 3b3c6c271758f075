// The hover side of "Measure with Python", as language-client middleware: the server's memory hover ends with a
// command link (server/src/features/hover-format.ts `measureLink`), which VS Code only runs from a MarkdownString
// trusted for that command, so the hover is trusted for exactly that one command (not for every command). When the
// snippet under the pointer was measured in this version of the document, the real figures are appended.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { MEASURE_COMMAND } from './measure-command';
import { measuredHoverMarkdown, measurementAt } from './measure-results';

const TRUSTED: vscode.MarkdownString['isTrusted'] = { enabledCommands: [MEASURE_COMMAND] };

function trust(content: vscode.Hover['contents'][number]): vscode.MarkdownString | vscode.MarkedString {
  if (content instanceof vscode.MarkdownString) content.isTrusted = TRUSTED;
  return content;
}

export const measureHoverMiddleware: Required<Pick<Middleware, 'provideHover'>> = {
  provideHover: async (document, position, token, next) => {
    const hover = await next(document, position, token);
    if (!hover) return hover;
    const contents = hover.contents.map(trust);
    const measured = await measurementAt(document, position).catch(() => undefined);
    if (measured && !token.isCancellationRequested) contents.push(new vscode.MarkdownString(measuredHoverMarkdown(measured.report)));
    return new vscode.Hover(contents, hover.range);
  },
};
