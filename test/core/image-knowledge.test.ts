/** What docker-harden knows of images for its fixes: health probes with tools the image has, non-root builds, users. */
import * as assert from 'assert';
import { parseImageReference } from '../../server/src/core/dockerfile/image-reference';
import { describeBaseImage } from '../../server/src/core/knowledge/base-images';
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
    assert.match(
      healthProbeFor(image('docker.elastic.co/elasticsearch/elasticsearch:8.15.0'))?.test[1] ?? '',
      /^curl .*http:.*\|\| curl .*https:/,
      'plain HTTP, else HTTPS (security is on by default from 8.0)',
    );
    assert.deepStrictEqual(healthProbeFor(image('mongo:7'))?.test.slice(0, 2), ['CMD', 'mongosh']);
    assert.deepStrictEqual(healthProbeFor(image('mongo:5.0'))?.test.slice(0, 2), ['CMD', 'mongo'], 'before mongosh');
  });

  it('probes HTTP on the port the image serves when none is exposed, with the tool its variant has', () => {
    const probe = (ref: string): string[] | undefined => healthProbeFor(image(ref))?.test;
    assert.deepStrictEqual(probe('nginx:1.27'), ['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1:80/']);
    assert.deepStrictEqual(probe('nginx:1.27-alpine-slim'), ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:80/']);
    assert.deepStrictEqual(probe('nginxinc/nginx-unprivileged:stable')?.at(-1), 'http://127.0.0.1:8080/');
    assert.deepStrictEqual(probe('grafana/grafana:11.2.0')?.at(-1), 'http://127.0.0.1:3000/api/health');
    assert.deepStrictEqual(probe('caddy:2')?.[1], 'wget', "caddy's Linux images are alpine");
    assert.strictEqual(probe('httpd:2.4'), undefined, 'the Debian httpd image purges wget after building');
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

  it('knows the unprivileged builds of the same image, at tags their publishers really push', () => {
    const variant = (ref: string): string | undefined => describeBaseImage(image(ref)).nonRootVariant?.image;
    assert.strictEqual(variant('nginx:1.27.3-alpine'), 'nginxinc/nginx-unprivileged:1.27.3-alpine');
    assert.strictEqual(variant('nginx:stable-bookworm-perl'), 'nginxinc/nginx-unprivileged:stable-bookworm-perl');
    assert.strictEqual(variant('nginx:1.27-otel'), undefined, 'the unprivileged image builds no otel variant');
    assert.strictEqual(variant('nginx:1.13'), undefined, 'it began with 1.14');
    assert.strictEqual(
      variant('gcr.io/distroless/java21-debian12:debug-amd64'),
      'gcr.io/distroless/java21-debian12:debug-nonroot-amd64',
    );
    assert.strictEqual(variant('gcr.io/distroless/java21-debian12:nonroot'), undefined, 'never the image itself');
  });

  it('knows haproxy runs as its own user from 2.4 on', () => {
    assert.strictEqual(describeBaseImage(image('haproxy:2.8-alpine')).defaultUser, 'non-root');
    assert.strictEqual(describeBaseImage(image('haproxy:lts')).builtInUser, 'haproxy');
    assert.strictEqual(describeBaseImage(image('haproxy:2.2')).defaultUser, 'root');
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
