/**
 * Registry credentials from the Docker CLI's configuration
 * (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`): the `auths`
 * entries, with `auth` (base64 of `user:password`) or `username` and
 * `password`. Credential helpers (`credsStore`, `credHelpers`) are not run:
 * starting other programs is more than an editor's lint should do.
 *
 * A credential is bound to the registry it is stored for and is never
 * logged or put into a message: `Credential` has no `toString` worth
 * printing, and errors name only the registry.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOCKER_HUB } from './reference';

export interface Credential {
  username: string;
  password: string;
}

/** Answers the credential stored for a registry (as `RegistryLocation.registry` names it), if any. */
export type CredentialSource = (registry: string) => Credential | undefined;

/** The config.json the Docker CLI reads: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const folder = env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
  return path.join(folder, 'config.json');
}

/** The registry an `auths` key stands for: `https://index.docker.io/v1/` → `docker.io`, `https://ghcr.io` → `ghcr.io`. */
export function registryOfAuthKey(key: string): string {
  const bare = key
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return bare === 'index.docker.io' || bare === 'registry-1.docker.io' ? DOCKER_HUB : bare;
}

interface AuthEntry {
  auth?: unknown;
  username?: unknown;
  password?: unknown;
}

/** The credentials of one config.json text, by registry; entries that cannot be read are left out. */
export function credentialsFromConfig(text: string): Map<string, Credential> {
  const found = new Map<string, Credential>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return found;
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths;
  if (!auths || typeof auths !== 'object') return found;
  for (const [key, value] of Object.entries(auths as Record<string, AuthEntry>)) {
    const credential = credentialOf(value);
    if (credential) found.set(registryOfAuthKey(key), credential);
  }
  return found;
}

function credentialOf(entry: AuthEntry | null): Credential | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username !== '')
    return { username: entry.username, password: entry.password };
  return undefined;
}

/** Credentials read from the Docker configuration once, when first asked for. */
export function dockerConfigCredentials(configPath = dockerConfigPath()): CredentialSource {
  let byRegistry: Map<string, Credential> | undefined;
  return (registry) => {
    if (!byRegistry) {
      let text = '';
      try {
        text = fs.readFileSync(configPath, 'utf8');
      } catch {
        // No configuration: anonymous access only.
      }
      byRegistry = credentialsFromConfig(text);
    }
    return byRegistry.get(registry.toLowerCase());
  };
}

/** `Authorization: Basic …` for a credential. */
export function basicAuthorization(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}
