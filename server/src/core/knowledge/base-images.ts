/**
 * What we know about base images without pulling them: which run as root by
 * default, which ship a non-root user, which are minimal (slim, alpine,
 * distroless, Chainguard, Docker Hardened Images), and what hardened
 * alternative to suggest. Used by the Dockerfile rules (final stage) and by
 * the Compose rules (service images).
 */
import { hubRepository, type ImageReference } from '../dockerfile/image-reference';

export type DefaultUser = 'root' | 'non-root' | 'unknown';

export interface BaseImageFacts {
  defaultUser: DefaultUser;
  /** Whether the image is already a reduced variant (slim, alpine, distroless, hardened...). */
  minimal: boolean;
  /** No shell and no package manager: HEALTHCHECK CMD-SHELL cannot run, RUN cannot run. */
  shellless: boolean;
  /** A non-root user the image already defines (node images have `node`). */
  builtInUser?: string;
  /** Hardened or non-root images that replace this one. */
  hardenedAlternatives: string[];
  /** The same image with a smaller tag, when one can be derived (`node:20` -> `node:20-slim`). */
  minimalTag?: string;
}

interface Family {
  /** Docker Hub repository names (official images are unprefixed). */
  names: string[];
  builtInUser?: string;
  /** Tag suffix of the smaller variant for this family, appended to version tags. */
  slimSuffix?: string;
  /** A toolchain or full OS image that should not be the final stage at all. */
  toolchain?: boolean;
  alternatives: string[];
}

/** Official images that run as root unless the Dockerfile says otherwise. */
const ROOT_FAMILIES: Family[] = [
  {
    names: ['node'],
    builtInUser: 'node',
    slimSuffix: '-slim',
    alternatives: ['gcr.io/distroless/nodejs22-debian12:nonroot', 'cgr.dev/chainguard/node', 'dhi.io/node'],
  },
  {
    names: ['python', 'pypy'],
    slimSuffix: '-slim',
    alternatives: ['gcr.io/distroless/python3-debian12:nonroot', 'cgr.dev/chainguard/python', 'dhi.io/python'],
  },
  { names: ['ruby'], slimSuffix: '-slim', alternatives: ['cgr.dev/chainguard/ruby', 'dhi.io/ruby'] },
  { names: ['php'], slimSuffix: '-alpine', alternatives: ['cgr.dev/chainguard/php', 'dhi.io/php'] },
  { names: ['perl'], slimSuffix: '-slim', alternatives: ['cgr.dev/chainguard/perl'] },
  {
    names: [
      'golang',
      'rust',
      'gcc',
      'maven',
      'gradle',
      'buildpack-deps',
      'clojure',
      'haskell',
      'swift',
      'julia',
      'elixir',
      'erlang',
      'r-base',
      'composer',
      'sbt',
    ],
    toolchain: true,
    alternatives: [
      'gcr.io/distroless/static-debian12:nonroot',
      'gcr.io/distroless/cc-debian12:nonroot',
      'cgr.dev/chainguard/static',
    ],
  },
  {
    names: ['openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibmjava', 'ibm-semeru-runtimes', 'sapmachine'],
    alternatives: ['gcr.io/distroless/java21-debian12:nonroot', 'cgr.dev/chainguard/jre', 'dhi.io/eclipse-temurin'],
  },
  {
    names: [
      'ubuntu',
      'debian',
      'centos',
      'fedora',
      'amazonlinux',
      'rockylinux',
      'almalinux',
      'oraclelinux',
      'archlinux',
      'opensuse/leap',
      'opensuse/tumbleweed',
      'photon',
      'clearlinux',
      'kalilinux/kali-rolling',
      'mageia',
    ],
    alternatives: ['debian:bookworm-slim', 'gcr.io/distroless/base-debian12:nonroot', 'cgr.dev/chainguard/wolfi-base'],
  },
  {
    names: ['alpine', 'busybox'],
    alternatives: ['gcr.io/distroless/static-debian12:nonroot', 'cgr.dev/chainguard/static'],
  },
  {
    names: ['nginx'],
    slimSuffix: '-alpine',
    alternatives: ['nginxinc/nginx-unprivileged', 'cgr.dev/chainguard/nginx', 'dhi.io/nginx'],
  },
  { names: ['httpd'], slimSuffix: '-alpine', alternatives: ['bitnami/apache'] },
  {
    names: ['redis'],
    builtInUser: 'redis',
    slimSuffix: '-alpine',
    alternatives: ['cgr.dev/chainguard/redis', 'bitnami/redis', 'dhi.io/redis'],
  },
  {
    names: ['postgres'],
    builtInUser: 'postgres',
    slimSuffix: '-alpine',
    alternatives: ['cgr.dev/chainguard/postgres', 'bitnami/postgresql', 'dhi.io/postgres'],
  },
  { names: ['mysql', 'mariadb', 'percona'], builtInUser: 'mysql', alternatives: ['bitnami/mysql', 'bitnami/mariadb'] },
  { names: ['mongo'], builtInUser: 'mongodb', alternatives: ['bitnami/mongodb'] },
  { names: ['rabbitmq'], builtInUser: 'rabbitmq', slimSuffix: '-alpine', alternatives: ['bitnami/rabbitmq'] },
  { names: ['memcached'], builtInUser: 'memcache', slimSuffix: '-alpine', alternatives: ['bitnami/memcached'] },
  {
    names: [
      'tomcat',
      'jetty',
      'wordpress',
      'drupal',
      'joomla',
      'ghost',
      'nextcloud',
      'odoo',
      'mediawiki',
      'caddy',
      'traefik',
      'docker',
      'registry',
      'vault',
      'consul',
      'influxdb',
      'telegraf',
      'solr',
      'cassandra',
      'couchdb',
      'neo4j',
      'zookeeper',
      'kong',
      'eclipse-mosquitto',
      'haproxy',
    ],
    alternatives: ['cgr.dev/chainguard', 'bitnami'],
  },
  {
    names: [
      'mcr.microsoft.com/dotnet/sdk',
      'mcr.microsoft.com/dotnet/aspnet',
      'mcr.microsoft.com/dotnet/runtime',
      'mcr.microsoft.com/dotnet/runtime-deps',
    ],
    builtInUser: 'app',
    alternatives: [
      'mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled',
      'mcr.microsoft.com/dotnet/runtime-deps:8.0-noble-chiseled',
    ],
  },
];

