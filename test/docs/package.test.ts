/**
 * The installable package's Marketplace README, made from README.md: no development sections, no relative
 * link. `npm run package` itself (which checks the files it packed: bundles, grammar, icon, licence; no
 * sources or maps) and installing its .vsix run in the editor layer (test/editor/run.sh): vsce walks the
 * whole tree, code-server's modules included, which takes a minute on a busy machine.
 */
import * as assert from 'assert';
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

  it('drops a section that development prose was all of, but keeps a heading over its subsections', () => {
    const text = readme.marketplaceReadme(
      '# t\n\n## Speed\n\n`npm run bench` fills this.\n\n<!-- bench:start -->\n<!-- bench:end -->\n\n' +
        '## Editors\n\n### VS Code\n\nOpen a file.\n',
    );
    assert.strictEqual(text, '# t\n\n## Editors\n\n### VS Code\n\nOpen a file.\n');
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
});
