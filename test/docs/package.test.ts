/**
 * The installable package: the Marketplace README made from README.md (no development sections, no
 * relative link), and the files vsce packs (the bundles, grammar, icon, licence; no sources or maps).
 * `npm run package` itself, and installing its .vsix, run in the editor layer (test/editor/run.sh).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface ReadmeModule {
  marketplaceReadme(markdown: string, options?: { baseUrl?: string }): string;
  relativeLinks(markdown: string): string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const readme = require(path.join(ROOT, 'scripts', 'package-readme.js')) as ReadmeModule;

const SAMPLE = [
  '# tool',
  '',
  'Intro with [a rule](docs/rules/x.md) and [a site](https://example.org/).',
  '',
  '![A screenshot](docs/screenshots/1.png)',
  '',
  '## Set-up',
  '',
  'Clone it, then:',
  '',
  '## Editors',
  '',
  'Open a Dockerfile.',
  '',
  'Pages are generated with `npm run docs`; a test checks them.',
  '',
  '```bash',
  '## not a heading',
  'see [this](kept/in/code.md)',
  '```',
  '',
  '### The hardening plan (any LSP client)',
  '',
  'Neovim set-up.',
  '',
  '#### Helix',
  '',
  'More set-up.',
  '',
  '## Licence',
  '',
  'MIT',
].join('\n');

describe('Marketplace package', () => {
  it('leaves the development sections and prose out of the Marketplace README, and subsections under them', () => {
    const text = readme.marketplaceReadme(SAMPLE);
    assert.doesNotMatch(text, /Set-up|Clone it|npm run docs|Neovim|Helix/);
    assert.match(text, /## Editors\n\nOpen a Dockerfile\./);
    assert.match(text, /```bash\n## not a heading\nsee \[this\]\(kept\/in\/code\.md\)\n```/);
    assert.match(text, /## Licence\n\nMIT$/);
  });

  it('turns relative links into their text and drops relative images when there is no base URL', () => {
    const text = readme.marketplaceReadme(SAMPLE);
    assert.match(text, /Intro with a rule and \[a site\]\(https:\/\/example\.org\/\)\./);
    assert.doesNotMatch(text, /screenshot/);
    assert.deepStrictEqual(readme.relativeLinks(text), []);
  });

  it('makes relative links and images absolute against a base URL', () => {
    const text = readme.marketplaceReadme(SAMPLE, { baseUrl: 'https://git.example/tool/blob/main/' });
    assert.match(text, /\[a rule\]\(https:\/\/git\.example\/tool\/blob\/main\/docs\/rules\/x\.md\)/);
    assert.match(text, /!\[A screenshot\]\(https:\/\/git\.example\/tool\/blob\/main\/docs\/screenshots\/1\.png\)/);
  });

  it("makes a README of the project's own with no relative link left", () => {
    const text = readme.marketplaceReadme(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    assert.deepStrictEqual(readme.relativeLinks(text), []);
    assert.match(text, /## Suppressing a finding/);
    assert.doesNotMatch(text, /## Development|npm test/);
  });

  it('packs the bundles, grammar, icon, licence and manifest, and no sources, maps or tests', function () {
    this.timeout(60000);
    const vsce = require.resolve('@vscode/vsce/vsce', { paths: [ROOT] });
    const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(listed.status, 0, listed.stderr);
    const files = listed.stdout.split('\n').filter(Boolean);
    for (const file of [
      'dist/client.js',
      'dist/server.js',
      'dist/analysis-worker.js',
      'syntaxes/docker-harden-ignore.tmLanguage.json',
      'media/icon.png',
      'LICENSE',
      'package.json',
    ])
      assert.ok(files.includes(file), `${file} is packed (npm run build makes dist/)`);
    const unwanted = files.filter((file) => /\.(ts|map)$|^(server|client|test|scripts|node_modules)\//.test(file));
    assert.deepStrictEqual(unwanted, []);
  });
});
