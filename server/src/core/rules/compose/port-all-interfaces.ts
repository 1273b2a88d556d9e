/** compose-port-all-interfaces — a published port binds every host interface (no host IP, 0.0.0.0 or ::). */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { publishedPorts } from '../../compose/normalize';
import { composeRule } from '../rule';
import { prefixScalar, quickFix, serviceSubject } from './helpers';

export const portAllInterfaces = composeRule({
  meta: {
    id: 'compose-port-all-interfaces',
    concern: concern('cs.ports.all-interfaces').id,
    severity: 'info',
    kind: 'compose',
    title: 'A port is published on every interface',
    examples: {
      bad: 'services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      good: 'services:\n  app:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
    },
  },
  messages: {
    everyInterface: (p: { service: string; port: string }) =>
      `Service "${p.service}" publishes port ${p.port} on every host interface: it is reachable from the network, ` +
      "and Docker's iptables rules bypass host firewalls such as ufw. " +
      'Bind it to 127.0.0.1 (or a specific address) unless it must be public.',
  },
  fixTitles: {
    localhostOnly: () => 'Publish on 127.0.0.1 only',
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      for (const port of publishedPorts(model, service)) {
        if (port.unknown) continue;
        const everywhere = port.hostIp === null || ['0.0.0.0', '::', '[::]'].includes(port.hostIp);
        if (!everywhere) continue;
        // `8080:80` -> `127.0.0.1:8080:80`; a container-only `80` needs an empty host port: `127.0.0.1::80`.
        const fixes =
          !port.long && port.hostIp === null
            ? quickFix(fixTitle('localhostOnly', {}), [
                prefixScalar(model, port.range, port.published === null ? '127.0.0.1::' : '127.0.0.1:'),
              ])
            : [];
        report(
          port.range,
          'everyInterface',
          { service: quote(service.name), port: quote(port.target) },
          { subject: serviceSubject(service), fixes },
        );
      }
    }
  },
});
