/**
 * Specification of every Compose rule, in short and long syntax where both
 * exist: valid snippets stay quiet, invalid ones report exact ranges, and
 * preferred fixes produce the expected YAML (which must parse and lose the
 * finding).
 */
import * as assert from 'assert';
import { parseDocument } from 'yaml';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { COMPOSE_RULES } from '../../server/src/core/rules';
import type { FileReader } from '../../server/src/core/types';
import { span, spansOf } from '../helpers/findings';

interface Invalid {
  code: string;
  spans: string[];
  fixed?: string;
  message?: string;
}

/** A fully hardened service; each case changes one thing about it. */
const HARDENED = [
  '    image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000',
  '    user: "101:101"',
  '    read_only: true',
  '    cap_drop: [ALL]',
  '    security_opt: [no-new-privileges:true]',
  '    mem_limit: 256m',
  '    cpus: 0.5',
  '    pids_limit: 100',
  '    healthcheck:',
  '      test: ["CMD", "wget", "-qO-", "http://127.0.0.1/"]',
];
/** `services:\n  app:` + the hardened settings + extra lines (the case under test). */
const service = (...extra: string[]): string => ['services:', '  app:', ...HARDENED, ...extra].join('\n') + '\n';
const L = HARDENED.length + 3; // 1-based line number of the first extra line

const analyzeCompose = (text: string, files?: FileReader) =>
  analyze(text, { kind: 'compose', path: '/project/compose.yaml', files }).findings;

