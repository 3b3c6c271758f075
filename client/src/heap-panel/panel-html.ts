// The webview's HTML: the shared page builder (media/src/page/heap-page.ts) with the webview's own URIs and CSP
// source, so the tests load exactly this page.
import * as vscode from 'vscode';
import { buildHeapPageHtml, createNonce } from '../../../media/src/page/heap-page';

export function mediaRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media', 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function heapPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return buildHeapPageHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', 'heap-view.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'heap-view.css')).toString(),
  });
}
