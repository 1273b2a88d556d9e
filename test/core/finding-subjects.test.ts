/**
 * Every finding knows the service or stage it is about, so nothing
 * downstream reads its message to learn it: findings of services that share
 * an anchor are merged by subject.
 */
import * as assert from 'assert';
import { analyze, AnalysisCache, ComposeParseCache, DockerfileParseCache } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';
import { span } from '../helpers/findings';

const subjectOf = (finding: Finding): string | undefined =>
  finding.subject &&
  `${finding.subject.kind} ${finding.subject.name} ${span({ ...finding, range: finding.subject.range })}`;

describe('finding subjects', () => {
  it('names the service, anchored at its key', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    const [finding] = analyze(text, { kind: 'compose' }).findings.filter((f) => f.ruleId === 'compose-privileged');
    assert.strictEqual(subjectOf(finding), 'service web 2:3-2:6');
  });

  it('leaves document-wide findings without a subject', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\nnetworks:\n  back:\n    driver: overlay\n';
    const findings = analyze(text, { kind: 'compose' }).findings;
    const overlay = findings.find((f) => f.ruleId === 'compose-unencrypted-overlay');
    assert.ok(overlay);
    assert.strictEqual(overlay.subject, undefined);
  });

  it('merges the findings of services sharing an anchor by subject, naming each service once', () => {
    const text =
      'x-base: &base\n  image: nginx:1.27\n  cap_add: [SYS_ADMIN]\nservices:\n' +
      '  web:\n    <<: *base\n  api:\n    <<: *base\n  jobs:\n    <<: *base\n';
    const findings = analyze(text, { kind: 'compose' }).findings.filter(
      (f) => f.ruleId === 'compose-dangerous-capability',
    );
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(subjectOf(findings[0]), 'service web 5:3-5:6');
    assert.match(findings[0].message, /^Service "web" adds SYS_ADMIN .* Also affects "api", "jobs"$/);
  });

  it('does not repeat the services an anchor note already names', () => {
    const text =
      'x-base: &base\n  image: nginx:1.27\n  privileged: true\nservices:\n' +
      '  web:\n    <<: *base\n  api:\n    <<: *base\n';
    const [finding] = analyze(text, { kind: 'compose' }).findings.filter((f) => f.ruleId === 'compose-privileged');
    assert.deepStrictEqual(finding.namedServices, ['web', 'api']);
    assert.doesNotMatch(finding.message, /Also affects/);
  });

  it('re-anchors a reused finding at the key of its service where the service now is', () => {
    // `other` grows by a line: `web`, unchanged, is reused one line lower; the anchor holding the finding is not.
    const web = '  web:\n    image: nginx:1.27\n    <<: *base\n';
    const before = `x-base: &base\n  privileged: true\nservices:\n  other:\n    image: nginx:1.27\n${web}`;
    const after = `x-base: &base\n  privileged: true\nservices:\n  other:\n    image: nginx:1.27\n    user: "1"\n${web}`;
    const cache = new AnalysisCache(new DockerfileParseCache(), new ComposeParseCache(0));
    analyze(before, { kind: 'compose', cache });
    const reused = analyze(after, { kind: 'compose', cache }).findings;
    const fresh = analyze(after, { kind: 'compose' }).findings;
    const subjects = (findings: Finding[]): (string | undefined)[] =>
      findings.filter((f) => f.ruleId === 'compose-privileged').map(subjectOf);
    assert.deepStrictEqual(subjects(reused), subjects(fresh));
    assert.deepStrictEqual(subjects(fresh), ['service web 7:3-7:6']);
  });

  it('names the stage by its AS name or index, anchored at its FROM', () => {
    const text = 'FROM golang:1.22 AS build\nRUN curl -k https://x.example/a\nFROM alpine:3.20\nRUN chmod 777 /srv\n';
    const findings = analyze(text, { kind: 'dockerfile' }).findings;
    const tls = findings.find((f) => f.ruleId === 'tls-verification-disabled');
    const chmod = findings.find((f) => f.ruleId === 'privilege-escalation-tools');
    const user = findings.find((f) => f.ruleId === 'missing-user');
    assert.ok(tls && chmod && user);
    assert.strictEqual(subjectOf(tls), 'stage build 1:1-1:26');
    assert.strictEqual(subjectOf(chmod), 'stage 1 3:1-3:17');
    assert.strictEqual(subjectOf(user), 'stage 1 3:1-3:17');
  });
});
