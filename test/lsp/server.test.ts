/** The language server over JSON-RPC: diagnostics on open and change, code actions, hover. */
import * as assert from 'assert';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/core/edits';
import type { TextEdit } from '../../server/src/core/types';
import { TestClient } from '../helpers/lsp-client';

const URI = 'file:///work/project/Dockerfile';
const TEXT = 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/x -o /x\nUSER app\n';

describe('language server over JSON-RPC', () => {
  let client: TestClient;
  beforeEach(() => {
    client = new TestClient();
  });
  afterEach(() => client.dispose());

  it('announces its capabilities and name', async () => {
    const result = (await client.initialize()) as {
      capabilities: Record<string, unknown>;
      serverInfo: { name: string };
    };
    assert.strictEqual(result.serverInfo.name, 'docker-harden');
    assert.ok(result.capabilities.codeActionProvider);
    assert.strictEqual(result.capabilities.hoverProvider, true);
  });

  it('publishes diagnostics with code, source and documentation link on open, and updates them on change', async () => {
    await client.initialize();
    await client.open(URI, 'dockerfile', TEXT);
    const first = await client.diagnosticsFor(URI, 1);
    const tls = first.diagnostics.find((d) => d.code === 'tls-verification-disabled') as Diagnostic;
    assert.ok(tls, 'TLS finding published');
    assert.strictEqual(tls.source, 'docker-harden');
    assert.deepStrictEqual(tls.range, { start: { line: 1, character: 9 }, end: { line: 1, character: 15 } });
    assert.match(tls.codeDescription?.href ?? '', /docs\/rules\/tls-verification-disabled\.md$/);

    await client.change(URI, 2, [
      { range: { start: { line: 1, character: 14 }, end: { line: 1, character: 15 } }, text: '' },
    ]);
    const second = await client.diagnosticsFor(URI, 2);
    assert.ok(
      !second.diagnostics.some((d) => d.code === 'tls-verification-disabled'),
      'finding gone after removing -k',
    );
  });

  it("replays the finding's fix as a quick fix, and offers suppressions", async () => {
    await client.initialize();
    await client.open(URI, 'dockerfile', TEXT);
    const { diagnostics } = await client.diagnosticsFor(URI, 1);
    const tls = diagnostics.filter((d) => d.code === 'tls-verification-disabled');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: tls[0].range,
      context: { diagnostics: tls },
    })) as CodeAction[];
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      [
        'Remove curl -k/--insecure',
        'Ignore tls-verification-disabled here',
        'Ignore tls-verification-disabled in this stage',
        'Ignore tls-verification-disabled in this file',
      ],
    );
    const edits = actions[0].edit?.changes?.[URI] as TextEdit[];
    assert.strictEqual(applyEdits(TEXT, edits), TEXT.replace('-fsSLk', '-fsSL'));
    const suppressed = applyEdits(TEXT, actions[1].edit?.changes?.[URI] as TextEdit[]);
    await client.change(URI, 2, [{ text: suppressed }]);
    const after = await client.diagnosticsFor(URI, 2);
    assert.ok(
      !after.diagnostics.some((d) => d.code === 'tls-verification-disabled' || d.code === 'unused-suppression'),
    );
  });

  it('offers no edit for diagnostics of an older version, so a fix never lands on text it was not computed for', async () => {
    await client.initialize();
    await client.open(URI, 'dockerfile', TEXT);
    const tls = (await client.diagnosticsFor(URI, 1)).diagnostics.filter((d) => d.code === 'tls-verification-disabled');
    // The user inserts a line above; the client still holds version 1's diagnostics when it asks.
    await client.change(URI, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# new first line\n' },
    ]);
    const stale = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: tls[0].range,
      context: { diagnostics: tls },
    })) as CodeAction[];
    assert.deepStrictEqual(stale, []);
    const fresh = (await client.diagnosticsFor(URI, 2)).diagnostics.filter(
      (d) => d.code === 'tls-verification-disabled',
    );
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: fresh[0].range,
      context: { diagnostics: fresh },
    })) as CodeAction[];
    assert.strictEqual(
      applyEdits(`# new first line\n${TEXT}`, actions[0].edit?.changes?.[URI] as TextEdit[]),
      `# new first line\n${TEXT.replace('-fsSLk', '-fsSL')}`,
    );
  });

  it('puts an "Ignore here" comment above the whole instruction, whatever the escape character', async () => {
    await client.initialize();
    const text = '# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache curl && `\n    curl -k https://x\nUSER app\n';
    await client.open(URI, 'dockerfile', text);
    const tls = (await client.diagnosticsFor(URI, 1)).diagnostics.filter((d) => d.code === 'tls-verification-disabled');
    assert.strictEqual(tls[0].range.start.line, 3);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: tls[0].range,
      context: { diagnostics: tls },
    })) as CodeAction[];
    const ignore = actions.find((a) => a.title === 'Ignore tls-verification-disabled here');
    const fixed = applyEdits(text, ignore?.edit?.changes?.[URI] as TextEdit[]);
    assert.strictEqual(fixed.split('\n')[2], '# docker-harden-ignore tls-verification-disabled -- reason');
  });

  it('hovers with the rule documentation, in Japanese for a Japanese client', async () => {
    await client.initialize('ja');
    await client.open(URI, 'dockerfile', TEXT);
    await client.diagnosticsFor(URI, 1);
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 1, character: 11 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /TLS証明書の検証が無効/);
    assert.match(value, /docker-harden-ignore tls-verification-disabled/);
  });

  it('analyses yaml documents only when they are Compose files, and survives garbage', async () => {
    await client.initialize();
    await client.open('file:///w/.github/workflows/ci.yml', 'yaml', 'on: push\njobs: {}\n');
    assert.deepStrictEqual((await client.diagnosticsFor('file:///w/.github/workflows/ci.yml', 1)).diagnostics, []);
    await client.open('file:///w/Dockerfile.bin', 'dockerfile', '\u0000\u0001FROM \\\n\\\n"[{');
    await client.diagnosticsFor('file:///w/Dockerfile.bin', 1);
    await client.open(URI, 'dockerfile', TEXT);
    assert.ok((await client.diagnosticsFor(URI, 1)).diagnostics.length > 0, 'still serving after bad input');
  });
});
