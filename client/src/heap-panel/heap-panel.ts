// The heap diagram panel on the VS Code side: one webview beside the editor, fed with snapshots from the language
// server. It highlights the statement of the current step in the editor, reveals the line that allocated a clicked
// object, follows edits to the document (debounced, keeping the step), re-requests the snapshot when the panel's
// version picker changes, and saves exports through a save dialog. Messages from the webview are validated; a
// malformed one is ignored with a warning in the output channel.
import * as vscode from 'vscode';
import { panelMessageProblem, snapshotProblem, type HostToPanelMessage, type PanelMeasurement, type PanelToHostMessage, type RenderedMessage } from '../../../media/src/messages';
import type { HeapSnapshot } from '../../../media/src/snapshot-types';
import { MEASURE_COMMAND } from '../measure-command';
import { measurementAt, onDidRecordMeasurement, panelMeasurement } from '../measure-results';
import { heapPanelHtml, mediaRoots } from './panel-html';
import { HEAP_SNAPSHOT_REQUEST, snapshotParams, type SnapshotClient } from './snapshot-request';

/** Edits pause this long before the snapshot is requested again. */
const EDIT_DEBOUNCE_MS = 400;

export interface HeapPanelState {
  open: boolean;
  lastRendered: RenderedMessage | null;
  step: number;
  /** 0-based line highlighted in the editor for the current step, or null. */
  highlightedLine: number | null;
  python: string | null;
  /** The "Measure with Python" result the panel shows for its snippet, or null. */
  measurement: PanelMeasurement | null;
}