const SPECS: Record<string, { valid: string[]; invalid: Invalid[] }> = {
  'compose-privileged': {
    valid: [service(), service('    privileged: false'), service('    privileged: ${PRIV}')],
    invalid: [
      { code: service('    privileged: true'), spans: [`${L}:17-${L}:21`], fixed: service('    privileged: false') },
      {
        code: 'x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n',
        spans: ['2:15-2:19'],
        message: 'set by anchor &base, used by "a", "b"',
      },
    ],
  },
  'compose-dangerous-capability': {
    valid: [service('    cap_add: [NET_BIND_SERVICE, CHOWN]')],
    invalid: [
      {
        code: service('    cap_add:', '      - SYS_ADMIN', '      - NET_BIND_SERVICE'),
        spans: [`${L + 1}:9-${L + 1}:18`],
        fixed: service('    cap_add:', '      - NET_BIND_SERVICE'),
      },
      { code: service('    cap_add: [cap_net_admin, all]'), spans: [`${L}:15-${L}:28`, `${L}:30-${L}:33`] },
    ],
  },
  'compose-capabilities-not-dropped': {
    valid: [service(), service('    privileged: true').replace('    cap_drop: [ALL]\n', '')],
    invalid: [
      {
        code: 'services:\n  app:\n    image: alpine:3.20\n',
        spans: ['2:3-2:6'],
        fixed: 'services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - ALL\n',
      },
      { code: service().replace('cap_drop: [ALL]', 'cap_drop: [NET_RAW]'), spans: ['6:5-6:13'] },
    ],
  },
  'compose-seccomp-unconfined': {
    valid: [service('    security_opt:', '      - seccomp:./profile.json')],
    invalid: [
      {
        code: 'services:\n  app:\n    security_opt:\n      - seccomp:unconfined\n      - no-new-privileges:true\n',
        spans: ['4:9-4:27'],
        fixed: 'services:\n  app:\n    security_opt:\n      - no-new-privileges:true\n',
      },
      { code: 'services:\n  app:\n    security_opt: ["seccomp=unconfined"]\n', spans: ['3:20-3:40'] },
    ],
  },
  'compose-mac-unconfined': {
    valid: [service('    security_opt:', '      - apparmor:docker-default', '      - label:level:s0:c100,c200')],
    invalid: [
      {
        code: 'services:\n  app:\n    security_opt:\n      - apparmor=unconfined\n      - label:disable\n',
        spans: ['4:9-4:28', '5:9-5:22'],
      },
    ],
  },
  'compose-no-new-privileges': {
    valid: [
      service(),
      'services:\n  app:\n    security_opt: ["no-new-privileges"]\n',
      'services:\n  app:\n    security_opt: ["no-new-privileges=true"]\n',
    ],
    invalid: [
      {
        code: 'services:\n  app:\n    image: nginx:1.27\n',
        spans: ['2:3-2:6'],
        fixed: 'services:\n  app:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n',
      },
      {
        code: 'services:\n  app:\n    security_opt:\n      - no-new-privileges:false\n',
        spans: ['4:9-4:32'],
        fixed: 'services:\n  app:\n    security_opt:\n      - no-new-privileges:true\n',
      },
      {
        code: 'services:\n  app:\n    image: alpine:3.20\n    security_opt: [apparmor:docker-default]\n',
        spans: ['4:5-4:17'],
      },
    ],
  },
  'compose-writable-root-filesystem': {
    valid: [service()],
    invalid: [
      {
        code: service().replace('read_only: true', 'read_only: false'),
        spans: ['5:16-5:21'],
        fixed: service('    tmpfs:', '      - /tmp', '      - /var/cache/nginx', '      - /var/run'),
      },
    ],
  },
  'compose-no-memory-limit': {
    valid: [service(), 'services:\n  app:\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n'],
    invalid: [
      {
        code: 'services:\n  app:\n    image: nginx:1.27\n',
        spans: ['2:3-2:6'],
        fixed:
          'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n',
      },
      {
        code: 'services:\n  app:\n    mem_limit: 0\n',
        spans: ['3:16-3:17'],
        fixed: 'services:\n  app:\n    mem_limit: 512m\n',
        message: 'sets mem_limit: 0, which means no limit',
      },
      {
        code: 'services:\n  app:\n    deploy:\n      resources:\n        limits:\n          memory: "0"\n',
        spans: ['6:19-6:22'],
        fixed: 'services:\n  app:\n    deploy:\n      resources:\n        limits:\n          memory: "512M"\n',
      },
    ],
  },
  'compose-no-cpu-limit': {
    valid: [
      service(),
      'services:\n  app:\n    deploy:\n      resources:\n        limits: {cpus: "0.5"}\n',
      'services:\n  app:\n    cpu_quota: 50000\n',
    ],
    invalid: [
      {
        code: 'services:\n  app:\n    image: nginx:1.27\n',
        spans: ['2:3-2:6'],
        fixed:
          'services:\n  app:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: 1\n',
      },
      { code: 'services:\n  app:\n    cpus: 0\n', spans: ['3:11-3:12'], fixed: 'services:\n  app:\n    cpus: 1\n' },
    ],
  },
  'compose-no-pids-limit': {
    valid: [service(), 'services:\n  app:\n    deploy:\n      resources:\n        limits:\n          pids: 100\n'],
    invalid: [
      {
        code: 'services:\n  app:\n    pids_limit: -1\n',
        spans: ['3:17-3:19'],
        fixed: 'services:\n  app:\n    pids_limit: 200\n',
      },
      {
        code: 'services:\n  app:\n    deploy: {resources: {limits: {pids: 0}}}\n',
        spans: ['3:41-3:42'],
        fixed: 'services:\n  app:\n    deploy: {resources: {limits: {pids: 200}}}\n',
      },
    ],
  },
  'compose-host-namespace': {
    valid: [service('    network_mode: bridge', '    pid: "service:db"'), service('    network_mode: ${MODE}')],
    invalid: [
      {
        code: service(
          '    network_mode: host',
          '    pid: host',
          '    ipc: host',
          '    uts: host',
          '    userns_mode: host',
          '    cgroup: host',
        ),
        spans: [
          `${L}:19-${L}:23`,
          `${L + 1}:10-${L + 1}:14`,
          `${L + 2}:10-${L + 2}:14`,
          `${L + 3}:10-${L + 3}:14`,
          `${L + 4}:18-${L + 4}:22`,
          `${L + 5}:13-${L + 5}:17`,
        ],
      },
      {
        code: 'services:\n  app:\n    network_mode: "service:vpn"\n  vpn:\n    network_mode: host\n',
        spans: ['3:19-3:32', '5:19-5:23'],
        message: 'joins the network namespace of service "vpn"',
      },
      {
        code: 'services:\n  a:\n    pid: service:b\n  b:\n    pid: service:c\n  c:\n    pid: host\n',
        spans: ['3:10-3:19', '5:10-5:19', '7:10-7:14'],
        message: 'through "c" uses the host\'s',
      },
    ],
  },
  'compose-docker-socket': {
    valid: [service('    volumes:', '      - ./docker.sock.md:/docs/x.md')],
    invalid: [
      {
        code: service('    volumes:', '      - "/var/run/docker.sock:/var/run/docker.sock:ro"'),
        spans: [`${L + 1}:10-${L + 1}:30`],
        message: 'read-only does not help',
      },
      {
        code: service(
          '    volumes:',
          '      - type: bind',
          '        source: /run/docker.sock',
          '        target: /var/run/docker.sock',
        ),
        spans: [`${L + 2}:17-${L + 2}:33`],
      },
      {
        code:
          service('    volumes:', '      - dsock:/var/run/docker.sock') +
          'volumes:\n  dsock:\n    driver_opts:\n      o: bind\n      device: /var/run/docker.sock\n',
        spans: [`${L + 6}:15-${L + 6}:35`],
        message: 'through volume "dsock"',
      },
    ],
  },
  'compose-sensitive-host-path': {
    valid: [
      service('    volumes:', '      - ./etc:/etc/app:ro', '      - /var/lib/app', '      - etc:/data'),
      service(
        '    volumes:',
        '      - /etc/localtime:/etc/localtime:ro',
        '      - /usr/share/zoneinfo:/usr/share/zoneinfo:ro',
        '      - /home/me/project/data:/data',
        '      - /var/data:/data',
      ),
      service('    volumes:', '      - data:/data') +
        'volumes:\n  data:\n    driver_opts:\n      o: bind\n      device: /srv/app-data\n',
    ],
    invalid: [
      {
        code: service('    volumes:', '      - ~/.ssh:/root/.ssh:ro', '      - /etc/localtime:/etc/localtime'),
        spans: [`${L + 1}:9-${L + 1}:15`, `${L + 2}:9-${L + 2}:23`],
        message: 'where credentials are kept',
      },
      {
        code:
          service('    volumes:', '      - hostetc:/host/etc:ro') +
          'volumes:\n  hostetc:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /etc\n',
        spans: [`${L + 8}:15-${L + 8}:19`],
        message: 'through volume "hostetc" (read-only)',
      },
      {
        code: service('    volumes:', '      - /:/host:ro', '      - /etc/ssl:/etc/ssl'),
        spans: [`${L + 1}:9-${L + 1}:10`, `${L + 2}:9-${L + 2}:17`],
      },
      {
        code: service('    volumes:', '      - type: bind', '        source: /proc', '        target: /host/proc'),
        spans: [`${L + 2}:17-${L + 2}:22`],
      },
    ],
  },
  'compose-shared-mount-propagation': {
    valid: [service('    volumes:', '      - ./data:/data:rslave')],
    invalid: [
      { code: service('    volumes:', '      - ./data:/data:rshared'), spans: [`${L + 1}:9-${L + 1}:29`] },
      {
        code: service(
          '    volumes:',
          '      - type: bind',
          '        source: ./data',
          '        target: /data',
          '        bind:',
          '          propagation: shared',
        ),
        spans: [`${L + 5}:24-${L + 5}:30`],
      },
    ],
  },
  'compose-host-devices': {
    valid: [service(), service('    device_cgroup_rules: ["c 1:3 mr"]')],
    invalid: [
      {
        code: service('    devices: ["/dev/sda:/dev/xvda:r"]', '    device_cgroup_rules: ["a *:* rwm"]'),
        spans: [`${L}:15-${L}:37`, `${L + 1}:27-${L + 1}:38`],
      },
      {
        code: service(
          '    devices:',
          '      - source: /dev/sda',
          '        target: /dev/xvda',
          '        permissions: r',
        ),
        spans: [`${L + 1}:17-${L + 1}:25`],
        message: 'host device /dev/sda',
      },
    ],
  },
  'compose-secret-in-environment': {
    valid: [
      service(
        '    environment:',
        '      DB_PASSWORD: ${DB_PASSWORD}',
        '      DB_PASSWORD_FILE: /run/secrets/db',
        '      TOKEN_URL: https://auth/token',
      ),
      service('    environment:', '      - API_KEY=${API_KEY:?set it}', '      - SECRET'),
    ],
    invalid: [
      { code: service('    environment:', '      DB_PASSWORD: hunter2'), spans: [`${L + 1}:7-${L + 1}:18`] },
      { code: service('    environment:', '      - "API_TOKEN=abc123def"'), spans: [`${L + 1}:9-${L + 1}:30`] },
      {
        code: service('    environment:', '      WEBHOOK: https://hooks.slack.com/services/T000/B000/XXXXXXXX'),
        spans: [`${L + 1}:16-${L + 1}:67`],
        message: 'Slack webhook',
      },
    ],
  },
  'compose-root-user': {
    valid: [
      service(),
      'services:\n  app:\n    image: mycorp/app:1\n',
      'services:\n  app:\n    image: gcr.io/distroless/static-debian12:nonroot\n',
    ],
    invalid: [
      {
        code: 'services:\n  app:\n    image: node:20\n',
        spans: ['2:3-2:6'],
        fixed: 'services:\n  app:\n    image: node:20\n    user: node\n',
        message: 'unprivileged user "node"',
      },
      { code: service().replace('user: "101:101"', 'user: "0:0"'), spans: ['4:11-4:16'] },
    ],
  },
  'compose-unpinned-image': {
    valid: [
      service(),
      'services:\n  app:\n    image: nginx\n    build: .\n',
      'services:\n  app:\n    image: ${IMAGE}\n',
    ],
    invalid: [
      { code: 'services:\n  app:\n    image: nginx\n', spans: ['3:12-3:17'], message: 'no tag' },
      {
        code: 'services:\n  app:\n    image: "registry.local:5000/team/app:edge"\n',
        spans: ['3:12-3:47'],
        message: ':edge is a tag that moves',
      },
    ],
  },
  'compose-image-without-digest': {
    valid: [service()],
    invalid: [{ code: 'services:\n  app:\n    image: nginx:1.27\n', spans: ['3:12-3:22'] }],
  },
  'compose-port-all-interfaces': {
    valid: [
      service(
        '    ports:',
        '      - "127.0.0.1:8080:80"',
        '      - "[::1]:8443:443"',
        '      - target: 80',
        '        host_ip: 127.0.0.1',
        '        published: 8081',
      ),
      service('    ports:', '      - target: 80', '        published: 127.0.0.1:8082'),
    ],
    invalid: [
      {
        code: service('    ports:', '      - "8080:80"'),
        spans: [`${L + 1}:9-${L + 1}:18`],
        fixed: service('    ports:', '      - "127.0.0.1:8080:80"'),
      },
      {
        code: service('    ports:', '      - 80'),
        spans: [`${L + 1}:9-${L + 1}:11`],
        fixed: service('    ports:', '      - 127.0.0.1::80'),
      },
      {
        code: service('    ports:', '      - 0.0.0.0:53:53/udp', '      - target: 80', '        published: 8080'),
        spans: [`${L + 1}:9-${L + 1}:26`, `${L + 2}:9-${L + 3}:24`],
      },
    ],
  },
  'compose-sensitive-port': {
    valid: [service('    ports: ["127.0.0.1:8022:8080"]')],
    invalid: [
      {
        code: service('    ports: ["127.0.0.1:2222:22"]', '    expose: ["2375"]'),
        spans: [`${L}:13-${L}:32`, `${L + 1}:14-${L + 1}:20`],
      },
      {
        code: service('    ports:', '      - target: 3389', '        host_ip: 127.0.0.1', '        published: "13389"'),
        spans: [`${L + 1}:9-${L + 3}:27`],
        message: '3389',
      },
    ],
  },
  'compose-unencrypted-overlay': {
    valid: [
      service() + 'networks:\n  mesh:\n    driver: overlay\n    driver_opts:\n      encrypted: ""\n',
      service() + 'networks:\n  lan:\n    driver: bridge\n',
    ],
    invalid: [{ code: service() + 'networks:\n  mesh:\n    driver: overlay\n', spans: [`${L + 2}:13-${L + 2}:20`] }],
  },
  'compose-missing-healthcheck': {
    valid: [service()],
    invalid: [
      { code: 'services:\n  app:\n    image: nginx:1.27\n', spans: ['2:3-2:6'] },
      { code: 'services:\n  app:\n    healthcheck:\n      test: ["NONE"]\n', spans: ['4:7-4:11'] },
      { code: 'services:\n  app:\n    healthcheck:\n      disable: true\n', spans: ['4:7-4:14'] },
    ],
  },
  'compose-oom-kill-disabled': {
    valid: [service('    oom_kill_disable: false')],
    invalid: [
      {
        code: service('    oom_kill_disable: true'),
        spans: [`${L}:23-${L}:27`],
        fixed: service('    oom_kill_disable: false'),
      },
    ],
  },
  'compose-unbounded-restart': {
    valid: [
      service('    restart: on-failure:5'),
      service('    deploy:', '      restart_policy:', '        condition: on-failure', '        max_attempts: 3'),
    ],
    invalid: [
      { code: service('    restart: always'), spans: [`${L}:14-${L}:20`], fixed: service('    restart: on-failure:5') },
      {
        code: service('    restart: on-failure'),
        spans: [`${L}:14-${L}:24`],
        fixed: service('    restart: on-failure:5'),
        message: 'no retry count',
      },
      {
        code: service('    deploy:', '      restart_policy:', '        condition: any'),
        spans: [`${L + 1}:7-${L + 1}:21`],
      },
    ],
  },
  'compose-unsafe-sysctl': {
    valid: [
      service(
        '    sysctls:',
        '      net.core.somaxconn: 1024',
        '      kernel.shmmax: 68719476736',
        '      fs.mqueue.msg_max: 100',
      ),
    ],
    invalid: [
      { code: service('    sysctls:', '      - kernel.randomize_va_space=0'), spans: [`${L + 1}:9-${L + 1}:36`] },
      {
        code: service('    network_mode: host', '    sysctls:', '      net.ipv4.ip_forward: 1'),
        spans: [`${L + 2}:7-${L + 2}:26`],
      },
    ],
  },
};

