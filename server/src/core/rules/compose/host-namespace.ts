/**
 * compose-host-namespace — the service shares a host namespace (network,
 * pid, ipc, uts, user, cgroup), itself or by joining a service that does
 * (`network_mode: service:db`).
 */
import { concern } from '../../concerns';
import { joinedService, namespaceOf } from '../../compose/service-references';
import { quote } from '../../knowledge/secrets';
import { HOST_NAMESPACES, HOST_NAMESPACES_JA } from '../../knowledge/namespaces';
import { removeKey } from '../../compose/yaml-edits';
import { composeRule } from '../rule';
import {
  anchorNote,
  anchorNoteText,
  namedAnchorUsers,
  serviceSubject,
  setting,
  type AnchorNote,
  anchorNoteTextJa,
} from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';

/** What a service must do instead once it has its own namespace again, for the fix titles. */
const WITHOUT_HOST: Record<string, string> = {
  network_mode: 'publish the ports it serves with ports:, and reach host services by address',
  pid: 'it no longer sees or signals host processes',
  ipc: 'it no longer shares memory with host processes',
  uts: 'it gets its own host name',
  userns_mode: "the daemon's user-namespace remapping applies to it",
  cgroup: 'it sees only its own cgroups',
};

/** WITHOUT_HOST in Japanese. */
const WITHOUT_HOST_JA: Record<string, string> = {
  network_mode: '提供するポートは ports: で公開し、ホストのサービスにはアドレスで接続します',
  pid: 'ホストのプロセスを見ることもシグナルを送ることもできなくなります',
  ipc: 'ホストのプロセスとメモリを共有しなくなります',
  uts: '独自のホスト名を持ちます',
  userns_mode: 'デーモンのユーザー名前空間の再マッピングが適用されます',
  cgroup: '自身の cgroup だけが見えるようになります',
};

export const hostNamespace = composeRule({
  meta: {
    id: 'compose-host-namespace',
    concern: concern('cs.ns.host').id,
    severity: 'error',
    kind: 'compose',
    title: 'The service shares a host namespace',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    network_mode: host\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    ports:\n      - "127.0.0.1:8080:8080"\n',
    },
  },
  messages: {
    /** `key`: the setting (`network_mode`, `pid`...); `shares`: what the host namespace holds, from HOST_NAMESPACES. */
    host: (p: { service: string; key: string; anchor: AnchorNote | null; shares: string }) =>
      `Service "${p.service}" uses ${p.key}: host${anchorNoteText(p.anchor)}, sharing ${p.shares}. ` +
      "Namespaces are what isolate a container; keep the container's own.",
    /** `owner`: the service that uses the host's namespace, when it is not the joined one itself. */
    joined: (p: { service: string; key: string; joined: string; owner: string | null; shares: string }) =>
      `Service "${p.service}" joins the ${p.key === 'network_mode' ? 'network' : p.key} namespace ` +
      `of service "${p.joined}", which ${p.owner === null ? 'uses' : `through "${p.owner}" uses`} ` +
      `the host's: it shares ${p.shares}.`,
  },
  fixTitles: {
    /** `after`: what changes for the service, from WITHOUT_HOST. */
    remove: (p: { key: string; after: string; anchor: AnchorNote | null }) =>
      `Remove ${p.key}: host${anchorChangeText(p.anchor)} (${p.after})`,
  },
  ja: {
    messages: {
      host: (p) =>
        `サービス "${p.service}" は ${p.key}: host を使っています${anchorNoteTextJa(p.anchor)}。` +
        `${HOST_NAMESPACES_JA.get(p.key) ?? p.shares} をホストと共有します。` +
        'コンテナを分離しているのは名前空間です。コンテナ自身の名前空間を使ってください。',
      joined: (p) =>
        `サービス "${p.service}" はサービス "${p.joined}" の ` +
        `${p.key === 'network_mode' ? 'ネットワーク' : p.key} 名前空間に参加していますが、` +
        `そのサービスは${p.owner === null ? '' : ` "${p.owner}" を通じて`}ホストの名前空間を使っています。` +
        `${HOST_NAMESPACES_JA.get(p.key) ?? p.shares} を共有することになります。`,
    },
    fixTitles: {
      remove: (p) => `${p.key}: host を削除${anchorChangeTextJa(p.anchor)}(${WITHOUT_HOST_JA[p.key] ?? p.after})`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const subject = serviceSubject(service);
      for (const [key, shares] of HOST_NAMESPACES) {
        const value = setting(model, service, key);
        if (!value || value.unknown || !value.text) continue;
        if (value.text.toLowerCase() === 'host') {
          const owner = ownerOf(model, service, key);
          const fixes = owner
            ? editFix(model, fixTitle('remove', { key, after: WITHOUT_HOST[key] ?? '', anchor: owner.anchor }), [
                removeKey(model, owner.map, key),
              ])
            : [];
          report(
            value.range,
            'host',
            { service: quote(service.name), key, anchor: anchorNote(model, value.entry), shares },
            { subject, namedServices: namedAnchorUsers(model, value.entry), fixes },
          );
          continue;
        }
        // `network_mode: service:db` joins db's namespace, which is the host's when db uses host mode.
        // Chains (a service joining one that joins another) are followed once per analysis, cycles and all.
        const joined = joinedService(value.text);
        const owner = joined ? namespaceOf(model, key, service.name).hostOwner : null;
        if (joined && owner)
          report(
            value.range,
            'joined',
            {
              service: quote(service.name),
              key,
              joined: quote(joined),
              owner: owner === joined ? null : quote(owner),
              shares,
            },
            { subject, namedServices: [joined, owner] },
          );
      }
    }
  },
});
