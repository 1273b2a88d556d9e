/**
 * compose-capabilities-not-dropped — the service keeps Docker's default
 * capabilities instead of `cap_drop: [ALL]` plus what it needs.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { capabilityName, listItems } from '../../compose/normalize';
import { isFragment, type ComposeModel, type ComposeService } from '../../compose/model';
import type { RuleOptions } from '../options';
import { composeRule } from '../rule';
import { containerPorts, isTrue, serviceSubject, setting, type AnchorNote } from './helpers';
import { imageStartupCapabilities } from './image-reference';
import { anchorChangeText, anchorChangeTextJa, appendItems, editFix, ownerOf } from './fixes';

/** Ports below this need NET_BIND_SERVICE to be bound (without Docker's unprivileged-port sysctl). */
const PRIVILEGED_PORTS = 1024;

/**
 * What `cap_add` keeps beside `cap_drop: [ALL]`: the configured
 * capabilities; what the image needs to start when it starts as root (its
 * entrypoint chowns its data and steps down to its own user — without them
 * the container would not start); and NET_BIND_SERVICE for a service
 * listening on a port below 1024 (Docker lets containers bind them without
 * it since 20.10, but not with the host network or an older engine: keeping
 * it is cheap). Those already added are left out.
 */
function keptCapabilities(model: ComposeModel, service: ComposeService, options: RuleOptions): string[] {
  const keep = options.keepCapabilities.map(capabilityName);
  keep.push(...imageStartupCapabilities(model, service));
  if (containerPorts(model, service).some((port) => port < PRIVILEGED_PORTS)) keep.push('NET_BIND_SERVICE');
  const added = new Set(listItems(model, service, 'cap_add').map((item) => capabilityName(item.text)));
  return [...new Set(keep)].filter((capability) => capability !== 'ALL' && !added.has(capability));
}

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
    /** `keep`: the capabilities added back with cap_add. */
    addCapDrop: (p: { keep: string[]; anchor: AnchorNote | null }) =>
      `Add cap_drop: [ALL]${anchorChangeText(p.anchor)}` +
      (p.keep.length ? `, keeping ${p.keep.join(', ')} in cap_add` : '') +
      ' (then cap_add anything else the service needs)',
  },
  ja: {
    messages: {
      defaultCapabilities: (p) =>
        `サービス "${p.service}" は Docker の既定のケーパビリティ(CHOWN、DAC_OVERRIDE、SETUID、NET_RAW など)を` +
        '持ったままです。cap_drop: [ALL] ですべて外し、必要なものだけを戻してください。',
    },
    fixTitles: {
      addCapDrop: (p) =>
        `cap_drop: [ALL] を追加${anchorChangeTextJa(p.anchor)}` +
        (p.keep.length ? `し、cap_add に ${p.keep.join(', ')} を残す` : 'する') +
        '(ほかに必要なケーパビリティはその後 cap_add に追加)',
    },
  },
  check({ model, report, fixTitle, options }) {
    for (const service of model.services) {
      if (isTrue(setting(model, service, 'privileged')) || isFragment(service)) continue;
      const drops = listItems(model, service, 'cap_drop');
      if (drops.some((item) => item.unknown || capabilityName(item.text) === 'ALL')) continue;
      const cap = service.entries.get('cap_drop');
      const drop = ownerOf(model, service, 'cap_drop');
      const add = ownerOf(model, service, 'cap_add');
      const keep = keptCapabilities(model, service, options);
      const fixes =
        drop && add
          ? editFix(
              model,
              fixTitle('addCapDrop', { keep, anchor: drop.anchor ?? add.anchor }),
              // Items appended to a list at the place a new key goes come before the key, or they would join it.
              cap || !service.entries.has('cap_add')
                ? [appendItems(model, drop.map, 'cap_drop', ['ALL']), appendItems(model, add.map, 'cap_add', keep)]
                : [appendItems(model, add.map, 'cap_add', keep), appendItems(model, drop.map, 'cap_drop', ['ALL'])],
            )
          : [];
      report(
        cap?.keyRange ?? service.keyRange,
        'defaultCapabilities',
        { service: quote(service.name) },
        {
          subject: serviceSubject(service),
          fixes,
        },
      );
    }
  },
});
