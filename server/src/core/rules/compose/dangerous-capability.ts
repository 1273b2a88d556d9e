/**
 * compose-dangerous-capability — cap_add grants ALL or a capability that
 * breaks isolation (SYS_ADMIN, NET_ADMIN, SYS_PTRACE...).
 */
import { concern } from '../../concerns';
import type { ComposeModel, ComposeService } from '../../compose/model';
import { imageStartupCapabilities } from './image-reference';
import { quote } from '../../knowledge/secrets';
import { capabilityName, listItems } from '../../compose/normalize';
import { DANGEROUS_CAPABILITIES, DANGEROUS_CAPABILITIES_JA } from '../../knowledge/capabilities';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, removeFrom, anchorChangeTextJa } from './fixes';

/** What the capability grants in Japanese, falling back to the English of the knowledge table. */
function grantsJa(capability: string, english: string): string {
  return DANGEROUS_CAPABILITIES_JA.get(capability) ?? english;
}

export const dangerousCapability = composeRule({
  meta: {
    id: 'compose-dangerous-capability',
    concern: concern('cs.cap.dangerous-add').id,
    severity: 'error',
    kind: 'compose',
    title: 'cap_add grants a dangerous capability',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop: [ALL]\n    cap_add:\n      - NET_BIND_SERVICE\n',
    },
  },
  messages: {
    /** `grants`: what the capability allows, from DANGEROUS_CAPABILITIES. */
    dangerous: (p: { service: string; capability: string; grants: string }) =>
      `Service "${p.service}" adds ${p.capability} (${p.grants}): ` +
      'with it, a compromised process can break out of its container or take over the host.',
  },
  fixTitles: {
    /** `grants`: what the service can no longer do. */
    remove: (p: { item: string; grants: string; anchor: AnchorNote | null }) =>
      `Remove ${p.item} from cap_add${anchorChangeText(p.anchor)} (the service loses ${p.grants})`,
  },
  ja: {
    messages: {
      dangerous: (p) =>
        `サービス "${p.service}" は ${p.capability} を追加しています(${grantsJa(p.capability, p.grants)})。` +
        'これがあると、侵害されたプロセスがコンテナを抜け出したりホストを乗っ取ったりできます。',
    },
    fixTitles: {
      remove: (p) =>
        `cap_add から ${p.item} を削除${anchorChangeTextJa(p.anchor)}` +
        `(サービスは次の権限を失います: ${grantsJa(capabilityName(p.item), p.grants)})`,
    },
  },
  check({ model, report, fixTitle, options }) {
    for (const service of model.services) {
      const owner = ownerOf(model, service, 'cap_add');
      // What the image's entrypoint needs to start (postgres reads its data directory as root, then steps
      // down): added back beside cap_drop: [ALL], it is the least the service runs with, not an escalation.
      const needed = hasDropAll(model, service) ? imageStartupCapabilities(model, service) : [];
      for (const item of listItems(model, service, 'cap_add')) {
        const name = capabilityName(item.text);
        const what = DANGEROUS_CAPABILITIES.get(name);
        if (!what || item.unknown || options.allowedCapabilities.includes(name) || needed.includes(name)) continue;
        report(
          item.range,
          'dangerous',
          { service: quote(service.name), capability: name, grants: what },
          {
            subject: serviceSubject(service),
            fixes: owner
              ? editFix(model, fixTitle('remove', { item: quote(item.text), grants: what, anchor: owner.anchor }), [
                  removeFrom(model, owner.map, 'cap_add', item),
                ])
              : [],
          },
        );
      }
    }
  },
});

/** Whether the service drops every capability (`cap_drop: [ALL]`). */
function hasDropAll(model: ComposeModel, service: ComposeService): boolean {
  return listItems(model, service, 'cap_drop').some((item) => !item.unknown && capabilityName(item.text) === 'ALL');
}
