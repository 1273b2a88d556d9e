/**
 * Compose projects of several files, analysed as `docker compose` runs them:
 * override files, COMPOSE_FILE, `extends`, `include`, `.env` interpolation
 * and Dockerfiles built from other folders. A setting another file supplies
 * is never reported missing; a problem another file introduces is reported
 * where this file pulls it in, naming the other file and line, without a fix.
 *
 * Each expectation reads `rule line:col-line:col`, plus `from file:line`
 * when the cause is written in another file.
 */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';
import { reader, span } from '../helpers/findings';

/** A service that no rule reports, so each case shows only what it is about. */
const QUIET = [
  'image: nginx:1.27@sha256:' + '0'.repeat(64),
  'user: "101:101"',
  'read_only: true',
  'cap_drop: [ALL]',
  'security_opt: [no-new-privileges:true]',
  'mem_limit: 256m',
  'cpus: 0.5',
  'pids_limit: 100',
  'healthcheck: {test: [CMD, true]}',
];
const quiet = (indent: string, ...without: string[]): string =>
  QUIET.filter((line) => !without.some((w) => line.startsWith(w)))
    .map((line) => `${indent}${line}\n`)
    .join('');

function findings(files: Record<string, string>, path: string): Finding[] {
  return analyze(files[path], { path, files: reader(files) }).findings;
}

