/**
 * compose-unsafe-sysctl — sysctls outside the namespaced-safe set: net.* (not
 * with the host network), kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { namespacedSysctl } from '../../knowledge/sysctls';
import { composeRule } from '../rule';
import { serviceSubject, setting } from './helpers';

export const unsafeSysctl = composeRule({
  meta: {
    id: 'compose-unsafe-sysctl',
    concern: concern('cs.sysctls.unsafe').id,
    severity: 'warning',
    kind: 'compose',
    title: 'A sysctl changes the host kernel',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    sysctls:\n      kernel.randomize_va_space: 0\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    sysctls:\n      net.core.somaxconn: 1024\n',
    },
  },
  messages: {
    notNamespaced: (p: { service: string; sysctl: string; hostNetwork: boolean }) =>
      `Service "${p.service}" sets ${p.sysctl}, which is not namespaced` +
      `${p.hostNetwork ? ' with the host network' : ''}: it changes the host kernel for every container.`,
  },
  fixTitles: {},
  check({ model, report }) {
    for (const service of model.services) {
      const entry = service.entries.get('sysctls');
      if (!entry) continue;
      const hostNetwork = setting(model, service, 'network_mode')?.text === 'host';
      const named = [...model.entriesOf(entry.value).values()].map((e) => ({ name: e.key, range: e.keyRange }));
      const listed = model
        .itemsOf(entry.value)
        .map((n) => model.value(n, entry.keyRange))
        .filter((v) => v.text)
        .map((v) => ({ name: v.text!.split('=')[0].trim(), range: v.range }));
      for (const sysctl of [...named, ...listed]) {
        if (namespacedSysctl(sysctl.name, hostNetwork)) continue;
        report(
          sysctl.range,
          'notNamespaced',
          { service: quote(service.name), sysctl: quote(sysctl.name), hostNetwork: sysctl.name.startsWith('net.') },
          { subject: serviceSubject(service) },
        );
      }
    }
  },
});