const familyByName = new Map<string, Family>();
for (const family of ROOT_FAMILIES) for (const name of family.names) familyByName.set(name, family);

/** Docker Hub images that run as an unprivileged user by default. */
const NON_ROOT_HUB_IMAGES = new Set([
  'nginxinc/nginx-unprivileged',
  'grafana/grafana',
  'grafana/grafana-oss',
  'grafana/loki',
  'grafana/promtail',
  'prom/prometheus',
  'prom/alertmanager',
  'prom/node-exporter',
  'prom/pushgateway',
  'jenkins/jenkins',
  'sonarqube',
  'gitlab/gitlab-runner',
  'hashicorp/terraform',
  'sourcegraph/server',
  'openpolicyagent/opa',
  'jaegertracing/all-in-one',
  'otel/opentelemetry-collector',
  'otel/opentelemetry-collector-contrib',
  'confluentinc/cp-kafka',
  'confluentinc/cp-zookeeper',
  'elasticsearch',
  'kibana',
  'logstash',
]);

const MINIMAL_TAG =
  /(^|[-_.])(slim|alpine|distroless|minimal|chiseled|micro|busybox|static|jre|nonroot|scratch)([-_.]|$)/i;

function isDockerHardenedImage(ref: ImageReference): boolean {
  return ref.registry === 'dhi.io' || /(^|\/)dhi-[a-z0-9]/.test(ref.repository);
}

