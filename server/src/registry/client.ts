/**
 * The OCI distribution API client: resolves an image reference to its
 * manifest or index (OCI and Docker media types), picks the platform's
 * manifest from an index, and reads the image config blob for what the
 * analysis needs (user, exposed ports, healthcheck, creation date). Every
 * manifest and blob is checked against its sha256 digest. Only the image's
 * name and tag or digest are sent; nothing of the user's files.
 */
import { createHash } from 'crypto';
import type { ImageFacts, ImageQuery } from '../core/image-facts';
import { RegistryError, RegistrySession, type HttpOptions } from './http';
import { locate, type RegistryLocation } from './reference';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const INDEX_TYPES = new Set([OCI_INDEX, DOCKER_LIST]);
const MANIFEST_TYPES = new Set([OCI_MANIFEST, DOCKER_MANIFEST]);
const ACCEPT_ANY = [OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(', ');
const ACCEPT_MANIFEST = [OCI_MANIFEST, DOCKER_MANIFEST].join(', ');

const MAX_MANIFEST_BYTES = 4 << 20;
const MAX_CONFIG_BYTES = 8 << 20;

export const DEFAULT_PLATFORM = 'linux/amd64';

export { RegistryError };

interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
}

interface ManifestDocument {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
}

interface ConfigDocument {
  created?: unknown;
  config?: { User?: unknown; ExposedPorts?: unknown; Healthcheck?: { Test?: unknown } | null } | null;
}

export interface RegistryClientOptions extends HttpOptions {
  /** The platform for queries that name none (default linux/amd64). */
  defaultPlatform?: string;
}

export class RegistryClient {
  private readonly session: RegistrySession;
  readonly defaultPlatform: string;

  constructor(options: RegistryClientOptions = {}) {
    this.session = new RegistrySession(options);
    this.defaultPlatform = options.defaultPlatform ?? DEFAULT_PLATFORM;
  }

  /** Reads the facts of one image for one platform; throws a RegistryError when the registry cannot tell. */
  async imageFacts(query: ImageQuery): Promise<ImageFacts> {
    const location = locate(query.reference);
    if (!location) throw new RegistryError('invalid', 'not an image reference a registry can resolve');
    const platform = query.platform ?? this.defaultPlatform;
    const top = await this.manifest(location, location.reference, ACCEPT_ANY);
    let manifest = top;
    if (INDEX_TYPES.has(top.mediaType)) {
      const chosen = choosePlatform(top.document.manifests ?? [], platform);
      if (!chosen?.digest)
        throw new RegistryError('not-found', `${location.registry}/${location.repository}: no ${platform} image`);
      manifest = await this.manifest(location, chosen.digest, ACCEPT_MANIFEST);
    }
    if (!MANIFEST_TYPES.has(manifest.mediaType))
      throw new RegistryError('invalid', `${location.registry}/${location.repository}: unsupported manifest type`);
    const configDigest = manifest.document.config?.digest;
    if (!configDigest || !isDigest(configDigest))
      throw new RegistryError('invalid', `${location.registry}/${location.repository}: manifest without config`);
    const blob = await this.session.get(location, `blobs/${configDigest}`, '*/*', MAX_CONFIG_BYTES);
    verify(blob.body, configDigest, location);
    const config = parseJson<ConfigDocument>(blob.body, location);
    return {
      query,
      platform,
      digest: top.digest,
      manifestDigest: manifest.digest,
      ...configFacts(config),
    };
  }

  private async manifest(
    location: RegistryLocation,
    reference: string,
    accept: string,
  ): Promise<{ digest: string; mediaType: string; document: ManifestDocument }> {
    const fetched = await this.session.get(location, `manifests/${reference}`, accept, MAX_MANIFEST_BYTES);
    const digest = sha256(fetched.body);
    if (isDigest(reference)) verify(fetched.body, reference, location);
    const document = parseJson<ManifestDocument>(fetched.body, location);
    // The header names the type; a registry that leaves it out still has it in the document.
    const header = fetched.headers.get('content-type')?.split(';')[0].trim() ?? '';
    const mediaType = INDEX_TYPES.has(header) || MANIFEST_TYPES.has(header) ? header : (document.mediaType ?? '');
    const typed = mediaType || (document.manifests ? OCI_INDEX : document.config ? OCI_MANIFEST : '');
    return { digest, mediaType: typed, document };
  }
}

/** The index entry for a platform (`os/arch[/variant]`); attestation entries (`unknown/unknown`) never match. */
export function choosePlatform(manifests: readonly Descriptor[], platform: string): Descriptor | undefined {
  const [os, architecture, variant] = platform.toLowerCase().split('/');
  const candidates = manifests.filter(
    (entry) => entry.platform?.os?.toLowerCase() === os && entry.platform?.architecture?.toLowerCase() === architecture,
  );
  if (variant) return candidates.find((entry) => entry.platform?.variant?.toLowerCase() === variant);
  return candidates.find((entry) => !entry.platform?.variant) ?? candidates[0];
}

function configFacts(document: ConfigDocument): Pick<ImageFacts, 'user' | 'exposedPorts' | 'healthcheck' | 'created'> {
  const config = document.config ?? {};
  const user = typeof config.User === 'string' ? config.User : '';
  const exposed = config.ExposedPorts && typeof config.ExposedPorts === 'object' ? config.ExposedPorts : {};
  const test = config.Healthcheck?.Test;
  const healthcheck = Array.isArray(test) && test.every((word) => typeof word === 'string') ? (test as string[]) : null;
  return {
    user,
    exposedPorts: Object.keys(exposed),
    healthcheck: healthcheck && healthcheck.length > 0 ? healthcheck : null,
    created: typeof document.created === 'string' ? document.created : null,
  };
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function isDigest(text: string): boolean {
  return /^sha256:[a-f0-9]{64}$/.test(text);
}

function verify(bytes: Buffer, digest: string, location: RegistryLocation): void {
  if (sha256(bytes) !== digest)
    throw new RegistryError('invalid', `${location.registry}/${location.repository}: content does not match ${digest}`);
}

function parseJson<T>(bytes: Buffer, location: RegistryLocation): T {
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (parsed && typeof parsed === 'object') return parsed as T;
  } catch {
    // Reported below.
  }
  throw new RegistryError('invalid', `${location.registry}/${location.repository}: answer is not a JSON document`);
}
