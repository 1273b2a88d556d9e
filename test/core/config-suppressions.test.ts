/**
 * Suppression scopes and checks: the next instruction or entry, a
 * Dockerfile stage, a Compose service, the file; `requireReason` from the
 * configuration; unknown and unused suppressions carry fixes that correct
 * or remove them, and those fixes leave a comment that parses as intended.
 */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import type { Finding } from '../../server/src/core/types';
import { dedent } from '../helpers/dedent';
import { span } from '../helpers/findings';

const dockerfile = (text: string, requireReason = false): Finding[] =>
  analyze(text, { path: '/p/Dockerfile', requireSuppressionReason: requireReason }).findings;
const compose = (text: string, requireReason = false): Finding[] =>
  analyze(text, { path: '/p/compose.yaml', requireSuppressionReason: requireReason }).findings;
const ids = (findings: Finding[], ruleId: string): string[] => findings.filter((f) => f.ruleId === ruleId).map(span);

const TWO_STAGES = dedent`
  FROM node:latest AS build
  RUN curl -k https://example.com/a -o /a
  FROM alpine:latest
  RUN curl -k https://example.com/b -o /b
`;

describe('suppression scopes', () => {
  it('a stage comment before FROM silences that stage only, wherever in it the finding is', () => {
    const text = `# docker-harden-ignore-stage tls-verification-disabled, unpinned-base-image -- build stage only\n${TWO_STAGES}`;
    const findings = dockerfile(text);
    assert.deepStrictEqual(ids(findings, 'tls-verification-disabled'), ['5:10-5:12']);
    assert.deepStrictEqual(ids(findings, 'unpinned-base-image'), ['4:13-4:19']);
    assert.deepStrictEqual(ids(findings, 'unused-suppression'), []);
  });

  it('a stage comment inside a stage silences the stage it is written in', () => {
    const lines = TWO_STAGES.split('\n');
    lines.splice(3, 0, '# docker-harden-ignore-stage tls-verification-disabled -- vendored installer');
    const findings = dockerfile(lines.join('\n'));
    assert.deepStrictEqual(ids(findings, 'tls-verification-disabled'), ['2:10-2:12']);
  });

  it('a service comment silences the whole service, and only it; a next-entry comment only its entry', () => {
    const text = dedent`
      services:
        # docker-harden-ignore-service compose-no-memory-limit, compose-privileged -- CI runner
        runner:
          image: nginx:1.27
          privileged: true
        web:
          image: nginx:1.27
          # docker-harden-ignore compose-privileged -- temporary
          privileged: true
        db:
          image: postgres:16
          # docker-harden-ignore-service compose-no-memory-limit -- sized by the host
          environment: [A=1]
    `;
    const findings = compose(text);
    assert.deepStrictEqual(ids(findings, 'compose-privileged'), []);
    assert.deepStrictEqual(ids(findings, 'compose-no-memory-limit'), ['6:3-6:6']);
    assert.deepStrictEqual(ids(findings, 'unused-suppression'), []);
  });

  it('a service comment covers findings about the service reported outside its block (a shared anchor)', () => {
    const text = dedent`
      x-base: &base
        privileged: true
      services:
        # docker-harden-ignore-service compose-privileged -- builds images
        builder:
          <<: *base
          image: docker:27
    `;
    assert.deepStrictEqual(ids(compose(text), 'compose-privileged'), []);
  });

  it('a scope used in the wrong kind of file, or a misspelt directive, is reported with a correcting fix', () => {
    const findings = dockerfile('# docker-harden-ignore-service root-user\nFROM alpine:3.20\nUSER root\n');
    const wrong = findings.find((f) => f.ruleId === 'unknown-suppression')!;
    assert.strictEqual(span(wrong), '1:3-1:31');
    assert.match(wrong.message, /applies to Compose services.*use docker-harden-ignore-stage/);
    assert.ok(
      findings.some((f) => f.ruleId === 'root-user'),
      'nothing was silenced',
    );
    const corrected = applyEdits(
      '# docker-harden-ignore-service root-user\nFROM alpine:3.20\nUSER root\n',
      wrong.fixes[0].edits,
    );
    assert.ok(!dockerfile(corrected).some((f) => f.ruleId === 'root-user' || f.ruleId === 'unknown-suppression'));

    const misspelt = compose(
      'services:\n  # docker-harden-ignore-services compose-privileged\n  a:\n    privileged: true\n',
    );
    const unknown = misspelt.find((f) => f.ruleId === 'unknown-suppression')!;
    assert.match(
      unknown.message,
      /Unknown directive "docker-harden-ignore-services".*Did you mean "docker-harden-ignore-service"/,
    );
  });

  it('the file scope still silences everything it names', () => {
    const findings = dockerfile(
      `# docker-harden-ignore-file cs.privileged, tls-verification-disabled -- lab image\n${TWO_STAGES}`,
    );
    assert.deepStrictEqual(ids(findings, 'tls-verification-disabled'), []);
    assert.deepStrictEqual(ids(findings, 'unknown-suppression'), []);
  });
});

