/**
 * The Compose settings that can join a host namespace (`host`), and what
 * the container then shares with the host. From namespaces(7) and the
 * Compose specification (network_mode, pid, ipc, uts, userns_mode, cgroup).
 */

/** Setting -> what sharing the host's namespace exposes, for messages. */
export const HOST_NAMESPACES: readonly (readonly [setting: string, shares: string])[] = [
  ['network_mode', 'the host network stack (every host port and interface, no network isolation)'],
  ['pid', 'the host process table (it can see and signal host processes)'],
  ['ipc', 'host shared memory'],
  ['uts', 'the host name'],
  ['userns_mode', 'the host user namespace (user-namespace remapping is off)'],
  ['cgroup', 'the host cgroup namespace'],
];

/** What sharing each host namespace exposes, in Japanese (same settings as HOST_NAMESPACES). */
export const HOST_NAMESPACES_JA: ReadonlyMap<string, string> = new Map([
  ['network_mode', 'ホストのネットワークスタック(ホストのすべてのポートとインターフェース。ネットワークの分離なし)'],
  ['pid', 'ホストのプロセステーブル(ホストのプロセスを見てシグナルを送れる)'],
  ['ipc', 'ホストの共有メモリ'],
  ['uts', 'ホスト名'],
  ['userns_mode', 'ホストのユーザー名前空間(ユーザー名前空間の再マッピングが無効)'],
  ['cgroup', 'ホストの cgroup 名前空間'],
]);
