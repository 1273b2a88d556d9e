/** compose-writable-root-filesystem — the root filesystem is writable (`read_only: true` missing or false). */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { composeRule } from '../rule';
import { addServiceKeys, isTrue, quickFix, replaceScalar, serviceSubject, setting } from './helpers';

export const writableRootFilesystem = composeRule({
  meta: {
    id: 'compose-writable-root-filesystem',
    concern: concern('cs.read-only.missing').id,
    severity: 'info',
    kind: 'compose',
    title: 'The root filesystem is writable',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    read_only: true\n    tmpfs: [/tmp]\n',
    },
  },
  messages: {
    writable: (p: { service: string }) =>
      `Service "${p.service}" has a writable root filesystem: an attacker can drop tools and change binaries. ` +
      'Set read_only: true and give it tmpfs/volumes only where it must write.',
  },
  fixTitles: {
    setReadOnly: () => 'Set read_only: true',
    addReadOnly: () => 'Add read_only: true (mount tmpfs or volumes where it must write)',
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const value = setting(model, service, 'read_only');
      if (value && (value.unknown || isTrue(value))) continue;
      const add = value ? null : addServiceKeys(model, service, ['read_only: true']);
      const fixes = value
        ? quickFix(fixTitle('setReadOnly', {}), [replaceScalar(model, value.range, 'true')])
        : quickFix(fixTitle('addReadOnly', {}), [add]);
      report(
        value?.range ?? service.keyRange,
        'writable',
        { service: quote(service.name) },
        { subject: serviceSubject(service), fixes },
      );
    }
  },
});
