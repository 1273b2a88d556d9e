/**
 * What docker-harden knows about published images, as the images'
 * Dockerfiles state it: the user they run as under every name they are
 * published as, their own HEALTHCHECK, and which tags are minimal. Each row
 * is checked in the knowledge and in the rules that read it (Dockerfile
 * FROM and Compose `image:`).
 */
import * as assert from 'assert';
import { parseImageReference } from '../../../server/src/core/dockerfile/image-reference';
import { describeBaseImage } from '../../../server/src/core/knowledge/base-images';
import { composeFindings, dockerfileFindings, linesOf } from '../../helpers/precision';

function facts(image: string) {
  const reference = parseImageReference(image);
  assert.ok(reference, image);
  return describeBaseImage(reference);
}

const NON_ROOT: [image: string, user: string][] = [
  ['kong:3.6', 'kong'],
  ['kong/kong-gateway:3.6', 'kong'],
  ['memcached:1.6-alpine', 'memcache'],
  ['docker.io/library/memcached:1.6', 'memcache'],
  ['haproxy:2.8', 'haproxy'],
  ['sonarqube:10-community', 'sonarqube'],
  ['jenkins/jenkins:lts', 'jenkins'],
  ['grafana/grafana:10.4.0', '472'],
  ['grafana/grafana-oss', '472'],
  ['prom/prometheus:v2.50.0', 'nobody'],
  ['quay.io/prometheus/prometheus:v2.50.0', 'nobody'],
  ['prom/node-exporter:v1.7.0', 'nobody'],
  ['quay.io/prometheus/node-exporter:v1.7.0', 'nobody'],
  ['elasticsearch:8.12.0', '1000'],
  ['docker.elastic.co/elasticsearch/elasticsearch:8.12.0', '1000'],
  ['docker.elastic.co/kibana/kibana:8.12.0', '1000'],
  ['bitnami/redis:7.2', '1001'],
  ['docker.io/bitnami/postgresql:16', '1001'],
  ['public.ecr.aws/bitnami/mongodb:7.0', '1001'],
  ['quay.io/keycloak/keycloak:24.0', '1000'],
  ['gitea/gitea:1.21-rootless', '1000'],
  ['registry.k8s.io/pause:3.9', '65535'],
  ['cgr.dev/chainguard/nginx', '65532'],
];

/** Images whose Dockerfile sets no USER (or an older tag did not): they start as root. */
const ROOT = [
  'valkey/valkey:8-alpine',
  'pihole/pihole:2025.01.0',
  'louislam/uptime-kuma:2',
  'ghcr.io/paperless-ngx/paperless-ngx:2.14',
  'rabbitmq:3.13-management',
  'eclipse-mosquitto:2.0',
  'traefik:v3.0',
  'haproxy:2.2',
  'redis:7',
];
/** Images only some of whose tags are non-root, or that docker-harden does not know: never called non-root. */
const NOT_NON_ROOT = [...ROOT, 'gitea/gitea:1.21', 'bitnami/minideb:bookworm'];

describe('precision: images that run as non-root by default', () => {
  for (const [image, user] of NON_ROOT) {
    it(`${image} runs as ${user}: neither the Dockerfile rules nor the Compose rules call it root`, () => {
      assert.strictEqual(facts(image).defaultUser, 'non-root');
      assert.strictEqual(facts(image).builtInUser, user);
      const dockerfile = dockerfileFindings(`FROM ${image}\nCMD ["run"]\n`);
      assert.deepStrictEqual(linesOf(dockerfile, 'root-base-image', 'missing-user'), []);
      const compose = composeFindings({ 'compose.yaml': `services:\n  app:\n    image: ${image}\n` });
      assert.deepStrictEqual(linesOf(compose, 'compose-root-user'), []);
    });
  }
  for (const image of NOT_NON_ROOT)
    it(`${image} is not taken for a non-root image`, () => {
      assert.notStrictEqual(facts(image).defaultUser, 'non-root');
    });
  for (const image of ROOT) {
    it(`${image} starts as root: the Compose rules say so`, () => {
      const compose = composeFindings({ 'compose.yaml': `services:\n  app:\n    image: ${image}\n` });
      assert.deepStrictEqual(linesOf(compose, 'compose-root-user'), ['compose-root-user 2']);
    });
  }
});

const OWN_HEALTHCHECK = [
  'kong:3.6',
  'vaultwarden/server:1.30.5',
  'ghcr.io/dani-garcia/vaultwarden:1.30.5',
  'louislam/uptime-kuma:1',
  'eclipse-mosquitto:2.0.18',
  'gitlab/gitlab-ce:16.9.1-ce.0',
  'mattermost/mattermost-team-edition:9.5',
];

