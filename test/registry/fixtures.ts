/**
 * The images the registry tests push: a multi-platform application image
 * whose config sets User, ExposedPorts and Healthcheck (amd64 and arm64
 * differ, plus an attestation entry that must never be chosen), and an image
 * whose config sets no User (it runs as root) with an SSH port.
 */
import { LocalRegistry, requireRegistry, type Descriptor, type RegistryAuth } from './helpers/local-registry';

export interface PushedFixtures {
  /** The index `app/server:1.4` resolves to. */
  serverIndex: Descriptor;
  serverAmd64: Descriptor;
  serverArm64: Descriptor;
  /** The single Docker-type manifest of `tools/rooty:2`. */
  rooty: Descriptor;
}

export const SERVER_HEALTHCHECK = ['CMD', '/app/server', 'health'];

export async function pushFixtures(registry: LocalRegistry, prefix = ''): Promise<PushedFixtures> {
  const server = `${prefix}app/server`;
  const serverAmd64 = await registry.pushImage(server, null, {
    User: '10001:10001',
    ExposedPorts: { '8080/tcp': {} },
    Healthcheck: { Test: SERVER_HEALTHCHECK, Interval: 30_000_000_000 },
  });
  const serverArm64 = await registry.pushImage(
    server,
    null,
    { User: 'root', ExposedPorts: { '9090/tcp': {} } },
    { platform: 'linux/arm64/v8' },
  );
  const attestation = await registry.pushImage(server, null, {}, { platform: 'unknown/unknown' });
  const serverIndex = await registry.pushIndex(server, '1.4', [serverAmd64, serverArm64, attestation]);
  const rooty = await registry.pushImage(
    `${prefix}tools/rooty`,
    '2',
    { ExposedPorts: { '22/tcp': {}, '8000/tcp': {} } },
    { docker: true },
  );
  return { serverIndex, serverAmd64, serverArm64, rooty };
}

/**
 * A registry for one suite: started (with the fixtures pushed under each
 * prefix) before its tests, removed after them; the suite skips loudly
 * without the binary (fails under CI).
 */
export function useRegistry(
  auth: RegistryAuth = { kind: 'none' },
  prefixes: readonly string[] = [''],
): { registry: LocalRegistry; pushed: () => PushedFixtures } {
  const registry = new LocalRegistry(auth);
  let pushed: PushedFixtures | undefined;
  before(async function () {
    requireRegistry(this);
    await registry.start();
    for (const prefix of prefixes) {
      const images = await pushFixtures(registry, prefix);
      pushed ??= images;
    }
  });
  after(() => registry.dispose());
  return { registry, pushed: () => pushed! };
}
