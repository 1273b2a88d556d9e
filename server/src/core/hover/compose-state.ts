/**
 * The current state of a Compose service setting, for a hover: what the
 * service does with it as written ("drops ALL, adds NET_BIND_SERVICE",
 * "no-new-privileges is set"), read from the same model the rules read.
 */
import type { ComposeModel, ComposeService } from '../compose/model';
import { capabilityName, listItems, mountsOf, publishedPorts, securityOption } from '../compose/normalize';
import { DANGEROUS_CAPABILITIES, DANGEROUS_CAPABILITIES_JA } from '../knowledge/capabilities';
import { HOST_NAMESPACES, HOST_NAMESPACES_JA } from '../knowledge/namespaces';
import { sensitivePortsIn } from '../knowledge/ports';
import { isSecretName, quote } from '../knowledge/secrets';
import { namespacedSysctl } from '../knowledge/sysctls';
import type { Language } from '../l10n';
import { isTrue, nestedSetting, setting } from '../rules/compose/helpers';
import type { SettingDocId } from '../docs/setting-ids';
import { imageState } from './image-state';
import { listIn, sayIn, type Say } from './say';

type StateOf = (model: ComposeModel, service: ComposeService, say: Say, language: Language, key: string) => string[];

const capabilities: StateOf = (model, service, say, language) => {
  // Document text is quoted (credentials masked) like every message's, before it is upper-cased.
  const drops = listItems(model, service, 'cap_drop').map((item) => capabilityName(quote(item.text)));
  const adds = listItems(model, service, 'cap_add').map((item) => capabilityName(quote(item.text)));
  const dropped = drops.includes('ALL')
    ? say('Drops ALL capabilities', 'すべてのケーパビリティを外しています')
    : drops.length
      ? say(
          `Drops ${drops.join(', ')} (the rest of Docker's default set stays)`,
          `${drops.join(', ')} を外しています(Docker の既定セットの残りは保持)`,
        )
      : say("Keeps Docker's default capabilities", 'Docker の既定のケーパビリティを保持しています');
  const added = adds.length
    ? say(`, adds ${adds.join(', ')}.`, `。${adds.join(', ')} を追加しています。`)
    : say(', adds none.', '。追加はありません。');
  const lines = [dropped + added];
  for (const capability of adds) {
    const grants = (language === 'ja' ? DANGEROUS_CAPABILITIES_JA : DANGEROUS_CAPABILITIES).get(capability);
    if (grants) lines.push(say(`${capability} is dangerous: ${grants}.`, `${capability} は危険です: ${grants}。`));
  }
  return lines;
};

const securityOptions: StateOf = (model, service, say) => {
  const options = listItems(model, service, 'security_opt').map((item) => securityOption(item.text));
  const value = (name: string): string | undefined => options.find(([option]) => option === name)?.[1];
  const noNew = value('no-new-privileges');
  const seccomp = value('seccomp');
  const apparmor = value('apparmor');
  const label = value('label');
  return [
    noNew !== undefined && /^(true|)$/i.test(noNew)
      ? say('no-new-privileges is set.', 'no-new-privileges が設定されています。')
      : say('no-new-privileges is not set.', 'no-new-privileges は設定されていません。'),
    seccomp === undefined
      ? say("seccomp: Docker's default profile.", 'seccomp: Docker の既定プロファイル。')
      : seccomp === 'unconfined'
        ? say('seccomp: unconfined — no system-call filter.', 'seccomp: unconfined — システムコールのフィルターなし。')
        : say(`seccomp: the profile ${quote(seccomp)}.`, `seccomp: プロファイル ${quote(seccomp)}。`),
    apparmor === 'unconfined' || label === 'disable'
      ? say('AppArmor/SELinux confinement is off.', 'AppArmor/SELinux による制限は無効です。')
      : say("AppArmor/SELinux: Docker's default confinement.", 'AppArmor/SELinux: Docker の既定の制限。'),
  ];
};

