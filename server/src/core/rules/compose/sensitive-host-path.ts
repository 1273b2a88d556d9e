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
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';
import { readOnlyMount, removeMount } from './mount-fixes';

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
  fixTitles: {
    readOnly: (p: { source: string; anchor: AnchorNote | null }) =>
      `Mount ${p.source} read-only${anchorChangeText(p.anchor)} (the service can no longer write there)`,
    remove: (p: { source: string; anchor: AnchorNote | null }) =>
      `Remove the mount of ${p.source}${anchorChangeText(p.anchor)} (the service loses access to it)`,
  },
  ja: {
    messages: {
      sensitive: (p) =>
        `サービス "${p.service}" はホストの ${p.source} を` +
        `${p.volume !== null ? `ボリューム "${p.volume}" 経由で` : ''}${p.readOnly ? '読み取り専用で' : '読み書き可能で'}` +
        `バインドマウントしています。${p.directory} は` +
        `${p.credentials ? '認証情報が置かれる場所' : 'ホストのシステムパス'}で、` +
        'マウント名前空間はもうコンテナをそこから分離しません。',
    },
    fixTitles: {
      readOnly: (p) =>
        `${p.source} を読み取り専用でマウント${anchorChangeTextJa(p.anchor)}(サービスはそこに書き込めなくなります)`,
      remove: (p) =>
        `${p.source} のマウントを削除${anchorChangeTextJa(p.anchor)}(サービスはそこにアクセスできなくなります)`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const owner = ownerOf(model, service, 'volumes');
      for (const mount of mountsOf(model, service)) {
        if (mount.type !== 'bind' || mount.unknown || !mount.source || isDockerSocket(mount.source)) continue;
        const dir = sensitiveHostPath(mount.source, mount.readOnly);
        if (!dir) continue;
        const source = quote(mount.source);
        const credentials = isCredentialsPath(dir);
        // Read-only first: it keeps the service working. Once read-only, removal is left to the user's choice.
        const fixes = owner
          ? [
              ...(mount.readOnly
                ? []
                : editFix(model, fixTitle('readOnly', { source, anchor: owner.anchor }), [
                    readOnlyMount(model, mount),
                  ])),
              ...editFix(
                model,
                fixTitle('remove', { source, anchor: owner.anchor }),
                [removeMount(model, owner, mount)],
                false,
              ),
            ]
          : [];
        report(
          mount.sourceRange,
          'sensitive',
          {
            service: quote(service.name),
            source,
            volume: mount.volume ? quote(mount.volume) : null,
            readOnly: mount.readOnly,
            directory: quote(dir),
            credentials,
          },
          {
            subject: serviceSubject(service),
            // Read-write counts worse: a read-only system path is a note; credentials are as readable either way.
            ...(mount.readOnly && !credentials ? { severity: 'info' as const } : {}),
            fixes,
          },
        );
      }
    }
  },
});
