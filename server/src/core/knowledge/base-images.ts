/**
 * What we know about base images without pulling them: which run as root by
 * default, which ship a non-root user, which are minimal (slim, alpine,
 * distroless, Chainguard, Docker Hardened Images), and what hardened
 * alternative to suggest. Used by the Dockerfile rules (final stage) and by
 * the Compose rules (service images).
 */
import { hubRepository, parseImageReference, type ImageReference } from '../dockerfile/image-reference';
import { imageDefaults, publishedName } from './image-defaults';

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
  /**
   * Smaller images of another distribution that still run as root (ubuntu
   * -> debian:bookworm-slim): suggested for size, never as hardening.
   */
  smallerAlternatives?: string[];
  /** The same image with a smaller tag, when one can be derived (`node:20` -> `node:20-slim`). */
  minimalTag?: string;
  /** How the smaller tag differs beyond size: `alpine` has another C library (musl) and package manager (apk). */
  minimalTagKind?: MinimalScheme;
  /**
   * The same software built to run unprivileged, when it exists
   * (`nginx:1.27` -> `nginxinc/nginx-unprivileged:1.27`, distroless `:latest`
   * -> `:nonroot`), with what else changes.
   */
  nonRootVariant?: NonRootVariant;
  /**
   * Whether a USER line alone breaks the image at run time (nginx writes its
   * pid file and caches where only root may): the user fixes are not offered,
   * only the non-root variant where one is published.
   */
  userAloneBreaks?: boolean;
  /** The image defines its own HEALTHCHECK (image-defaults.ts), which containers of it inherit. */
  ownHealthcheck?: boolean;
}

export interface NonRootVariant {
  /** The full reference to write in FROM. */
  image: string;
  /** The user it runs as. */
  user: string;
  /** What else differs from the image it replaces, for the fix title; null when only the user does. */
  differs: string | null;
}

/**
 * How a family names its smaller variant, as its publishers tag it:
 * - `distro-slim`: node's `20-slim` and `20-bookworm-slim` (nodejs/docker-node,
 *   stackbrew.js: the distribution comes before `-slim`);
 * - `slim-distro`: the docker-library images python, pypy, ruby, perl:
 *   `3.12-slim` and `3.12-slim-bookworm` (library/python: `-slim` before the distribution);
 * - `debian-slim`: debian's own `bookworm-slim`, `12-slim`, `12.8-slim` (library/debian);
 * - `alpine`: `1.27-alpine` (php, nginx, httpd, redis, postgres, rabbitmq,
 *   memcached), another C library and package manager than the Debian tags.
 */
export type MinimalScheme = 'distro-slim' | 'slim-distro' | 'debian-slim' | 'alpine';

interface Family {
  /** Docker Hub repository names (official images are unprefixed). */
  names: string[];
  builtInUser?: string;
  /** How the family tags its smaller variant. */
  minimalScheme?: MinimalScheme;
  /** A toolchain or full OS image that should not be the final stage at all. */
  toolchain?: boolean;
  alternatives: string[];
  /** Smaller images that are neither hardened nor non-root (BaseImageFacts.smallerAlternatives). */
  smaller?: string[];
}