function described(list: Finding[]): string[] {
  return list.map((f) => {
    const from = /\(from (\S+):(\d+);/.exec(f.message);
    return `${f.ruleId} ${span(f)}${from ? ` from ${from[1]}:${from[2]}` : ''}`;
  });
}

function expectFindings(files: Record<string, string>, path: string, expected: string[]): Finding[] {
  const list = findings(files, path);
  assert.deepStrictEqual(described(list), expected);
  return list;
}

describe('Compose projects: override files', () => {
  const base = `services:\n  web:\n${quiet('    ', 'mem_limit', 'cap_drop')}`;

  it('a setting the override supplies is not reported missing in the base', () => {
    expectFindings(
      {
        '/p/compose.yaml': base,
        '/p/compose.override.yaml': 'services:\n  web:\n    mem_limit: 512m\n    cap_drop: [ALL]\n',
      },
      '/p/compose.yaml',
      [],
    );
  });

  it('a problem the override introduces is reported at the base service, naming the override, without a fix', () => {
    const files = {
      '/p/compose.yaml': base,
      '/p/compose.override.yaml': 'services:\n  web:\n    mem_limit: 512m\n    cap_drop: [ALL]\n    privileged: true\n',
    };
    const [privileged] = expectFindings(files, '/p/compose.yaml', [
      'compose-privileged 2:3-2:6 from compose.override.yaml:5',
    ]);
    assert.deepStrictEqual(privileged.fixes, []);
    assert.strictEqual(privileged.relatedFile, '/p/compose.override.yaml');
    assert.match(privileged.message, /Compose merges it into this service/);
  });

  it('the override reports what it writes, with fixes; the base reports its own settings and missing ones', () => {
    const files = {
      '/p/docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    cap_add: [SYS_ADMIN]\n',
      '/p/docker-compose.override.yml':
        'services:\n  web:\n    privileged: true\n  debug:\n' + quiet('    ', 'healthcheck'),
    };
    const list = expectFindings(files, '/p/docker-compose.override.yml', [
      'compose-privileged 3:17-3:21',
      'compose-missing-healthcheck 4:3-4:8',
    ]);
    assert.ok(list[0].fixes.length > 0, "the override's own setting can be fixed there");
  });

  it('an override that makes a setting safe silences it in the base', () => {
    const files = {
      '/p/compose.yaml': `services:\n  web:\n${quiet('    ')}    privileged: true\n`,
      '/p/compose.override.yaml': 'services:\n  web:\n    privileged: false\n',
    };
    expectFindings(files, '/p/compose.yaml', []);
  });

  it('COMPOSE_FILE in .env chooses the files, in order', () => {
    const files = {
      '/p/.env': 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\n',
      '/p/compose.yaml': base,
      '/p/compose.prod.yaml': 'services:\n  web:\n    mem_limit: 1g\n    cap_drop: [ALL]\n    network_mode: host\n',
      '/p/compose.override.yaml': 'services:\n  web:\n    privileged: true\n',
    };
    expectFindings(files, '/p/compose.yaml', ['compose-host-namespace 2:3-2:6 from compose.prod.yaml:5']);
  });

  it('a suppression written in the override also holds where its setting is pulled in', () => {
    const override =
      'services:\n  web:\n    mem_limit: 512m\n    cap_drop: [ALL]\n    # docker-harden-ignore compose-privileged -- hardware access\n    privileged: true\n';
    expectFindings({ '/p/compose.yaml': base, '/p/compose.override.yaml': override }, '/p/compose.yaml', []);
    expectFindings({ '/p/compose.yaml': base, '/p/compose.override.yaml': override }, '/p/compose.override.yaml', []);
  });
});

describe('Compose projects: extends', () => {
  it('a setting inherited in the same file is reported once, where it is written, naming every service', () => {
    const text = `services:\n  base:\n${quiet('    ')}    privileged: true\n  web:\n    extends: base\n`;
    const [finding] = expectFindings({ '/p/app.yaml': text }, '/p/app.yaml', ['compose-privileged 12:17-12:21']);
    assert.match(finding.message, /Also affects "web"/);
  });

  it('settings from another file count, and its problems are reported at extends, naming it', () => {
    const files = {
      '/p/compose.yaml': `services:\n  web:\n    extends:\n      file: ../shared/base.yaml\n      service: hardened\n    image: nginx:1.27\n`,
      '/shared/base.yaml': `services:\n  hardened:\n${quiet('    ', 'image')}    cap_add: [NET_ADMIN]\n`,
    };
    expectFindings(files, '/p/compose.yaml', [
      'compose-dangerous-capability 3:5-3:12 from ../shared/base.yaml:11',
      'compose-image-without-digest 6:12-6:22',
    ]);
  });

  it("an extended file's build context, and its env_file, resolve from its own folder", () => {
    const files = {
      '/p/compose.yaml': 'services:\n  api:\n    extends: {file: ../shared/api.yaml, service: api}\n',
      '/shared/api.yaml': `services:\n  api:\n${quiet('    ', 'image', 'user', 'healthcheck')}    build: ./api\n    env_file: api.env\n`,
      '/shared/api/Dockerfile': 'FROM python:3.12-slim\nHEALTHCHECK CMD true\nCMD ["python"]\n',
      '/shared/api.env': 'DB_PASSWORD=hunter2\n',
    };
    const list = expectFindings(files, '/p/compose.yaml', [
      'compose-root-user 3:5-3:12 from ../shared/api.yaml:9',
      'compose-secret-in-environment 3:5-3:12 from ../shared/api.yaml:10',
    ]);
    assert.match(list[0].message, /\/shared\/api\/Dockerfile/);
    assert.doesNotMatch(list[1].message, /hunter2/);
  });

  it('reports a cycle once (at the extends that closes it), a missing file and a missing service where the extends is written', () => {
    const text =
      'services:\n  a:\n    extends: b\n  b:\n    extends: a\n  c:\n    extends: {file: nowhere.yaml, service: x}\n  d:\n    extends: nothing\n';
    const broken = findings({ '/p/app.yaml': text }, '/p/app.yaml').filter((f) => f.ruleId === 'broken-reference');
    assert.deepStrictEqual(
      broken.map((f) => `${span(f)} ${f.concern}`),
      ['5:5-5:12 null', '7:5-7:12 null', '9:5-9:12 null'],
    );
    assert.match(broken[0].message, /service "b" extends itself through "b" -> "a" -> "b"/);
    assert.match(broken[1].message, /cannot read nowhere\.yaml/);
    assert.match(broken[2].message, /no service "nothing"/);
  });
});

describe('Compose projects: include', () => {
  const included = `services:\n  db:\n${quiet('    ', 'image', 'mem_limit')}    image: postgres:16.4@sha256:${'1'.repeat(64)}\n  cache:\n${quiet('    ', 'mem_limit')}    privileged: true\n`;

  it("an included project's problems are reported at the include, one per rule, naming the services", () => {
    const files = {
      '/p/compose.yaml': 'include:\n  - db/compose.yaml\nservices: {}\n',
      '/p/db/compose.yaml': included,
    };
    const list = expectFindings(files, '/p/compose.yaml', [
      'compose-no-memory-limit 2:5-2:20 from db/compose.yaml:2',
      'compose-privileged 2:5-2:20 from db/compose.yaml:20',
    ]);
    assert.match(list[0].message, /Service "db".*Also affects "cache"/);
  });

  it("an included project interpolates from its own .env, and this project's values win", () => {
    const files = {
      '/p/compose.yaml': 'include:\n  - path: ../infra/compose.yaml\n    env_file: ../infra/prod.env\nservices: {}\n',
      '/p/.env': 'NET=bridge\n',
      '/infra/compose.yaml': `services:\n  proxy:\n${quiet('    ')}    network_mode: \${NET}\n    pid: \${PID}\n`,
      '/infra/prod.env': 'NET=host\nPID=host\n',
    };
    expectFindings(files, '/p/compose.yaml', ['compose-host-namespace 2:11-2:32 from ../infra/compose.yaml:13']);
  });

  it('a service joining the network of an included host-network service shares the host network', () => {
    const files = {
      '/p/compose.yaml': `include:\n  - vpn.yaml\nservices:\n  app:\n${quiet('    ')}    network_mode: service:vpn\n`,
      '/p/vpn.yaml': `services:\n  vpn:\n${quiet('    ')}    network_mode: host\n`,
    };
    const list = expectFindings(files, '/p/compose.yaml', [
      'compose-host-namespace 2:5-2:13 from vpn.yaml:12',
      'compose-host-namespace 14:19-14:30',
    ]);
    assert.match(list[1].message, /namespace of service "vpn"/);
  });

  it('reports a name conflict and an include cycle at the include', () => {
    const files = {
      '/p/compose.yaml': `include:\n  - other.yaml\n  - compose.yaml\nservices:\n  db:\n${quiet('    ')}`,
      '/p/other.yaml': `services:\n  db:\n${quiet('    ')}`,
    };
    const broken = findings(files, '/p/compose.yaml').filter((f) => f.ruleId === 'broken-reference');
    assert.deepStrictEqual(broken.map(span), ['2:5-2:15', '3:5-3:17']);
    assert.match(broken[0].message, /also defined/);
    assert.match(broken[1].message, /includes itself/);
  });
});

describe('Compose projects: limits', () => {
  it('an alias bomb in an override file stops at the limit with a clear message', () => {
    const levels = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(',')}]`,
      );
    const files = {
      '/p/compose.yaml': `services:\n  web:\n${quiet('    ')}`,
      '/p/compose.override.yaml': `x-bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\nservices:\n  web:\n    cap_add: *a8\n`,
    };
    const started = Date.now();
    const list = findings(files, '/p/compose.yaml');
    assert.ok(Date.now() - started < 5000, 'finishes quickly');
    assert.ok(
      list.some((f) => f.ruleId === 'syntax-error' && /alias bomb|more than/.test(f.message)),
      list.map((f) => f.message).join('\n'),
    );
  });

  it('an override file over the size limit is left out, and says so', () => {
    const files = {
      '/p/compose.yaml': `services:\n  web:\n${quiet('    ', 'mem_limit')}`,
      '/p/compose.override.yaml': `services:\n  web:\n    mem_limit: 1g\n${'#'.repeat(6 * 1024 * 1024)}\n`,
    };
    const list = findings(files, '/p/compose.yaml');
    assert.deepStrictEqual(
      list.map((f) => `${f.ruleId} ${span(f)}`),
      ['broken-reference 1:1-1:1', 'compose-no-memory-limit 2:3-2:6'],
    );
    assert.match(list[0].message, /compose\.override\.yaml is 6\.0 MiB, larger than the 5 MiB/);
  });
});

describe('Compose projects: interpolation', () => {
  const CASES: [string, string, boolean][] = [
    ['${MODE}', 'MODE=host', true],
    ['${MODE}', '', false], // unset: unknown, neither safe nor unsafe
    ['${MODE:-host}', '', true],
    ['${MODE:-host}', 'MODE=bridge', false],
    ['${MODE-host}', 'MODE=', false], // set but empty: `-` keeps the empty value
    ['${MODE:-host}', 'MODE=', true], // `:-` treats empty as unset
    ['${MODE:?set MODE}', '', false],
    ['$${MODE}', 'MODE=host', false], // `$$` is a literal dollar
    ['"${NET}ost"', 'NET=h', true],
  ];
  for (const [written, env, reported] of CASES) {
    it(`network_mode: ${written} with .env "${env}" is ${reported ? '' : 'not '}host`, () => {
      const files = {
        '/p/compose.yaml': `services:\n  app:\n${quiet('    ')}    network_mode: ${written}\n`,
        '/p/.env': env,
      };
      assert.strictEqual(
        findings(files, '/p/compose.yaml').some((f) => f.ruleId === 'compose-host-namespace'),
        reported,
      );
    });
  }
});
