/**
 * Compose's merge rules, as `docker compose config` applies them to a base
 * file and its override: each row is a base service, an override of it, and
 * the effective settings the rules then read.
 */
import * as assert from 'assert';
import type { Node } from 'yaml';
import { buildComposeModel, type ComposeModel } from '../../server/src/core/compose/model';
import { reader } from '../helpers/findings';

type Plain = string | null | Plain[] | { [key: string]: Plain };

/** A setting as plain data: mappings as objects, sequences as arrays, scalars as their interpolated text. */
function plain(model: ComposeModel, node: Node | null): Plain {
  const entries = model.entriesOf(node);
  if (entries.size > 0) return Object.fromEntries([...entries].map(([key, entry]) => [key, plain(model, entry.value)]));
  const items = model.itemsOf(node);
  if (items.length > 0) return items.map((item) => plain(model, item));
  return model.value(node, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }).text;
}

/** The effective settings of service `app` when /p/compose.yaml (base) and /p/compose.override.yaml are merged. */
function effective(base: string, override: string, extra: Record<string, string> = {}): Record<string, Plain> {
  const files = {
    '/p/compose.yaml': `services:\n  app:\n${base}`,
    '/p/compose.override.yaml': `services:\n  app:\n${override}`,
    ...extra,
  };
  const model = buildComposeModel(files['/p/compose.yaml'], { path: '/p/compose.yaml', files: reader(files) });
  const app = model.service('app');
  assert.ok(app, 'service app exists');
  return Object.fromEntries([...app.entries].map(([key, entry]) => [key, plain(model, entry.value)]));
}

const CASES: {
  name: string;
  base: string;
  override: string;
  expect: Record<string, Plain>;
  extra?: Record<string, string>;
}[] = [
  {
    name: 'a later scalar replaces an earlier one; new keys are added',
    base: '    image: a:1\n    privileged: true\n',
    override: '    privileged: false\n    user: "1000"\n',
    expect: { image: 'a:1', privileged: 'false', user: '1000' },
  },
  {
    name: 'sequences append',
    base: '    security_opt: [no-new-privileges:true]\n',
    override: '    security_opt: [seccomp:unconfined]\n',
    expect: { security_opt: ['no-new-privileges:true', 'seccomp:unconfined'] },
  },
  {
    name: 'capabilities are unique',
    base: '    cap_add: [NET_ADMIN, CHOWN]\n',
    override: '    cap_add: [CHOWN, SYS_TIME]\n',
    expect: { cap_add: ['NET_ADMIN', 'CHOWN', 'SYS_TIME'] },
  },
  {
    name: 'mappings merge deeply',
    base: '    deploy:\n      resources:\n        limits: {memory: 256M}\n',
    override: '    deploy:\n      resources:\n        limits: {cpus: "0.5"}\n',
    expect: { deploy: { resources: { limits: { memory: '256M', cpus: '0.5' } } } },
  },
  {
    name: 'volumes are unique by target, the later one in place of the earlier',
    base: '    volumes:\n      - data:/data\n      - ./logs:/logs\n',
    override: '    volumes:\n      - type: bind\n        source: /srv/data\n        target: /data\n',
    expect: { volumes: [{ type: 'bind', source: '/srv/data', target: '/data' }, './logs:/logs'] },
  },
  {
    name: 'ports are unique by address, published port, target and protocol',
    base: '    ports: ["8080:80", "127.0.0.1:9000:9000"]\n',
    override: '    ports: ["8080:80", "8443:443"]\n',
    expect: { ports: ['8080:80', '127.0.0.1:9000:9000', '8443:443'] },
  },
  {
    name: 'environment merges by name across the map and list forms',
    base: '    environment:\n      MODE: dev\n      KEEP: "1"\n',
    override: '    environment:\n      - MODE=prod\n      - EXTRA\n',
    expect: { environment: { MODE: 'prod', KEEP: '1', EXTRA: null } },
  },
  {
    name: 'environment lists merge by name',
    base: '    environment: [A=1, B=2]\n',
    override: '    environment: [B=3]\n',
    expect: { environment: ['A=1', 'B=3'] },
  },
  {
    name: 'build as a string is the context',
    base: '    build: ./app\n',
    override: '    build:\n      dockerfile: prod.Dockerfile\n',
    expect: { build: { context: './app', dockerfile: 'prod.Dockerfile' } },
  },
  {
    name: 'command and healthcheck.test are replaced, not appended',
    base: '    command: [a, b]\n    healthcheck:\n      test: [CMD, true]\n      interval: 5s\n',
    override: '    command: [c]\n    healthcheck:\n      test: [CMD, false]\n',
    expect: { command: ['c'], healthcheck: { test: ['CMD', 'false'], interval: '5s' } },
  },
  {
    name: '!reset removes a setting',
    base: '    ports: ["80:80"]\n    cap_drop: [ALL]\n',
    override: '    ports: !reset []\n',
    expect: { cap_drop: ['ALL'] },
  },
  {
    name: '!reset removes one variable',
    base: '    environment:\n      A: "1"\n      B: "2"\n',
    override: '    environment:\n      A: !reset null\n',
    expect: { environment: { B: '2' } },
  },
  {
    name: '!override replaces instead of merging',
    base: '    ports: ["80:80"]\n',
    override: '    ports: !override ["127.0.0.1:80:80"]\n',
    expect: { ports: ['127.0.0.1:80:80'] },
  },
  {
    name: 'x- extension keys are replaced',
    base: '    x-meta: {a: "1"}\n',
    override: '    x-meta: {b: "2"}\n',
    expect: { 'x-meta': { b: '2' } },
  },
  {
    name: 'values are interpolated from the .env of the project',
    base: '    mem_limit: ${MEM}\n',
    override: '    cpus: ${CPUS:-0.5}\n',
    extra: { '/p/.env': 'MEM=1g\n' },
    expect: { mem_limit: '1g', cpus: '0.5' },
  },
];

describe('Compose merge rules (base + override)', () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      assert.deepStrictEqual(effective(testCase.base, testCase.override, testCase.extra), testCase.expect);
    });
  }

  it('a single file: !reset removes the setting, unknown tags are plain values', () => {
    const files = { '/p/app.yaml': 'services:\n  app:\n    ports: !reset ["80:80"]\n    image: !custom nginx:1.27\n' };
    const model = buildComposeModel(files['/p/app.yaml'], { path: '/p/app.yaml', files: reader(files) });
    assert.deepStrictEqual([...model.services[0].entries.keys()], ['image']);
  });
});
