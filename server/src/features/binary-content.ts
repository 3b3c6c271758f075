// Recognises text that is not source code at all (an image or archive opened as Python), so MemLens says so once
// instead of reporting findings on garbage. A stray NUL inside otherwise normal text is not enough: the document is
// still analysed (tree-sitter reads past it), only mostly-binary content is refused.
const SAMPLE = 64 * 1024;

/** A reason to skip the document, or undefined when it looks like text. */
export function binaryContentReason(text: string): string | undefined {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  if (sample.length === 0) return undefined;
  let suspicious = 0;
  let nul = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) nul++;
    // C0 controls other than tab, LF, VT, FF, CR; and U+FFFD, what undecodable bytes became.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13) || c === 0xfffd) suspicious++;
  }
  if (nul > 8 || suspicious / sample.length > 0.1) return "it looks like binary data, not Python source";
  return undefined;
}
