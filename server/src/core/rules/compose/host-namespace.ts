/** compose-host-namespace — the service shares a host namespace (network, pid, ipc, uts, user, cgroup). */
import { concern } from '../../concerns';
import type { ComposeRule } from '../rule';
import { anchorNote, setting } from './helpers';

const NAMESPACES: [string, string][] = [
  ['network_mode', 'the host network stack (every host port and interface, no network isolation)'],
  ['pid', 'the host process table (it can see and signal host processes)'],
  ['ipc', 'host shared memory'],
  ['uts', 'the host name'],
  ['userns_mode', 'the host user namespace (user-namespace remapping is off)'],
  ['cgroup', 'the host cgroup namespace'],
];

export const hostNamespace: ComposeRule = {
  meta: {
    id: 'compose-host-namespace', concern: concern('cs.ns.host').id, severity: 'error', kind: 'compose',
    title: 'The service shares a host namespace',
    examples: { bad: 'services:\n  app:\n    image: alpine:3.20\n    network_mode: host\n', good: 'services:\n  app:\n    image: alpine:3.20\n    ports:\n      - "127.0.0.1:8080:8080"\n' },
  },
  check(model, report) {
    for (const service of model.services) {
      for (const [key, what] of NAMESPACES) {
        const value = setting(model, service, key);
        if (!value || value.unknown || value.text?.toLowerCase() !== 'host') continue;
        report(value.range, `Service "${service.name}" uses ${key}: host${anchorNote(model, value.entry)}, sharing ${what}. Namespaces are what isolate a container; keep the container's own.`);
      }
    }
  },
};
