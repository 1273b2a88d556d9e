/** compose-unencrypted-overlay — a top-level network uses the overlay driver without `driver_opts: encrypted`. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { setKey } from '../../compose/yaml-edits';
import { ownPair } from '../../compose/yaml-text';
import type { ComposeModel } from '../../compose/model';
import { isMap, type Node } from 'yaml';
import { composeRule } from '../rule';
import { editFix } from './fixes';

/** The network's own mapping as this document writes it, or null (another file defines it). */
function writtenNetwork(model: ComposeModel, name: string): Node | null {
  const networks = model.topLevel('networks')?.value;
  const pair = isMap(networks) && model.isLocal(networks) ? ownPair(networks, name) : undefined;
  return pair?.value ?? null;
}

export const unencryptedOverlay = composeRule({
  meta: {
    id: 'compose-unencrypted-overlay',
    concern: concern('cs.network.unencrypted-overlay').id,
    severity: 'warning',
    kind: 'compose',
    title: 'An overlay network is not encrypted',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\nnetworks:\n  backend:\n    driver: overlay\n',
      good:
        'services:\n  app:\n    image: alpine:3.20\nnetworks:\n  backend:\n    driver: overlay\n    driver_opts:\n' +
        '      encrypted: "true"\n',
    },
  },
  messages: {
    unencrypted: (p: { network: string }) =>
      `Network "${p.network}" uses the overlay driver without encryption: ` +
      'traffic between nodes crosses the network in clear text. Add driver_opts: { encrypted: "true" }.',
  },
  fixTitles: {
    encrypt: () =>
      'Add driver_opts: {encrypted: "true"} (IPsec between nodes, at some cost in throughput; ' +
      'Windows nodes cannot attach to an encrypted overlay)',
  },
  ja: {
    messages: {
      unencrypted: (p) =>
        `ネットワーク "${p.network}" は暗号化なしで overlay ドライバーを使っています。` +
        'ノード間の通信が平文でネットワークを流れます。driver_opts: { encrypted: "true" } を追加してください。',
    },
    fixTitles: {
      encrypt: () =>
        'driver_opts: {encrypted: "true"} を追加(ノード間を IPsec で暗号化。スループットは多少下がり、' +
        'Windows ノードは暗号化された overlay に参加できません)',
    },
  },
  check({ model, report, fixTitle }) {
    for (const [name, entry] of model.networks) {
      const fields = model.entriesOf(entry.value);
      const driver = fields.get('driver');
      const driverValue = driver ? model.value(driver.value, driver.keyRange) : null;
      if (driverValue?.text !== 'overlay') continue;
      const options = fields.get('driver_opts');
      const encrypted = options ? model.entriesOf(options.value).has('encrypted') : false;
      if (encrypted) continue;
      const network = writtenNetwork(model, name);
      report(
        driverValue.range,
        'unencrypted',
        { network: quote(name) },
        {
          fixes: network
            ? editFix(model, fixTitle('encrypt', {}), [setKey(model, network, ['driver_opts', 'encrypted'], 'true')])
            : [],
        },
      );
    }
  },
});
