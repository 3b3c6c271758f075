// The ways into the heap diagram from the editor: a CodeLens "Show heap diagram" above each class and function,
// and a code action "Show heap diagram for this" on the class, function or comprehension under the cursor. Both run
// the client command memlens.showHeapDiagram with (uri, range of the target); the server answers the panel's
// memlens/heapSnapshot for that range (see heap-snapshot.ts: a range on a class or function runs its snippet).
import { type CodeAction, type CodeLens, type Command, type Range } from 'vscode-languageserver/node';
import { comparePositions } from '../parse/source-range';
import { toLspRange } from './diagnostics';
import type { HeapTarget } from './heap-targets';

export const SHOW_HEAP_DIAGRAM_COMMAND = 'memlens.showHeapDiagram';
function command(title: string, uri: string, target: HeapTarget): Command {
  // Arguments are plain JSON: the client converts the URI string and the LSP range to its own types.
  return { title, command: SHOW_HEAP_DIAGRAM_COMMAND, arguments: [uri, toLspRange(target.range)] };
}

export function heapCodeLenses(uri: string, targets: readonly HeapTarget[]): CodeLens[] {
  return targets
    .filter((t) => t.kind !== 'comprehension')
    .map((t) => ({ range: toLspRange({ start: t.range.start, end: t.range.start }), command: command('Show heap diagram', uri, t) }));
}

/** The action for the innermost target containing the request's range start, if any. */
export function heapCodeAction(uri: string, targets: readonly HeapTarget[], range: Range): CodeAction | undefined {
  const at = { line: range.start.line, column: range.start.character };
  let best: HeapTarget | undefined;
  for (const t of targets) {
    if (comparePositions(t.range.start, at) > 0 || comparePositions(at, t.range.end) > 0) continue;
    // Outer before inner: a later one that contains the position is inside the earlier.
    best = t;
  }
  if (!best) return undefined;
  const what = best.kind === 'comprehension' ? `this ${best.name}` : `${best.kind} ${best.name}`;
  // No kind (CodeActionKind.Empty): it edits nothing, so it is neither a quick fix nor a refactoring; VS Code lists
  // kind-less actions in the light bulb menu, after the quick fixes.
  return { title: `Show heap diagram for ${what}`, command: command(`Show heap diagram for ${what}`, uri, best) };
}

/** `only` filters by kind: a kind-less action fits only a request without a filter. */
export function wantsHeapAction(only: readonly string[] | undefined): boolean {
  return !only || only.length === 0;
}