/** Facts about a base image reference; `unknown` where we cannot tell. */
export function describeBaseImage(ref: ImageReference): BaseImageFacts {
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const repository = ref.repository;
  const developmentTag = /(^|-)(dev|sdk|builder)(-|$)/.test(tag);

  if (ref.registry === 'gcr.io' && repository.startsWith('distroless/')) {
    const debug = tag.includes('debug');
    return {
      defaultUser: tag.includes('nonroot') ? 'non-root' : 'root',
      builtInUser: 'nonroot',
      minimal: true,
      shellless: !debug,
      hardenedAlternatives: [`gcr.io/${repository}:nonroot`],
    };
  }
  if (ref.registry === 'cgr.dev') {
    return {
      defaultUser: developmentTag ? 'unknown' : 'non-root',
      minimal: !developmentTag,
      shellless: !developmentTag,
      hardenedAlternatives: [],
    };
  }
  if (isDockerHardenedImage(ref)) {
    return {
      defaultUser: developmentTag ? 'root' : 'non-root',
      minimal: !developmentTag,
      shellless: !developmentTag,
      hardenedAlternatives: [],
    };
  }
  if (ref.registry === 'mcr.microsoft.com' && /chiseled|distroless/.test(tag)) {
    return { defaultUser: 'non-root', minimal: true, shellless: true, hardenedAlternatives: [] };
  }
  if (ref.registry === 'registry.access.redhat.com' || ref.registry === 'registry.redhat.io') {
    const baseOs =
      /^ubi\d+(\/ubi(-minimal|-micro|-init)?)?$/.test(repository) || /^ubi\d+-(minimal|micro)$/.test(repository);
    return {
      defaultUser: baseOs ? 'root' : 'non-root',
      minimal: /minimal|micro/.test(repository),
      shellless: false,
      hardenedAlternatives: baseOs ? ['registry.access.redhat.com/ubi9/ubi-micro'] : [],
    };
  }
  const fullName = ref.registry === 'mcr.microsoft.com' ? `mcr.microsoft.com/${repository}` : hubRepository(ref);
  if (fullName === null) return unknownImage(tag);
  if (fullName.startsWith('bitnami/') && fullName !== 'bitnami/minideb') {
    return { defaultUser: 'non-root', minimal: false, shellless: false, hardenedAlternatives: [] };
  }
  if (NON_ROOT_HUB_IMAGES.has(fullName))
    return { defaultUser: 'non-root', minimal: false, shellless: false, hardenedAlternatives: [] };
  const family = familyByName.get(fullName);
  if (!family) return unknownImage(tag);
  const reducedTag = fullName === 'alpine' || fullName === 'busybox' || MINIMAL_TAG.test(tag);
  // A toolchain (compiler, SDK) is never a minimal runtime, whatever its tag.
  const minimal = !family.toolchain && fullName !== 'mcr.microsoft.com/dotnet/sdk' && reducedTag;
  return {
    defaultUser: 'root',
    builtInUser: family.builtInUser,
    minimal,
    shellless: false,
    hardenedAlternatives: family.alternatives,
    minimalTag: family.slimSuffix && !reducedTag ? minimalTagFor(tag, family.slimSuffix) : undefined,
  };
}

function unknownImage(tag: string): BaseImageFacts {
  return { defaultUser: 'unknown', minimal: MINIMAL_TAG.test(tag), shellless: false, hardenedAlternatives: [] };
}

/**
 * `20` -> `20-slim`, `3.12-bookworm` -> `3.12-slim-bookworm`; only for plain
 * version tags, where the smaller variant is published under a predictable name.
 */
function minimalTagFor(tag: string, suffix: string): string | undefined {
  const match = /^(\d+(?:\.\d+)*)(-(bookworm|bullseye|trixie|buster))?$/.exec(tag);
  if (!match) return undefined;
  if (suffix === '-slim' && match[2]) return `${match[1]}-slim${match[2]}`;
  return `${match[1]}${suffix}`;
}

/** Whether a family is a toolchain image (compilers, build tools) that should not ship as the runtime. */
export function isToolchainImage(ref: ImageReference): boolean {
  const name = hubRepository(ref);
  return name !== null && familyByName.get(name)?.toolchain === true;
}
