/**
 * Hover over JSON-RPC on every setting and instruction a rule reads, with or
 * without a finding there, in English and in Japanese: the setting's meaning
 * and what it is set to in this document.
 */
import * as assert from 'assert';
import type { Hover } from 'vscode-languageserver/node';
import { COMPOSE_SETTING_IDS, DOCKERFILE_SETTING_IDS } from '../../server/src/core/docs/setting-ids';
import { TestClient } from '../helpers/lsp-client';

const COMPOSE = `services:
  web:
    image: nginx:1.27
    build: ./web
    privileged: false
    cap_drop: [ALL]
    cap_add: [NET_BIND_SERVICE, SYS_ADMIN]
    security_opt:
      - no-new-privileges:true
    user: "1000:1000"
    read_only: true
    tmpfs: [/tmp]
    ports:
      - "8080:80"
    expose: ["22"]
    volumes:
      - /etc:/host-etc:ro
    devices: [/dev/fuse]
    device_cgroup_rules: ["c 10:229 rwm"]
    sysctls:
      net.core.somaxconn: 1024
      kernel.randomize_va_space: 0
    deploy:
      resources:
        limits:
          memory: 512M
    healthcheck:
      disable: true
    restart: always
    secrets: [db_password]
    environment:
      API_TOKEN: \${API_TOKEN}
      MODE: production
    env_file: [app.env]
  worker:
    image: alpine
    network_mode: host
    pid: host
    ipc: "service:web"
    uts: host
    userns_mode: host
    cgroup: private
    mem_limit: 256m
    memswap_limit: 256m
    cpus: 0.5
    cpu_quota: 50000
    pids_limit: 100
    oom_kill_disable: true
secrets:
  db_password:
    file: ./db_password.txt
`;

const DOCKERFILE = `ARG VERSION=20
FROM node:\${VERSION} AS build
ENV NPM_TOKEN=\${NPM_TOKEN}
RUN --mount=type=secret,id=npm --mount=type=cache,target=/root/.npm npm ci
ADD https://example.com/tool.tgz /opt/
FROM gcr.io/distroless/nodejs22-debian12
COPY --from=build /app /app
EXPOSE 8080 22
HEALTHCHECK NONE
USER 65532
`;

/** Per key: where to hover (the key's line in the document) and what the state says, in each language. */
interface Case {
  key: string;
  en: RegExp;
  ja: RegExp;
}

