/** compose-host-devices — `devices:` maps host devices in, or device_cgroup_rules grants broad device access. */
import { isMap } from 'yaml';
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { listItems } from '../../compose/normalize';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, removeFrom, anchorChangeTextJa } from './fixes';

export const hostDevices = composeRule({
  meta: {
    id: 'compose-host-devices',
    concern: concern('cs.devices').id,
    severity: 'warning',
    kind: 'compose',
    title: 'Host devices are mapped into the container',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    devices:\n      - /dev/mem:/dev/mem\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n',
    },
  },
  messages: {
    device: (p: { service: string; device: string }) =>
      `Service "${p.service}" maps host device ${p.device} into the container: ` +
      'device access bypasses the isolation namespaces give; map only what the service needs, read-only where it can.',
    cgroupRule: (p: { service: string; rule: string }) =>
      `Service "${p.service}" allows "${p.rule}" in device_cgroup_rules: access to whole classes of host devices.`,
  },
  fixTitles: {
    removeDevice: (p: { device: string; anchor: AnchorNote | null }) =>
      `Remove ${p.device} from devices${anchorChangeText(p.anchor)} (the service loses access to the device)`,
    removeRule: (p: { rule: string; anchor: AnchorNote | null }) =>
      `Remove "${p.rule}" from device_cgroup_rules${anchorChangeText(p.anchor)} ` +
      '(the service loses access to those devices; allow only the ones it needs)',
  },
  ja: {
    messages: {
      device: (p) =>
        `サービス "${p.service}" はホストのデバイス ${p.device} をコンテナに割り当てています。` +
        'デバイスへのアクセスは名前空間による分離を迂回します。必要なものだけを、できれば読み取り専用で割り当ててください。',
      cgroupRule: (p) =>
        `サービス "${p.service}" は device_cgroup_rules で "${p.rule}" を許可しています。` +
        'ホストのデバイスを種類ごとまとめて使えるようになります。',
    },
    fixTitles: {
      removeDevice: (p) =>
        `devices から ${p.device} を削除${anchorChangeTextJa(p.anchor)}(サービスはこのデバイスを使えなくなります)`,
      removeRule: (p) =>
        `device_cgroup_rules から "${p.rule}" を削除${anchorChangeTextJa(p.anchor)}` +
        '(サービスはそれらのデバイスを使えなくなります。必要なものだけを許可してください)',
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const subject = serviceSubject(service);
      const devices = ownerOf(model, service, 'devices');
      const rules = ownerOf(model, service, 'device_cgroup_rules');
      const entry = service.entries.get('devices');
      for (const item of entry ? model.itemsOf(entry.value) : []) {
        // Short `HOST:CONTAINER[:PERMISSIONS]`, or long `{source, target, permissions}`.
        const long = isMap(item) ? model.entriesOf(item).get('source') : undefined;
        const device = model.value(long ? long.value : item, entry!.keyRange);
        if (device.text === null || device.unknown) continue;
        const name = quote(device.text.split(':')[0]);
        report(
          long ? device.range : (model.rangeOf(item) ?? device.range),
          'device',
          { service: quote(service.name), device: name },
          {
            subject,
            fixes: devices
              ? editFix(model, fixTitle('removeDevice', { device: name, anchor: devices.anchor }), [
                  removeFrom(model, devices.map, 'devices', { node: item }),
                ])
              : [],
          },
        );
      }
      for (const rule of listItems(model, service, 'device_cgroup_rules')) {
        // `c *:* rwm`, `a`: any device; a specific major:minor is narrower and left alone.
        if (/^\s*a\b|\*\s*:\s*\*|^\s*[cb]\s+\*/.test(rule.text)) {
          const fixes = rules
            ? editFix(model, fixTitle('removeRule', { rule: quote(rule.text), anchor: rules.anchor }), [
                removeFrom(model, rules.map, 'device_cgroup_rules', rule),
              ])
            : [];
          report(
            rule.range,
            'cgroupRule',
            { service: quote(service.name), rule: quote(rule.text) },
            { subject, fixes },
          );
        }
      }
    }
  },
});
