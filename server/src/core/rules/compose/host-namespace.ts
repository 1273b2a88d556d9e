/**
 * compose-host-namespace — the service shares a host namespace (network,
 * pid, ipc, uts, user, cgroup), itself or by joining a service that does
 * (`network_mode: service:db`).
 */
import { concern } from '../../concerns';
import { joinedService, namespaceOf } from '../../compose/service-references';
import { quote } from '../../knowledge/secrets';
import type { ComposeRule } from '../rule';
import { anchorNote, namedAnchorUsers, serviceSubject, setting } from './helpers';

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
  check({ model, report }) {
    for (const service of model.services) {
      for (const [key, what] of NAMESPACES) {
        const value = setting(model, service, key);
        if (!value || value.unknown || !value.text) continue;
        if (value.text.toLowerCase() === 'host') {
          report(
            value.range,
            `Service "${quote(service.name)}" uses ${key}: host${anchorNote(model, value.entry)}, sharing ${what}. Namespaces are what isolate a container; keep the container's own.`,
            { subject: serviceSubject(service), namedServices: namedAnchorUsers(model, value.entry) },
          );
          continue;
        }
        // `network_mode: service:db` joins db's namespace, which is the host's when db uses host mode.
        // Chains (a service joining one that joins another) are followed once per analysis, cycles and all.
        const joined = joinedService(value.text);
        const owner = joined ? namespaceOf(model, key, service.name).hostOwner : null;
        if (owner)
          report(
            value.range,
            `Service "${quote(service.name)}" joins the ${key === 'network_mode' ? 'network' : key} namespace of service "${quote(joined)}", which ${owner === joined ? 'uses' : `through "${quote(owner)}" uses`} the host's: it shares ${what}.`,
            { subject: serviceSubject(service), namedServices: joined ? [joined, owner] : [owner] },
          );
      }
    }
  },
};
