/**
 * The language server speaks the client's language: `initialize`'s locale
 * picks Japanese or English for diagnostics, quick-fix titles, fix-all and
 * the plan; the `dockerHarden.language` setting overrides the locale.
 */
import * as assert from 'assert';
import type { CodeAction } from 'vscode-languageserver/node';
import { TestClient } from '../helpers/lsp-client';

const URI = 'file:///w/lang/Dockerfile';
const TEXT = 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/x -o /x\nUSER app\n';

async function started(locale: string, settings?: unknown): Promise<TestClient> {
  const client = new TestClient();
  await client.connection.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: {},
    locale,
    initializationOptions: settings === undefined ? undefined : { settings },
  });
  await client.connection.sendNotification('initialized', {});
  await client.open(URI, 'dockerfile', TEXT);
  return client;
}

async function tlsMessageAndTitles(client: TestClient): Promise<{ message: string; titles: string[] }> {
  const { diagnostics } = await client.diagnosticsFor(URI, 1);
  const tls = diagnostics.find((d) => d.code === 'tls-verification-disabled');
  assert.ok(tls);
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: tls.range,
    context: { diagnostics: [tls] },
  })) as CodeAction[];
  const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: tls.range,
    context: { diagnostics: [], only: ['source.fixAll.docker-harden'] },
  })) as CodeAction[];
  return { message: tls.message, titles: [...actions, ...fixAll].map((a) => a.title) };
}

describe('LSP: the language of messages', () => {
  it('writes Japanese for a Japanese client: diagnostics, quick-fix and fix-all titles', async () => {
    const client = await started('ja');
    const { message, titles } = await tlsMessageAndTitles(client);
    assert.match(message, /TLS 証明書の検証を無効にします/);
    assert.ok(titles.includes('curl -k/--insecure を削除'), titles.join(' | '));
    assert.ok(
      titles.some((t) => /^docker-harden の問題をすべて修正/.test(t)),
      titles.join(' | '),
    );
    await client.dispose();
  });

  it('writes English for an English client, and when dockerHarden.language says en', async () => {
    for (const client of [await started('en-US'), await started('ja', { language: 'en' })]) {
      const { message, titles } = await tlsMessageAndTitles(client);
      assert.match(message, /turns TLS certificate verification off/);
      assert.ok(titles.includes('Remove curl -k/--insecure'), titles.join(' | '));
      await client.dispose();
    }
  });

  it('writes Japanese for an English client when dockerHarden.language says ja', async () => {
    const client = await started('en', { language: 'ja' });
    const { message } = await tlsMessageAndTitles(client);
    assert.match(message, /TLS 証明書の検証を無効にします/);
    await client.dispose();
  });
});
