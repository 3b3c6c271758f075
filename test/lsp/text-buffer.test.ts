// The main thread's copy of a document (TextBuffer) must hold exactly the worker's text (PythonDocument) after any
// edits, valid or not: a restarted worker is re-opened from it.
import { strict as assert } from 'node:assert';
import { TextBuffer } from '../../server/src/features/text-buffer';
import { PythonDocument, type TextChange } from '../../server/src/parse/python-document';
import { loadPythonParser } from '../../server/src/parse/python-parser';

describe('lsp: text buffer mirrors the parsed document', () => {
  before(() => loadPythonParser());

  it('applies the same edits to the same text, including out-of-range and inverted ranges', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['x', '\n', '\r\n', 'def f():\n    pass\n', '', 'é', '\ud83d\ude00', '\r'];
    const initial = 'a = 1\r\nb = 2\n\nclass C:\n    pass\n';
    const buffer = new TextBuffer(initial);
    const doc = new PythonDocument(initial);
    try {
      for (let round = 0; round < 300; round++) {
        const changes: TextChange[] = [];
        for (let k = 0; k <= random(3); k++) {
          if (random(20) === 0) {
            changes.push({ text: pieces[random(pieces.length)] + 'y = 3\n' });
            continue;
          }
          const start = { line: random(12), column: random(15) };
          const end = random(4) === 0 ? { line: random(12), column: random(40) } : { line: start.line + random(2), column: random(15) };
          changes.push({ range: { start, end }, text: pieces[random(pieces.length)] });
        }
        buffer.apply(changes);
        doc.update(changes, round);
        assert.equal(buffer.text, doc.text, `round ${round}: ${JSON.stringify(changes)}`);
      }
    } finally {
      doc.dispose();
    }
  });
});
