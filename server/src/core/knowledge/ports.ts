/**
 * Container ports that serve remote administration, which a container
 * should not offer (it is administered with `docker exec`). Numbers from the
 * IANA service-name registry (22 ssh, 23 telnet, 3389 ms-wbt-server, 5900
 * rfb) and Docker's documentation of the daemon socket (2375 plain, 2376
 * TLS: "Protect the Docker daemon socket").
 */

/** Port -> what listens there, for messages. */
export const SENSITIVE_PORTS = new Map<number, string>([
  [22, 'SSH'],
  [23, 'Telnet'],
  [2375, 'the unauthenticated Docker API'],
  [2376, 'the Docker API'],
  [3389, 'RDP'],
  [5900, 'VNC'],
]);

/** Sensitive ports inside `22`, `22/tcp`, `20-25/tcp`. */
export function sensitivePortsIn(spec: string): number[] {
  const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(spec.trim());
  if (!match) return [];
  const low = Number(match[1]);
  const high = match[2] ? Number(match[2]) : low;
  return [...SENSITIVE_PORTS.keys()].filter((port) => port >= low && port <= high);
}
