/** compose-mac-unconfined — AppArmor `unconfined` or SELinux `label:disable`: mandatory access control turned off. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import type { ComposeRule } from '../rule';
import { quickFix, removeLineOf, serviceSubject } from './helpers';
import { securityOptions } from './security-options';

export const macUnconfined: ComposeRule = {
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
  check({ model, report }) {
    for (const service of model.services) {
      for (const option of securityOptions(model, service)) {
        const apparmor = option.name === 'apparmor' && option.value.toLowerCase() === 'unconfined';
        const selinux = option.name === 'label' && option.value.toLowerCase() === 'disable';
        if (!apparmor && !selinux) continue;
        const remove = removeLineOf(model, option.range);
        report(
          option.range,
          `Service "${quote(service.name)}" turns off ${apparmor ? 'AppArmor' : 'SELinux labelling'}: the mandatory access control profile Docker applies to every container no longer restricts it.`,
          { subject: serviceSubject(service), fixes: quickFix(`Remove ${quote(option.text)}`, [remove], true) },
        );
      }
    }
  },
};
