/** compose-port-all-interfaces — a published port binds every host interface (no host IP, 0.0.0.0 or ::). */
import { isMap, isScalar } from 'yaml';
import { concern } from '../../concerns';
import type { ComposeModel } from '../../compose/model';
import { publishedPorts, type PublishedPort } from '../../compose/normalize';
import { replaceScalar, setKey } from '../../compose/yaml-edits';
import { quote } from '../../knowledge/secrets';
import type { TextEdit } from '../../types';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';

/** An address as the short syntax writes it: IPv6 in brackets. */
const shortHost = (address: string): string =>
  address.includes(':') ? `[${address.replace(/^\[|\]$/g, '')}]` : address;

/**
 * Binds a published port to `address`: `8080:80` -> `127.0.0.1:8080:80`,
 * a container-only `80` -> `127.0.0.1::80` (an empty host port), an every-
 * interface `0.0.0.0:8080:80` gets the address in its place; long syntax
 * gets `host_ip`. Null where the address is written inside `published`
 * (the old long form) or behind variables.
 */
function bindTo(model: ComposeModel, port: PublishedPort, address: string): TextEdit[] | null {
  if (isMap(port.node)) {
    const published = model.entriesOf(port.node).get('published');
    const text = published ? model.value(published.value, published.keyRange).text : null;
    if (text !== null && /[.:\]]/.test(text)) return null;
    return setKey(model, port.node, 'host_ip', address.replace(/^\[|\]$/g, ''));
  }
  if (!isScalar(port.node) || port.node.value === null) return null;
  const written = String(port.node.value);
  const host = shortHost(address);
  if (port.hostIp === null)
    return replaceScalar(model, port.node, `${host}:${port.published === null ? ':' : ''}${written}`);
  if (model.value(port.node, port.range).text !== written) return null;
  return replaceScalar(model, port.node, written.replace(/^(\[[^\]]*\]|[^:]*):/, `${host}:`));
}

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
    localOnly: (p: { port: string; address: string; anchor: AnchorNote | null }) =>
      `Publish port ${p.port} on ${p.address} only${anchorChangeText(p.anchor)} ` +
      '(other machines can no longer reach it)',
  },
  ja: {
    messages: {
      everyInterface: (p) =>
        `サービス "${p.service}" はポート ${p.port} をホストのすべてのインターフェースで公開しています。` +
        'ネットワークから到達でき、Docker の iptables ルールは ufw などのホストのファイアウォールを迂回します。' +
        '公開が必要でなければ 127.0.0.1(または特定のアドレス)にバインドしてください。',
    },
    fixTitles: {
      localOnly: (p) =>
        `ポート ${p.port} を ${p.address} だけで公開${anchorChangeTextJa(p.anchor)}(ほかのマシンからは到達できなくなります)`,
    },
  },
  check({ model, report, fixTitle, options }) {
    for (const service of model.services) {
      const owner = ownerOf(model, service, 'ports');
      for (const port of publishedPorts(model, service)) {
        if (port.unknown) continue;
        const everywhere = port.hostIp === null || ['0.0.0.0', '::', '[::]'].includes(port.hostIp);
        if (!everywhere) continue;
        const title = {
          port: quote(port.published ?? port.target),
          address: quote(options.hostAddress),
          anchor: owner?.anchor ?? null,
        };
        report(
          port.range,
          'everyInterface',
          { service: quote(service.name), port: quote(port.target) },
          {
            subject: serviceSubject(service),
            fixes: owner
              ? editFix(model, fixTitle('localOnly', title), [bindTo(model, port, options.hostAddress)])
              : [],
          },
        );
      }
    }
  },
});
