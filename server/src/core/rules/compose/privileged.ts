/** compose-privileged — `privileged: true`: every capability and device, no seccomp/AppArmor confinement. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { composeRule } from '../rule';
import {
  anchorNote,
  anchorNoteText,
  isTrue,
  type AnchorNote,
  namedAnchorUsers,
  quickFix,
  replaceScalar,
  serviceSubject,
  setting,
} from './helpers';

export const privileged = composeRule({
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
  messages: {
    privileged: (p: { service: string; anchor: AnchorNote | null }) =>
      `Service "${p.service}" runs privileged${anchorNoteText(p.anchor)}: ` +
      'it gets every capability and host device, and seccomp and AppArmor stop confining it — ' +
      'a container escape is one step away. Add only the capabilities it needs.',
  },
  fixTitles: {
    unprivileged: () => 'Set privileged: false',
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const value = setting(model, service, 'privileged');
      if (!value || value.unknown || !isTrue(value)) continue;
      report(
        value.range,
        'privileged',
        { service: quote(service.name), anchor: anchorNote(model, value.entry) },
        {
          subject: serviceSubject(service),
          namedServices: namedAnchorUsers(model, value.entry),
          fixes: quickFix(fixTitle('unprivileged', {}), [replaceScalar(model, value.range, 'false')], true),
        },
      );
    }
  },
});