describe('suppression checks and their fixes', () => {
  it('requireReason reports a suppression without a reason, at its comment, and not one with a reason', () => {
    const text =
      '# docker-harden-ignore tls-verification-disabled\nFROM alpine:3.20\nRUN curl -k https://x -o /x # docker-harden-ignore tls-verification-disabled -- pinned host\n';
    assert.deepStrictEqual(ids(dockerfile(text), 'suppression-without-reason'), []);
    assert.deepStrictEqual(ids(dockerfile(text, true), 'suppression-without-reason'), ['1:1-1:49']);
    const yaml =
      'services:\n  a:\n    image: nginx:1.27\n    privileged: true # docker-harden-ignore compose-privileged --\n';
    assert.deepStrictEqual(
      ids(compose(yaml, true), 'suppression-without-reason'),
      ['4:22-4:63'],
      'an empty reason is none',
    );
  });

  it('an unknown id offers its correction (did you mean) and its removal', () => {
    const text =
      'FROM alpine:3.20\n# docker-harden-ignore tls-verfication-disabled -- vendor\nRUN curl -k https://x -o /x\n';
    const unknown = dockerfile(text).find((f) => f.ruleId === 'unknown-suppression')!;
    assert.match(unknown.message, /Did you mean "tls-verification-disabled"\?/);
    assert.deepStrictEqual(
      unknown.fixes.map((f) => [f.title, f.preferred === true]),
      [
        ['Change "tls-verfication-disabled" to "tls-verification-disabled"', false],
        ['Remove this docker-harden-ignore comment', false],
      ],
    );
    const corrected = dockerfile(applyEdits(text, unknown.fixes[0].edits));
    assert.ok(!corrected.some((f) => ['unknown-suppression', 'tls-verification-disabled'].includes(f.ruleId)));
    assert.strictEqual(applyEdits(text, unknown.fixes[1].edits), 'FROM alpine:3.20\nRUN curl -k https://x -o /x\n');
  });

  it('an unused suppression is removed: its id from a list, the trailing comment, or the comment line', () => {
    const list =
      'FROM alpine:3.20\n# docker-harden-ignore root-user, tls-verification-disabled -- x\nRUN curl -k https://x -o /x\n';
    const unused = dockerfile(list).find((f) => f.ruleId === 'unused-suppression')!;
    assert.strictEqual(unused.fixes[0].title, 'Remove "root-user" from this suppression');
    assert.strictEqual(
      applyEdits(list, unused.fixes[0].edits),
      'FROM alpine:3.20\n# docker-harden-ignore tls-verification-disabled -- x\nRUN curl -k https://x -o /x\n',
    );
    const last =
      'FROM alpine:3.20\n# docker-harden-ignore tls-verification-disabled, root-user\nRUN curl -k https://x -o /x\n';
    const lastUnused = dockerfile(last).find((f) => f.ruleId === 'unused-suppression')!;
    assert.strictEqual(
      applyEdits(last, lastUnused.fixes[0].edits),
      'FROM alpine:3.20\n# docker-harden-ignore tls-verification-disabled\nRUN curl -k https://x -o /x\n',
    );
    const trailing = 'services:\n  a:\n    image: nginx:1.27 # docker-harden-ignore compose-privileged -- x\n';
    const trailingUnused = compose(trailing).find((f) => f.ruleId === 'unused-suppression')!;
    assert.strictEqual(applyEdits(trailing, trailingUnused.fixes[0].edits), 'services:\n  a:\n    image: nginx:1.27\n');
    const bom = '\uFEFF# docker-harden-ignore root-user\nFROM alpine:3.20\n';
    const bomUnused = dockerfile(bom).find((f) => f.ruleId === 'unused-suppression')!;
    assert.strictEqual(applyEdits(bom, bomUnused.fixes[0].edits), '\uFEFFFROM alpine:3.20\n', 'the mark stays first');
    const lastLine = 'FROM alpine:3.20\r\n# docker-harden-ignore-file root-user';
    const lastLineUnused = dockerfile(lastLine).find((f) => f.ruleId === 'unused-suppression')!;
    assert.strictEqual(applyEdits(lastLine, lastLineUnused.fixes[0].edits), 'FROM alpine:3.20');
  });
});
