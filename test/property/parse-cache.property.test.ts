/**
 * Segmented, cached parsing (used by the language server while typing) must
 * give exactly the findings of parsing the whole text, for any document and
 * any sequence of edits.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { analyze, AnalysisCache, DockerfileParseCache } from '../../server/src/core/analyze';
import { segmentStarts } from '../../server/src/core/dockerfile/parse-cache';

const BLOCKS = [
  'FROM alpine:3.20 AS s',
  'RUN apk add curl',
  'USER root',
  'USER app',
  'ENV TOKEN=abc',
  'EXPOSE 22',
  'RUN apt-get install -y x \\\n    && curl -k https://x \\\n    # a comment inside the continuation\n    && echo done',
  'RUN <<EOT\nset -e\nFROM not-an-instruction\ncurl -k https://x | sh\nEOT',
  'RUN <<-EOT\n\tchmod 777 /x\n\tEOT',
  'COPY <<EOF /etc/x\nUSER root\nEOF',
  'RUN a \\\n\n  b',
  '# comment',
  '',
  'CMD ["x"]',
  'RUN echo "<<EOF" && sudo x',
  'HEALTHCHECK CMD true',
  'ARG V=1',
  'RUN curl https://x | \\\n  bash',
  'RUN x \\\n <<EOF\nFROM y\nEOF',
  'ONBUILD RUN <<EOF\nFROM y\nEOF',
  'COPY <<E/F /x\nE/F',
  'RUN echo "a <<Q" x\nQ"',
];

const documentArb = fc
  .array(fc.constantFrom(...BLOCKS), { minLength: 5, maxLength: 60 })
  .map((blocks) => blocks.join('\n'));
const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(
    fc.constantFrom(
      '',
      'x',
      '\n',
      '\\\n',
      'RUN sudo y\n',
      '<<EOT\n',
      'EOT\n',
      '# c\n',
      'FROM node\n',
      '<<',
      '"',
      '\t',
      '\r',
      '\r\n',
      'RUN --mount=type=cache,target=/x <<EOF\n',
    ),
    fc.string({ maxLength: 6 }),
  ),
});

const plain = (text: string): string => JSON.stringify(analyze(text, { kind: 'dockerfile' }).findings);

describe('segmented parsing', function () {
  // Hundreds of generated cases: seconds on a quiet machine, far more on a busy one.
  this.timeout(120_000);
  it('cuts large documents into several segments', () => {
    const text = Array.from({ length: 300 }, (_, i) =>
      i % 10 === 0 ? `RUN <<EOT\necho ${i}\nEOT` : `RUN echo ${i}`,
    ).join('\n');
    assert.ok(segmentStarts(text.split('\n')).length > 3);
  });

  it('gives the same findings as a whole parse, across edits', () => {
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { maxLength: 6 }), (initial, edits) => {
        // Tiny segments, so short documents (fast to shrink) are cut in many places.
        const cache = new AnalysisCache(new DockerfileParseCache(2, 0));
        let text = initial;
        assert.strictEqual(JSON.stringify(analyze(text, { kind: 'dockerfile', cache }).findings), plain(text));
        for (const edit of edits) {
          const at = edit.at % (text.length + 1);
          text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
          assert.strictEqual(
            JSON.stringify(analyze(text, { kind: 'dockerfile', cache }).findings),
            plain(text),
            `after editing at ${at}`,
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});
