// Reads a file as Python source, or says why it is skipped: unreadable, binary (a NUL byte in the first 8 KB, the
// test git and grep use), or not decodable. Source is UTF-8 (PEP 3120) unless a PEP 263 coding declaration on one of
// the first two lines names another encoding, which is then honoured when Node knows it.
import { readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';

export type SourceText = { ok: true; text: string } | { ok: false; reason: string };

const BINARY_PROBE_BYTES = 8192;
const LATIN_1_NAMES = new Set(['latin-1', 'latin1', 'latin', 'l1', 'iso-8859-1', 'iso8859-1', 'iso-latin-1', '8859', 'cp819']);
// PEP 263: `# -*- coding: latin-1 -*-` or `# vim: set fileencoding=latin-1 :` on line 1 or 2.
const CODING_DECLARATION = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

export function readPythonSource(path: string): SourceText {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? String(error)})` };
  }
  return decodePythonSource(bytes);
}

export function decodePythonSource(bytes: Uint8Array): SourceText {
  const probe = bytes.subarray(0, BINARY_PROBE_BYTES);
  if (probe.includes(0)) return { ok: false, reason: 'binary file (NUL byte)' };
  const declared = declaredEncoding(bytes);
  const encoding = declared && !/^utf[-_]?8(?:[-_]sig)?$/i.test(declared) ? declared.toLowerCase().replace(/_/g, '-') : 'utf-8';
  // Python's latin-1 is ISO-8859-1 exactly; WHATWG decoders map that label to windows-1252, so use Buffer's.
  if (LATIN_1_NAMES.has(encoding)) return { ok: true, text: Buffer.from(bytes).toString('latin1') };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    return { ok: false, reason: `unknown source encoding '${declared}'` };
  }
  try {
    // TextDecoder drops a leading UTF-8 byte order mark, as CPython does.
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: encoding === 'utf-8' ? 'not valid UTF-8' : `not valid ${declared}` };
  }
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  // The declaration itself is ASCII; latin1 decodes any byte, so the probe never fails.
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1').split(/\r\n|\r|\n/, 2);
  for (const line of head) {
    const m = CODING_DECLARATION.exec(line);
    if (m) return m[1];
    // Only a comment or blank first line lets the declaration sit on line 2.
    if (!/^[ \t\f]*(?:#.*)?$/.test(line)) break;
  }
  return undefined;
}
