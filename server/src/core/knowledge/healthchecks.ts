/**
 * Health probes that work inside common images, for the fixes that add a
 * HEALTHCHECK (Dockerfile) or `healthcheck:` (Compose). A probe may only use
 * a program the image has: `python:*-slim` and `debian:*-slim` have neither
 * curl nor wget, Alpine has BusyBox `wget`, distroless has no shell at all.
 *
 * Sources: each image's official Dockerfile (docker-library/<image> on
 * GitHub) for the programs it installs, and the images' documentation for
 * their readiness tools (pg_isready, redis-cli, mysqladmin, mariadb-admin,
 * mongosh, rabbitmq-diagnostics).
 */
import { hubRepository, type ImageReference } from '../dockerfile/image-reference';

/**
 * A probe as Compose writes its test: `["CMD", ...]` exec-form arguments, or
 * `["CMD-SHELL", "command"]` for a command that needs /bin/sh.
 */
export interface HealthProbe {
  test: string[];
  /** Why this probe: shown in the fix title so the user can judge it. */
  basis: string;
  /** The path an HTTP probe expects a 2xx or 3xx answer from. */
  path?: string;
}

/** Images with their own readiness tool: the probe Docker's own documentation and the images' READMEs use. */
const READINESS_PROBES = new Map<string, HealthProbe>(
  Object.entries({
    // pg_isready asks the server over its socket whether it accepts connections; no password is needed.
    postgres: { test: ['CMD', 'pg_isready', '-U', 'postgres'], basis: 'pg_isready' },
    // redis-cli exits 0 on any reply, NOAUTH included: the server answers.
    redis: { test: ['CMD', 'redis-cli', 'ping'], basis: 'redis-cli ping' },
    valkey: { test: ['CMD', 'valkey-cli', 'ping'], basis: 'valkey-cli ping' },
    // mysqladmin ping exits 0 when the server answers, even when it refuses the (absent) credentials.
    mysql: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'], basis: 'mysqladmin ping' },
    percona: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'], basis: 'mysqladmin ping' },
    mariadb: {
      test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'],
      basis: "the image's healthcheck.sh",
    },
    mongo: { test: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"], basis: 'mongosh ping' },
    rabbitmq: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], basis: 'rabbitmq-diagnostics ping' },
    // Security (and TLS on 9200) is on by default from 8.0 and often turned off in Compose files: plain HTTP
    // first, then HTTPS; any answer counts (a 401 too), so no credentials are needed.
    elasticsearch: {
      test: [
        'CMD-SHELL',
        'curl -s -o /dev/null http://127.0.0.1:9200/ || curl -sk -o /dev/null https://127.0.0.1:9200/',
      ],
      basis: 'curl (in the image) on port 9200, over HTTP or HTTPS',
    },
  } satisfies Record<string, HealthProbe>),
);

/** mongo before 6.0 has the legacy `mongo` shell (mongosh replaced it in the 6.0 images). */
const LEGACY_MONGO_PROBE: HealthProbe = {
  test: ['CMD', 'mongo', '--quiet', '--eval', "db.adminCommand('ping')"],
  basis: 'the mongo shell (ping)',
};

/** The readiness probe for the image at its tag. */
function readinessProbe(image: ImageReference, repository: string): HealthProbe | undefined {
  const probe = READINESS_PROBES.get(repository);
  if (repository === 'mongo' && /^[1-5](\.|-|$)/.test(image.tag ?? '')) return LEGACY_MONGO_PROBE;
  return probe;
}

/**
 * The port the image serves HTTP on out of the box, with the path that
 * answers without credentials, for the images an HTTP probe is known for:
 * nginx, httpd and caddy serve :80 (nginx-unprivileged :8080), Grafana
 * :3000 with its unauthenticated /api/health.
 */
const DEFAULT_HTTP = new Map<string, { port: number; path: string }>([
  ['nginx', { port: 80, path: '/' }],
  ['nginxinc/nginx-unprivileged', { port: 8080, path: '/' }],
  ['httpd', { port: 80, path: '/' }],
  ['caddy', { port: 80, path: '/' }],
  ['grafana/grafana', { port: 3000, path: '/api/health' }],
  ['grafana/grafana-oss', { port: 3000, path: '/api/health' }],
]);

