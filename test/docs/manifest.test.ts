/**
 * The extension manifest (package.json) as VS Code and the Marketplace read it: the suppression-comment
 * grammar only injects into the built-in grammars, activation covers every file kind the server reads.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Grammar {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

interface Manifest {
  activationEvents: string[];
  contributes: { grammars: Grammar[] };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('extension manifest', () => {
  it('contributes the suppression-comment grammar as an injection only, so Dockerfile and YAML keep their colours', () => {
    const [grammar, ...others] = manifest.contributes.grammars;
    assert.strictEqual(others.length, 0);
    // A grammar entry with `language` replaces that language's grammar: Dockerfiles would lose their colouring.
    assert.strictEqual(grammar.language, undefined);
    assert.deepStrictEqual(grammar.injectTo, ['source.dockerfile', 'source.yaml']);
    const file = JSON.parse(fs.readFileSync(path.join(ROOT, grammar.path), 'utf8')) as {
      scopeName: string;
      injectionSelector: string;
    };
    assert.strictEqual(file.scopeName, grammar.scopeName);
    assert.match(file.injectionSelector, /comment/);
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
});
