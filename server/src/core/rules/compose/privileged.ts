/** compose-privileged — `privileged: true`: every capability and device, no seccomp/AppArmor confinement. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { composeRule } from '../rule';
import { setKey } from '../../compose/yaml-edits';
import {
  anchorNote,
  anchorNoteText,
  isTrue,
  type AnchorNote,
  namedAnchorUsers,
  serviceSubject,
  setting,
  anchorNoteTextJa,
} from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';

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
    unprivileged: (p: { anchor: AnchorNote | null }) =>
      `Set privileged: false${anchorChangeText(p.anchor)} (then add back only the capabilities it needs)`,
  },
  ja: {
    messages: {
      privileged: (p) =>
        `サービス "${p.service}" は privileged で動いています${anchorNoteTextJa(p.anchor)}。` +
        'すべてのケーパビリティとホストのデバイスを得て、seccomp と AppArmor の制限も外れます。' +
        'コンテナからの脱出まであと一歩です。必要なケーパビリティだけを追加してください。',
    },
    fixTitles: {
      unprivileged: (p) =>
        `privileged: false に設定${anchorChangeTextJa(p.anchor)}(その後、必要なケーパビリティだけを追加し直す)`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const value = setting(model, service, 'privileged');
      if (!value || value.unknown || !isTrue(value)) continue;
      const owner = ownerOf(model, service, 'privileged');
      report(
        value.range,
        'privileged',
        { service: quote(service.name), anchor: anchorNote(model, value.entry) },
        {
          subject: serviceSubject(service),
          namedServices: namedAnchorUsers(model, value.entry),
          fixes: owner
            ? editFix(model, fixTitle('unprivileged', { anchor: owner.anchor }), [
                setKey(model, owner.map, 'privileged', false),
              ])
            : [],
        },
      );
    }
  },
});
