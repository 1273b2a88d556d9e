/**
 * compose-capabilities-not-dropped — the service keeps Docker's default
 * capabilities instead of `cap_drop: [ALL]` plus what it needs.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { capabilityName, listItems } from '../../compose/normalize';
import { composeRule } from '../rule';
import { addServiceKeys, isTrue, quickFix, serviceSubject, setting } from './helpers';

export const capabilitiesNotDropped = composeRule({
  meta: {
    id: 'compose-capabilities-not-dropped',
    concern: concern('cs.cap.no-drop-all').id,
    severity: 'warning',
    kind: 'compose',
    title: 'Capabilities are not dropped',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n',
    },
  },
  messages: {
    defaultCapabilities: (p: { service: string }) =>
      `Service "${p.service}" keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW...). ` +
      'Drop them all with cap_drop: [ALL] and add back only what it needs.',
  },
  fixTitles: {
    addCapDrop: () => 'Add cap_drop: [ALL] (then cap_add what the service needs)',
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      if (isTrue(setting(model, service, 'privileged'))) continue;
      const drops = listItems(model, service, 'cap_drop');
      if (drops.some((item) => item.unknown || capabilityName(item.text) === 'ALL')) continue;
      const cap = service.entries.get('cap_drop');
      const add = addServiceKeys(model, service, ['cap_drop:', '  - ALL']);
      report(
        cap?.keyRange ?? service.keyRange,
        'defaultCapabilities',
        { service: quote(service.name) },
        {
          subject: serviceSubject(service),
          fixes: cap ? [] : quickFix(fixTitle('addCapDrop', {}), [add]),
        },
      );
    }
  },
});
