/**
 * What the Compose model infers from the project itself: services deleted
 * with `!reset` are gone, a service with neither `image` nor `build` is a
 * fragment completed elsewhere (no "missing X" findings for it), a service
 * others wait on with `condition: service_healthy` has a healthcheck from
 * its image, and messages name other files relative to the analysed one.
 */
import * as assert from 'assert';
import { composeFindings, linesOf } from '../../helpers/precision';

/** The rules that report what a service does not set. */
const ABSENCE_RULES = [
  'compose-missing-healthcheck',
  'compose-no-cpu-limit',
  'compose-no-memory-limit',
  'compose-no-pids-limit',
  'compose-no-new-privileges',
  'compose-capabilities-not-dropped',
  'compose-writable-root-filesystem',
];

const servicesOf = (files: Record<string, string>, analysed?: string): string[] => [
  ...new Set(composeFindings(files, analysed).map((f) => f.subject?.name ?? '')),
];

describe('precision: a service deleted with !reset is not analysed', () => {
  const cases: { name: string; files: Record<string, string>; analysed?: string; reported: string[] }[] = [
    {
      name: 'in compose.override.yaml, analysing the base file',
      files: {
        'compose.yaml': 'services:\n  app:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n',
        'compose.override.yaml': 'services:\n  debug: !reset null\n',
      },
      reported: ['app'],
    },
    {
      name: 'in compose.override.yaml, analysing the override',
      files: {
        'compose.yaml': 'services:\n  app:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n',
        'compose.override.yaml': 'services:\n  debug: !reset {}\n  app:\n    privileged: true\n',
      },
      analysed: 'compose.override.yaml',
      reported: ['app'],
    },
  ];
  for (const { name, files, analysed, reported } of cases)
    it(name, () => assert.deepStrictEqual(servicesOf(files, analysed), reported));
  it('a service reset and defined again in a later file is analysed as defined there', () => {
    const findings = composeFindings({
      'compose.yaml': 'services:\n  app:\n    image: nginx:1.27\n    privileged: true\n',
      'compose.override.yaml': 'services:\n  app: !reset null\n',
    });
    assert.deepStrictEqual(linesOf(findings, 'compose-privileged'), []);
  });
});

describe('precision: a fragment (no image, no build) has no "missing X" findings', () => {
  const fragments: [name: string, compose: string][] = [
    ['block style', 'services:\n  app:\n    environment:\n      MODE: production\n'],
    ['flow style', 'services:\n  app: {environment: {MODE: production}}\n'],
  ];
  for (const [name, compose] of fragments)
    it(`${name}: none of ${ABSENCE_RULES.length} absence rules fires`, () => {
      assert.deepStrictEqual(linesOf(composeFindings({ 'compose.yaml': compose }), ...ABSENCE_RULES), []);
    });
  it('what a fragment does set is still reported', () => {
    const findings = composeFindings({ 'compose.yaml': 'services:\n  app:\n    privileged: true\n' });
    assert.deepStrictEqual(linesOf(findings, 'compose-privileged'), ['compose-privileged 3']);
  });
  it('the same service completed by the override file is analysed whole', () => {
    const findings = composeFindings({
      'compose.yaml': 'services:\n  app:\n    environment:\n      MODE: production\n',
      'compose.override.yaml': 'services:\n  app:\n    image: nginx:1.27\n',
    });
    assert.ok(linesOf(findings, 'compose-no-memory-limit').length === 1);
  });
});

describe('precision: depends_on condition service_healthy means the image has a healthcheck', () => {
  const waiting = (dependsOn: string): string =>
    `services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "true"]\n${dependsOn}` +
    '  db:\n    image: example/db:1\n';
  const cases: [name: string, dependsOn: string, reported: boolean][] = [
    ['long syntax, service_healthy', '    depends_on:\n      db:\n        condition: service_healthy\n', false],
    ['flow map, service_healthy', '    depends_on: {db: {condition: service_healthy}}\n', false],
    ['long syntax, service_started', '    depends_on:\n      db:\n        condition: service_started\n', true],
    ['short syntax (a list: waits only for the start)', '    depends_on:\n      - db\n', true],
  ];
  for (const [name, dependsOn, reported] of cases)
    it(`${name}: db is ${reported ? '' : 'not '}reported`, () => {
      const findings = composeFindings({ 'compose.yaml': waiting(dependsOn) });
      const db = findings.filter((f) => f.ruleId === 'compose-missing-healthcheck' && f.subject?.name === 'db');
      assert.strictEqual(db.length, reported ? 1 : 0);
    });
});

describe('precision: messages name other files relative to the analysed one', () => {
  it('the Dockerfile a service builds, with no absolute path', () => {
    const findings = composeFindings({
      'compose.yaml': 'services:\n  app:\n    build:\n      context: ./app\n',
      'app/Dockerfile': 'FROM alpine:3.20\nCMD ["run"]\n',
    });
    const messages = findings.filter((f) => ['compose-missing-healthcheck', 'compose-root-user'].includes(f.ruleId));
    assert.strictEqual(messages.length, 2);
    for (const finding of messages) {
      assert.match(finding.message, / app\/Dockerfile[ ,]/);
      assert.doesNotMatch(finding.message, /\/project/);
    }
  });
});
