/**
 * Reused findings while editing: after each edit, the editor's cached
 * analysis (which reuses the findings of unchanged services) must equal a
 * fresh one. Each case edits what an unchanged service depends on outside
 * its own text, or moves it.
 */
import * as assert from 'assert';
import { analyze, AnalysisCache, ComposeParseCache, DockerfileParseCache } from '../../server/src/core/analyze';
import { reader } from '../helpers/findings';

interface Case {
  name: string;
  before: Record<string, string>;
  after: Record<string, string>;
  /** A rule the edit must make appear or disappear in the unchanged service, so the case cannot pass vacuously. */
  changes: string;
}

const PATH = '/p/compose.yaml';
const hardened =
  '    image: alpine:3.20@sha256:' +
  'a'.repeat(64) +
  '\n    user: "1000"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    mem_limit: 64m\n    cpus: 0.5\n    pids_limit: 50\n    healthcheck: {test: [CMD, "true"]}\n';
/** Services, plus one that never changes: files are cut into segments from two services on. */
const compose = (...services: string[]): string => `services:\n${services.join('')}  other:\n${hardened}`;
/** The editor's cache, segmenting files of any length (it does from 2,000 characters) so small cases exercise reuse. */
const editorCache = (): AnalysisCache => new AnalysisCache(new DockerfileParseCache(), new ComposeParseCache(0));

const CASES: Case[] = [
  {
    name: 'the service whose network namespace it joins turns to host networking',
    before: {
      [PATH]: compose(
        `  app:\n${hardened}    network_mode: service:vpn\n`,
        `  vpn:\n${hardened}    network_mode: bridge\n`,
      ),
    },
    after: {
      [PATH]: compose(
        `  app:\n${hardened}    network_mode: service:vpn\n`,
        `  vpn:\n${hardened}    network_mode: host\n`,
      ),
    },
    changes: 'compose-host-namespace',
  },
  {
    name: 'the anchor it merges changes',
    before: { [PATH]: `x-common: &common\n  privileged: false\n${compose(`  app:\n${hardened}    <<: *common\n`)}` },
    after: { [PATH]: `x-common: &common\n  privileged: true\n${compose(`  app:\n${hardened}    <<: *common\n`)}` },
    changes: 'compose-privileged',
  },
  {
    name: 'the service it extends changes',
    before: { [PATH]: compose(`  base:\n${hardened}`, `  app:\n    extends: base\n`) },
    after: { [PATH]: compose(`  base:\n${hardened}    cap_add: [SYS_ADMIN]\n`, `  app:\n    extends: base\n`) },
    changes: 'compose-dangerous-capability',
  },
  {
    name: 'the named volume it mounts starts binding /etc',
    before: {
      [PATH]: `${compose(`  app:\n${hardened}    volumes: [data:/data]\n`)}volumes:\n  data:\n    driver_opts: {o: bind, device: /srv/data}\n`,
    },
    after: {
      [PATH]: `${compose(`  app:\n${hardened}    volumes: [data:/data]\n`)}volumes:\n  data:\n    driver_opts: {o: bind, device: /etc}\n`,
    },
    changes: 'compose-sensitive-host-path',
  },
  {
    name: 'the .env it interpolates from changes',
    before: { [PATH]: compose(`  app:\n${hardened}    network_mode: \${MODE}\n`), '/p/.env': 'MODE=bridge\n' },
    after: { [PATH]: compose(`  app:\n${hardened}    network_mode: \${MODE}\n`), '/p/.env': 'MODE=host\n' },
    changes: 'compose-host-namespace',
  },
  {
    name: 'the Dockerfile it builds drops its USER',
    before: {
      [PATH]: compose(`  app:\n${hardened.replace('    user: "1000"\n', '')}    build: .\n`),
      '/p/Dockerfile': 'FROM node:20\nUSER node\n',
    },
    after: {
      [PATH]: compose(`  app:\n${hardened.replace('    user: "1000"\n', '')}    build: .\n`),
      '/p/Dockerfile': 'FROM node:20\n',
    },
    changes: 'compose-root-user',
  },
  {
    name: 'an override file appears beside it',
    before: { [PATH]: compose(`  app:\n${hardened}`) },
    after: {
      [PATH]: compose(`  app:\n${hardened}`),
      '/p/compose.override.yaml': 'services:\n  app:\n    privileged: true\n',
    },
    changes: 'compose-privileged',
  },
];

const describeFindings = (files: Record<string, string>, cache?: AnalysisCache): string[] =>
  analyze(files[PATH], { path: PATH, files: reader(files), cache }).findings.map(
    (f) => `${f.ruleId} ${JSON.stringify(f.range)} ${f.message} ${JSON.stringify(f.fixes)}`,
  );

