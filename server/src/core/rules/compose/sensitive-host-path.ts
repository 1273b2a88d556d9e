/**
 * compose-sensitive-host-path — a bind mount of a host system path (/, /etc,
 * /proc, /sys, /boot, /dev, /root, /var/lib/docker...), of a whole home
 * directory, or of credentials kept in one (~/.ssh, ~/.aws, ~/.docker...),
 * written in the service or through a named volume that binds a host path.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { mountsOf } from '../../compose/normalize';
import { trimTrailing } from '../../text';
import { composeRule } from '../rule';
import { serviceSubject } from './helpers';
import { isDockerSocket } from './docker-socket';

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
/** Read-only mounts that only share the host's time zone or CA certificates. */
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

export const sensitiveHostPathRule = composeRule({
  meta: {
    id: 'compose-sensitive-host-path',
    concern: concern('cs.mount.sensitive-host-path').id,
    severity: 'warning',
    kind: 'compose',
    title: 'A sensitive host path is mounted',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host-etc\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./config:/etc/app:ro\n',
    },
  },
  messages: {
    /** `volume`: the named volume that binds the path, if any; `directory`: the sensitive path the source is in. */
    sensitive: (p: {
      service: string;
      source: string;
      volume: string | null;
      readOnly: boolean;
      directory: string;
      credentials: boolean;
    }) =>
      `Service "${p.service}" bind-mounts ${p.source} from the host` +
      `${p.volume !== null ? ` through volume "${p.volume}"` : ''}${p.readOnly ? ' (read-only)' : ' read-write'}: ` +
      `${p.directory} is ${p.credentials ? 'where credentials are kept' : 'a host system path'}, ` +
      'and the mount namespace no longer isolates the container from it.',
  },
  fixTitles: {},
  check({ model, report }) {
    for (const service of model.services) {
      for (const mount of mountsOf(model, service)) {
        if (mount.type !== 'bind' || mount.unknown || !mount.source || isDockerSocket(mount.source)) continue;
        const dir = sensitiveHostPath(mount.source, mount.readOnly);
        if (!dir) continue;
        report(
          mount.sourceRange,
          'sensitive',
          {
            service: quote(service.name),
            source: quote(mount.source),
            volume: mount.volume ? quote(mount.volume) : null,
            readOnly: mount.readOnly,
            directory: quote(dir),
            credentials: CREDENTIALS.test(dir),
          },
          { subject: serviceSubject(service) },
        );
      }
    }
  },
});
