// Checks the params of the requests MemLens handles. JSON-RPC says params that do not fit the method are
// InvalidParams (-32602); without these checks a malformed request would fail somewhere inside a handler and come
// back as an internal error, or worse, be answered as if it were valid.
import { ErrorCodes, ResponseError, type CodeActionParams, type Position, type Range } from 'vscode-languageserver/node';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUinteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isPosition(value: unknown): value is Position {
  return isObject(value) && isUinteger(value.line) && isUinteger(value.character);
}

function isRange(value: unknown): value is Range {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

export function invalidParams(method: string, problem: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}`);
}

/** The document URI of TextDocumentPositionParams-like params, or throws InvalidParams. */
export function requireDocumentUri(method: string, params: unknown): string {
  if (!isObject(params)) throw invalidParams(method, 'params must be an object');
  const doc = params.textDocument;
  if (!isObject(doc) || typeof doc.uri !== 'string') throw invalidParams(method, '"textDocument.uri" must be a string');
  return doc.uri;
}

export function requireCodeActionParams(params: unknown): CodeActionParams {
  const method = 'textDocument/codeAction';
  requireDocumentUri(method, params);
  const p = params as Record<string, unknown>;
  if (!isRange(p.range)) throw invalidParams(method, '"range" must be a Range of non-negative integer positions');
  const context = p.context;
  if (!isObject(context)) throw invalidParams(method, '"context" must be an object');
  if (!Array.isArray(context.diagnostics)) throw invalidParams(method, '"context.diagnostics" must be a list');
  context.diagnostics.forEach((d: unknown, i: number) => {
    if (!isObject(d) || !isRange(d.range) || typeof d.message !== 'string') throw invalidParams(method, `"context.diagnostics[${i}]" is not a Diagnostic`);
  });
  const only = context.only;
  if (only !== undefined && only !== null && (!Array.isArray(only) || only.some((k) => typeof k !== 'string'))) throw invalidParams(method, '"context.only" must be a list of strings');
  return params as CodeActionParams;
}

export function requireTextDocumentPosition(method: string, params: unknown): { uri: string; position: Position } {
  const uri = requireDocumentUri(method, params);
  const position = (params as Record<string, unknown>).position;
  if (!isPosition(position)) throw invalidParams(method, '"position" must be a Position of non-negative integers');
  return { uri, position };
}
