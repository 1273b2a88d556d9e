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

/** A probe as exec-form arguments (`["CMD", ...]` in both Dockerfile and Compose). */
export interface HealthProbe {
  test: string[];
  /** Why this probe: shown in the fix title so the user can judge it. */
  basis: string;
}

/** Images with their own readiness tool: the probe Docker's own documentation and the images' READMEs use. */
const READINESS_PROBES = new Map<string, HealthProbe>(
  Object.entries({
    postgres: { test: ['CMD', 'pg_isready', '-U', 'postgres'], basis: 'pg_isready' },
    redis: { test: ['CMD', 'redis-cli', 'ping'], basis: 'redis-cli ping' },
    valkey: { test: ['CMD', 'valkey-cli', 'ping'], basis: 'valkey-cli ping' },
    mysql: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'], basis: 'mysqladmin ping' },
    percona: { test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'], basis: 'mysqladmin ping' },
    mariadb: {
      test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'],
      basis: "the image's healthcheck.sh",
    },
    mongo: { test: ['CMD', 'mongosh', '--quiet', '--eval', "db.adminCommand('ping')"], basis: 'mongosh ping' },
    rabbitmq: { test: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], basis: 'rabbitmq-diagnostics ping' },
    elasticsearch: {
      test: ['CMD', 'curl', '-fsS', 'http://127.0.0.1:9200/_cluster/health'],
      basis: 'curl (in the image) on the cluster health API',
    },
  } satisfies Record<string, HealthProbe>),
);

/** The HTTP client an image family has, if any. */
type HttpTool = 'curl' | 'wget' | 'node' | 'python' | null;

/** Images that install curl in their official Dockerfile. */
const HAS_CURL = new Set(['nginx', 'elasticsearch', 'kibana', 'logstash', 'buildpack-deps', 'grafana/grafana']);

/** Docker Hub's name for the image (`nginx`, `grafana/grafana`), else its repository path at its registry. */
function repositoryOf(image: ImageReference): string {
  return hubRepository(image) ?? image.repository;
}

function httpToolOf(image: ImageReference): HttpTool {
  const repository = repositoryOf(image);
  const tag = (image.tag ?? '').toLowerCase();
  if (HAS_CURL.has(repository)) return 'curl';
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

/** An HTTP GET of `/` on the container's own port, with a client the image has; null when it has none. */
export function httpProbe(image: ImageReference, port: number): HealthProbe | null {
  const url = `http://127.0.0.1:${port}/`;
  switch (httpToolOf(image)) {
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

/** The image's own readiness probe, else an HTTP probe on `port` when one is known and a client exists. */
export function healthProbeFor(image: ImageReference | null, port?: number): HealthProbe | null {
  if (!image) return null;
  // The vendor's own registry publishes the same image under its own path (docker.elastic.co/elasticsearch/...).
  const readiness =
    READINESS_PROBES.get(repositoryOf(image)) ?? (image.registry ? READINESS_PROBES.get(image.name) : undefined);
  if (readiness) return readiness;
  return port === undefined ? null : httpProbe(image, port);
}
