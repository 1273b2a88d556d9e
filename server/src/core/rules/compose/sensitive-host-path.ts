/**
 * compose-sensitive-host-path — a bind mount of a host system path (/, /etc,
 * /proc, /sys, /boot, /dev, /root, /var/lib/docker...), of a whole home
 * directory, or of credentials kept in one (~/.ssh, ~/.aws, ~/.docker...),
 * written in the service or through a named volume that binds a host path.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { mountsOf } from '../../compose/normalize';
import { isCredentialsPath, isDockerSocket, sensitiveHostPath } from '../../knowledge/host-paths';
import { composeRule } from '../rule';
import { serviceSubject } from './helpers';

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
            credentials: isCredentialsPath(dir),
          },
          { subject: serviceSubject(service) },
        );
      }
    }
  },
});
