/**
 * The extension manifest (package.json) as VS Code and the Marketplace read it: the suppression-comment
 * grammar only injects into the built-in grammars, activation covers every file kind the server reads,
 * the extension runs in Restricted Mode, and the first-run walkthrough's steps and media exist.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/core/analyze';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Grammar {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

interface Manifest {
  icon?: string;
  repository?: unknown;
  homepage?: string;
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string } };
  activationEvents: string[];
  contributes: {
    grammars: Grammar[];
    commands: { command: string }[];
    walkthroughs: { id: string; icon?: string; steps: WalkthroughStep[] }[];
  };
}

/** The manifest with its `%key%` texts replaced by the English ones, as VS Code shows them in English. */
const englishTexts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'), (_key, value: unknown) =>
  typeof value === 'string' && /^%[^%]+%$/.test(value) ? (englishTexts[value.slice(1, -1)] ?? value) : value,
) as Manifest;

describe('extension manifest', () => {
  it('contributes the suppression-comment grammars as injections only, so Dockerfile and YAML keep their colours', () => {
    const grammars = manifest.contributes.grammars;
    assert.deepStrictEqual(
      grammars.map((g) => g.injectTo),
      [['source.dockerfile'], ['source.yaml']],
    );
    for (const grammar of grammars) {
      // A grammar entry with `language` replaces that language's grammar: Dockerfiles would lose their colouring.
      assert.strictEqual(grammar.language, undefined);
      const file = JSON.parse(fs.readFileSync(path.join(ROOT, grammar.path), 'utf8')) as { scopeName: string };
      assert.strictEqual(file.scopeName, grammar.scopeName);
    }
  });

  it('scopes docker-harden-ignore and its ids inside a Dockerfile comment line, and only there', () => {
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, manifest.contributes.grammars[0].path), 'utf8')) as {
      patterns: { match: string }[];
    };
    // With `m`, JavaScript reads ^ and $ as Oniguruma does (line start and end); the editor test sees the colours.
    const comment = new RegExp(file.patterns[0].match, 'm');
    const match = comment.exec('  # docker-harden-ignore root-user,missing-user -- runs as root on purpose\n');
    assert.deepStrictEqual(match?.slice(3, 6), ['#', 'docker-harden-ignore', ' root-user,missing-user']);
    assert.strictEqual(comment.exec('RUN echo # docker-harden-ignore root-user'), null);
    assert.strictEqual(comment.exec('# a comment about docker-harden'), null);
  });

  it('activates on Dockerfiles, Containerfiles, *.Dockerfile and on YAML, whose kind the server decides by content', () => {
    for (const event of [
      'onLanguage:dockerfile',
      'onLanguage:dockercompose',
      'onLanguage:yaml',
      'workspaceContains:**/Dockerfile',
      'workspaceContains:**/Containerfile',
      'workspaceContains:**/*.Dockerfile',
    ])
      assert.ok(manifest.activationEvents.includes(event), `activationEvents holds ${event}`);
  });

  it('works in Restricted Mode: the analysis only reads files, it runs nothing from the workspace', () => {
    assert.deepStrictEqual(manifest.capabilities?.untrustedWorkspaces, { supported: true });
  });

  it('has a PNG icon, and no placeholder repository or homepage', () => {
    const icon = manifest.icon ?? '';
    assert.match(icon, /\.png$/);
    const png = fs.readFileSync(path.join(ROOT, icon));
    assert.strictEqual(png.subarray(1, 4).toString('latin1'), 'PNG');
    // Width and height, from the IHDR chunk: the Marketplace wants at least 128 × 128.
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128);
    assert.doesNotMatch(JSON.stringify([manifest.repository, manifest.homepage]), /example\.(invalid|com|org)/);
  });

  describe('first-run walkthrough', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    const ownCommands = new Set(manifest.contributes.commands.map((c) => c.command));

    it('walks through a sample, a finding, a quick fix, the wizard and a configuration file', () => {
      assert.deepStrictEqual(
        walkthrough.steps.map((step) => step.id),
        ['openSample', 'seeFinding', 'applyQuickFix', 'hardenService', 'addConfiguration'],
      );
      assert.ok(walkthrough.icon && fs.existsSync(path.join(ROOT, walkthrough.icon)));
    });

    it("has each step's media, and links only commands this extension contributes or VS Code has", () => {
      for (const step of walkthrough.steps) {
        assert.ok(step.media.markdown, `${step.id} has markdown media`);
        assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), `${step.media.markdown} exists`);
        for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g))
          assert.ok(
            ownCommands.has(command) || /^(workbench|editor|extension)\./.test(command),
            `${step.id} links ${command}`,
          );
      }
      assert.ok(walkthrough.steps.some((step) => step.description.includes('command:dockerHarden.hardenService')));
    });

    it('opens a sample that shows an error, a warning and information, and a quick fix', () => {
      const text = fs.readFileSync(path.join(ROOT, 'media', 'walkthrough', 'sample.Dockerfile'), 'utf8');
      const { findings } = analyze(text, { path: '/project/Dockerfile' });
      assert.deepStrictEqual([...new Set(findings.map((f) => f.severity))].sort(), ['error', 'info', 'warning']);
      const tls = findings.find((f) => f.ruleId === 'tls-verification-disabled');
      assert.ok(tls && tls.fixes.length > 0, 'the curl -k error has a quick fix, as the quick-fix step says');
    });
  });
});