describe('Compose rules', () => {
  it('every rule has a specification here', () => {
    assert.deepStrictEqual(Object.keys(SPECS).sort(), COMPOSE_RULES.map((r) => r.meta.id).sort());
  });

  it('the fully hardened service is clean', () => {
    assert.deepStrictEqual(
      analyzeCompose(service()).map((f) => `${f.ruleId} ${span(f)}`),
      [],
    );
  });

  for (const rule of COMPOSE_RULES) {
    const spec = SPECS[rule.meta.id];
    describe(rule.meta.id, () => {
      it('reports its documented bad example and not its good one', () => {
        assert.ok(spansOf(analyzeCompose(rule.meta.examples.bad), rule.meta.id).length > 0, 'bad example is reported');
        assert.deepStrictEqual(
          spansOf(analyzeCompose(rule.meta.examples.good), rule.meta.id),
          [],
          'good example is clean',
        );
      });
      spec?.valid.forEach((code) => {
        it(`accepts ${JSON.stringify(code.slice(code.indexOf('\n', 200) + 1) || code)}`, () => {
          assert.deepStrictEqual(spansOf(analyzeCompose(code), rule.meta.id), []);
        });
      });
      spec?.invalid.forEach((testCase) => {
        it(`reports ${JSON.stringify(testCase.code.length > 300 ? testCase.code.slice(testCase.code.lastIndexOf('pids_limit')) : testCase.code)}`, () => {
          const findings = analyzeCompose(testCase.code).filter((f) => f.ruleId === rule.meta.id);
          assert.deepStrictEqual(spansOf(findings, rule.meta.id), testCase.spans);
          if (testCase.message) assert.ok(findings[0].message.includes(testCase.message), findings[0].message);
          if (testCase.fixed !== undefined) {
            const fix = findings[0].fixes.find((f) => f.preferred) ?? findings[0].fixes[0];
            assert.ok(fix, 'a fix is offered');
            const fixed = applyEdits(testCase.code, fix.edits);
            assert.strictEqual(fixed, testCase.fixed);
            assert.deepStrictEqual(parseDocument(fixed).errors, [], 'the fixed YAML parses');
            assert.ok(
              spansOf(analyzeCompose(fixed), rule.meta.id).length < findings.length,
              'the fix removes the finding',
            );
          }
        });
      });
    });
  }
});

