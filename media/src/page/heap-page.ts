// The HTML of the heap diagram, one builder for every host: the VS Code webview (scripts and styles from the
// extension's media folder, by URI), the tests (the same HTML, URIs mapped to files) and `npm run demo`'s standalone
// page (script and style inlined, the snapshot embedded), so all three run exactly the same page. No DOM and no
// vscode import: Node code calls it.
import type { HeapSnapshot } from '../snapshot-types';

export interface HeapPageAssets {
  /** Webview: URIs of media/dist/heap-view.js and media/heap-view.css (webview.asWebviewUri). */
  scriptUri?: string;
  styleUri?: string;
  /** Standalone page: the bundle and the stylesheet themselves, inlined under the nonce. */
  inlineScript?: string;
  inlineStyle?: string;
}

export interface HeapPageOptions extends HeapPageAssets {
  /** webview.cspSource; '' for the standalone page. */
  cspSource: string;
  /** A fresh random value per page load: only scripts and styles carrying it run. */
  nonce: string;
  /** Embedded in the page for the standalone export (no extension to send it). */
  initialSnapshot?: { title: string; snapshot: HeapSnapshot };
  /** Marks the page standalone: exports download directly, the version picker is disabled. */
  standalone?: boolean;
  /** Extra script run before the bundle (the standalone page's stand-in for acquireVsCodeApi). */
  preludeScript?: string;
}

export function escapeHtmlAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** JSON that can sit inside a <script> element: `<` is escaped so no `</script>` or `<!--` can end or change it. */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Script text inside <script>: only `</script` could end it early; break that sequence (it never occurs in our bundle's code paths, but the guard is cheap). */
function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  const source = cspSource ? `${cspSource} ` : '';
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${source}'nonce-${nonce}'`, `img-src ${source}data:`, `font-src ${cspSource || "'none'"}`].join('; ');
}

/** A nonce from a CSPRNG (Node's webcrypto or the browser's), 128 bits in base64url. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function buildHeapPageHtml(o: HeapPageOptions): string {
  const nonce = escapeHtmlAttribute(o.nonce);
  const head: string[] = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtmlAttribute(contentSecurityPolicy(o.cspSource, o.nonce))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>MemLens heap diagram</title>',
  ];
  if (o.styleUri) head.push(`<link rel="stylesheet" nonce="${nonce}" href="${escapeHtmlAttribute(o.styleUri)}">`);
  if (o.inlineStyle !== undefined) head.push(`<style nonce="${nonce}">${styleText(o.inlineStyle)}</style>`);
  const body: string[] = ['<div id="app"><p>Loading the heap diagram…</p></div>'];
  if (o.initialSnapshot) body.push(`<script type="application/json" id="memlens-initial-snapshot">${jsonForScriptElement(o.initialSnapshot)}</script>`);
  if (o.preludeScript !== undefined) body.push(`<script nonce="${nonce}">${scriptText(o.preludeScript)}</script>`);
  if (o.scriptUri) body.push(`<script nonce="${nonce}" src="${escapeHtmlAttribute(o.scriptUri)}"></script>`);
  if (o.inlineScript !== undefined) body.push(`<script nonce="${nonce}">${scriptText(o.inlineScript)}</script>`);
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n${head.join('\n')}\n</head>\n<body${o.standalone ? ' data-standalone="true"' : ''}>\n${body.join('\n')}\n</body>\n</html>\n`;
}

/** What the standalone page uses in place of VS Code's webview API: no host, so messages go nowhere. */
export const STANDALONE_PRELUDE = 'window.acquireVsCodeApi = function () { return { postMessage: function () {}, getState: function () { return undefined; }, setState: function () {} }; };';

/** The standalone page `npm run demo` writes: everything inlined, openable from disk in any browser. */
export function buildStandaloneHeapPage(bundle: string, stylesheet: string, title: string, snapshot: HeapSnapshot): string {
  return buildHeapPageHtml({
    cspSource: '',
    nonce: createNonce(),
    inlineScript: bundle,
    inlineStyle: stylesheet,
    initialSnapshot: { title, snapshot },
    standalone: true,
    preludeScript: STANDALONE_PRELUDE,
  });
}
