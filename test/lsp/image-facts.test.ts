/**
 * Image facts in the language server, over JSON-RPC, against a real
 * registry behind a gate: the first diagnostics come from built-in
 * knowledge before any lookup completes; once the registry answers, the
 * findings the image's config contradicts disappear (or appear), "Pin to
 * digest" writes the digest the registry serves, and the hover shows the
 * facts. With the feature off, or in an untrusted workspace, no connection
 * is attempted.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/core/edits';
import type { TextEdit } from '../../server/src/core/types';
import { describeFacts } from '../../server/src/lsp/image-facts';
import { IMAGE_FACTS_NOTIFICATION } from '../../server/src/lsp/protocol';
import { TestClient } from '../helpers/lsp-client';
import { GatedProxy } from '../registry/helpers/gated-proxy';
import { useRegistry, type PushedFixtures } from '../registry/fixtures';

const DOCKERFILE_URI = 'file:///work/facts/Dockerfile';
const COMPOSE_URI = 'file:///work/facts/compose.yaml';

const codes = (published: PublishDiagnosticsParams): string[] => published.diagnostics.map((d) => String(d.code));

describe('language server: image facts from a registry', function () {
  this.timeout(60_000);
  const { registry, pushed: fixtures } = useRegistry();
  let pushed: PushedFixtures;
  let proxy: GatedProxy;
  let client: TestClient;
  const cacheFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-lsp-cache-'));

  before(async () => {
    pushed = fixtures();
    proxy = new GatedProxy(registry.host);
    await proxy.start();
    client = new TestClient();
    await client.initialize('en', { imageFacts: { enabled: true, workspaceTrusted: true, cacheFolder } });
  });
  after(async () => {
    await client?.dispose();
    await proxy?.stop();
    fs.rmSync(cacheFolder, { recursive: true, force: true });
  });

  const serverImage = (): string => `${proxy.host}/app/server:1.4`;
  const rootyImage = (): string => `${proxy.host}/tools/rooty:2`;
  const dockerfile = (): string => `FROM ${serverImage()}\nCOPY server /app/server\n`;
  const compose = (): string =>
    `services:\n  api:\n    image: ${serverImage()}\n  tools:\n    image: "${rootyImage()}"\n`;

  it('publishes from built-in knowledge first, then drops the findings the image config answers', async () => {
    await client.open(DOCKERFILE_URI, 'dockerfile', dockerfile());
    await client.open(COMPOSE_URI, 'dockercompose', compose());
    const first = await client.diagnosticsFor(DOCKERFILE_URI, 1);
    const firstCompose = await client.diagnosticsFor(COMPOSE_URI, 1);
    // The gate is still closed: no lookup has completed, yet the documents have their diagnostics.
    assert.ok(proxy.requests > 0, 'the lookups have started');
    assert.ok(codes(first).includes('missing-user'), codes(first).join());
    assert.ok(codes(first).includes('missing-healthcheck'), codes(first).join());
    assert.ok(!codes(firstCompose).includes('compose-root-user'), 'the table does not know these images');
    const counts = { dockerfile: client.publishedCount(DOCKERFILE_URI), compose: client.publishedCount(COMPOSE_URI) };
    proxy.release();

    const informed = await client.nextDiagnostics(
      DOCKERFILE_URI,
      counts.dockerfile,
      (p) => !codes(p).includes('missing-user'),
      20_000,
    );
    assert.ok(!codes(informed).includes('missing-healthcheck'), codes(informed).join());
    assert.strictEqual(informed.version, 1);
    // The tools image's config sets no User: it runs as root, and the service without user: is reported; the api
    // image sets both a User and a Healthcheck. (Each image's answer re-publishes: wait for the one with both.)
    const apiCodes = (p: PublishDiagnosticsParams): string[] =>
      p.diagnostics.filter((d) => d.message.includes('"api"')).map((d) => String(d.code));
    const composeInformed = await client.nextDiagnostics(
      COMPOSE_URI,
      counts.compose,
      (p) => codes(p).includes('compose-root-user') && !apiCodes(p).includes('compose-missing-healthcheck'),
      20_000,
    );
    const root = composeInformed.diagnostics.find((d) => d.code === 'compose-root-user');
    assert.match(root?.message ?? '', /Service "tools" sets no user: and .*rooty:2 runs as root by default/);
    assert.ok(!apiCodes(composeInformed).includes('compose-root-user'));
    assert.ok(apiCodes(firstCompose).includes('compose-missing-healthcheck'), 'reported before the facts came');
  });

  async function pinAction(uri: string, code: string): Promise<CodeAction> {
    const latest = await client.nextDiagnostics(uri, client.publishedCount(uri) - 1);
    const found = latest.diagnostics.filter((d: Diagnostic) => d.code === code);
    assert.ok(found.length > 0, `no ${code} diagnostic`);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: found[0].range,
      context: { diagnostics: [found[0]] },
    })) as CodeAction[];
    const pin = actions.find((action) => action.title.startsWith('Pin to digest'));
    assert.ok(pin, actions.map((a) => a.title).join(' | '));
    return pin;
  }

  it('"Pin to digest" writes the digest the registry serves for the tag, keeping the tag', async () => {
    const fromPin = await pinAction(DOCKERFILE_URI, 'base-image-without-digest');
    const fixed = applyEdits(dockerfile(), fromPin.edit!.changes![DOCKERFILE_URI] as TextEdit[]);
    assert.strictEqual(fixed.split('\n')[0], `FROM ${serverImage()}@${pushed.serverIndex.digest}`);
    const imagePin = await pinAction(COMPOSE_URI, 'compose-image-without-digest');
    const pinnedCompose = applyEdits(compose(), imagePin.edit!.changes![COMPOSE_URI] as TextEdit[]);
    assert.ok(pinnedCompose.includes(`image: ${serverImage()}@${pushed.serverIndex.digest}\n`), pinnedCompose);
  });

  it('shows the facts on hover over the image reference', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: DOCKERFILE_URI },
      position: { line: 0, character: 12 },
    })) as Hover;
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /Default user: 10001:10001/);
    assert.match(text, /Exposed ports: 8080\/tcp/);
    assert.match(text, /Healthcheck: `CMD \/app\/server health`/);
    assert.ok(text.includes(pushed.serverIndex.digest));
    assert.match(text, /Created: 2026-11-02T10:00:00Z/);
  });

  it('keeps its facts when the registry goes away mid-session, and nothing fails', async () => {
    await proxy.stop();
    await client.change(DOCKERFILE_URI, 2, [{ text: `# edited while offline\n${dockerfile()}` }]);
    const offline = await client.diagnosticsFor(DOCKERFILE_URI, 2);
    assert.ok(!codes(offline).includes('missing-user'), codes(offline).join());
    assert.ok(!codes(offline).some((code) => code === 'internal-error'));
  });

  it('stops using facts when the feature is switched off (the notification)', async () => {
    const count = client.publishedCount(DOCKERFILE_URI);
    await client.connection.sendNotification(IMAGE_FACTS_NOTIFICATION, { enabled: false });
    const plain = await client.nextDiagnostics(DOCKERFILE_URI, count, (p) => codes(p).includes('missing-user'));
    assert.ok(codes(plain).includes('missing-healthcheck'));
  });
});

describe('language server: image facts off', function () {
  this.timeout(30_000);

  for (const [name, options] of [
    ['not enabled', undefined],
    ['enabled in an untrusted workspace', { imageFacts: { enabled: true, workspaceTrusted: false } }],
  ] as const) {
    it(`attempts no network connection when ${name}`, async () => {
      const listener = new GatedProxy(null);
      await listener.start();
      const client = new TestClient();
      try {
        await client.initialize('en', options);
        const uri = 'file:///work/off/Dockerfile';
        await client.open(uri, 'dockerfile', `FROM ${listener.host}/app/server:1.4\n`);
        const published = await client.diagnosticsFor(uri, 1);
        assert.ok(codes(published).includes('missing-user'));
        await client.open(
          'file:///work/off/compose.yaml',
          'dockercompose',
          `services:\n  a:\n    image: ${listener.host}/x:1\n`,
        );
        await client.diagnosticsFor('file:///work/off/compose.yaml', 1);
        await new Promise((resolve) => setTimeout(resolve, 500));
        assert.strictEqual(listener.connections, 0);
      } finally {
        await client.dispose();
        await listener.stop();
      }
    });
  }

  it('(the control: enabled in a trusted workspace, the same documents do connect)', async () => {
    const listener = new GatedProxy(null);
    await listener.start();
    const client = new TestClient();
    try {
      await client.initialize('en', { imageFacts: { enabled: true, workspaceTrusted: true } });
      await client.open('file:///work/on/Dockerfile', 'dockerfile', `FROM ${listener.host}/app/server:1.4\n`);
      await client.diagnosticsFor('file:///work/on/Dockerfile', 1);
      const deadline = Date.now() + 5000;
      while (listener.connections === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(listener.connections > 0);
    } finally {
      await client.dispose();
      await listener.stop();
    }
  });
});

describe('image facts hover text', () => {
  const facts = {
    query: { reference: 'nginx:1.27', platform: null },
    platform: 'linux/amd64',
    digest: 'sha256:' + 'a'.repeat(64),
    manifestDigest: 'sha256:' + 'a'.repeat(64),
    user: '',
    exposedPorts: ['80/tcp'],
    healthcheck: null,
    created: null,
  };

  it('names the facts in English by default', () => {
    const text = describeFacts(facts);
    assert.match(text, /- Default user: root \(the image sets no user\)/);
    assert.match(text, /- Exposed ports: 80\/tcp/);
    assert.match(text, /- Healthcheck: none/);
    assert.match(text, /- Created: unknown/);
  });

  it("names them in Japanese for a Japanese client, keeping the registry's values as they are", () => {
    const text = describeFacts({ ...facts, healthcheck: ['NONE'] }, 'ja');
    assert.ok(text.includes('- 既定のユーザー: root(イメージがユーザーを設定していません)'), text);
    assert.match(text, /- 公開ポート: 80\/tcp/);
    assert.ok(text.includes('- ヘルスチェック: 無効(NONE)'), text);
    assert.match(text, new RegExp(`- ダイジェスト: \`${facts.digest}\``));
    assert.doesNotMatch(text, /Default user|Healthcheck/);
  });
});