describe('Compose findings reused while editing', () => {
  for (const testCase of CASES) {
    it(`are checked again when ${testCase.name}`, () => {
      const cache = editorCache();
      describeFindings(testCase.before, cache);
      const cached = describeFindings(testCase.after, cache);
      assert.deepStrictEqual(cached, describeFindings(testCase.after));
      const had = describeFindings(testCase.before).some((f) => f.startsWith(testCase.changes));
      assert.notStrictEqual(
        cached.some((f) => f.startsWith(testCase.changes)),
        had,
        `the edit changes ${testCase.changes}`,
      );
    });
  }

  it('are checked again when a top-level secrets section appears, which their secret fix then adds to', () => {
    const app = `  app:\n${hardened}    environment:\n      DB_PASSWORD: hunter2hunter2\n`;
    const before = { [PATH]: compose(app) };
    const after = { [PATH]: `${compose(app)}secrets:\n  api_key:\n    file: ./api_key.txt\n` };
    const cache = editorCache();
    const first = describeFindings(before, cache);
    const cached = describeFindings(after, cache);
    assert.deepStrictEqual(cached, describeFindings(after));
    const secretFix = (list: string[]): string | undefined =>
      list.find((f) => f.startsWith('compose-secret-in-environment'));
    assert.ok(secretFix(first)?.includes('secrets:'), 'before: the fix writes the top-level section');
    assert.notStrictEqual(secretFix(cached), secretFix(first), 'after: the fix adds to the section that is there');
  });

  it('are reused, the very findings, when the edit is elsewhere: a secret fix that appends to the file, a service it joins', () => {
    const app = `  app:\n${hardened}    network_mode: service:vpn\n    environment:\n      DB_PASSWORD: hunter2hunter2\n`;
    const vpn = `  vpn:\n${hardened}    network_mode: bridge\n`;
    const edited = `  web:\n    image: nginx:1.27\n`;
    const before = compose(app, vpn, `  web:\n    image: nginx:1.26\n`);
    const after = compose(app, vpn, edited);
    const cache = editorCache();
    const options = { path: PATH, files: reader({}), cache };
    const first = analyze(before, options).findings.filter((f) => f.subject?.name === 'app');
    const second = analyze(after, options).findings;
    assert.ok(first.some((f) => f.ruleId === 'compose-secret-in-environment'));
    assert.ok(
      first.every((finding) => second.includes(finding)),
      "app's findings are the objects of the last analysis",
    );
    assert.deepStrictEqual(
      second.map((f) => `${f.ruleId} ${JSON.stringify(f.range)} ${JSON.stringify(f.fixes)}`),
      analyze(after, { path: PATH, files: reader({}) }).findings.map(
        (f) => `${f.ruleId} ${JSON.stringify(f.range)} ${JSON.stringify(f.fixes)}`,
      ),
    );
  });

  it('of a service in a cycle of service: references are checked every time, so the cycle stays reported', () => {
    // Found by the segmented-parsing property test: a reused run does not report the cycle it meets.
    const text = compose(
      `  svc0:\n    network_mode: service:svc0\n`,
      `  svc1:\n    network_mode: service:svc2\n`,
      `  svc2:\n    network_mode: service:svc1\n`,
    );
    const cache = editorCache();
    const broken = (): number =>
      analyze(text, { path: PATH, files: reader({}), cache }).findings.filter((f) => f.ruleId === 'broken-reference')
        .length;
    assert.strictEqual(broken(), 2);
    assert.strictEqual(broken(), 2, 'the same text analysed again');
  });

  it('are checked again when the file’s indentation step changes: their fixes nest with it', () => {
    // Found by the segmented-parsing property test: the first indented line, in an anchor, sets the step.
    const file = (indent: string): string =>
      `x-common: &common\n${indent}read_only: false\n\n${compose('  svc0:\n    image: nginx:1.27\n', '  svc1:\n    <<: *common\n')}`;
    const cache = editorCache();
    describeFindings({ [PATH]: file('  ') }, cache);
    const cached = describeFindings({ [PATH]: file('   ') }, cache);
    assert.deepStrictEqual(cached, describeFindings({ [PATH]: file('   ') }));
    assert.ok(
      cached.some((f) => f.includes('healthcheck:\\n       test:')),
      'svc0’s fix nests by three spaces',
    );
  });

  it('move with their service when lines are added above it, fixes included', () => {
    const cache = editorCache();
    const below = `  web:\n    image: nginx:1.27\n    restart: always\n`;
    const before = { [PATH]: compose(`  app:\n${hardened}`, below) };
    const after = { [PATH]: compose(`  app:\n${hardened}    # a note\n    tmpfs: [/tmp]\n`, below) };
    describeFindings(before, cache);
    const cached = describeFindings(after, cache);
    assert.deepStrictEqual(cached, describeFindings(after));
    assert.ok(
      cached.some((f) => f.startsWith('compose-unbounded-restart') && f.includes('"line":15')),
      'the restart finding moved two lines down',
    );
  });
});
