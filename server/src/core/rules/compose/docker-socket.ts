/**
 * compose-docker-socket — a volume mounts the Docker daemon socket: whoever
 * controls the container controls the host.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { mountsOf } from '../../compose/normalize';
import { isDockerSocket, isDockerSocketFolder } from '../../knowledge/host-paths';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';
import { removeMount } from './mount-fixes';

export const dockerSocket = composeRule({
  meta: {
    id: 'compose-docker-socket',
    concern: concern('cs.docker-socket').id,
    severity: 'error',
    kind: 'compose',
    title: 'The Docker socket is mounted',
    examples: {
      bad:
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n' +
        '      - /var/run/docker.sock:/var/run/docker.sock\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - data:/data\nvolumes:\n  data: {}\n',
    },
  },
  messages: {
    /** `volume`: the named volume that binds the socket, when the mount goes through one. */
    socket: (p: { service: string; source: string; volume: string | null; readOnly: boolean }) =>
      `Service "${p.service}" mounts the Docker socket (${p.source}` +
      `${p.volume !== null ? `, through volume "${p.volume}"` : ''})` +
      `${p.readOnly ? ' — read-only does not help, the API still accepts every command' : ''}: ` +
      'anyone who controls this container can start a privileged container and own the host. ' +
      'Use a socket proxy that allows only the calls needed, or rootless Docker.',
    /** The mount is of /run or /var/run, the folder that holds the socket. */
    socketFolder: (p: { service: string; source: string; volume: string | null }) =>
      `Service "${p.service}" mounts ${p.source}${p.volume !== null ? ` (through volume "${p.volume}")` : ''}, ` +
      'the folder that holds the Docker socket: anyone who controls this container can use docker.sock in it ' +
      'to start a privileged container and own the host. Mount only what the service needs from it.',
  },
  fixTitles: {
    /**
     * The only fix: a read-only mount of a socket still lets every client
     * connect (Linux checks write permission on a socket file, not the
     * mount's read-only flag), so `:ro` would change nothing.
     */
    remove: (p: { source: string; anchor: AnchorNote | null }) =>
      `Remove the Docker socket mount ${p.source}${anchorChangeText(p.anchor)} ` +
      '(the service loses the Docker API: whatever it does with containers stops working; ' +
      'give it a socket proxy that allows only the calls it needs)',
  },
  ja: {
    messages: {
      socket: (p) =>
        `サービス "${p.service}" は Docker ソケットをマウントしています(${p.source}` +
        `${p.volume !== null ? `、ボリューム "${p.volume}" 経由` : ''})` +
        `${p.readOnly ? '。読み取り専用にしても API はすべてのコマンドを受け付けるため効果はありません' : ''}。` +
        'このコンテナを制御できる者は特権コンテナを起動してホストを掌握できます。' +
        '必要な呼び出しだけを許可するソケットプロキシか、rootless Docker を使ってください。',
      socketFolder: (p) =>
        `サービス "${p.service}" は Docker ソケットを含むフォルダー ${p.source} をマウントしています` +
        `${p.volume !== null ? `(ボリューム "${p.volume}" 経由)` : ''}。` +
        'このコンテナを制御できる者はその中の docker.sock で特権コンテナを起動し、ホストを掌握できます。' +
        'そのフォルダーからは必要なものだけをマウントしてください。',
    },
    fixTitles: {
      remove: (p) =>
        `Docker ソケットのマウント ${p.source} を削除${anchorChangeTextJa(p.anchor)}` +
        '(サービスは Docker API を使えなくなり、コンテナを操作する機能は動かなくなります。' +
        '必要な呼び出しだけを許可するソケットプロキシを与えてください)',
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const owner = ownerOf(model, service, 'volumes');
      for (const mount of mountsOf(model, service)) {
        if (mount.unknown || !mount.source || !isDockerSocket(mount.source)) continue;
        const source = quote(mount.source);
        const volume = mount.volume ? quote(mount.volume) : null;
        const named = { service: quote(service.name), source, volume };
        const found = {
          subject: serviceSubject(service),
          fixes: owner
            ? editFix(model, fixTitle('remove', { source, anchor: owner.anchor }), [removeMount(model, owner, mount)])
            : [],
        };
        if (isDockerSocketFolder(mount.source)) report(mount.sourceRange, 'socketFolder', named, found);
        else report(mount.sourceRange, 'socket', { ...named, readOnly: mount.readOnly }, found);
      }
    }
  },
});
