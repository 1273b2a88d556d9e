/**
 * The HTTP side of the registry client: GET requests with Node's built-in
 * fetch, a time limit per request, bodies read up to a size limit, redirects
 * followed by hand so an `Authorization` header never reaches another
 * origin (blob downloads are redirected to storage hosts), and the 401
 * challenge answered once per request with a token or basic credentials.
 */
import { mayReceiveCredentials, parseChallenges, tokenOf, tokenUrl } from './auth';
import { basicAuthorization, type CredentialSource } from './credentials';
import type { RegistryLocation } from './reference';

export type RegistryErrorKind = 'not-found' | 'unauthorized' | 'timeout' | 'network' | 'invalid';

/** A failed lookup. The message names the registry and repository, never a credential or a token. */
export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

export interface HttpOptions {
  /** How long one request may take, answer body included (default 10 s). */
  timeoutMs?: number;
  credentials?: CredentialSource;
  /** The fetch to use (tests count or stub requests); default the global one. */
  fetch?: typeof fetch;
}

export interface Fetched {
  body: Buffer;
  headers: Headers;
}

const MAX_REDIRECTS = 5;

/** GETs registry paths of one registry, keeping the authorization each repository earned. */
export class RegistrySession {
  /** `Authorization` header values by repository scope, for the requests after the first 401. */
  private readonly authorizations = new Map<string, string>();

  constructor(private readonly options: HttpOptions = {}) {}

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 10_000;
  }

  /** GETs `/v2/<repository>/<path>` of a location, answering one authentication challenge. */
  async get(location: RegistryLocation, path: string, accept: string, maxBytes: number): Promise<Fetched> {
    const url = new URL(`${location.scheme}://${location.endpoint}/v2/${location.repository}/${path}`);
    const scope = `repository:${location.repository}:pull`;
    const key = `${location.endpoint}|${scope}`;
    let response = await this.follow(url, accept, this.authorizations.get(key));
    if (response.status === 401) {
      const authorization = await this.authorize(location, response.headers.get('www-authenticate'), scope);
      await response.body?.cancel();
      if (authorization) {
        this.authorizations.set(key, authorization);
        response = await this.follow(url, accept, authorization);
      }
    }
    const where = `${location.registry}/${location.repository}`;
    if (response.status === 404) throw new RegistryError('not-found', `${where}: ${path} not found`);
    if (response.status === 401 || response.status === 403)
      throw new RegistryError('unauthorized', `${where}: access denied (HTTP ${response.status})`);
    if (!response.ok) throw new RegistryError('network', `${where}: HTTP ${response.status} for ${path}`);
    return { body: await readCapped(response, maxBytes, where, this.timeoutMs), headers: response.headers };
  }

  /** A GET that follows redirects itself, keeping `authorization` only while the origin stays the same. */
  private async follow(url: URL, accept: string, authorization: string | undefined): Promise<Response> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { Accept: accept, 'User-Agent': 'docker-harden' };
      if (authorization && current.origin === url.origin) headers.Authorization = authorization;
      const response = await this.fetchWithTimeout(current, headers);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return response;
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new RegistryError('network', `${url.host}: too many redirects`);
      current = new URL(location, current);
      if (current.protocol !== 'https:' && current.protocol !== 'http:')
        throw new RegistryError('invalid', `${url.host}: redirect to an unsupported scheme`);
    }
  }

  private async fetchWithTimeout(url: URL, headers: Record<string, string>): Promise<Response> {
    const fetcher = this.options.fetch ?? fetch;
    const timeoutMs = this.timeoutMs;
    try {
      return await fetcher(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw failure(error, url.host, timeoutMs);
    }
  }

  /** The `Authorization` value that answers a 401's challenge, or undefined when none can. */
  private async authorize(
    location: RegistryLocation,
    header: string | null,
    scope: string,
  ): Promise<string | undefined> {
    const credential = this.options.credentials?.(location.registry);
    for (const challenge of parseChallenges(header)) {
      if (challenge.scheme === 'basic' && credential) return basicAuthorization(credential);
      if (challenge.scheme !== 'bearer') continue;
      const url = tokenUrl(challenge, scope);
      if (!url) continue;
      const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'docker-harden' };
      if (credential && mayReceiveCredentials(url, location.registry))
        headers.Authorization = basicAuthorization(credential);
      const response = await this.fetchWithTimeout(url, headers);
      if (!response.ok) {
        await response.body?.cancel();
        throw new RegistryError('unauthorized', `${location.registry}: the token service refused (${response.status})`);
      }
      let body: unknown;
      try {
        body = JSON.parse((await readCapped(response, 1 << 20, url.host, this.timeoutMs)).toString('utf8'));
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        throw new RegistryError('invalid', `${location.registry}: the token service answered no JSON`);
      }
      const token = tokenOf(body);
      if (token) return `Bearer ${token}`;
    }
    return undefined;
  }
}

/** A RegistryError for what fetch threw: a timeout, or a connection that failed. */
function failure(error: unknown, host: string, timeoutMs: number): RegistryError {
  if (error instanceof RegistryError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new RegistryError('timeout', `${host}: no answer within ${timeoutMs} ms`);
  // undici's causes name the failure (ECONNREFUSED, ENOTFOUND, "bad port"), never a header or a credential.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const why = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  return new RegistryError('network', `${host}: ${why || 'connection failed'}`);
}

/** The body, or an error when it is longer than `maxBytes` (a registry cannot make us hold gigabytes). */
async function readCapped(response: Response, maxBytes: number, where: string, timeoutMs: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new RegistryError('invalid', `${where}: answer larger than ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new RegistryError('invalid', `${where}: answer larger than ${maxBytes} bytes`);
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    throw failure(error, where, timeoutMs);
  }
  return Buffer.concat(chunks);
}
