/** compose-dangerous-capability — cap_add grants ALL or a capability that breaks isolation (SYS_ADMIN, NET_ADMIN, SYS_PTRACE...). */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { capabilityName, listItems } from '../../compose/normalize';
import type { ComposeRule } from '../rule';
import { quickFix, removeLineOf, serviceSubject } from './helpers';

export const DANGEROUS_CAPABILITIES = new Map<string, string>([
  ['ALL', 'every capability'],
  ['SYS_ADMIN', 'mounts, namespaces and most of root'],
  ['SYS_PTRACE', 'reading and controlling other processes'],
  ['SYS_MODULE', 'loading kernel modules'],
  ['NET_ADMIN', 'reconfiguring networking and firewalls'],
  ['NET_RAW', 'raw sockets (spoofing, sniffing)'],
  ['DAC_READ_SEARCH', 'reading any file by handle (the "shocker" escape)'],
  ['DAC_OVERRIDE', 'bypassing file permissions'],
  ['SYS_RAWIO', 'raw I/O to devices and memory'],
  ['SYS_BOOT', 'rebooting the host'],
  ['SYS_TIME', 'changing the host clock'],
  ['MAC_ADMIN', 'reconfiguring AppArmor/SELinux'],
  ['MAC_OVERRIDE', 'bypassing AppArmor/SELinux'],
  ['BPF', 'loading eBPF programs'],
  ['PERFMON', 'kernel performance monitoring'],
  ['SYSLOG', 'reading the kernel log'],
  ['SYS_RESOURCE', 'overriding resource limits'],
  ['LINUX_IMMUTABLE', 'changing immutable files'],
  ['SETFCAP', 'granting file capabilities'],
]);

export const dangerousCapability: ComposeRule = {
  meta: {
    id: 'compose-dangerous-capability',
    concern: concern('cs.cap.dangerous-add').id,
    severity: 'error',
    kind: 'compose',
    title: 'cap_add grants a dangerous capability',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n    cap_add:\n      - NET_BIND_SERVICE\n',
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const item of listItems(model, service, 'cap_add')) {
        const name = capabilityName(item.text);
        const what = DANGEROUS_CAPABILITIES.get(name);
        if (!what || item.unknown) continue;
        const remove = removeLineOf(model, item.range);
        report(
          item.range,
          `Service "${quote(service.name)}" adds ${name} (${what}): with it, a compromised process can break out of its container or take over the host.`,
          { subject: serviceSubject(service), fixes: quickFix(`Remove ${quote(item.text)} from cap_add`, [remove]) },
        );
      }
    }
  },
};
