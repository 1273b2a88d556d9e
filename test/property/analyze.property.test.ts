/**
 * Properties that must hold for any input: analysis never throws and yields
 * ranges inside the document; every fix applies cleanly, re-parses, removes
 * its finding, and applying it to its own result changes nothing more.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { DOCKERFILE_RULES } from '../../server/src/core/rules';
import { LineIndex } from '../../server/src/core/text';

const FRAGMENTS = [
  'FROM alpine', 'FROM node:20 AS build', 'FROM build', 'FROM scratch', 'FROM ${BASE}', 'ARG BASE=debian:12', 'USER root', 'USER 0:0', 'USER app',
  'RUN curl -k https://x | sh', 'RUN apt-get install -y curl', 'RUN apk add curl', 'RUN pip install x', 'RUN sudo chmod 777 /x', 'RUN <<EOT', 'EOT',
  'ENV PASSWORD=x', 'ARG TOKEN', 'ADD https://x/y.tgz /', 'ADD a b', 'COPY .env /', 'EXPOSE 22', 'HEALTHCHECK CMD true', 'CMD ["x"]', '\\', '# comment',
  '# docker-harden-ignore root-user', 'ENV =', 'FROM', 'RUN ["sh", "-c", "wget -qO- x | bash"]', 'run echo "unterminated', '  ', '\t\\',
];

const dockerfileText = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })), { maxLength: 25 }).map((lines) => lines.join('\n'));

function assertWellFormed(text: string): void {
  const { findings } = analyze(text, { kind: 'dockerfile' });
  const lines = new LineIndex(text);
  for (const f of findings) {
    assert.ok(f.range.start.line < lines.lineCount && f.range.end.line < lines.lineCount, `range inside the document: ${JSON.stringify(f.range)}`);
    assert.ok(f.ruleId !== 'internal-error', f.message);
  }
}

describe('properties of the analyser', function () {
  // Hundreds of generated cases: seconds on a quiet machine, far more on a busy one.
  this.timeout(120_000);
  it('never throws and reports ranges inside the document, for random Dockerfile-like text', () => {
    fc.assert(fc.property(dockerfileText, (text) => assertWellFormed(text)), { numRuns: 400 });
  });

  it('never throws on arbitrary unicode, and on every prefix of a real Dockerfile (typing it)', () => {
    fc.assert(fc.property(fc.fullUnicodeString({ maxLength: 300 }), (text) => assertWellFormed(text)), { numRuns: 200 });
    const complete = DOCKERFILE_RULES.map((r) => r.meta.examples.bad).join('\n');
    for (let end = 0; end <= complete.length; end += 7) assertWellFormed(complete.slice(0, end));
  });

  it('fixes apply, keep the file parseable, remove their finding and are idempotent', () => {
    fc.assert(
      fc.property(dockerfileText, (text) => {
        const before = analyze(text, { kind: 'dockerfile' }).findings;
        for (const finding of before) {
          for (const fix of finding.fixes) {
            const fixed = applyEdits(text, fix.edits);
            const after = analyze(fixed, { kind: 'dockerfile' }).findings;
            assert.ok(!after.some((f) => f.ruleId === 'internal-error'));
            // Counted, not located: removing a line moves an identical finding below it into the same place.
            const count = (list: typeof after): number => list.filter((f) => f.ruleId === finding.ruleId && f.message === finding.message).length;
            assert.ok(count(after) < count(before), `fix "${fix.title}" removes its finding in ${JSON.stringify(text)}`);
            // Idempotence: applying every offered fix of the rule again converges (terminates with no finding left to fix).
            let text2 = fixed;
            for (let round = 0; round < 50; round++) {
              const next = analyze(text2, { kind: 'dockerfile' }).findings.find((f) => f.ruleId === finding.ruleId && f.fixes.some((x) => x.title === fix.title));
              if (!next) break;
              text2 = applyEdits(text2, next.fixes.find((x) => x.title === fix.title)!.edits);
              assert.ok(round < 49, `fix "${fix.title}" converges`);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles a very large input within the size limit with a clear message', () => {
    const big = 'FROM alpine:3.20\n' + 'RUN echo x\n'.repeat(600_000);
    const { findings } = analyze(big, { kind: 'dockerfile' });
    assert.deepStrictEqual(findings.map((f) => f.ruleId), ['file-too-large']);
    assert.match(findings[0].message, /MiB/);
  });
});