/** The HTTP client an image family has, if any. */
type HttpTool = 'curl' | 'wget' | 'node' | 'python' | null;

/**
 * Images that install curl in their official Dockerfile: nginx and
 * nginx-unprivileged (Debian and alpine tags; not alpine-slim, which has
 * BusyBox wget), Elastic's images, buildpack-deps, Grafana (alpine and
 * ubuntu tags).
 */
const HAS_CURL = new Set([
  'nginx',
  'nginxinc/nginx-unprivileged',
  'elasticsearch',
  'kibana',
  'logstash',
  'buildpack-deps',
  'grafana/grafana',
  'grafana/grafana-oss',
]);

/** Docker Hub's name for the image (`nginx`, `grafana/grafana`), else its repository path at its registry. */
function repositoryOf(image: ImageReference): string {
  return hubRepository(image) ?? image.repository;
}

function httpToolOf(image: ImageReference): HttpTool {
  const repository = repositoryOf(image);
  const tag = (image.tag ?? '').toLowerCase();
  if (HAS_CURL.has(repository)) return /alpine.*slim/.test(tag) ? 'wget' : 'curl';
  // caddy's Linux tags (2, 2.8, alpine) build on alpine; `builder` is a build image, the others Windows.
  if (repository === 'caddy') return /builder|windows|nanoserver/.test(tag) ? null : 'wget';
  if (/distroless|chainguard/.test(repository) || /^(?:cgr\.dev|dhi\.io)$/.test(image.registry ?? '')) return null;
  const alpine = tag.includes('alpine') || repository === 'alpine' || repository === 'busybox';
  if (alpine) return 'wget';
  const slim = tag.includes('slim');
  if (repository === 'node') return slim ? 'node' : 'curl';
  if (repository === 'python' || repository === 'pypy') return slim ? 'python' : 'curl';
  // The full language images build on buildpack-deps, which has curl and wget.
  if (['ruby', 'golang', 'rust', 'perl', 'php', 'openjdk', 'maven', 'gradle'].includes(repository))
    return slim ? null : 'curl';
  return null;
}

/** An HTTP GET of `path` on the container's own port, with a client the image has; null when it has none. */
export function httpProbe(image: ImageReference, port: number, path = '/'): HealthProbe | null {
  const url = `http://127.0.0.1:${port}${path}`;
  const probe = httpToolProbe(httpToolOf(image), url, port);
  return probe && { ...probe, path };
}

function httpToolProbe(tool: HttpTool, url: string, port: number): HealthProbe | null {
  switch (tool) {
    case 'curl':
      return { test: ['CMD', 'curl', '-fsS', '-o', '/dev/null', url], basis: `curl on port ${port}` };
    case 'wget':
      return { test: ['CMD', 'wget', '-q', '--spider', url], basis: `BusyBox wget on port ${port}` };
    case 'node':
      return {
        test: [
          'CMD',
          'node',
          '-e',
          `require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))`,
        ],
        basis: `node's http module on port ${port}`,
      };
    case 'python':
      return {
        test: ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('${url}', timeout=4)`],
        basis: `python's urllib on port ${port}`,
      };
    default:
      return null;
  }
}

/**
 * The image's own readiness probe, else an HTTP probe with a client the
 * image has: on `port` (the one the Dockerfile exposes or the service
 * publishes), else on the port the image is known to serve.
 */
export function healthProbeFor(image: ImageReference | null, port?: number): HealthProbe | null {
  if (!image) return null;
  const repository = repositoryOf(image);
  // The vendor's own registry publishes the same image under its own path (docker.elastic.co/elasticsearch/...).
  const readiness =
    readinessProbe(image, repository) ?? (image.registry ? readinessProbe(image, image.name) : undefined);
  if (readiness) return readiness;
  const known = DEFAULT_HTTP.get(repository);
  if (port !== undefined) return httpProbe(image, port, known && known.port === port ? known.path : '/');
  return known ? httpProbe(image, known.port, known.path) : null;
}
