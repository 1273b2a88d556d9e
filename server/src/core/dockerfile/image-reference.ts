/**
 * Parsing of image references (`[registry/]repository[:tag][@digest]`) as the
 * Docker CLI understands them, keeping the offsets of each part inside the
 * reference so findings can point at the tag or the name exactly.
 */

export interface ImageReference {
  /** The reference as written after variable substitution. */
  text: string;
  /** Registry host (`ghcr.io`, `localhost:5000`), or null for Docker Hub. */
  registry: string | null;
  /** Repository path without registry, e.g. `library/node` is written `node`. */
  repository: string;
  /** Last path component of the repository (`node`, `static-debian12`). */
  name: string;
  tag: string | null;
  digest: string | null;
  /** Offsets within `text`. */
  repositoryStart: number;
  repositoryEnd: number;
  tagStart: number | null;
  digestStart: number | null;
}

export function parseImageReference(text: string): ImageReference | null {
  const trimmed = text.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  let rest = trimmed;
  let digest: string | null = null;
  let digestStart: number | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    digestStart = at + 1;
    rest = rest.slice(0, at);
  }
  let tag: string | null = null;
  let tagStart: number | null = null;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon !== -1 && !rest.slice(lastColon + 1).includes('/')) {
    tag = rest.slice(lastColon + 1);
    tagStart = lastColon + 1;
    rest = rest.slice(0, lastColon);
  }
  let registry: string | null = null;
  let repositoryStart = 0;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      repositoryStart = slash + 1;
    }
  }
  const repository = rest.slice(repositoryStart);
  if (repository === '') return null;
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  return {
    text: trimmed,
    registry,
    repository: repository.toLowerCase(),
    name: name.toLowerCase(),
    tag,
    digest,
    repositoryStart,
    repositoryEnd: repositoryStart + repository.length,
    tagStart,
    digestStart,
  };
}

/** Tags that publishers move on purpose: as unpinned as no tag at all. */
const ROLLING_TAGS = new Set([
  'latest',
  'stable',
  'edge',
  'nightly',
  'dev',
  'develop',
  'test',
  'testing',
  'beta',
  'canary',
  'unstable',
  'rolling',
  'current',
  'main',
  'master',
  'lts',
]);

/** Null when the reference is pinned (a version tag or a digest), else why it is not: 'untagged' or the rolling tag. */
export function unpinnedTag(ref: ImageReference): string | null {
  if (ref.digest) return null;
  if (ref.tag === null) return 'untagged';
  return ROLLING_TAGS.has(ref.tag.toLowerCase()) ? ref.tag : null;
}

/** `node`, `library/node` and `docker.io/library/node` are the same Docker Hub repository. */
export function hubRepository(ref: ImageReference): string | null {
  const registry = ref.registry;
  if (
    registry !== null &&
    registry !== 'docker.io' &&
    registry !== 'index.docker.io' &&
    registry !== 'registry-1.docker.io'
  )
    return null;
  return ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
}