describe('Compose model', () => {
  const files = (map: Record<string, string>): FileReader => ({ read: (path) => map[path] });

  it('interpolates from the .env beside the file; unresolved variables are unknown, not unsafe', () => {
    const text = 'services:\n  app:\n    privileged: ${PRIV}\n    network_mode: ${MODE:-bridge}\n';
    const reader = files({ '/project/.env': 'PRIV=true\n# comment\nMODE="host"\n' });
    assert.deepStrictEqual(
      analyzeCompose(text, reader)
        .filter((f) => ['compose-privileged', 'compose-host-namespace'].includes(f.ruleId))
        .map(span),
      ['3:17-3:24', '4:19-4:34'],
    );
    assert.deepStrictEqual(
      analyzeCompose(text).filter((f) => ['compose-privileged', 'compose-host-namespace'].includes(f.ruleId)),
      [],
    );
  });

  it('takes the user and healthcheck of a built service from its Dockerfile, naming the file', () => {
    const text = 'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: prod.Dockerfile\n';
    const rootImage = files({ '/project/api/prod.Dockerfile': 'FROM python:3.12-slim\nCMD ["python"]\n' });
    const root = analyzeCompose(text, rootImage).find((f) => f.ruleId === 'compose-root-user');
    assert.ok(root);
    assert.strictEqual(span(root), '3:5-3:10');
    assert.strictEqual(root.relatedFile, '/project/api/prod.Dockerfile');
    const hardened = files({
      '/project/api/prod.Dockerfile': 'FROM python:3.12-slim\nUSER 1000\nHEALTHCHECK CMD true\n',
    });
    assert.deepStrictEqual(
      analyzeCompose(text, hardened).filter((f) =>
        ['compose-root-user', 'compose-missing-healthcheck'].includes(f.ruleId),
      ),
      [],
    );
  });

  it('reads dockerfile_inline', () => {
    const text =
      'services:\n  app:\n    build:\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER root\n';
    assert.ok(analyzeCompose(text, files({})).some((f) => f.ruleId === 'compose-root-user'));
  });

  it('reports a YAML syntax error and still analyses what parsed', () => {
    const findings = analyzeCompose('services:\n  app:\n    privileged: true\n    ports: [\n');
    assert.ok(findings.some((f) => f.ruleId === 'syntax-error' && f.concern === null));
    assert.ok(findings.some((f) => f.ruleId === 'compose-privileged'));
  });

  it('reads a sequence alias bomb lazily, without expanding it', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const started = Date.now();
    const findings = analyzeCompose(`${levels.join('\n')}\nservices:\n  app:\n    cap_add: *i\n    privileged: true\n`);
    assert.ok(Date.now() - started < 2000, 'finishes quickly');
    assert.ok(findings.some((f) => f.ruleId === 'compose-privileged'));
  });

  it('stops a merge-key alias bomb with a clear message instead of hanging', () => {
    const levels = ['m0: &m0 {privileged: true}'];
    for (let i = 1; i < 12; i++)
      levels.push(
        `m${i}: &m${i} {<<: [${Array(8)
          .fill(`*m${i - 1}`)
          .join(', ')}]}`,
      );
    const started = Date.now();
    const findings = analyzeCompose(`${levels.join('\n')}\nservices:\n  app:\n    <<: *m11\n`);
    assert.ok(Date.now() - started < 5000, 'finishes quickly');
    assert.ok(
      findings.some((f) => f.ruleId === 'syntax-error' && /alias bomb/.test(f.message)),
      'the limit is reported',
    );
  });

  it('understands unknown tags (!reset, !override, !custom) without crashing', () => {
    const findings = analyzeCompose(
      'services:\n  app:\n    privileged: !override true\n    ports: !reset []\n    image: !custom nginx:1.27\n',
    );
    assert.ok(findings.some((f) => f.ruleId === 'compose-privileged'));
  });

  it('honours suppression comments on their own line and after a value', () => {
    const text =
      'services:\n  app:\n    # docker-harden-ignore compose-privileged -- needs raw devices\n    privileged: true\n    network_mode: host # docker-harden-ignore cs.ns.host\n';
    const ids = analyzeCompose(text).map((f) => f.ruleId);
    assert.ok(
      !ids.includes('compose-privileged') &&
        !ids.includes('compose-host-namespace') &&
        !ids.includes('unused-suppression'),
    );
  });
});
