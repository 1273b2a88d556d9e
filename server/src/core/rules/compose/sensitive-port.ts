/** compose-sensitive-port — a published or exposed container port is a remote-administration or daemon port. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { listItems, publishedPorts } from '../../compose/normalize';
import { composeRule } from '../rule';
import { serviceSubject } from './helpers';
import { SENSITIVE_PORTS, sensitivePortsIn } from '../../knowledge/ports';

export const sensitivePort = composeRule({
  meta: {
    id: 'compose-sensitive-port',
    concern: concern('cs.ports.sensitive').id,
    severity: 'warning',
    kind: 'compose',
    title: 'A remote-administration port is published',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    ports:\n      - "2222:22"\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    ports:\n      - "127.0.0.1:8080:8080"\n',
    },
  },
  messages: {
    /** `ports`: each sensitive port with what it serves, `22 (SSH)`. */
    sensitive: (p: { service: string; how: 'publishes' | 'exposes'; ports: string[] }) =>
      `Service "${p.service}" ${p.how} container port ${p.ports.join(', ')}: ` +
      'a remote-administration daemon in a container is an attack surface; use docker exec.',
  },
  fixTitles: {},
  check({ model, report }) {
    for (const service of model.services) {
      const targets = [
        ...publishedPorts(model, service).map((p) => ({
          spec: p.target,
          range: p.range,
          unknown: p.unknown,
          how: 'publishes' as const,
        })),
        ...listItems(model, service, 'expose').map((e) => ({
          spec: e.text,
          range: e.range,
          unknown: e.unknown,
          how: 'exposes' as const,
        })),
      ];
      for (const target of targets) {
        if (target.unknown) continue;
        const ports = sensitivePortsIn(target.spec);
        if (ports.length === 0) continue;
        report(
          target.range,
          'sensitive',
          {
            service: quote(service.name),
            how: target.how,
            ports: ports.map((port) => `${port} (${SENSITIVE_PORTS.get(port)})`),
          },
          { subject: serviceSubject(service) },
        );
      }
    }
  },
});
