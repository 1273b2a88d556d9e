/**
 * Host paths a container should not bind-mount: the Docker daemon socket,
 * system directories, whole home directories and the credentials kept in
 * them. From the CIS Docker Benchmark (5.5 "sensitive host system
 * directories are not mounted", 5.31 "the Docker socket is not mounted"),
 * Docker's "Docker daemon attack surface", and the default locations of
 * the CLIs' credentials (~/.ssh, ~/.aws, ~/.docker/config.json, ~/.kube,
 * ~/.azure, ~/.config/gcloud, ~/.gnupg).
 */
import { trimTrailing } from '../text';

/**
 * `/var/run/docker.sock`, `/run/docker.sock`, or any path ending in
 * `docker.sock` (rootless: `$XDG_RUNTIME_DIR`) — or the folder that holds
 * the daemon's socket (isDockerSocketFolder).
 */
export function isDockerSocket(path: string): boolean {
  return (
    /(^|\/)docker\.sock$/.test(trimTrailing(path, '/')) ||
    /^\/+(var\/)?run\/docker\.sock/.test(path) ||
    isDockerSocketFolder(path)
  );
}

/**
 * `/run` and `/var/run` (a link to /run, which a bind mount follows on the
 * host): mounting the folder gives the container `docker.sock` in it as
 * surely as mounting the socket itself.
 */
export function isDockerSocketFolder(path: string): boolean {
  return /^\/+(var\/+)?run$/.test(trimTrailing(path, '/'));
}

/** Sensitive with everything below them. */
const SENSITIVE_TREES = [
  '/etc',
  '/proc',
  '/sys',
  '/boot',
  '/dev',
  '/root',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/kubelet',
  '/lib/modules',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/var/run',
  '/run',
  '/var/log',
];
/** Sensitive as a whole, though a directory below them need not be: `/home/me/project/data` is ordinary. */
const SENSITIVE_WHOLE = /^(\/|\/var|\/var\/lib|\/home(\/[^/]+)?|~)$/;
/** Credentials in a home directory. */
const CREDENTIALS = /^(~|\/home\/[^/]+)\/\.(ssh|aws|gnupg|docker|kube|azure|config\/gcloud)(\/|$)/;
/** Read-only mounts that only share the host's time zone or CA certificates: commonly mounted, harmless. */
const HARMLESS_READ_ONLY = new RegExp(
  '^(' +
    [
      '/etc/localtime',
      '/etc/timezone',
      '/usr/share/zoneinfo(/.*)?',
      '/etc/ssl/certs(/.*)?',
      '/etc/ca-certificates(/.*)?',
      '/etc/pki/ca-trust(/.*)?',
    ].join('|') +
    ')$',
);

/** The sensitive directory a host path is, or lies inside, if any. */
export function sensitiveHostPath(source: string, readOnly = false): string | null {
  const path = trimTrailing(source, '/') || '/';
  if (readOnly && HARMLESS_READ_ONLY.test(path)) return null;
  if (SENSITIVE_WHOLE.test(path)) return path;
  const credentials = CREDENTIALS.exec(path);
  if (credentials) return path.slice(0, credentials[0].length).replace(/\/$/, '');
  return SENSITIVE_TREES.find((dir) => path === dir || path.startsWith(`${dir}/`)) ?? null;
}

/** Whether a (sensitive) path is where a home directory keeps credentials. */
export function isCredentialsPath(path: string): boolean {
  return CREDENTIALS.test(path);
}
