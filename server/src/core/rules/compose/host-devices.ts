/** compose-host-devices — `devices:` maps host devices in, or device_cgroup_rules grants broad device access. */
import { isMap } from 'yaml';
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { listItems } from '../../compose/normalize';
import type { ComposeRule } from '../rule';
import { serviceSubject } from './helpers';

export const hostDevices: ComposeRule = {
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
  check({ model, report }) {
    for (const service of model.services) {
      const entry = service.entries.get('devices');
      for (const item of entry ? model.itemsOf(entry.value) : []) {
        // Short `HOST:CONTAINER[:PERMISSIONS]`, or long `{source, target, permissions}`.
        const long = isMap(item) ? model.entriesOf(item).get('source') : undefined;
        const device = model.value(long ? long.value : item, entry!.keyRange);
        if (device.text === null || device.unknown) continue;
        report(
          long ? device.range : (model.rangeOf(item) ?? device.range),
          `Service "${quote(service.name)}" maps host device ${quote(device.text.split(':')[0])} into the container: device access bypasses the isolation namespaces give; map only what the service needs, read-only where it can.`,
          { subject: serviceSubject(service) },
        );
      }
      for (const rule of listItems(model, service, 'device_cgroup_rules')) {
        // `c *:* rwm`, `a`: any device; a specific major:minor is narrower and left alone.
        if (/^\s*a\b|\*\s*:\s*\*|^\s*[cb]\s+\*/.test(rule.text)) {
          report(
            rule.range,
            `Service "${quote(service.name)}" allows "${quote(rule.text)}" in device_cgroup_rules: access to whole classes of host devices.`,
            { subject: serviceSubject(service) },
          );
        }
      }
    }
  },
};