const COMPOSE_CASES: Case[] = [
  {
    key: 'image',
    en: /It runs as root by default[^]*nginxinc\/nginx-unprivileged:1\.27/,
    ja: /既定で root として動きます/,
  },
  {
    key: 'build',
    en: /Builds from the context \.\/web \(Dockerfile\)/,
    ja: /コンテキスト \.\/web から Dockerfile をビルドします/,
  },
  { key: 'privileged', en: /is not privileged/, ja: /privileged ではありません/ },
  {
    key: 'cap_drop',
    en: /Drops ALL capabilities, adds NET_BIND_SERVICE, SYS_ADMIN/,
    ja: /すべてのケーパビリティを外して/,
  },
  { key: 'cap_add', en: /SYS_ADMIN is dangerous: mounts/, ja: /SYS_ADMIN は危険です: マウント/ },
  { key: 'security_opt', en: /no-new-privileges is set/, ja: /no-new-privileges が設定されています/ },
  { key: 'user', en: /Runs as 1000:1000, not root/, ja: /1000:1000 として動きます。root ではありません/ },
  { key: 'read_only', en: /root filesystem is read-only/, ja: /読み取り専用です/ },
  { key: 'tmpfs', en: /tmpfs at \/tmp/, ja: /tmpfs: \/tmp/ },
  { key: 'ports', en: /8080 → 80 on every interface/, ja: /8080 → 80.すべてのインターフェース/ },
  { key: 'expose', en: /22: a remote-administration port/, ja: /22: リモート管理用のポート/ },
  { key: 'volumes', en: /\/etc → \/host-etc \(bind, read-only\)/, ja: /\/etc → \/host-etc.bind、読み取り専用/ },
  { key: 'devices', en: /Devices: \/dev\/fuse/, ja: /デバイス: \/dev\/fuse/ },
  { key: 'device_cgroup_rules', en: /Device rules: c 10:229 rwm/, ja: /デバイスのルール/ },
  {
    key: 'sysctls',
    en: /net\.core\.somaxconn: namespaced[^]*kernel\.randomize_va_space: not namespaced — the runtime refuses it/,
    ja: /kernel\.randomize_va_space: 名前空間化されていません — ランタイムが拒否/,
  },
  { key: 'deploy', en: /Limits: memory 512M, CPUs none, processes none/, ja: /制限: メモリ 512M、CPU なし/ },
  { key: 'healthcheck', en: /healthcheck is disabled/, ja: /ヘルスチェックは無効です/ },
  { key: 'restart', en: /restart: always — no bound/, ja: /restart: always — 上限がなく/ },
  { key: 'secrets', en: /Reads the secrets db_password/, ja: /secret db_password を読みます/ },
  {
    key: 'environment',
    en: /2 variables[^]*Named like secrets: API_TOKEN/,
    ja: /変数 2 個[^]*秘密情報らしい名前: API_TOKEN/,
  },
  { key: 'env_file', en: /Setting: `environment` \/ `env_file`/, ja: /設定: `environment` \/ `env_file`/ },
  {
    key: 'network_mode',
    en: /network_mode: host — shares the host network stack/,
    ja: /ホストとホストのネットワークスタック/,
  },
  { key: 'pid', en: /pid: host — shares the host process table/, ja: /pid: host — ホストとホストのプロセステーブル/ },
  { key: 'ipc', en: /ipc: joins the namespace of service:web/, ja: /service:web の名前空間に参加します/ },
  { key: 'uts', en: /uts: host — shares the host name/, ja: /uts: host/ },
  { key: 'userns_mode', en: /userns_mode: host — shares the host user namespace/, ja: /userns_mode: host/ },
  { key: 'cgroup', en: /cgroup: private — the container's own namespace/, ja: /コンテナ自身の名前空間/ },
  {
    key: 'mem_limit',
    en: /Limits: memory 256m, CPUs 0\.5, processes 100/,
    ja: /制限: メモリ 256m、CPU 0\.5、プロセス数 100/,
  },
  { key: 'memswap_limit', en: /Limits: memory 256m/, ja: /制限: メモリ 256m/ },
  { key: 'cpus', en: /CPUs 0\.5/, ja: /CPU 0\.5/ },
  { key: 'cpu_quota', en: /Setting: `mem_limit` \/ `cpus` \/ `pids_limit`/, ja: /設定: `mem_limit`/ },
  { key: 'pids_limit', en: /processes 100/, ja: /プロセス数 100/ },
  { key: 'oom_kill_disable', en: /OOM killer is disabled/, ja: /OOM killer は無効です/ },
];

const DOCKERFILE_CASES: Case[] = [
  { key: 'ARG', en: /Setting: `ARG` \/ `ENV`/, ja: /設定: `ARG` \/ `ENV`/ },
  { key: 'FROM', en: /A build stage: only what is copied from it ships[^]*node:20/, ja: /ビルド用のステージです/ },
  { key: 'ENV', en: /Named like secrets: NPM_TOKEN/, ja: /秘密情報らしい名前: NPM_TOKEN/ },
  { key: 'RUN', en: /Mounts: secret, cache/, ja: /マウント: secret、cache/ },
  { key: 'ADD', en: /Downloads without --checksum/, ja: /--checksum なしでダウンロード/ },
  { key: 'COPY', en: /Copies from build/, ja: /build からコピーします/ },
  { key: 'EXPOSE', en: /Remote administration: 22/, ja: /リモート管理用: 22/ },
  { key: 'HEALTHCHECK', en: /HEALTHCHECK NONE: the base image's check is off/, ja: /ベースイメージのチェックを無効/ },
  { key: 'USER', en: /final stage's last USER: the image runs as 65532/, ja: /イメージは 65532 として動きます/ },
];

function positionOf(text: string, key: string, kind: 'compose' | 'dockerfile'): { line: number; character: number } {
  const lines = text.split('\n');
  const pattern = kind === 'compose' ? new RegExp(`^\\s+${key}:`) : new RegExp(`^${key} `);
  const line = lines.findIndex((l) => pattern.test(l));
  assert.ok(line >= 0, `${key} is in the document`);
  return { line, character: lines[line].indexOf(key) + 1 };
}

async function hoverText(
  client: TestClient,
  uri: string,
  position: { line: number; character: number },
): Promise<string> {
  const hover = (await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position,
  })) as Hover | null;
  return (hover?.contents as { value: string } | undefined)?.value ?? '';
}

describe('LSP: hover on every setting a rule reads', () => {
  it('has a case for every Compose key and Dockerfile instruction the hover documents', () => {
    assert.deepStrictEqual(COMPOSE_CASES.map((c) => c.key).sort(), Object.keys(COMPOSE_SETTING_IDS).sort());
    assert.deepStrictEqual(DOCKERFILE_CASES.map((c) => c.key).sort(), Object.keys(DOCKERFILE_SETTING_IDS).sort());
  });

  for (const language of ['en', 'ja'] as const) {
    describe(`in ${language === 'en' ? 'English' : 'Japanese'}`, () => {
      let client: TestClient;
      before(async () => {
        client = new TestClient();
        await client.initialize(language);
        await client.open('file:///w/hover/compose.yaml', 'dockercompose', COMPOSE);
        await client.open('file:///w/hover/Dockerfile', 'dockerfile', DOCKERFILE);
        await client.diagnosticsFor('file:///w/hover/compose.yaml', 1);
        await client.diagnosticsFor('file:///w/hover/Dockerfile', 1);
      });
      after(() => client.dispose());

      for (const [kind, uri, text, cases] of [
        ['compose', 'file:///w/hover/compose.yaml', COMPOSE, COMPOSE_CASES],
        ['dockerfile', 'file:///w/hover/Dockerfile', DOCKERFILE, DOCKERFILE_CASES],
      ] as const) {
        for (const { key, en, ja } of cases) {
          it(`${kind} ${key}: its meaning and its state here`, async () => {
            const value = await hoverText(client, uri, positionOf(text, key, kind));
            assert.match(value, language === 'en' ? /\*\*Setting: `/ : /\*\*設定: `/, value);
            assert.match(value, language === 'en' ? en : ja, value);
            if (language === 'ja') assert.match(value.split('\n')[2], /[\u3040-\u30ff]/, 'the meaning is Japanese');
          });
        }
      }

      it('adds the documentation of a finding at the same place after the setting', async () => {
        const { line } = positionOf(COMPOSE, 'restart', 'compose');
        const at = { line, character: COMPOSE.split('\n')[line].indexOf('always') + 1 };
        const value = await hoverText(client, 'file:///w/hover/compose.yaml', at);
        const setting = value.indexOf(language === 'en' ? 'Setting: `restart`' : '設定: `restart`');
        const rule = value.indexOf('compose-unbounded-restart');
        assert.ok(setting >= 0 && rule > setting, value);
      });
    });
  }

  it('shows nothing where no setting a rule reads is', async () => {
    const client = new TestClient();
    await client.initialize('en');
    await client.open('file:///w/hover2/compose.yaml', 'dockercompose', 'services:\n  web:\n    command: ["x"]\n');
    await client.diagnosticsFor('file:///w/hover2/compose.yaml', 1);
    assert.strictEqual(await hoverText(client, 'file:///w/hover2/compose.yaml', { line: 2, character: 6 }), '');
    await client.dispose();
  });
});
