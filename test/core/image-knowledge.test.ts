/** What docker-harden knows of images for its fixes: health probes with tools the image has, and user creation. */
import * as assert from 'assert';
import { parseImageReference } from '../../server/src/core/dockerfile/image-reference';
import { healthProbeFor } from '../../server/src/core/knowledge/healthchecks';
import { osFamilyOf, userCreation } from '../../server/src/core/knowledge/user-creation';

const image = (text: string) => {
  const parsed = parseImageReference(text);
  assert.ok(parsed, text);
  return parsed;
};

describe('image knowledge for fixes', () => {
  it("probes a database with its own readiness tool, under Docker Hub's and a vendor's name", () => {
    assert.deepStrictEqual(healthProbeFor(image('postgres:16-alpine'))?.test, ['CMD', 'pg_isready', '-U', 'postgres']);
    assert.deepStrictEqual(healthProbeFor(image('redis'))?.test, ['CMD', 'redis-cli', 'ping']);
    assert.strictEqual(healthProbeFor(image('docker.elastic.co/elasticsearch/elasticsearch:8.15.0'))?.test[1], 'curl');
  });

  it('probes HTTP only with a client the image has', () => {
    assert.strictEqual(healthProbeFor(image('python:3.12-slim'), 8000)?.test[1], 'python');
    assert.strictEqual(healthProbeFor(image('node:20-alpine'), 3000)?.test[1], 'wget');
    assert.strictEqual(healthProbeFor(image('node:20-bookworm-slim'), 3000)?.test[1], 'node');
    assert.strictEqual(healthProbeFor(image('nginx:1.27'), 80)?.test[1], 'curl');
    assert.strictEqual(healthProbeFor(image('gcr.io/distroless/static-debian12'), 8080), null);
    assert.strictEqual(healthProbeFor(image('python:3.12-slim')), null, 'no port, no HTTP probe');
    assert.strictEqual(healthProbeFor(image('constructor')), null);
  });

  it('creates a user the way the base image family does, numeric where it cannot', () => {
    assert.strictEqual(osFamilyOf(image('python:3.12-slim')), 'debian');
    assert.strictEqual(osFamilyOf(image('node:20-alpine')), 'alpine');
    assert.strictEqual(osFamilyOf(image('registry.access.redhat.com/ubi9/ubi')), 'rhel');
    assert.strictEqual(osFamilyOf(image('registry.access.redhat.com/ubi9/ubi-minimal')), 'numeric-only');
    assert.strictEqual(osFamilyOf(image('gcr.io/distroless/base-debian12')), 'numeric-only');
    assert.match(userCreation('debian', 'app', 10001).command ?? '', /^groupadd --system --gid 10001 app && useradd /);
    assert.match(userCreation('alpine', 'app', 10001).command ?? '', /^addgroup -S -g 10001 app && adduser -S /);
    assert.deepStrictEqual(userCreation('numeric-only', 'app', 65532), { command: null, user: '65532:65532' });
  });
});
