/**
 * The extension's own texts exist in English and Japanese: every %key% of
 * package.json in package.nls.json and package.nls.ja.json, and every
 * vscode.l10n.t message of the client in l10n/bundle.l10n.ja.json, each
 * with the same {n} placeholders.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();

describe('l10n bundles of the extension', () => {
  it('has every %key% of package.json in English and Japanese', () => {
    const keys = [...read('package.json').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 10, 'package.json uses %keys% for titles and descriptions');
    const problems: string[] = [];
    for (const file of ['package.nls.json', 'package.nls.ja.json']) {
      const table = JSON.parse(read(file)) as Record<string, string>;
      for (const key of keys) if (!table[key]) problems.push(`${file} lacks "${key}"`);
      for (const key of Object.keys(table)) if (!keys.includes(key)) problems.push(`${file} has unused "${key}"`);
    }
    assert.deepStrictEqual(problems, []);
  });

  it('has every vscode.l10n.t message of the client in the Japanese bundle, with its placeholders', () => {
    const bundle = JSON.parse(read('l10n/bundle.l10n.ja.json')) as Record<string, string>;
    const messages = fs
      .readdirSync(path.join(ROOT, 'client', 'src'))
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...read(`client/src/${file}`).matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]));
    assert.ok(messages.length > 10);
    const problems: string[] = [];
    for (const message of messages) {
      const japanese = bundle[message];
      if (!japanese) problems.push(`no Japanese for "${message}"`);
      else if (placeholders(japanese).join() !== placeholders(message).join())
        problems.push(`"${message}": placeholders differ in "${japanese}"`);
    }
    for (const message of Object.keys(bundle))
      if (!messages.includes(message)) problems.push(`unused bundle entry "${message}"`);
    assert.deepStrictEqual(problems, []);
  });

  it('offers the language setting the server reads', () => {
    const settings = JSON.parse(read('package.json')).contributes.configuration.properties;
    assert.deepStrictEqual(settings['dockerHarden.language'].enum, ['auto', 'en', 'ja']);
    assert.strictEqual(JSON.parse(read('package.json')).l10n, './l10n');
  });
});
