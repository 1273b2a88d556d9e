/**
 * The registry client against a real registry (Debian's docker-registry on
 * loopback): anonymous access, htpasswd basic auth, the bearer-token flow,
 * platform choice in an index, a missing image, a registry that never
 * answers, and one that goes away mid-session.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { RegistryClient, RegistryError } from '../../server/src/registry/client';
import { ImageFactsService } from '../../server/src/registry/facts-service';
import { LocalRegistry, TEST_USER } from './helpers/local-registry';
import { pushFixtures, SERVER_HEALTHCHECK, useRegistry, type PushedFixtures } from './fixtures';

async function rejection(promise: Promise<unknown>): Promise<RegistryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RegistryError, `expected a RegistryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the lookup to fail');
}

describe('registry client: anonymous registry', function () {
  this.timeout(60_000);
  const { registry, pushed: fixtures } = useRegistry();
  let pushed: PushedFixtures;
  before(() => (pushed = fixtures()));

  it('reads the default platform of an index: user, ports, healthcheck, created, and the index digest', async () => {
    const facts = await new RegistryClient().imageFacts({
      reference: `${registry.host}/app/server:1.4`,
      platform: null,
    });
    assert.equal(facts.platform, 'linux/amd64');
    assert.equal(facts.digest, pushed.serverIndex.digest);
    assert.equal(facts.manifestDigest, pushed.serverAmd64.digest);
    assert.equal(facts.user, '10001:10001');
    assert.deepEqual(facts.exposedPorts, ['8080/tcp']);
    assert.deepEqual(facts.healthcheck, SERVER_HEALTHCHECK);
    assert.equal(facts.created, '2026-11-02T10:00:00Z');
  });

  it('chooses the platform asked for (FROM --platform), variant included', async () => {
    const client = new RegistryClient();
    const arm = await client.imageFacts({ reference: `${registry.host}/app/server:1.4`, platform: 'linux/arm64' });
    assert.equal(arm.manifestDigest, pushed.serverArm64.digest);
    assert.equal(arm.user, 'root');
    assert.equal(arm.healthcheck, null);
    const withVariant = await client.imageFacts({
      reference: `${registry.host}/app/server:1.4`,
      platform: 'linux/arm64/v8',
    });
    assert.equal(withVariant.manifestDigest, pushed.serverArm64.digest);
  });

  it('uses the configured default platform for queries without one', async () => {
    const client = new RegistryClient({ defaultPlatform: 'linux/arm64' });
    const facts = await client.imageFacts({ reference: `${registry.host}/app/server:1.4`, platform: null });
    assert.equal(facts.platform, 'linux/arm64');
    assert.equal(facts.user, 'root');
  });

  it('reads a single Docker manifest: no User means root, its digest is the manifest digest', async () => {
    const facts = await new RegistryClient().imageFacts({
      reference: `${registry.host}/tools/rooty:2`,
      platform: null,
    });
    assert.equal(facts.user, '');
    assert.equal(facts.digest, pushed.rooty.digest);
    assert.deepEqual(facts.exposedPorts, ['22/tcp', '8000/tcp']);
  });

  it('resolves a reference by digest, keeping its tag', async () => {
    const reference = `${registry.host}/app/server:1.4@${pushed.serverIndex.digest}`;
    const facts = await new RegistryClient().imageFacts({ reference, platform: null });
    assert.equal(facts.digest, pushed.serverIndex.digest);
    assert.equal(facts.user, '10001:10001');
  });

  it('fails with not-found for an unknown tag, an unknown repository and a missing platform', async () => {
    const client = new RegistryClient();
    assert.equal(
      (await rejection(client.imageFacts({ reference: `${registry.host}/app/server:9`, platform: null }))).kind,
      'not-found',
    );
    assert.equal(
      (await rejection(client.imageFacts({ reference: `${registry.host}/no/such:1`, platform: null }))).kind,
      'not-found',
    );
    const windows = await rejection(
      client.imageFacts({ reference: `${registry.host}/app/server:1.4`, platform: 'windows/amd64' }),
    );
    assert.equal(windows.kind, 'not-found');
    assert.match(windows.message, /no windows\/amd64 image/);
  });

  it('serves from the disk cache once the registry has gone away, and nothing throws', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-cache-'));
    const lines: string[] = [];
    const local = new LocalRegistry();
    await local.start();
    try {
      await pushFixtures(local);
      const first = new ImageFactsService({ cacheFolder: folder, log: (line) => lines.push(line) });
      const query = { reference: `${local.host}/app/server:1.4`, platform: null };
      const facts = await first.lookup(query);
      assert.equal(facts?.user, '10001:10001');
      await local.stop();
      // A new session (a restarted editor) on the same cache folder: the cache answers without the registry.
      const second = new ImageFactsService({ cacheFolder: folder, log: (line) => lines.push(line) });
      assert.deepEqual(second.known(query), facts);
      assert.equal(second.networkLookups, 0);
      // An image the cache does not hold: the lookup fails quietly (undefined), told once.
      const missing = { reference: `${local.host}/tools/rooty:2`, platform: null };
      assert.equal(await second.lookup(missing), undefined);
      assert.equal(await second.lookup({ reference: `${local.host}/tools/other:1`, platform: null }), undefined);
      assert.equal(lines.length, 1);
      assert.match(lines[0], /127\.0\.0\.1:\d+ could not be asked .*ECONNREFUSED.*using built-in knowledge/);
    } finally {
      await local.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('starts one lookup per query however many ask at once (a burst of edits)', async () => {
    const service = new ImageFactsService();
    const query = { reference: `${registry.host}/app/server:1.4`, platform: null };
    const answers = await Promise.all(Array.from({ length: 8 }, () => service.lookup(query)));
    assert.equal(service.networkLookups, 1);
    assert.ok(answers.every((answer) => answer?.digest === pushed.serverIndex.digest));
  });

  it('asks no registry outside the allow-list', async () => {
    let requests = 0;
    const service = new ImageFactsService({
      registries: ['ghcr.io'],
      fetch: () => {
        requests++;
        return Promise.reject(new Error('must not be called'));
      },
    });
    assert.equal(await service.lookup({ reference: `${registry.host}/app/server:1.4`, platform: null }), undefined);
    assert.equal(requests, 0);
  });
});

describe('registry client: basic auth (htpasswd)', function () {
  this.timeout(60_000);
  const { registry } = useRegistry({ kind: 'basic' });

  it('reads the image with the credentials stored for the registry', async () => {
    const client = new RegistryClient({
      credentials: (name) => (name === registry.host ? TEST_USER : undefined),
    });
    const facts = await client.imageFacts({ reference: `${registry.host}/app/server:1.4`, platform: null });
    assert.equal(facts.user, '10001:10001');
  });

  it('is refused without credentials, and the message holds no credential', async () => {
    const error = await rejection(
      new RegistryClient().imageFacts({ reference: `${registry.host}/app/server:1.4`, platform: null }),
    );
    assert.equal(error.kind, 'unauthorized');
    const wrong = await rejection(
      new RegistryClient({ credentials: () => ({ username: 'tester', password: 'wrong-password' }) }).imageFacts({
        reference: `${registry.host}/app/server:1.4`,
        platform: null,
      }),
    );
    assert.equal(wrong.kind, 'unauthorized');
    assert.doesNotMatch(wrong.message, /wrong-password|tester/);
  });

  it('reads credentials from config.json in DOCKER_CONFIG (base64 auth)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-config-'));
    const auth = Buffer.from(`${TEST_USER.username}:${TEST_USER.password}`).toString('base64');
    fs.writeFileSync(path.join(folder, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth } } }));
    const saved = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = folder;
    try {
      const facts = await new ImageFactsService().lookup({
        reference: `${registry.host}/tools/rooty:2`,
        platform: null,
      });
      assert.equal(facts?.user, '');
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('registry client: bearer token flow', function () {
  this.timeout(60_000);
  const { registry, pushed: publicImages } = useRegistry({ kind: 'token' }, ['public/', 'private/']);

  it('gets an anonymous token from the realm for a public repository', async () => {
    const before = registry.tokenRequests.length;
    const facts = await new RegistryClient().imageFacts({
      reference: `${registry.host}/public/app/server:1.4`,
      platform: null,
    });
    assert.equal(facts.digest, publicImages().serverIndex.digest);
    const asked = registry.tokenRequests.slice(before);
    assert.deepEqual(asked, [{ authorized: false, scope: 'repository:public/app/server:pull' }]);
  });

  it('sends the registry credentials to a realm on the same host, and reads a private repository', async () => {
    const client = new RegistryClient({ credentials: (name) => (name === registry.host ? TEST_USER : undefined) });
    const facts = await client.imageFacts({ reference: `${registry.host}/private/tools/rooty:2`, platform: null });
    assert.equal(facts.user, '');
    assert.ok(registry.tokenRequests.some((request) => request.authorized));
  });

  it('is refused a private repository with an anonymous token', async () => {
    const error = await rejection(
      new RegistryClient().imageFacts({ reference: `${registry.host}/private/tools/rooty:2`, platform: null }),
    );
    assert.equal(error.kind, 'unauthorized');
  });
});

describe('registry client: a registry that never answers', () => {
  it('gives up after the time limit with a timeout error', async () => {
    const sockets: net.Socket[] = [];
    const server = http.createServer(() => {
      // Never answers.
    });
    server.on('connection', (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      const error = await rejection(
        new RegistryClient({ timeoutMs: 300 }).imageFacts({
          reference: `127.0.0.1:${port}/slow/image:1`,
          platform: null,
        }),
      );
      assert.equal(error.kind, 'timeout');
      assert.ok(Date.now() - started < 5000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
