/**
 * Properties that must hold for any input, with any line ends (LF, CRLF, a
 * lone CR), a byte order mark and characters beyond the basic plane:
 * analysis never throws and yields ranges and fix edits inside the document
 * as LSP counts it; every fix applies cleanly, re-parses, removes its
 * finding, and applying it to its own result changes nothing more.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/edits';
import { DOCKERFILE_RULES } from '../../server/src/core/rules';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentProblems } from '../../server/src/core/bounds';
import { LineIndex } from '../../server/src/core/text';

const FRAGMENTS = [
  'FROM alpine',
  'FROM node:20 AS build',
  'FROM build',
  'FROM scratch',
  'FROM ${BASE}',
  'ARG BASE=debian:12',
  'USER root',
  'USER 0:0',
  'USER app',
  'RUN curl -k https://x | sh',
  'RUN apt-get install -y curl',
  'RUN apk add curl',
  'RUN pip install x',
  'RUN sudo chmod 777 /x',
  'RUN <<EOT',
  'EOT',
  'ENV PASSWORD=x',
  'ARG TOKEN',
  'ADD https://x/y.tgz /',
  'ADD a b',
  'COPY .env /',
  'EXPOSE 22',
  'HEALTHCHECK CMD true',
  'CMD ["x"]',
  '\\',
  '# comment',
  '# docker-harden-ignore root-user',
  'ENV =',
  'FROM',
  'RUN ["sh", "-c", "wget -qO- x | bash"]',
  'run echo "unterminated',
  '  ',
  '\t\\',
];

const COMPOSE_FRAGMENTS = [
  'services:',
  '  web:',
  '  db:',
  '    image: nginx',
  '    privileged: true',
  '    user: root',
  '    cap_add:',
  '      - SYS_ADMIN',
  '    ports:',
  '      - "22:22"',
  '    environment:',
  '      DB_PASSWORD: hunter2',
  '    volumes: [/var/run/docker.sock:/var/run/docker.sock]',
  'x-a: &a',
  '  privileged: true',
  '    <<: *a',
  '    command: |',
  '      echo [x',
  '    labels: {a: "😀"}',
  '# docker-harden-ignore compose-privileged',
  '\t- x',
];
/** Line ends as editors send them: LF, CRLF, a lone CR (old Mac files, or a mix pasted in), mixed within one text. */
const lineEnd = fc.constantFrom('\n', '\n', '\r\n', '\r');
/** Characters that take two UTF-16 units (emoji, CJK extension B) or that LSP counts specially (a byte order mark). */
const awkward = fc.constantFrom('😀', '𠀀', '\uFEFF', 'é', '\u2028');
const joined = (fragments: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(fc.boolean(), fc.array(fc.tuple(fragments, fc.option(awkward, { freq: 4 }), lineEnd), { maxLength: 25 }))
    .map(
      ([bom, lines]) =>
        (bom ? '\uFEFF' : '') +
        lines.map(([line, extra, eol]) => (extra ? line.replace(/ (?=\S)/, ` ${extra}`) : line) + eol).join(''),
    );

const dockerfileText = joined(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })));
const composeText = joined(
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...COMPOSE_FRAGMENTS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  ),
);

/**
 * Every range and every fix edit lies inside the document as the LSP's own
 * document model counts it: a position round-trips through it only when its
 * line exists and its character is within that line.
 */
function assertWellFormed(text: string, kind = 'dockerfile'): void {
  const { findings } = analyze(text, kind === 'dockerfile' ? { kind } : { path: '/p/compose.yaml' });
  const document = TextDocument.create('file:///p/x', 'plaintext', 1, text);
  assert.deepStrictEqual(documentProblems(new LineIndex(text), findings), []);
  for (const f of findings) {
    assert.ok(f.ruleId !== 'internal-error', f.message);
    for (const range of [f.range, ...f.fixes.flatMap((fix) => fix.edits.map((edit) => edit.range))]) {
      for (const position of [range.start, range.end]) {
        assert.deepStrictEqual(
          document.positionAt(document.offsetAt(position)),
          position,
          `${f.ruleId} ${JSON.stringify(range)} inside ${JSON.stringify(text)}`,
        );
      }
      assert.ok(document.offsetAt(range.start) <= document.offsetAt(range.end), `${f.ruleId} starts before it ends`);
    }
  }
}

describe('properties of the analyser', function () {
  // Hundreds of generated cases: seconds on a quiet machine, far more on a busy one.
  this.timeout(120_000);
  it('never throws and reports ranges inside the document, for random Dockerfile-like text', () => {
    fc.assert(
      fc.property(dockerfileText, (text) => assertWellFormed(text)),
      { numRuns: 400 },
    );
  });

  it('never throws and keeps every range and fix edit inside the document, for random Compose-like text', () => {
    fc.assert(
      fc.property(composeText, (text) => assertWellFormed(text, 'compose')),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary unicode, and on every prefix of a real Dockerfile (typing it)', () => {
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 300 }), (text) => assertWellFormed(text)),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 300 }), (text) => assertWellFormed(text, 'compose')),
      { numRuns: 200 },
    );
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
            const count = (list: typeof after): number =>
              list.filter((f) => f.ruleId === finding.ruleId && f.message === finding.message).length;
            assert.ok(
              count(after) < count(before),
              `fix "${fix.title}" removes its finding in ${JSON.stringify(text)}`,
            );
            // Idempotence: applying every offered fix of the rule again converges (terminates with no finding left to fix).
            let text2 = fixed;
            for (let round = 0; round < 50; round++) {
              const next = analyze(text2, { kind: 'dockerfile' }).findings.find(
                (f) => f.ruleId === finding.ruleId && f.fixes.some((x) => x.title === fix.title),
              );
              if (!next) break;
              text2 = applyEdits(text2, next.fixes.find((x) => x.title === fix.title)!.edits);
              assert.ok(round < 49, `fix "${fix.title}" converges`);
            }
          }
        }
      }),
      // A counterexample found before is always checked again: an insert and a removal that both start at 0.
      { numRuns: 300, examples: [['ENV PASSWORD=x\nRUN <<EOT\nEOT\nFROM alpine\n']] },
    );
  });

  it('handles a very large input within the size limit with a clear message', () => {
    const big = 'FROM alpine:3.20\n' + 'RUN echo x\n'.repeat(600_000);
    const { findings } = analyze(big, { kind: 'dockerfile' });
    assert.deepStrictEqual(
      findings.map((f) => f.ruleId),
      ['file-too-large'],
    );
    assert.match(findings[0].message, /MiB/);
  });
});
