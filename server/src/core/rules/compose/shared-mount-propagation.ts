/**
 * compose-shared-mount-propagation — a bind mount with shared/rshared
 * propagation: mounts made in the container appear on the host.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { mountsOf } from '../../compose/normalize';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';
import { mountPropagation } from './mount-fixes';

export const sharedMountPropagation = composeRule({
  meta: {
    id: 'compose-shared-mount-propagation',
    concern: concern('cs.mount.propagation-shared').id,
    severity: 'warning',
    kind: 'compose',
    title: 'A bind mount propagates mounts to the host',
    examples: {
      bad:
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - type: bind\n        source: ./data\n' +
        '        target: /data\n        bind:\n          propagation: rshared\n',
      good:
        'services:\n  app:\n    image: alpine:3.20\n    volumes:\n      - type: bind\n        source: ./data\n' +
        '        target: /data\n',
    },
  },
  messages: {
    /** `source`: the mounted path; null when the mount names none. */
    shared: (p: { service: string; source: string | null; propagation: string }) =>
      `Service "${p.service}" mounts ${p.source ?? 'a path'} with ${p.propagation} propagation: ` +
      'mounts made inside the container show up on the host.',
  },
  fixTitles: {
    private: (p: { anchor: AnchorNote | null }) =>
      `Use rprivate propagation${anchorChangeText(p.anchor)} (Docker's default: no mount crosses to the host)`,
    remove: (p: { anchor: AnchorNote | null }) =>
      `Remove the propagation option${anchorChangeText(p.anchor)} (Docker's default, rprivate, applies)`,
  },
  ja: {
    messages: {
      shared: (p) =>
        `サービス "${p.service}" は ${p.source ?? 'パス'} を ${p.propagation} 伝播でマウントしています。` +
        'コンテナ内で行ったマウントがホストに現れます。',
    },
    fixTitles: {
      private: (p) =>
        `rprivate 伝播を使う${anchorChangeTextJa(p.anchor)}(Docker の既定: マウントはホストに伝わりません)`,
      remove: (p) => `伝播オプションを削除${anchorChangeTextJa(p.anchor)}(Docker の既定の rprivate が適用されます)`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const anchor = ownerOf(model, service, 'volumes')?.anchor ?? null;
      for (const mount of mountsOf(model, service)) {
        if (!mount.propagation || !/^r?shared$/i.test(mount.propagation)) continue;
        report(
          mount.propagationRange ?? mount.range,
          'shared',
          {
            service: quote(service.name),
            source: mount.source ? quote(mount.source) : null,
            propagation: quote(mount.propagation),
          },
          {
            subject: serviceSubject(service),
            fixes: [
              ...editFix(model, fixTitle('private', { anchor }), [mountPropagation(model, mount, 'rprivate')]),
              ...editFix(model, fixTitle('remove', { anchor }), [mountPropagation(model, mount, null)], false),
            ],
          },
        );
      }
    }
  },
});
