/**
 * The language server under inputs built to take it down: a Compose file of
 * 20,000 services and a 50,000-character RUN line. Each costs at most its
 * own document's findings; the server keeps answering every other document.
 */
import * as assert from 'assert';
import type { Hover } from 'vscode-languageserver/node';
import { composeWithServices } from '../helpers/generated';
import { TestClient } from '../helpers/lsp-client';

const SMALL = 'file:///work/project/Dockerfile';
const SMALL_TEXT = 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/x -o /x\nUSER app\n';

describe('language server under a runaway document', function () {
  this.timeout(120_000);
  let client: TestClient;
  afterEach(() => client.dispose());

  it('answers other documents while a 20,000-service Compose file and a 50,000-character RUN line are analysed, and after', async () => {
    client = new TestClient({});
    await client.initialize();
    const big = 'file:///work/big/compose.yaml';
    await client.open(big, 'dockercompose', composeWithServices(20_000));
    await client.open(
      'file:///work/long/Dockerfile',
      'dockerfile',
      `FROM debian:12\nRUN ${'apt-get install -y x && '.repeat(2_100)}true\n`,
    );
    await client.open(SMALL, 'dockerfile', SMALL_TEXT);

    const during = await client.diagnosticsFor(SMALL, 1, 10_000);
    assert.ok(during.diagnostics.some((d) => d.code === 'tls-verification-disabled'));
    assert.strictEqual(client.publishedCount(big), 0, 'answered while the large file was still being analysed');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: SMALL },
      position: { line: 1, character: 10 },
    })) as Hover | null;
    assert.ok(hover, 'hover answered');

    // The large documents end with their findings or one analysis-stopped finding, never silence or a dead server.
    for (const uri of [big, 'file:///work/long/Dockerfile']) {
      const published = await client.diagnosticsFor(uri, 1, 100_000);
      const codes = new Set(published.diagnostics.map((d) => d.code));
      assert.ok(codes.size > 0 && !codes.has('internal-error'), `${uri}: ${[...codes].join(', ')}`);
      if (codes.has('analysis-stopped')) assert.strictEqual(published.diagnostics.length, 1);
      else assert.ok(published.diagnostics.length <= 10_001, 'findings per document are capped');
    }

    await client.change(SMALL, 2, [
      { range: { start: { line: 1, character: 14 }, end: { line: 1, character: 15 } }, text: '' },
    ]);
    const after = await client.diagnosticsFor(SMALL, 2, 10_000);
    assert.ok(!after.diagnostics.some((d) => d.code === 'tls-verification-disabled'), 'the edit was analysed');
  });

  it('reports a document that outlasts the time limit once, and analyses it again when it changes', async () => {
    client = new TestClient({ budget: { timeLimitMs: 150 } });
    await client.initialize();
    const uri = 'file:///work/big/compose.yaml';
    await client.open(uri, 'dockercompose', composeWithServices(20_000));
    const stopped = await client.diagnosticsFor(uri, 1, 30_000);
    assert.deepStrictEqual(
      stopped.diagnostics.map((d) => d.code),
      ['analysis-stopped'],
    );
    assert.match(stopped.diagnostics[0].message, /stopped analysing this file/);

    await client.change(uri, 2, [{ text: 'services:\n  web:\n    image: nginx:1.25\n    privileged: true\n' }]);
    const analysed = await client.diagnosticsFor(uri, 2, 30_000);
    assert.ok(analysed.diagnostics.some((d) => d.code === 'compose-privileged'));
  });
});
