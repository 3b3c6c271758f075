// Settings through LSP: select/ignore take effect without a restart (pushed or pulled), invalid values produce a
// warning naming the setting and fall back to defaults, and pyproject.toml applies under the editor settings.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateSettings } from '../../server/src/features/settings';
import { LspClient, memoryUri, type PublishDiagnosticsParams } from '../support/lsp-client';

const TWO_RULES = 'def f(x=[]):\n    x.append(1)\n    return x\n\nnames = list([n for n in "abc"])\n';

function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => String(d.code)).sort();
}

describe('lsp: settings', () => {
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('applies pushed select/ignore changes to open documents', async () => {
    client = await LspClient.start();
    const uri = memoryUri('pushed.py');
    let published = client.waitForDiagnostics(uri);
    await client.open(uri, TWO_RULES);
    assert.deepEqual(codes(await published), ['MEM301', 'MEM702']);

    published = client.waitForDiagnostics(uri);
    await client.notify('workspace/didChangeConfiguration', { settings: { memlens: { ignore: ['mutable-default-retention'] } } });
    assert.deepEqual(codes(await published), ['MEM301']);

    published = client.waitForDiagnostics(uri);
    await client.notify('workspace/didChangeConfiguration', { settings: { memlens: { select: ['MEM7'] } } });
    assert.deepEqual(codes(await published), ['MEM702']);
  });

  it('pulls the memlens section with workspace/configuration when the client supports it', async () => {
    let section: unknown = { select: ['MEM3'] };
    client = await LspClient.start({ settings: () => section });
    const uri = memoryUri('pulled.py');
    let published = client.waitForDiagnostics(uri);
    await client.open(uri, TWO_RULES);
    assert.deepEqual(codes(await published), ['MEM301']);
    section = { select: [], ignore: ['MEM301'] };
    published = client.waitForDiagnostics(uri);
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(codes(await published), ['MEM702']);
  });

  it('warns about each invalid setting by name and keeps analysing with defaults', async () => {
    client = await LspClient.start();
    const uri = memoryUri('invalid-settings.py');
    await client.open(uri, TWO_RULES);
    await client.waitForDiagnostics(uri);
    const published = client.waitForDiagnostics(uri);
    await client.notify('workspace/didChangeConfiguration', {
      settings: { memlens: { pythonVersion: '2.7', select: 'MEM3', ignore: ['MEM999'], thresholds: { largeCollection: -5 }, workspaceScan: 'yes' } },
    });
    assert.deepEqual(codes(await published), ['MEM301', 'MEM702'], 'defaults still apply');
    const text = client.messages.map((m) => m.message).join('\n');
    for (const name of ['memlens.pythonVersion', 'memlens.select', 'memlens.ignore', 'memlens.thresholds.largeCollection', 'memlens.workspaceScan']) assert.ok(text.includes(name), `a message names ${name}:\n${text}`);
    assert.ok(client.messages.every((m) => m.type === 2), 'warnings');
    // The same invalid settings sent again (a second didChangeConfiguration) are reported again, not in a loop.
    await client.notify('workspace/didChangeConfiguration', { settings: { memlens: 'nonsense' } });
    await client.waitForDiagnostics(uri);
    assert.ok(client.messages.some((m) => m.message.includes('"memlens" must be an object')));
    assert.ok(client.alive);
  });

  it('reads [tool.memlens] from the nearest pyproject.toml, and editor settings override it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memlens-lsp-'));
    try {
      writeFileSync(join(dir, 'pyproject.toml'), '[tool.memlens]\nignore = ["MEM702"]\n');
      client = await LspClient.start();
      const uri = pathToFileURL(join(dir, 'pkg', 'mod.py')).href;
      let published = client.waitForDiagnostics(uri);
      await client.open(uri, TWO_RULES);
      assert.deepEqual(codes(await published), ['MEM301']);
      published = client.waitForDiagnostics(uri);
      await client.notify('workspace/didChangeConfiguration', { settings: { memlens: { ignore: ['MEM301'] } } });
      assert.deepEqual(codes(await published), ['MEM702'], 'a non-empty editor list replaces pyproject');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an invalid pyproject.toml once and analyses with defaults', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memlens-lsp-'));
    try {
      writeFileSync(join(dir, 'pyproject.toml'), '[tool.memlens]\nselect = "MEM3"\n');
      client = await LspClient.start();
      const uri = pathToFileURL(join(dir, 'mod.py')).href;
      const published = client.waitForDiagnostics(uri);
      await client.open(uri, TWO_RULES);
      assert.deepEqual(codes(await published), ['MEM301', 'MEM702']);
      await client.change(uri, 2, [{ text: TWO_RULES + '\n' }]);
      await client.waitForDiagnostics(uri);
      const about = client.messages.filter((m) => m.message.includes('pyproject.toml'));
      assert.equal(about.length, 1, JSON.stringify(client.messages));
      assert.match(about[0].message, /select/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lsp: settings validation', () => {
  it('accepts valid values and treats empty lists and null as unset', () => {
    const { settings, warnings } = validateSettings({ pythonVersion: '3.11', select: [], ignore: ['MEM3'], thresholds: { largeCollection: null }, workspaceScan: true });
    assert.deepEqual(warnings, []);
    assert.deepEqual(settings, { python: { major: 3, minor: 11 }, ignore: ['MEM3'], workspaceScan: true, codeLens: true });
  });
  it('reads memlens.codeLens (default on) and names it when invalid', () => {
    assert.equal(validateSettings({ codeLens: false }).settings.codeLens, false);
    const { settings, warnings } = validateSettings({ codeLens: 'off' });
    assert.equal(settings.codeLens, true);
    assert.match(warnings.join('\n'), /memlens\.codeLens/);
  });
  it('falls back per value', () => {
    const { settings, warnings } = validateSettings({ pythonVersion: 3.12, thresholds: { largeCollection: 1.5 } });
    assert.equal(settings.python, undefined);
    assert.equal(settings.largeCollection, undefined);
    assert.equal(warnings.length, 2);
  });
});