export class HeapPanel {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private selection: vscode.Selection | undefined;
  private python: string | undefined;
  private ready = false;
  private queued: HostToPanelMessage[] = [];
  /** Sent again when the webview reloads (it says `ready` again and has lost its state). */
  private lastSnapshot: HostToPanelMessage | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private requestSeq = 0;
  private readonly highlight: vscode.TextEditorDecorationType;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderedListeners: Array<(m: RenderedMessage) => void> = [];
  readonly state: HeapPanelState = { open: false, lastRendered: null, step: 0, highlightedLine: null, python: null, measurement: null };
  /** Sent again when the webview reloads, as the snapshot is. */
  private lastMeasurement: HostToPanelMessage | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: SnapshotClient,
    private readonly log: vscode.OutputChannel,
  ) {
    this.highlight = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
      borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
      borderStyle: 'solid',
      borderWidth: '1px 0',
    });
    this.disposables.push(
      this.highlight,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && this.document && e.document === this.document && e.contentChanges.length > 0) this.scheduleRefresh();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) this.clearHighlight();
      }),
      onDidRecordMeasurement((m) => {
        if (this.panel && this.document && m.uri === this.document.uri.toString()) void this.refreshMeasurement();
      }),
    );
  }

  /** Opens (or reveals) the panel for a document and what to run in it: the selection, or the code around the cursor. */
  async show(document: vscode.TextDocument, selection: vscode.Selection | undefined, viewColumn: vscode.ViewColumn | undefined): Promise<void> {
    this.document = document;
    this.selection = selection;
    if (!this.panel) this.createPanel(viewColumn);
    else this.panel.reveal(vscode.ViewColumn.Beside, true);
    await this.refresh(false);
  }

  onRendered(listener: (m: RenderedMessage) => void): void {
    this.renderedListeners.push(listener);
  }

  /** Moves the panel to a step (for commands and tests). */
  goToStep(index: number): void {
    this.post({ type: 'goToStep', index });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private createPanel(viewColumn: vscode.ViewColumn | undefined): void {
    const panel = vscode.window.createWebviewPanel(
      'memlens.heapDiagram',
      'Heap Diagram',
      { viewColumn: viewColumn !== undefined ? viewColumn + 1 : vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: mediaRoots(this.extensionUri), retainContextWhenHidden: true },
    );
    panel.webview.html = heapPanelHtml(panel.webview, this.extensionUri);
    panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m), undefined, this.disposables);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.queued = [];
      this.lastSnapshot = undefined;
      this.lastMeasurement = undefined;
      this.state.open = false;
      this.state.measurement = null;
      this.clearHighlight();
    });
    this.panel = panel;
    this.state.open = true;
  }

  private post(message: HostToPanelMessage): void {
    if (!this.panel) return;
    if (!this.ready) {
      this.queued.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private scheduleRefresh(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.refresh(true);
    }, EDIT_DEBOUNCE_MS);
  }

  private async refresh(keepStep: boolean): Promise<void> {
    const document = this.document;
    if (!document || !this.panel) return;
    const seq = ++this.requestSeq;
    let result: unknown;
    try {
      result = await this.client.sendRequest<unknown>(HEAP_SNAPSHOT_REQUEST, snapshotParams(document, this.selection, this.python));
    } catch (e) {
      if (seq === this.requestSeq) this.post({ type: 'error', message: `The heap snapshot could not be computed: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    if (seq !== this.requestSeq) return; // a newer edit or version change is on its way
    const problem = snapshotProblem(result);
    if (problem) {
      this.log.appendLine(`[heap diagram] ignored a malformed snapshot from the server: ${problem}`);
      this.post({ type: 'error', message: 'The server sent a snapshot the diagram cannot read (see the MemLens output).' });
      return;
    }
    const snapshot = result as HeapSnapshot;
    this.state.python = snapshot.python;
    const name = vscode.workspace.asRelativePath(document.uri, false);
    this.panel.title = `Heap: ${name.split('/').pop() ?? name}`;
    const what = this.selection && !this.selection.isEmpty ? `lines ${this.selection.start.line + 1}-${this.selection.end.line + 1}` : 'around the cursor';
    this.lastSnapshot = { type: 'snapshot', snapshot, title: `${name}, ${what}`, keepStep };
    this.post(this.lastSnapshot);
    await this.refreshMeasurement();
  }

  /** Where the panel's snippet is for "Measure with Python": the cursor, or the start of the selected statements. */
  private snippetPosition(): vscode.Position {
    const selection = this.selection;
    if (!selection) return new vscode.Position(0, 0);
    return selection.isEmpty ? selection.active : selection.start;
  }

  /** Shows the measurement of the panel's snippet in this version of the document, or clears a stale one. */
  private async refreshMeasurement(): Promise<void> {
    const document = this.document;
    if (!document || !this.panel) return;
    const stored = await measurementAt(document, this.snippetPosition()).catch(() => undefined);
    if (document !== this.document) return;
    const measurement = stored ? panelMeasurement(stored.report) : null;
    if (measurement === null && this.state.measurement === null) return;
    this.state.measurement = measurement;
    this.lastMeasurement = { type: 'measurement', measurement };
    this.post(this.lastMeasurement);
  }

  private receive(raw: unknown): void {
    const problem = panelMessageProblem(raw);
    if (problem) {
      this.log.appendLine(`[heap diagram] ignored a malformed message from the panel: ${problem}`);
      return;
    }
    const m = raw as PanelToHostMessage;
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.queued.length > 0 || !this.lastSnapshot ? this.queued : [this.lastSnapshot, ...(this.lastMeasurement ? [this.lastMeasurement] : [])];
        this.queued = [];
        for (const q of queued) void this.panel?.webview.postMessage(q);
        break;
      }
      case 'rendered':
        this.state.lastRendered = m;
        for (const l of this.renderedListeners) l(m);
        break;
      case 'stepChanged':
        this.state.step = m.index;
        this.highlightLine(m.range?.start.line ?? null);
        break;
      case 'reveal':
        void this.revealLine(m.range.start.line, m.range.start.column, m.range.end.line, m.range.end.column);
        break;
      case 'changeVersion':
        this.python = m.python;
        void this.refresh(true);
        break;
      case 'export':
        void this.saveExport(m.format, m.data);
        break;
      case 'log':
        this.log.appendLine(`[heap diagram] ${m.level}: ${m.message}`);
        break;
      case 'measure':
        if (this.document) void vscode.commands.executeCommand(MEASURE_COMMAND, this.document.uri, this.snippetPosition());
        break;
    }
  }

  private editorOfDocument(): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document === this.document);
  }

  private highlightLine(line: number | null): void {
    this.state.highlightedLine = line;
    const editor = this.editorOfDocument();
    if (!editor) return;
    if (line === null || line >= editor.document.lineCount) {
      editor.setDecorations(this.highlight, []);
      return;
    }
    const range = editor.document.lineAt(line).range;
    editor.setDecorations(this.highlight, [range]);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private clearHighlight(): void {
    this.state.highlightedLine = null;
    this.editorOfDocument()?.setDecorations(this.highlight, []);
  }

  private async revealLine(line: number, column: number, endLine: number, endColumn: number): Promise<void> {
    if (!this.document) return;
    // Focus stays in the panel, so the user can go on stepping with the keyboard.
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: this.editorOfDocument()?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: true });
    const range = editor.document.validateRange(new vscode.Range(line, column, endLine, endColumn));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async saveExport(format: 'svg' | 'png', data: string): Promise<void> {
    const base = this.document ? this.document.uri.path.replace(/\.[^./]*$/, '') : 'heap';
    const target = await vscode.window.showSaveDialog({
      defaultUri: this.document ? this.document.uri.with({ path: `${base}.heap.${format}` }) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      saveLabel: `Export ${format.toUpperCase()}`,
    });
    if (!target) return;
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.slice('data:image/png;base64,'.length), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    this.log.appendLine(`[heap diagram] exported ${format.toUpperCase()} to ${target.toString()}`);
  }
}
