/** compose-mac-unconfined — AppArmor `unconfined` or SELinux `label:disable`: mandatory access control turned off. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, removeFrom, anchorChangeTextJa } from './fixes';
import { securityOptions } from './security-options';

export const macUnconfined = composeRule({
  meta: {
    id: 'compose-mac-unconfined',
    concern: concern('cs.mac.unconfined').id,
    severity: 'error',
    kind: 'compose',
    title: 'AppArmor or SELinux confinement is disabled',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - apparmor:unconfined\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - apparmor:docker-default\n',
    },
  },
  messages: {
    unconfined: (p: { service: string; system: 'apparmor' | 'selinux' }) =>
      `Service "${p.service}" turns off ${p.system === 'apparmor' ? 'AppArmor' : 'SELinux labelling'}: ` +
      'the mandatory access control profile Docker applies to every container no longer restricts it.',
  },
  fixTitles: {
    remove: (p: { option: string; system: 'apparmor' | 'selinux'; anchor: AnchorNote | null }) =>
      `Remove ${p.option}${anchorChangeText(p.anchor)} (Docker's default ` +
      `${p.system === 'apparmor' ? 'AppArmor profile applies' : 'SELinux labels apply'} again)`,
  },
  ja: {
    messages: {
      unconfined: (p) =>
        `サービス "${p.service}" は ${p.system === 'apparmor' ? 'AppArmor' : 'SELinux のラベル付け'} を無効にしています。` +
        'Docker がすべてのコンテナに適用する強制アクセス制御のプロファイルが、もう制限をかけません。',
    },
    fixTitles: {
      remove: (p) =>
        `${p.option} を削除${anchorChangeTextJa(p.anchor)}` +
        `(Docker の既定の${p.system === 'apparmor' ? ' AppArmor プロファイル' : ' SELinux ラベル'}が再び適用されます)`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const owner = ownerOf(model, service, 'security_opt');
      for (const option of securityOptions(model, service)) {
        const apparmor = option.name === 'apparmor' && option.value.toLowerCase() === 'unconfined';
        const selinux = option.name === 'label' && option.value.toLowerCase() === 'disable';
        if (!apparmor && !selinux) continue;
        report(
          option.range,
          'unconfined',
          { service: quote(service.name), system: apparmor ? 'apparmor' : 'selinux' },
          {
            subject: serviceSubject(service),
            fixes: owner
              ? editFix(
                  model,
                  fixTitle('remove', {
                    option: quote(option.text),
                    system: apparmor ? 'apparmor' : 'selinux',
                    anchor: owner.anchor,
                  }),
                  [removeFrom(model, owner.map, 'security_opt', option)],
                )
              : [],
          },
        );
      }
    }
  },
});