/** Official images that run as root unless the Dockerfile says otherwise. */
const ROOT_FAMILIES: Family[] = [
  {
    names: ['node'],
    builtInUser: 'node',
    minimalScheme: 'distro-slim',
    alternatives: ['gcr.io/distroless/nodejs22-debian12:nonroot', 'cgr.dev/chainguard/node', 'dhi.io/node'],
  },
  {
    names: ['python', 'pypy'],
    minimalScheme: 'slim-distro',
    alternatives: ['gcr.io/distroless/python3-debian12:nonroot', 'cgr.dev/chainguard/python', 'dhi.io/python'],
  },
  { names: ['ruby'], minimalScheme: 'slim-distro', alternatives: ['cgr.dev/chainguard/ruby', 'dhi.io/ruby'] },
  { names: ['php'], minimalScheme: 'alpine', alternatives: ['cgr.dev/chainguard/php', 'dhi.io/php'] },
  { names: ['perl'], minimalScheme: 'slim-distro', alternatives: ['cgr.dev/chainguard/perl'] },
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
    names: ['debian'],
    minimalScheme: 'debian-slim',
    alternatives: ['gcr.io/distroless/base-debian12:nonroot', 'cgr.dev/chainguard/wolfi-base'],
  },
  {
    names: [
      'ubuntu',
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
    // debian:bookworm-slim is smaller, not hardened: it runs as root like these.
    smaller: ['debian:bookworm-slim'],
    alternatives: ['gcr.io/distroless/base-debian12:nonroot', 'cgr.dev/chainguard/wolfi-base'],
  },
  {
    names: ['alpine', 'busybox'],
    alternatives: ['gcr.io/distroless/static-debian12:nonroot', 'cgr.dev/chainguard/static'],
  },
  {
    names: ['nginx'],
    minimalScheme: 'alpine',
    alternatives: ['nginxinc/nginx-unprivileged', 'cgr.dev/chainguard/nginx', 'dhi.io/nginx'],
  },
  { names: ['httpd'], minimalScheme: 'alpine', alternatives: ['bitnami/apache'] },
  {
    names: ['redis'],
    builtInUser: 'redis',
    minimalScheme: 'alpine',
    alternatives: ['cgr.dev/chainguard/redis', 'bitnami/redis', 'dhi.io/redis'],
  },
  {
    names: ['postgres'],
    builtInUser: 'postgres',
    minimalScheme: 'alpine',
    alternatives: ['cgr.dev/chainguard/postgres', 'bitnami/postgresql', 'dhi.io/postgres'],
  },
  { names: ['mysql', 'mariadb', 'percona'], builtInUser: 'mysql', alternatives: ['bitnami/mysql', 'bitnami/mariadb'] },
  { names: ['mongo'], builtInUser: 'mongodb', alternatives: ['bitnami/mongodb'] },
  { names: ['rabbitmq'], builtInUser: 'rabbitmq', minimalScheme: 'alpine', alternatives: ['bitnami/rabbitmq'] },
  { names: ['memcached'], builtInUser: 'memcache', minimalScheme: 'alpine', alternatives: ['bitnami/memcached'] },
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

/** Reduced variants as tags name them; `alpine3.20` (a pinned Alpine release) is alpine too. */
const MINIMAL_TAG =
  /(^|[-_.])(slim|alpine(\d+(\.\d+)*)?|distroless|minimal|chiseled|micro|busybox|static|jre|nonroot|scratch)([-_.]|$)/i;

function isDockerHardenedImage(ref: ImageReference): boolean {
  return ref.registry === 'dhi.io' || /(^|\/)dhi-[a-z0-9]/.test(ref.repository);
}

/**
 * Facts about a base image reference; `unknown` where we cannot tell. What
 * the image's own Dockerfile sets (its last USER, its HEALTHCHECK:
 * image-defaults.ts) overrides what its family would suggest; a suggested
 * alternative is never the image itself.
 */
export function describeBaseImage(ref: ImageReference): BaseImageFacts {
  const facts = describeByFamily(ref);
  const defaults = imageDefaults(ref);
  const alternatives = facts.hardenedAlternatives.filter(
    (alternative) => !PUBLISHER_NAMESPACES.has(alternative) && !sameImage(ref, alternative),
  );
  return {
    ...facts,
    ...(defaults.user !== undefined ? { defaultUser: 'non-root' as const, builtInUser: defaults.user } : {}),
    ...(defaults.root && facts.defaultUser === 'unknown' ? { defaultUser: 'root' as const } : {}),
    ...(defaults.healthcheck ? { ownHealthcheck: true } : {}),
    hardenedAlternatives: alternatives,
  };
}

/** Publishers' namespaces, which name no image to pull: not suggested as an alternative. */
const PUBLISHER_NAMESPACES = new Set(['bitnami', 'cgr.dev/chainguard', 'dhi.io']);

/**
 * What the repository alone tells when only the tag or digest is a variable
 * (`postgres:${PG_VERSION}-alpine`, `nginx:${NGINX_TAG}`): the user every tag
 * of the family starts as, nothing about size or variants. Null when the
 * repository itself is a variable or unknown.
 */
export function repositoryUserFacts(written: string): Pick<BaseImageFacts, 'defaultUser' | 'builtInUser'> | null {
  const withoutDigest = written.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', slash + 1);
  const repository = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  if (repository.includes('$') || repository === written) return null;
  const reference = parseImageReference(repository);
  if (!reference) return null;
  const { defaultUser, builtInUser } = describeBaseImage(reference);
  return defaultUser === 'unknown' ? null : { defaultUser, ...(builtInUser ? { builtInUser } : {}) };
}

/** Whether an alternative names the same image (a tag it leaves out is `latest`). */
function sameImage(ref: ImageReference, alternative: string): boolean {
  const other = parseImageReference(alternative);
  if (!other || publishedName(other) !== publishedName(ref)) return false;
  return (other.tag ?? 'latest').toLowerCase() === (ref.tag ?? 'latest').toLowerCase();
}

function describeByFamily(ref: ImageReference): BaseImageFacts {
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const repository = ref.repository;
  const developmentTag = /(^|-)(dev|sdk|builder)(-|$)/.test(tag);

  if (ref.registry === 'gcr.io' && repository.startsWith('distroless/')) {
    const debug = tag.includes('debug');
    const nonRoot = tag.includes('nonroot');
    // Tags are latest, nonroot, debug and debug-nonroot, each also with an -<arch> suffix (GoogleContainerTools/distroless).
    const variantTag = /^(latest|debug)(-[a-z0-9]+)?$/.test(tag) && ref.digest === null ? distrolessNonRoot(tag) : null;
    return {
      defaultUser: nonRoot ? 'non-root' : 'root',
      builtInUser: 'nonroot',
      minimal: true,
      shellless: !debug,
      hardenedAlternatives: [`gcr.io/${repository}:nonroot`],
      ...(variantTag
        ? {
            nonRootVariant: {
              image: `gcr.io/${repository}:${variantTag}`,
              user: 'nonroot',
              differs: null,
            },
          }
        : {}),
    };
  }
  if (ref.registry === 'cgr.dev') {
    return {
      // Chainguard images run as `nonroot`, UID 65532 (Chainguard Academy, "Overview of Chainguard Images").
      builtInUser: '65532',
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
  const family = familyByName.get(fullName);
  if (!family) return unknownImage(tag);
  const reducedTag = fullName === 'alpine' || fullName === 'busybox' || MINIMAL_TAG.test(tag);
  // A toolchain (compiler, SDK) is never a minimal runtime, whatever its tag.
  const minimal = !family.toolchain && fullName !== 'mcr.microsoft.com/dotnet/sdk' && reducedTag;
  const minimalTag = family.minimalScheme && !reducedTag ? minimalTagFor(tag, family.minimalScheme) : undefined;
  return {
    defaultUser: 'root',
    builtInUser: family.builtInUser,
    minimal,
    shellless: false,
    hardenedAlternatives: family.alternatives,
    ...(family.smaller ? { smallerAlternatives: family.smaller } : {}),
    minimalTag,
    ...(minimalTag ? { minimalTagKind: family.minimalScheme } : {}),
    ...(fullName === 'nginx' ? { userAloneBreaks: true } : {}),
    ...(fullName === 'nginx' && ref.digest === null && hasUnprivilegedBuild(ref.tag ?? 'latest')
      ? { nonRootVariant: unprivilegedNginx(ref.tag ?? 'latest') }
      : {}),
  };
}

/**
 * Whether nginxinc/nginx-unprivileged publishes the tag: it mirrors the
 * official image's tags from 1.14 on (the project began in 2018 with
 * 1.14/1.15) — version (`1`, `1.27`, `1.27.3`), `mainline`, `stable` or
 * `latest`, alone or with `-bookworm`, `-perl`, `-alpine`, `-alpine3.21`,
 * `-alpine-slim`, `-alpine-perl` (its build workflows' tag lists) — but not
 * the official image's `otel` variants, which it does not build.
 */
function hasUnprivilegedBuild(tag: string): boolean {
  if (tag === 'latest') return true;
  const variant = '(?:bookworm|trixie)(?:-perl)?|perl|alpine(?:3\\.\\d+)?(?:-slim|-perl)?';
  const match = new RegExp(`^(?:(1(?:\\.(\\d+)(?:\\.\\d+)?)?|mainline|stable)(?:-(?:${variant}))?|${variant})$`).exec(
    tag,
  );
  return match !== null && (match[2] === undefined || Number(match[2]) >= 14);
}

/**
 * nginxinc/nginx-unprivileged publishes the official nginx image's tags
 * (see hasUnprivilegedBuild), built the same but running as UID 101 and
 * listening on 8080 (nginxinc/docker-nginx-unprivileged README).
 */
function unprivilegedNginx(tag: string): NonRootVariant {
  return {
    image: `nginxinc/nginx-unprivileged:${tag}`,
    user: '101',
    differs: 'listens on 8080 instead of 80, pid file in /tmp',
  };
}

function distrolessNonRoot(tag: string): string {
  return tag.replace(/^latest/, 'nonroot').replace(/^debug/, 'debug-nonroot');
}

function unknownImage(tag: string): BaseImageFacts {
  return { defaultUser: 'unknown', minimal: MINIMAL_TAG.test(tag), shellless: false, hardenedAlternatives: [] };
}

/**
 * The smaller tag of the same version and distribution, under the family's
 * scheme (see MinimalScheme); only for plain version tags (`20`, `3.12.4`,
 * `20-bookworm`) and Debian's codenames, where the variant is published
 * under a predictable name.
 */
function minimalTagFor(tag: string, scheme: MinimalScheme): string | undefined {
  if (scheme === 'debian-slim')
    return /^(\d+(?:\.\d+)*|bookworm|bullseye|trixie|buster|stable|oldstable|testing)$/.test(tag)
      ? `${tag}-slim`
      : undefined;
  const match = /^(\d+(?:\.\d+)*)(?:-(bookworm|bullseye|trixie|buster))?$/.exec(tag);
  if (!match) return undefined;
  const [, version, distribution] = match;
  switch (scheme) {
    case 'distro-slim':
      return distribution ? `${version}-${distribution}-slim` : `${version}-slim`;
    case 'slim-distro':
      return distribution ? `${version}-slim-${distribution}` : `${version}-slim`;
    case 'alpine':
      return `${version}-alpine`;
  }
}

/**
 * Programs the full language images have and their slim variants do not:
 * the full images build on buildpack-deps (its curl, scm and full layers:
 * curl, wget, gnupg, git, mercurial, subversion, openssh-client, procps,
 * gcc, g++, make, autoconf, automake, patch, file, unzip, bzip2, xz-utils,
 * imagemagick; docker-library/buildpack-deps), the slim variants install
 * only ca-certificates, netbase and tzdata (docker-library/python,
 * nodejs/docker-node). Package installers that may compile native code
 * (pip, npm, gem...) need the compilers too.
 */
export const FULL_IMAGE_ONLY_PROGRAMS = new Set([
  'curl',
  'wget',
  'gpg',
  'git',
  'hg',
  'svn',
  'ssh',
  'scp',
  'ps',
  'gcc',
  'g++',
  'cc',
  'c++',
  'make',
  'autoconf',
  'automake',
  'patch',
  'file',
  'unzip',
  'bzip2',
  'xz',
  'convert',
]);

/** Installers whose packages may build native extensions with the full image's compilers. */
export const COMPILING_INSTALLERS = new Set([
  'pip',
  'pip3',
  'npm',
  'yarn',
  'pnpm',
  'gem',
  'bundle',
  'cpanm',
  'cpan',
  'node-gyp',
]);

/** Whether a family is a toolchain image (compilers, build tools) that should not ship as the runtime. */
export function isToolchainImage(ref: ImageReference): boolean {
  const name = hubRepository(ref);
  return name !== null && familyByName.get(name)?.toolchain === true;
}