describe('precision: images with their own HEALTHCHECK', () => {
  for (const image of OWN_HEALTHCHECK) {
    it(`${image}: no "no healthcheck" finding, in a Dockerfile FROM it or a service running it`, () => {
      assert.strictEqual(facts(image).ownHealthcheck, true);
      assert.deepStrictEqual(linesOf(dockerfileFindings(`FROM ${image}\n`), 'missing-healthcheck'), []);
      const compose = composeFindings({ 'compose.yaml': `services:\n  app:\n    image: ${image}\n` });
      assert.deepStrictEqual(linesOf(compose, 'compose-missing-healthcheck'), []);
    });
  }
  it('a service that builds FROM such an image inherits its HEALTHCHECK', () => {
    const findings = composeFindings({
      'compose.yaml': 'services:\n  app:\n    build: .\n',
      Dockerfile: 'FROM vaultwarden/server:1.30.5\nCOPY config.json /data/\n',
    });
    assert.deepStrictEqual(linesOf(findings, 'compose-missing-healthcheck'), []);
  });
  for (const image of ['nginx:1.27', 'eclipse-mosquitto:1.6', 'grafana/grafana:10.4.0']) {
    it(`${image} defines none: the finding stays`, () => {
      assert.notStrictEqual(facts(image).ownHealthcheck, true);
      const compose = composeFindings({ 'compose.yaml': `services:\n  app:\n    image: ${image}\n` });
      assert.deepStrictEqual(linesOf(compose, 'compose-missing-healthcheck'), ['compose-missing-healthcheck 2']);
    });
  }
});

describe('precision: minimal tags', () => {
  const cases: [image: string, minimal: boolean][] = [
    ['python:3.12-alpine3.20', true],
    ['node:20-alpine3.19', true],
    ['nginx:1.27-alpine3.20-slim', true],
    ['php:8.3-fpm-alpine3.20', true],
    ['python:3.12', false],
    ['node:20-bookworm', false],
  ];
  for (const [image, minimal] of cases) {
    it(`${image} is ${minimal ? '' : 'not '}minimal`, () => {
      assert.strictEqual(facts(image).minimal, minimal);
      const reported = linesOf(dockerfileFindings(`FROM ${image}\nUSER 1000\n`), 'non-minimal-base-image');
      assert.deepStrictEqual(reported, minimal ? [] : ['non-minimal-base-image 1']);
    });
  }
});

describe('precision: suggested alternatives', () => {
  const images = [
    'wordpress:6',
    'traefik:v3.0',
    'registry.access.redhat.com/ubi9/ubi-micro',
    'nginx:1.27',
    'ubuntu:24.04',
  ];
  for (const image of images) {
    it(`${image}: every alternative is an image reference other than the image itself`, () => {
      for (const alternative of facts(image).hardenedAlternatives) {
        const reference = parseImageReference(alternative);
        assert.ok(reference, alternative);
        // `bitnami` and `cgr.dev/chainguard` are publishers, not images one can pull.
        assert.ok(!['bitnami', 'chainguard'].includes(reference.repository), `${alternative} names no image`);
        assert.notStrictEqual(alternative.replace(/:latest$/, ''), image.replace(/:latest$/, ''));
      }
    });
  }
});

describe('precision: a variable tag keeps what the repository tells', () => {
  const cases: [image: string, root: boolean][] = [
    ['postgres:${PG_VERSION}-alpine${ALPINE_VERSION}', true],
    ['nginx:${NGINX_IMAGE_TAG}', true],
    ['kong:${KONG_VERSION}', false],
    ['grafana/grafana:${GRAFANA_TAG}', false],
    ['${REGISTRY}/postgres:16', false],
    ['mattermost/${MATTERMOST_IMAGE}:${TAG}', false],
  ];
  for (const [image, root] of cases) {
    it(`FROM ${image}: ${root ? 'runs as root' : 'no claim about its user'}`, () => {
      const findings = dockerfileFindings(`ARG PG_VERSION\nFROM ${image}\nCMD ["run"]\n`);
      const reported = findings.filter((f) => f.ruleId === 'missing-user');
      assert.strictEqual(reported.length, root ? 1 : 0);
      if (root) assert.match(reported[0].message, /runs as root by default/);
    });
    it(`image: ${image} in Compose: ${root ? 'runs as root' : 'no claim about its user'}`, () => {
      const compose = composeFindings({ 'compose.yaml': `services:\n  app:\n    image: ${image}\n` });
      assert.strictEqual(linesOf(compose, 'compose-root-user').length, root ? 1 : 0);
    });
  }
});
