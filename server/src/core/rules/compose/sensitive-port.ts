/** compose-sensitive-port — a published or exposed container port is a remote-administration or daemon port. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { listItems, publishedPorts } from '../../compose/normalize';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, removeFrom, anchorChangeTextJa } from './fixes';
import { SENSITIVE_PORTS, sensitivePortsIn } from '../../knowledge/ports';
import { exposedPortNumbers } from '../../image-facts';
import { serviceImageFacts } from '../image-queries';
import { serviceImage } from './image-reference';

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
    /** The image's config exposes them (its registry said so); `ports` as in `sensitive`. */
    imageExposes: (p: { service: string; image: string; ports: string[] }) =>
      `Service "${p.service}" runs ${p.image}, whose image config exposes container port ${p.ports.join(', ')}: ` +
      'a remote-administration daemon in a container is an attack surface; use docker exec.',
  },
  fixTitles: {
    /** `ports`: as in the message; `key`: `ports` or `expose`. */
    remove: (p: { ports: string[]; key: string; anchor: AnchorNote | null }) =>
      `Remove the ${p.key} entry of port ${p.ports.join(', ')}${anchorChangeText(p.anchor)} ` +
      '(stop the daemon there and administer the container with docker exec)',
  },
  ja: {
    messages: {
      sensitive: (p) =>
        `サービス "${p.service}" はコンテナのポート ${p.ports.join(', ')} を` +
        `${p.how === 'publishes' ? '公開しています' : 'expose しています'}。` +
        'コンテナ内のリモート管理デーモンは攻撃対象になります。管理には docker exec を使ってください。',
      imageExposes: (p) =>
        `サービス "${p.service}" が動かす ${p.image} は、イメージの設定でコンテナのポート ${p.ports.join(', ')} を ` +
        'expose しています。コンテナ内のリモート管理デーモンは攻撃対象になります。管理には docker exec を使ってください。',
    },
    fixTitles: {
      remove: (p) =>
        `ポート ${p.ports.join(', ')} の ${p.key} エントリを削除${anchorChangeTextJa(p.anchor)}` +
        '(そこのデーモンを止め、コンテナの管理は docker exec で行う)',
    },
  },
  check({ model, report, fixTitle, images }) {
    for (const service of model.services) {
      const image = serviceImage(model, service);
      const registry = image && serviceImageFacts(images, model, service);
      const inherited = registry ? exposedPortNumbers(registry).filter((port) => SENSITIVE_PORTS.has(port)) : [];
      if (image && inherited.length > 0)
        report(
          image.range,
          'imageExposes',
          {
            service: quote(service.name),
            image: quote(image.text),
            ports: inherited.map((port) => `${port} (${SENSITIVE_PORTS.get(port)})`),
          },
          { subject: serviceSubject(service) },
        );
      const targets = [
        ...publishedPorts(model, service).map((p) => ({
          spec: p.target,
          range: p.range,
          unknown: p.unknown,
          node: p.node,
          how: 'publishes' as const,
        })),
        ...listItems(model, service, 'expose').map((e) => ({
          spec: e.text,
          range: e.range,
          unknown: e.unknown,
          node: e.node,
          how: 'exposes' as const,
        })),
      ];
      for (const target of targets) {
        if (target.unknown) continue;
        const ports = sensitivePortsIn(target.spec);
        if (ports.length === 0) continue;
        const key = target.how === 'publishes' ? 'ports' : 'expose';
        const owner = ownerOf(model, service, key);
        const described = ports.map((port) => `${port} (${SENSITIVE_PORTS.get(port)})`);
        const fixes = owner
          ? editFix(model, fixTitle('remove', { ports: described, key, anchor: owner.anchor }), [
              removeFrom(model, owner.map, key, target),
            ])
          : [];
        report(
          target.range,
          'sensitive',
          {
            service: quote(service.name),
            how: target.how,
            ports: described,
          },
          { subject: serviceSubject(service), fixes },
        );
      }
    }
  },
});
