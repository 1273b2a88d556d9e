/**
 * Inputs `npm run fuzz` found to break the analysis (an internal error, a
 * stack overflow, a range outside the document), each reduced to its shape.
 * Every range and fix edit is also checked against the document by the
 * position guard that mocha loads for every test.
 */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import type { Finding } from '../../server/src/core/types';

const codes = (findings: Finding[]): string[] => [...new Set(findings.map((f) => f.ruleId))].sort();
const dockerfile = (text: string): Finding[] => analyze(text, { path: '/p/Dockerfile' }).findings;
const compose = (text: string): Finding[] => analyze(text, { path: '/p/compose.yaml' }).findings;
const noInternalError = (findings: Finding[]): void => {
  assert.deepStrictEqual(
    findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message),
    [],
  );
};

describe('inputs the fuzzer found', () => {
  it('an escaped heredoc marker after a continued FROM is no heredoc (dockerfile-ast threw on it)', () => {
    const findings = dockerfile('FROM \\\n\\#<<\n');
    noInternalError(findings);
    assert.ok(findings.length > 0);
  });

  it('nested ${A:-${A:-...}} defaults 2,000 deep in FROM, USER and Compose values', () => {
    const nested = (depth: number): string => `${'${A:-'.repeat(depth)}x${'}'.repeat(depth)}`;
    noInternalError(dockerfile(`FROM ${nested(2000)}\nUSER ${nested(2000)}\n`));
    noInternalError(
      compose(
        `services:\n  web:\n    image: alpine\n    environment:\n      A: "${nested(2000)}"\n    user: "${nested(2000)}"\n`,
      ),
    );
  });

  it('33,000 "- " on one line is a syntax problem, not a parser crash', () => {
    const findings = compose(`services:\n  web:\n    environment: ${'- '.repeat(33_000)}x\n`);
    noInternalError(findings);
    assert.ok(codes(findings).includes('syntax-error'));
  });

  it('a flow mapping nested 20,000 deep stops at the nesting limit, the same every time', () => {
    const text = `services:\n  web:\n    image: alpine\n    environment: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`;
    const first = compose(text);
    assert.deepStrictEqual(codes(first), ['syntax-error']);
    assert.deepStrictEqual(compose(text), first);
  });

  it('an unclosed nest of flow collections gives a bounded number of findings', () => {
    const findings = compose(`services:\n  web:\n    environment: ${'[{a: '.repeat(30_000)}\n`);
    noInternalError(findings);
    assert.ok(findings.length <= 10_001, `${findings.length} findings`);
  });

  it('a YAML syntax error at the end of a CRLF line ends on that line', () => {
    const findings = compose('- "\r\n');
    assert.ok(findings.length > 0);
    for (const finding of findings)
      assert.ok(finding.range.end.line === 0 ? finding.range.end.character <= 3 : true, JSON.stringify(finding.range));
  });

  it('lone CR line ends: the privileged service is found, and "Add USER" lands after FROM', () => {
    assert.ok(
      compose('services:\r  web:\r    image: alpine\r    privileged: true\r').some(
        (f) => f.ruleId === 'compose-privileged',
      ),
    );
    const text = 'FROM alpine\rRUN curl -k https://x\r';
    const missingUser = dockerfile(text).find((f) => f.ruleId === 'missing-user');
    assert.ok(missingUser);
    const fixed = applyEdits(text, missingUser.fixes[0].edits);
    assert.ok(fixed.startsWith('FROM alpine\r'), JSON.stringify(fixed));
    assert.ok(!fixed.includes('\n'), "the fix uses the document's own line break");
  });

  it('a suppression comment of 100,000 ids reports them without rescanning the line per id', () => {
    const findings = compose(
      `services:\n  web:\n    image: alpine:3.20\n# docker-harden-ignore ${'- '.repeat(100_000)}\n`,
    );
    noInternalError(findings);
    assert.ok(findings.some((f) => f.ruleId === 'unknown-suppression'));
  });

  it('6,000 stages each after a comment parse without pairing every comment with every stage', () => {
    const text = Array.from({ length: 6000 }, (_, i) => `# stage ${i}\nFROM alpine:3.20 AS s${i}\nRUN true\n`).join('');
    const findings = dockerfile(text);
    noInternalError(findings);
    assert.ok(findings.some((f) => f.ruleId === 'missing-user'));
  });
});
