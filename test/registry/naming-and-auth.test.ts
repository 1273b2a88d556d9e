/**
 * The registry client's pure parts: Docker Hub naming, the allow-list,
 * config.json credentials, WWW-Authenticate challenges, and which token
 * realms may receive a registry's credentials.
 */
import { strict as assert } from 'assert';
import { mayReceiveCredentials, parseChallenges } from '../../server/src/registry/auth';
import { credentialsFromConfig } from '../../server/src/registry/credentials';
import { DEFAULT_REGISTRIES, isAllowed, locate } from '../../server/src/registry/reference';

describe('registry naming', () => {
  it('resolves Docker Hub names as the Docker CLI does', () => {
    assert.deepEqual(locate('nginx'), {
      registry: 'docker.io',
      endpoint: 'registry-1.docker.io',
      repository: 'library/nginx',
      reference: 'latest',
      scheme: 'https',
    });
    assert.equal(locate('bitnami/redis:7')?.repository, 'bitnami/redis');
    assert.equal(locate('docker.io/library/node:20')?.repository, 'library/node');
    assert.equal(locate('index.docker.io/nginx:1.27')?.endpoint, 'registry-1.docker.io');
  });

  it('reaches loopback registries over plain HTTP and the others over HTTPS', () => {
    assert.equal(locate('localhost:5000/app:1')?.scheme, 'http');
    assert.equal(locate('127.0.0.1:5000/app:1')?.scheme, 'http');
    assert.equal(locate('[::1]:5000/app:1')?.scheme, 'http');
    assert.equal(locate('ghcr.io/org/app:1')?.scheme, 'https');
    assert.equal(locate('localhost.example.com/app:1')?.scheme, 'https');
  });

  it('resolves a digest reference by its digest and rejects what a registry cannot resolve', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    assert.equal(locate(`nginx:1.27@${digest}`)?.reference, digest);
    assert.equal(locate('nginx@sha256:short'), null);
    assert.equal(locate('Bad Name'), null);
  });

  it('allows the default registries, a port-less entry for every port of its host, and nothing else', () => {
    assert.ok(isAllowed('docker.io', DEFAULT_REGISTRIES));
    assert.ok(isAllowed('localhost:5000', DEFAULT_REGISTRIES));
    assert.ok(isAllowed('127.0.0.1:41234', DEFAULT_REGISTRIES));
    assert.ok(!isAllowed('registry.example.com', DEFAULT_REGISTRIES));
    assert.ok(isAllowed('docker.io', ['index.docker.io']));
    assert.ok(!isAllowed('localhost:5001', ['localhost:5000']));
  });
});

describe('registry credentials from config.json', () => {
  it('reads base64 auth and username/password entries, keyed by registry (Docker Hub by its v1 URL)', () => {
    const auth = Buffer.from('alice:pa:ss').toString('base64');
    const found = credentialsFromConfig(
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth },
          'ghcr.io': { username: 'bob', password: 'token' },
          'https://quay.io': { auth: '' },
        },
      }),
    );
    assert.deepEqual(found.get('docker.io'), { username: 'alice', password: 'pa:ss' });
    assert.deepEqual(found.get('ghcr.io'), { username: 'bob', password: 'token' });
    assert.equal(found.has('quay.io'), false);
  });

  it('reads nothing from a file that is not JSON', () => {
    assert.equal(credentialsFromConfig('{ not json').size, 0);
  });
});

describe('registry authentication', () => {
  it('parses bearer and basic challenges with quoted and bare values', () => {
    const challenges = parseChallenges(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
    );
    assert.deepEqual(challenges, [
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/nginx:pull',
        },
      },
    ]);
    assert.deepEqual(parseChallenges('Basic realm=registry, Bearer realm="https://x/t"'), [
      { scheme: 'basic', params: { realm: 'registry' } },
      { scheme: 'bearer', params: { realm: 'https://x/t' } },
    ]);
    assert.deepEqual(parseChallenges(null), []);
  });

  it('sends credentials only to an HTTPS realm of the same site, or to a loopback realm', () => {
    assert.ok(mayReceiveCredentials(new URL('https://auth.docker.io/token'), 'docker.io'));
    assert.ok(mayReceiveCredentials(new URL('https://ghcr.io/token'), 'ghcr.io'));
    assert.ok(mayReceiveCredentials(new URL('http://127.0.0.1:9999/token'), '127.0.0.1:5000'));
    assert.ok(!mayReceiveCredentials(new URL('https://collector.example.net/token'), 'ghcr.io'));
    assert.ok(!mayReceiveCredentials(new URL('http://ghcr.io/token'), 'ghcr.io'));
  });
});
