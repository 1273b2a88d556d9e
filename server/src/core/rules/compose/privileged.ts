/** compose-privileged — `privileged: true`: every capability and device, no seccomp/AppArmor confinement. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import type { ComposeRule } from '../rule';
import { anchorNote, isTrue, namedAnchorUsers, quickFix, replaceScalar, serviceSubject, setting } from './helpers';

export const privileged: ComposeRule = {
  meta: {
    id: 'compose-privileged',
    concern: concern('cs.privileged').id,
    severity: 'error',
    kind: 'compose',
    title: 'The service runs privileged',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    privileged: true\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    cap_add: [NET_BIND_SERVICE]\n',
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const value = setting(model, service, 'privileged');
      if (!value || value.unknown || !isTrue(value)) continue;
      report(
        value.range,
        `Service "${quote(service.name)}" runs privileged${anchorNote(model, value.entry)}: it gets every capability and host device, and seccomp and AppArmor stop confining it — a container escape is one step away. Add only the capabilities it needs.`,
        {
          subject: serviceSubject(service),
          namedServices: namedAnchorUsers(model, value.entry),
          fixes: quickFix('Set privileged: false', [replaceScalar(model, value.range, 'false')], true),
        },
      );
    }
  },
};
