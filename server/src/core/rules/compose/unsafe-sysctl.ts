/**
 * compose-unsafe-sysctl — sysctls outside the namespaced-safe set: net.* (not
 * with the host network), kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*.
 * The runtime (runc) refuses any other sysctl when it creates the container
 * — it would change the host's kernel — so the service does not start.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { namespacedSysctl } from '../../knowledge/sysctls';
import type { Node } from 'yaml';
import { composeRule } from '../rule';
import { serviceSubject, setting, type AnchorNote } from './helpers';
import { anchorChangeText, anchorChangeTextJa, editFix, ownerOf, removeFrom } from './fixes';

export const unsafeSysctl = composeRule({
  meta: {
    id: 'compose-unsafe-sysctl',
    concern: concern('cs.sysctls.unsafe').id,
    severity: 'warning',
    kind: 'compose',
    title: 'A sysctl is not namespaced (the container cannot start)',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    sysctls:\n      kernel.randomize_va_space: 0\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    sysctls:\n      net.core.somaxconn: 1024\n',
    },
  },
  messages: {
    notNamespaced: (p: { service: string; sysctl: string; hostNetwork: boolean }) =>
      `Service "${p.service}" sets ${p.sysctl}, which is not namespaced` +
      `${p.hostNetwork ? ' with the host network' : ''}: the container runtime refuses it, so the service ` +
      'does not start (setting it would change the host kernel for every container). Set it on the host instead.',
  },
  fixTitles: {
    remove: (p: { sysctl: string; anchor: AnchorNote | null }) =>
      `Remove ${p.sysctl} from sysctls${anchorChangeText(p.anchor)} (the host's kernel setting applies; ` +
      'set it on the host if the service needs it)',
  },
  ja: {
    messages: {
      notNamespaced: (p) =>
        `サービス "${p.service}" は ${p.sysctl} を設定していますが、これは` +
        `${p.hostNetwork ? 'ホストネットワークでは' : ''}名前空間化されていません。` +
        'コンテナランタイムが拒否するため、サービスは起動しません(設定すればホストのカーネルを' +
        'すべてのコンテナについて変えてしまうためです)。ホスト側で設定してください。',
    },
    fixTitles: {
      remove: (p) =>
        `sysctls から ${p.sysctl} を削除${anchorChangeTextJa(p.anchor)}(ホストのカーネル設定が適用されます。` +
        'サービスに必要ならホスト側で設定してください)',
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const entry = service.entries.get('sysctls');
      if (!entry) continue;
      const hostNetwork = setting(model, service, 'network_mode')?.text === 'host';
      const owner = ownerOf(model, service, 'sysctls');
      const named = [...model.entriesOf(entry.value).values()].map((e) => ({
        name: e.key,
        range: e.keyRange,
        item: null as Node | null,
      }));
      const listed = model
        .itemsOf(entry.value)
        .map((n) => ({ value: model.value(n, entry.keyRange), item: n }))
        .filter(({ value }) => value.text)
        .map(({ value, item }) => ({ name: value.text!.split('=')[0].trim(), range: value.range, item }));
      for (const sysctl of [...named, ...listed]) {
        if (namespacedSysctl(sysctl.name, hostNetwork)) continue;
        // Map form: the key; list form: the item.
        const remove = owner
          ? removeFrom(model, owner.map, 'sysctls', sysctl.item ? { node: sysctl.item } : { name: sysctl.name })
          : null;
        const fixes = owner
          ? editFix(model, fixTitle('remove', { sysctl: quote(sysctl.name), anchor: owner.anchor }), [remove])
          : [];
        report(
          sysctl.range,
          'notNamespaced',
          { service: quote(service.name), sysctl: quote(sysctl.name), hostNetwork: sysctl.name.startsWith('net.') },
          { subject: serviceSubject(service), fixes },
        );
      }
    }
  },
});
