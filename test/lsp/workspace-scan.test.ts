// The opt-in workspace scan: closed files get diagnostics, found as the CLI finds them, with work-done progress;
// turning the setting off withdraws them.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lsp-client';

// MEM702 (on by default): a mutable default that the function mutates.
const MUTABLE = 'def f(x=[]):\n    x.append(1)\n    return x\n';

describe('lsp: workspace scan', () => {
  let dir: string;
  let client: LspClient | undefined;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'memlens-scan-'));
    mkdirSync(join(dir, 'pkg'));
    mkdirSync(join(dir, '.venv'));
    writeFileSync(join(dir, '.venv', 'pyvenv.cfg'), 'home = /usr/bin\n');
    writeFileSync(join(dir, '.venv', 'lib.py'), MUTABLE);
    writeFileSync(join(dir, 'a.py'), MUTABLE);
    writeFileSync(join(dir, 'pkg', 'b.py'), `x = 1\n${MUTABLE}`);
    writeFileSync(join(dir, 'ignored.py'), MUTABLE);
    writeFileSync(join(dir, '.gitignore'), 'ignored.py\n');
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for closed files with progress, and withdraws them when turned off', async () => {
    let settings: Record<string, unknown> = { workspaceScan: true };
    const a = pathToFileURL(join(dir, 'a.py')).href;
    const b = pathToFileURL(join(dir, 'pkg', 'b.py')).href;
    client = await LspClient.start({ settings: () => settings, workspaceFolders: [pathToFileURL(dir).href], initialize: false });
    const aPublished = client.waitForDiagnostics(a);
    const bPublished = client.waitForDiagnostics(b);
    await client.initialize({ settings: () => settings, workspaceFolders: [pathToFileURL(dir).href] });
    assert.deepEqual((await aPublished).diagnostics.map((d) => d.code), ['MEM702']);
    assert.equal((await bPublished).diagnostics[0].range.start.line, 1);
    await client.settle(a, 300);
    const scanned = new Set(client.publishes.map((p) => p.uri));
    assert.ok(![...scanned].some((u) => u.includes('.venv') || u.endsWith('ignored.py')), `virtual environments and .gitignore'd files are skipped: ${[...scanned]}`);
    const kinds = client.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.match(client.progress[0].value.title ?? '', /MemLens/);

    const cleared = client.waitForDiagnostics(a, (p) => p.diagnostics.length === 0);
    settings = { workspaceScan: false };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await cleared;
  });
});
