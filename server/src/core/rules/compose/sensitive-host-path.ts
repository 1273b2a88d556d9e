/** compose-sensitive-host-path — a bind mount of a host system path (/, /etc, /proc, /sys, /boot, /dev, /root, /var/lib/docker...). */
import { concern } from '../../concerns';
import { mountsOf } from '../../compose/normalize';
import type { ComposeRule } from '../rule';
import { isDockerSocket } from './docker-socket';

const SENSITIVE = ['/', '/etc', '/proc', '/sys', '/boot', '/dev', '/root', '/var/lib/docker', '/lib/modules', '/usr', '/bin', '/sbin', '/lib', '/lib64', '/var/run', '/run', '/var/lib/kubelet', '/home'];

/** The sensitive directory a host path is, or lies inside, if any. */
export function sensitiveHostPath(source: string): string | null {
  const path = source.replace(/\/+$/, '') || '/';
  if (path === '/') return '/';
  return SENSITIVE.find((dir) => dir !== '/' && (path === dir || path.startsWith(`${dir}/`))) ?? null;
}

export const sensitiveHostPathRule: ComposeRule = {
  meta: {
    id: 'compose-sensitive-host-path', concern: concern('cs.mount.sensitive-host-path').id, severity: 'warning', kind: 'compose',
    title: 'A sensitive host path is mounted',
    examples: { bad: 'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host-etc\n', good: 'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - ./config:/etc/app:ro\n' },
  },
  check(model, report) {
    for (const service of model.services) {
      for (const mount of mountsOf(model, service)) {
        if (mount.type !== 'bind' || mount.unknown || !mount.source || isDockerSocket(mount.source)) continue;
        const dir = sensitiveHostPath(mount.source);
        if (!dir) continue;
        report(mount.sourceRange, `Service "${service.name}" bind-mounts ${mount.source} from the host${mount.readOnly ? ' (read-only)' : ' read-write'}: ${dir} is a host system path, and the mount namespace no longer isolates the container from it.`);
      }
    }
  },
};
