/**
 * `docker-harden --registry`: against a real registry, `--fix --registry`
 * pins FROM and image: to the digest the registry serves (keeping the tag)
 * and the findings follow the images' configs; a registry that cannot be
 * reached is told once on standard error and changes nothing else; without
 * `--registry` no connection is made.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { run, workspace } from '../helpers/cli';
import { GatedProxy } from './helpers/gated-proxy';
import { useRegistry, type PushedFixtures } from './fixtures';

describe('CLI --registry', function () {
  this.timeout(120_000);
  const { registry, pushed: fixtures } = useRegistry();
  let pushed: PushedFixtures;
  before(() => (pushed = fixtures()));

  it('--fix --registry pins FROM and image: to the served digest, for the platform asked for', async () => {
    const server = `${registry.host}/app/server:1.4`;
    const dir = workspace({
      Dockerfile: `FROM ${server} AS app\nCOPY server /app/server\n`,
      'compose.yaml': `services:\n  api:\n    image: "${server}"\n    platform: linux/arm64\n`,
    });
    const cache = path.join(dir, '.cache');
    const result = await run(['--fix', '--registry', '--registry-cache', cache, '--format', 'json', '.'], dir);
    assert.strictEqual(result.stderr.includes('could not be asked'), false, result.stderr);
    // Only the pin: the image's config already sets a User and a Healthcheck, so no USER or HEALTHCHECK is added.
    assert.strictEqual(
      fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
      `FROM ${server}@${pushed.serverIndex.digest} AS app\nCOPY server /app/server\n`,
    );
    // The index digest pins every platform: the arm64 service is pinned to it too.
    const fixedCompose = fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8');
    assert.ok(fixedCompose.includes(`image: "${server}@${pushed.serverIndex.digest}"`), fixedCompose);
    // amd64 (the default) sets User and Healthcheck; the service's arm64 image runs as root (so --fix added a user:)
    // and has no healthcheck.
    assert.match(fixedCompose, /\n {4}user: /);
    const remaining = (JSON.parse(result.stdout) as { findings: { ruleId: string; file: string }[] }).findings;
    const ids = remaining.map((f) => `${f.file}:${f.ruleId}`);
    assert.ok(!ids.includes('Dockerfile:missing-user') && !ids.includes('Dockerfile:missing-healthcheck'), ids.join());
    assert.ok(ids.includes('compose.yaml:compose-missing-healthcheck'), ids.join());
    assert.ok(fs.readdirSync(cache).length > 0, 'the facts are cached');
    const again = await run(['--fix', '--registry', '--registry-cache', cache, '.'], dir);
    assert.match(again.stderr, /fixed 0 problems/);
  });

  it('tells a registry that cannot be reached once, and keeps the built-in knowledge', async () => {
    const dir = workspace({
      Dockerfile: 'FROM 127.0.0.1:9/app/server:1.4\nFROM 127.0.0.1:9/app/other:2\n',
      'compose.yaml': 'services:\n  a:\n    image: 127.0.0.1:9/app/third:3\n',
    });
    const result = await run(
      ['--registry', '--registry-cache', path.join(dir, '.cache'), '--format', 'json', '.'],
      dir,
    );
    assert.strictEqual(result.status, 1);
    const lines = result.stderr.split('\n').filter((line) => line.includes('could not be asked'));
    assert.strictEqual(lines.length, 1, result.stderr);
    assert.match(lines[0], /using built-in knowledge/);
  });
});

describe('CLI without --registry', () => {
  it('makes no connection', async () => {
    const listener = new GatedProxy(null);
    await listener.start();
    try {
      const dir = workspace({ Dockerfile: `FROM ${listener.host}/app/server:1.4\n` });
      const result = await run(['--fix', '--format', 'json', '.'], dir);
      assert.notStrictEqual(result.status, 2, result.stderr);
      assert.match(result.stderr, /fixed [1-9]\d* problem/);
      assert.strictEqual(listener.connections, 0);
    } finally {
      await listener.stop();
    }
  });

  it('rejects a malformed --registry-platform with a usage error', async () => {
    const result = await run(['--registry', '--registry-platform', 'amd64', '.'], workspace({}));
    assert.strictEqual(result.status, 2);
    assert.match(result.stderr, /--registry-platform takes OS\/ARCH/);
  });
});