const STATES: Partial<Record<SettingDocId, StateOf>> = {
  privileged: (model, service, say) => [
    isTrue(setting(model, service, 'privileged'))
      ? say('The service runs privileged.', 'サービスは privileged で動きます。')
      : say('The service is not privileged.', 'サービスは privileged ではありません。'),
  ],
  cap_add: capabilities,
  cap_drop: capabilities,
  security_opt: securityOptions,
  user: (model, service, say) => {
    const user = setting(model, service, 'user')?.text;
    if (!user) return [say("No user: the image's user applies.", 'user がないため、イメージのユーザーが使われます。')];
    const root = /^(root|0+)(:|$)/.test(user.trim());
    return [
      root
        ? say(`Runs as ${quote(user)}: root.`, `${quote(user)} として動きます: root です。`)
        : say(`Runs as ${quote(user)}, not root.`, `${quote(user)} として動きます。root ではありません。`),
    ];
  },
  read_only: (model, service, say) => [
    isTrue(setting(model, service, 'read_only'))
      ? say('The root filesystem is read-only.', 'ルートファイルシステムは読み取り専用です。')
      : say('The root filesystem is writable.', 'ルートファイルシステムは書き込み可能です。'),
  ],
  ports: (model, service, say) =>
    publishedPorts(model, service).map((port) => {
      const host = port.published ?? say('a port Docker picks', 'Docker が選ぶポート');
      return port.hostIp === null
        ? say(
            `${quote(host)} → ${quote(port.target)} on every interface.`,
            `${quote(host)} → ${quote(port.target)}(すべてのインターフェース)。`,
          )
        : say(
            `${quote(host)} → ${quote(port.target)} on ${quote(port.hostIp)} only.`,
            `${quote(host)} → ${quote(port.target)}(${quote(port.hostIp)} のみ)。`,
          );
    }),
  expose: (model, service, say) =>
    listItems(model, service, 'expose').map((item) =>
      sensitivePortsIn(item.text).length
        ? say(`${quote(item.text)}: a remote-administration port.`, `${quote(item.text)}: リモート管理用のポートです。`)
        : say(`${quote(item.text)}.`, `${quote(item.text)}。`),
    ),
  volumes: (model, service, say) =>
    mountsOf(model, service).map((mount) => {
      const where = `${quote(mount.source ?? '')} → ${quote(mount.target ?? '')}`.replace(/^ → /, '');
      return mount.readOnly
        ? say(`${where} (${mount.type}, read-only).`, `${where}(${mount.type}、読み取り専用)。`)
        : say(`${where} (${mount.type}, read-write).`, `${where}(${mount.type}、読み書き可能)。`);
    }),
  devices: (model, service, say, language) => {
    const devices = listItems(model, service, 'devices').map((item) => quote(item.text));
    const rules = listItems(model, service, 'device_cgroup_rules').map((item) => quote(item.text));
    return [
      ...(devices.length ? [say(`Devices: ${devices.join(', ')}.`, `デバイス: ${listIn(language, devices)}。`)] : []),
      ...(rules.length
        ? [say(`Device rules: ${rules.join(', ')}.`, `デバイスのルール: ${listIn(language, rules)}。`)]
        : []),
    ];
  },
  namespaces: (model, service, say, language, key) => {
    const value = setting(model, service, key)?.text;
    if (!value) return [];
    if (value === 'host') {
      const shares = (language === 'ja' ? HOST_NAMESPACES_JA : new Map(HOST_NAMESPACES)).get(key) ?? key;
      return [say(`${key}: host — shares ${shares} with the host.`, `${key}: host — ホストと${shares}を共有します。`)];
    }
    if (value.startsWith('service:') || value.startsWith('container:'))
      return [
        say(`${key}: joins the namespace of ${quote(value)}.`, `${key}: ${quote(value)} の名前空間に参加します。`),
      ];
    return [
      say(
        `${key}: ${quote(value)} — the container's own namespace.`,
        `${key}: ${quote(value)} — コンテナ自身の名前空間。`,
      ),
    ];
  },
  sysctls: (model, service, say) => {
    const entry = service.entries.get('sysctls');
    if (!entry) return [];
    const hostNetwork = setting(model, service, 'network_mode')?.text === 'host';
    const names = [
      ...model.entriesOf(entry.value).keys(),
      ...model.itemsOf(entry.value).map((node) => (model.value(node, entry.keyRange).text ?? '').split('=')[0].trim()),
    ].filter(Boolean);
    return names.map((name) =>
      namespacedSysctl(name, hostNetwork)
        ? say(`${quote(name)}: namespaced, allowed.`, `${quote(name)}: 名前空間化されており、許可されます。`)
        : say(
            `${quote(name)}: not namespaced — the runtime refuses it and the container does not start.`,
            `${quote(name)}: 名前空間化されていません — ランタイムが拒否し、コンテナは起動しません。`,
          ),
    );
  },
  deploy: limits,
  limits,
  oom_kill_disable: (model, service, say) => [
    isTrue(setting(model, service, 'oom_kill_disable'))
      ? say('The OOM killer is disabled.', 'OOM killer は無効です。')
      : say('The OOM killer is enabled.', 'OOM killer は有効です。'),
  ],
  healthcheck: (model, service, say) => {
    if (isTrue(nestedSetting(model, service, ['healthcheck', 'disable'])))
      return [say('The healthcheck is disabled.', 'ヘルスチェックは無効です。')];
    const test = nestedSetting(model, service, ['healthcheck', 'test']);
    return test
      ? [say('The service has a healthcheck.', 'サービスにはヘルスチェックがあります。')]
      : [
          say(
            "No test: the image's HEALTHCHECK applies, if it has one.",
            'test がないため、イメージの HEALTHCHECK があればそれが使われます。',
          ),
        ];
  },
  restart: (model, service, say) => {
    const policy = setting(model, service, 'restart')?.text ?? 'no';
    const bounded = /^(no|on-failure:\d+)$/.test(policy);
    return [
      bounded
        ? say(`restart: ${quote(policy)} — bounded.`, `restart: ${quote(policy)} — 上限があります。`)
        : say(
            `restart: ${quote(policy)} — no bound: a crash loop never ends.`,
            `restart: ${quote(policy)} — 上限がなく、クラッシュループが終わりません。`,
          ),
    ];
  },
  secrets: (model, service, say, language) => {
    const names = model.itemsOf(service.entries.get('secrets')?.value ?? null).map((node) => {
      const short = model.value(node, service.keyRange).text;
      return quote(
        short ?? model.value(model.entriesOf(node).get('source')?.value ?? null, service.keyRange).text ?? '',
      );
    });
    return names.length
      ? [say(`Reads the secrets ${names.join(', ')}.`, `secret ${listIn(language, names)} を読みます。`)]
      : [];
  },
  environment: (model, service, say, language) => {
    const entry = service.entries.get('environment');
    if (!entry) return [];
    const names = [
      ...model.entriesOf(entry.value).keys(),
      ...model.itemsOf(entry.value).map((node) => (model.value(node, entry.keyRange).text ?? '').split('=')[0]),
    ].filter(Boolean);
    const secretLike = names.filter(isSecretName).map(quote);
    return [
      say(`${names.length} variable${names.length === 1 ? '' : 's'}.`, `変数 ${names.length} 個。`),
      ...(secretLike.length
        ? [
            say(
              `Named like secrets: ${secretLike.join(', ')}.`,
              `秘密情報らしい名前: ${listIn(language, secretLike)}。`,
            ),
          ]
        : []),
    ];
  },
  image: (model, service, _say, language) => {
    const image = setting(model, service, 'image');
    return image?.text && !image.unknown ? imageState(quote(image.text), language) : [];
  },
  build: (model, service, say) => {
    const build = setting(model, service, 'build');
    if (!build) return [];
    const context = build.text ?? nestedSetting(model, service, ['build', 'context'])?.text ?? '.';
    const dockerfile = nestedSetting(model, service, ['build', 'dockerfile'])?.text ?? 'Dockerfile';
    return [
      say(
        `Builds from the context ${quote(context)} (${quote(dockerfile)}): its final stage decides the user and the health check.`,
        `コンテキスト ${quote(context)} から ${quote(dockerfile)} をビルドします。ユーザーとヘルスチェックはその最終ステージで決まります。`,
      ),
    ];
  },
  tmpfs: (model, service, say, language) => {
    const paths = listItems(model, service, 'tmpfs').map((item) => quote(item.text));
    return paths.length ? [say(`tmpfs at ${paths.join(', ')}.`, `tmpfs: ${listIn(language, paths)}。`)] : [];
  },
};

function limits(model: ComposeModel, service: ComposeService, say: Say): string[] {
  const limit = (path: string[], legacy: string): string | null =>
    nestedSetting(model, service, ['deploy', 'resources', 'limits', ...path])?.text ??
    setting(model, service, legacy)?.text ??
    null;
  const none = say('none', 'なし');
  const memory = limit(['memory'], 'mem_limit');
  const cpus = limit(['cpus'], 'cpus');
  const pids = limit(['pids'], 'pids_limit');
  return [
    say(
      `Limits: memory ${memory === null ? none : quote(memory)}, CPUs ${cpus === null ? none : quote(cpus)}, ` +
        `processes ${pids === null ? none : quote(pids)}.`,
      `制限: メモリ ${memory === null ? none : quote(memory)}、CPU ${cpus === null ? none : quote(cpus)}、` +
        `プロセス数 ${pids === null ? none : quote(pids)}。`,
    ),
  ];
}

/** What the service does with `key` (documented as `doc`), in `language`. */
export function composeState(
  model: ComposeModel,
  service: ComposeService,
  key: string,
  doc: SettingDocId,
  language: Language,
): string[] {
  return STATES[doc]?.(model, service, sayIn(language), language, key) ?? [];
}
