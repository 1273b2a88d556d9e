/**
 * Where an image reference lives, as the Docker CLI resolves it: `nginx` is
 * `registry-1.docker.io/library/nginx:latest`; a first component with a dot,
 * a colon or `localhost` names a registry. Also which registries may be
 * asked (the allow-list) and which are reached over plain HTTP (loopback, as
 * Docker treats `localhost` and `127.0.0.0/8` as insecure registries).
 */
import { parseImageReference } from '../core/dockerfile/image-reference';

export interface RegistryLocation {
  /** The registry as users name it and as config.json keys it (`docker.io`, `ghcr.io`, `localhost:5000`). */
  registry: string;
  /** Host and port the API is reached at (`registry-1.docker.io` for Docker Hub). */
  endpoint: string;
  /** Repository path on the registry (`library/nginx`). */
  repository: string;
  /** The tag or digest to resolve: the digest when the reference has one, else the tag (`latest` if none). */
  reference: string;
  /** `http` for loopback registries, else `https`. */
  scheme: 'http' | 'https';
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ENDPOINT = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The registries asked by default: the big public ones and the local machine. */
export const DEFAULT_REGISTRIES: readonly string[] = [
  'docker.io',
  'ghcr.io',
  'quay.io',
  'gcr.io',
  'registry.k8s.io',
  'cgr.dev',
  'mcr.microsoft.com',
  'public.ecr.aws',
  'localhost',
  '127.0.0.1',
  '[::1]',
];

/** The location of a resolved reference; null when it is not a valid reference. */
export function locate(text: string): RegistryLocation | null {
  const ref = parseImageReference(text);
  if (!ref) return null;
  const hub = ref.registry === null || DOCKER_HUB_ALIASES.has(ref.registry.toLowerCase());
  const registry = hub ? DOCKER_HUB : ref.registry!.toLowerCase();
  const repository = hub && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository))
    return null;
  const reference = ref.digest ?? ref.tag ?? 'latest';
  if (ref.digest ? !/^sha256:[a-f0-9]{64}$/.test(ref.digest) : !/^[\w][\w.-]{0,127}$/.test(reference)) return null;
  return {
    registry,
    endpoint: hub ? DOCKER_HUB_ENDPOINT : registry,
    repository,
    reference,
    scheme: isLoopback(registry) ? 'http' : 'https',
  };
}

/** The host without its port (`[::1]:5000` → `[::1]`, `localhost:5000` → `localhost`). */
export function hostOf(registry: string): string {
  const bracket = /^(\[[^\]]+\])(?::\d+)?$/.exec(registry);
  if (bracket) return bracket[1].toLowerCase();
  return registry.replace(/:\d+$/, '').toLowerCase();
}

export function isLoopback(registry: string): boolean {
  const host = hostOf(registry);
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Whether the allow-list lets a registry be asked. An entry without a port
 * allows every port of that host (`localhost` allows `localhost:5000`); one
 * with a port allows only that port.
 */
export function isAllowed(registry: string, allowList: readonly string[]): boolean {
  const name = registry.toLowerCase();
  return allowList.some((entry) => {
    const allowed = entry.trim().toLowerCase();
    if (allowed === '') return false;
    if (DOCKER_HUB_ALIASES.has(allowed)) return name === DOCKER_HUB;
    return allowed === name || (hostOf(allowed) === allowed && hostOf(name) === allowed);
  });
}
