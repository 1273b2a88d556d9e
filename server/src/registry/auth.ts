/**
 * The registry authentication schemes: `Basic` (htpasswd registries, ECR)
 * and the `Bearer` token flow public registries use — a 401 carries
 * `WWW-Authenticate: Bearer realm="…",service="…",scope="…"`, the client
 * asks the realm for a token (anonymously, or with the registry's
 * credentials) and repeats the request with `Authorization: Bearer <token>`.
 *
 * Where credentials go. Docker sends a registry's credentials to the token
 * realm the registry names, whatever its host (Docker Hub's realm is
 * auth.docker.io for registry-1.docker.io). A hostile or mistyped registry
 * could thereby collect them for any host, so this client is stricter: the
 * credentials go to the realm only over HTTPS (or to a loopback realm) and
 * only when the realm's host is the registry's host or shares its last two
 * domain labels (auth.docker.io and registry-1.docker.io; ghcr.io and
 * ghcr.io). Otherwise the token is asked for anonymously, which is enough
 * for public images.
 */
import { isLoopback, hostOf } from './reference';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** The challenges of a `WWW-Authenticate` header (quoted and bare parameter values, several schemes). */
export function parseChallenges(header: string | null): Challenge[] {
  const challenges: Challenge[] = [];
  const text = header ?? '';
  let at = 0;
  let current: Challenge | undefined;
  const skip = (chars: RegExp): void => {
    while (at < text.length && chars.test(text[at])) at++;
  };
  while (at < text.length) {
    skip(/[\s,]/);
    const word = /^[A-Za-z0-9_.!#$%&'*+^`|~-]+/.exec(text.slice(at))?.[0];
    if (!word) break;
    at += word.length;
    skip(/\s/);
    if (text[at] !== '=') {
      current = { scheme: word.toLowerCase(), params: {} };
      challenges.push(current);
      continue;
    }
    at++;
    skip(/\s/);
    let value = '';
    if (text[at] === '"') {
      for (at++; at < text.length && text[at] !== '"'; at++) value += text[at] === '\\' ? text[++at] : text[at];
      at++;
    } else {
      const bare = /^[^\s,]*/.exec(text.slice(at))![0];
      value = bare;
      at += bare.length;
    }
    if (current) current.params[word.toLowerCase()] = value;
  }
  return challenges;
}

/** Whether a registry's credentials may be sent to a token realm (see the module comment). */
export function mayReceiveCredentials(realm: URL, registry: string): boolean {
  const realmHost = realm.hostname.toLowerCase();
  const registryHost = hostOf(registry).replace(/^\[|\]$/g, '');
  const bareRealm = realmHost.replace(/^\[|\]$/g, '');
  if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && isLoopback(realm.host))) return false;
  if (bareRealm === registryHost) return true;
  const site = (host: string): string => host.split('.').slice(-2).join('.');
  return bareRealm.includes('.') && registryHost.includes('.') && site(bareRealm) === site(registryHost);
}

/** The token URL a bearer challenge names: realm with `service` and `scope` as query parameters. */
export function tokenUrl(challenge: Challenge, scope: string): URL | null {
  let url: URL;
  try {
    url = new URL(challenge.params.realm ?? '');
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
  url.searchParams.set('scope', challenge.params.scope || scope);
  return url;
}

/** The token of a token endpoint's JSON answer (`token`, or OAuth's `access_token`). */
export function tokenOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const { token, access_token: accessToken } = body as { token?: unknown; access_token?: unknown };
  const value = typeof token === 'string' && token !== '' ? token : accessToken;
  return typeof value === 'string' && value !== '' ? value : null;
}
