// README.md must stay true: every rule in its table with its page, every setting and command the extension
// contributes, and the two set-up commands.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/analysis/checks';

const ROOT = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('docs: README and rule pages', () => {
  it('lists every rule with its category, severity, default and page', () => {
    for (const rule of ALL_RULES) {
      const row = readme.split('\n').find((l) => l.startsWith(`| [${rule.code}](docs/rules/${rule.code}.md) |`));
      assert.ok(row, `README has no row for ${rule.code}`);
      assert.ok(row.includes(`| ${rule.name} |`) && row.includes(`\`${rule.category}\``) && row.includes(`| ${rule.severity} |`), `README row for ${rule.code} is out of date: ${row}`);
      assert.ok(row.includes(rule.defaultEnabled === false ? '| opt-in |' : '| on |'), `README row for ${rule.code} says the wrong default`);
    }
  });

  it('has a page per rule that names it and shows a bad and a good example', () => {
    for (const rule of ALL_RULES) {
      const path = join(ROOT, 'docs', 'rules', `${rule.code}.md`);
      assert.ok(existsSync(path), `missing ${path}`);
      const page = readFileSync(path, 'utf8');
      assert.ok(page.startsWith(`# ${rule.code} ${rule.name}`), `${rule.code}.md should start with "# ${rule.code} ${rule.name}"`);
      assert.ok((page.match(/```python/g) ?? []).length >= 2, `${rule.code}.md needs a bad and a good Python example`);
    }
  });

  it('documents every setting and command the extension contributes', () => {
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${setting}\``), `README does not document ${setting}`);
    for (const command of manifest.contributes.commands) assert.ok(readme.includes(command.title), `README does not mention the command "${command.title}"`);
  });

  it('gives the two set-up commands', () => {
    assert.ok(readme.includes('npm install && npm run demo'));
    assert.ok(readme.includes('npm test'));
  });
});
