/**
 * Positions as LSP counts them: `\n`, `\r\n` and a lone `\r` each end a
 * line, characters are UTF-16 code units, a byte order mark is a character.
 * The same document with any line ends gives the same findings at the same
 * places, and its fixes keep its line ends; nothing lies outside the
 * document; over-deep YAML gets one finding instead of a parser overflow.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, AnalysisCache, ComposeParseCache, DockerfileParseCache } from '../../server/src/core/analyze';
import { documentProblems, keepInsideDocument } from '../../server/src/core/bounds';
import { MAX_YAML_NESTING, nestingBeyond } from '../../server/src/core/compose/nesting';
import { detectKind } from '../../server/src/core/detect';
import { buildDockerfileModel } from '../../server/src/core/dockerfile/model';
import { applyEdits } from '../../server/src/core/edits';
import { COMPOSE_RULES, DOCKERFILE_RULES } from '../../server/src/core/rules';
import { LineIndex, lineBreakOf, withLineFeeds } from '../../server/src/core/text';
import type { Finding } from '../../server/src/core/types';
import { reader, span } from '../helpers/findings';

const LINE_ENDS = { LF: '\n', CRLF: '\r\n', CR: '\r' } as const;
const withLineEnds = (text: string, eol: string): string => text.replace(/\r\n|\r|\n/g, eol);

const DOCKERFILES = [
  ...DOCKERFILE_RULES.map((rule) => rule.meta.examples.bad),
  'FROM node:20\nRUN apt-get update && \\\n    apt-get install -y curl \\\n    # keep going\n    && curl -k https://x | sh\nEXPOSE 22\nENV API_TOKEN=abc123\n',
  'FROM alpine\nRUN <<EOF\ncurl -k https://x\nEOF\nCOPY <<A <<B /x\na\nA\nb\nB\nUSER root\n',
  '# docker-harden-ignore-file missing-healthcheck\nFROM alpine\n# docker-harden-ignore root-user\nUSER root\nEXPOSE 80 22\n',
];
const COMPOSE_FILES = [
  ...COMPOSE_RULES.map((rule) => rule.meta.examples.bad),
  'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: nginx\n    cap_add:\n      - SYS_ADMIN\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
  'services:\n  app:\n    image: alpine\n    command: |\n      echo one\n      echo two\n    # docker-harden-ignore compose-privileged\n    privileged: true\n',
];
const dockerfile = (text: string): Finding[] => analyze(text, { kind: 'dockerfile' }).findings;
const compose = (text: string, cache?: AnalysisCache): Finding[] =>
  analyze(text, { path: '/p/compose.yaml', cache }).findings;
const placed = (findings: Finding[]): string[] => findings.map((f) => `${f.ruleId} ${span(f)} ${f.message}`);

/** Every position checked by the LSP's own document model too: it round-trips only when it lies inside its line. */
function assertInsideAsLspCounts(text: string, findings: Finding[]): void {
  const document = TextDocument.create('file:///x', 'plaintext', 1, text);
  assert.deepStrictEqual(documentProblems(new LineIndex(text), findings), []);
  for (const finding of findings) {
    for (const range of [finding.range, ...finding.fixes.flatMap((fix) => fix.edits.map((edit) => edit.range))]) {
      for (const position of [range.start, range.end])
        assert.deepStrictEqual(
          document.positionAt(document.offsetAt(position)),
          position,
          `${finding.ruleId} ${JSON.stringify(range)}`,
        );
    }
  }
}

describe('line index', () => {
  it('ends a line at \\n, \\r\\n and a lone \\r, never counting the break in the line', () => {
    const lines = new LineIndex('a\nbb\r\nccc\rdddd');
    assert.strictEqual(lines.lineCount, 4);
    assert.deepStrictEqual(
      [0, 1, 2, 3].map((line) => lines.lineText(line)),
      ['a', 'bb', 'ccc', 'dddd'],
    );
    assert.deepStrictEqual(lines.positionAt(10), { line: 3, character: 0 });
    // Between the \r and the \n of a CRLF is the end of the line, not a character past it.
    assert.deepStrictEqual(lines.positionAt(5), { line: 1, character: 2 });
    assert.strictEqual(lines.offsetAt({ line: 1, character: 99 }), 4);
    assert.deepStrictEqual(new LineIndex('\r\r\n\n').lineCount, 4);
  });

  it('agrees with the LSP document model on every offset of a mixed text', () => {
    const text = '\uFEFFa\r\rb\r\n\nc😀d\r';
    const lines = new LineIndex(text);
    const document = TextDocument.create('file:///x', 'plaintext', 1, text);
    assert.strictEqual(lines.lineCount, document.lineCount);
    for (let offset = 0; offset <= text.length; offset++) {
      const position = document.positionAt(offset);
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside a CRLF: LSP has no position there
      assert.deepStrictEqual(lines.positionAt(offset), position, `offset ${offset}`);
      assert.strictEqual(lines.offsetAt(position), offset);
    }
  });

  it('uses the most frequent line break for inserted lines, and reads lone CRs as LFs at the same offsets', () => {
    assert.deepStrictEqual(['a\nb', 'a\r\nb\r\nc\nd', 'a\rb\rc\nd', 'a'].map(lineBreakOf), ['\n', '\r\n', '\r', '\n']);
    const text = 'a\rb\r\nc\r';
    assert.strictEqual(withLineFeeds(text), 'a\nb\r\nc\n');
    assert.strictEqual(withLineFeeds('a\r\nb'), 'a\r\nb');
    assert.strictEqual(new LineIndex(withLineFeeds(text), '\r').eol, '\r');
  });
});

describe('findings with any line ends', () => {
  for (const [name, eol] of Object.entries(LINE_ENDS)) {
    it(`give Dockerfile findings at the same places with ${name} line ends, and fixes that keep them`, () => {
      for (const written of DOCKERFILES) {
        const text = withLineEnds(written, eol);
        const expected = dockerfile(written);
        const found = dockerfile(text);
        assert.deepStrictEqual(placed(found), placed(expected), JSON.stringify(text));
        assertInsideAsLspCounts(text, found);
        found.forEach((finding, i) =>
          finding.fixes.forEach((fix, k) => {
            const fixed = applyEdits(text, fix.edits);
            assert.strictEqual(
              fixed,
              withLineEnds(applyEdits(written, expected[i].fixes[k].edits), eol),
              `${fix.title} in ${JSON.stringify(text)}`,
            );
          }),
        );
      }
    });

    it(`give Compose findings at the same places with ${name} line ends, segmented or not, and fixes that keep them`, () => {
      for (const written of COMPOSE_FILES) {
        const text = withLineEnds(written, eol);
        const expected = compose(written);
        const found = compose(text);
        assert.deepStrictEqual(placed(found), placed(expected), JSON.stringify(text));
        assert.deepStrictEqual(
          placed(compose(text, new AnalysisCache(new DockerfileParseCache(), new ComposeParseCache(0)))),
          placed(expected),
        );
        assertInsideAsLspCounts(text, found);
        found.forEach((finding, i) =>
          finding.fixes.forEach((fix, k) => {
            const fixed = applyEdits(text, fix.edits);
            assert.strictEqual(
              fixed,
              withLineEnds(applyEdits(written, expected[i].fixes[k].edits), eol),
              `${fix.title} in ${JSON.stringify(text)}`,
            );
          }),
        );
      }
    });
  }

  it('reads a Compose file with lone CR line ends as its lines, not as one line', () => {
    const findings = compose('services:\r  web:\r    image: nginx:1.27\r    privileged: true\r');
    assert.deepStrictEqual(findings.filter((f) => f.ruleId === 'compose-privileged').map(span), ['4:17-4:21']);
    assert.ok(!findings.some((f) => f.ruleId === 'syntax-error'));
    assert.ok(findings.every((f) => !f.message.includes('"  web"')));
  });

  it('inserts lone CRs into a lone-CR file', () => {
    const text = 'FROM alpine:3.20\rRUN echo hi\r';
    const fix = dockerfile(text).find((f) => f.ruleId === 'missing-user')!.fixes[0];
    assert.strictEqual(
      applyEdits(text, fix.edits),
      'FROM alpine:3.20\rRUN echo hi\rRUN addgroup -S -g 65532 app && adduser -S -D -H -u 65532 -G app -s /sbin/nologin app\rUSER app:app\r',
    );
    assert.ok(!fix.edits.some((edit) => edit.newText.includes('\n')));
    const composeText = 'services:\r  web:\r    image: nginx:1.27\r';
    for (const finding of compose(composeText)) {
      for (const edit of finding.fixes.flatMap((f) => f.edits))
        assert.ok(!edit.newText.includes('\n'), `${finding.ruleId}: ${JSON.stringify(edit.newText)}`);
    }
  });
});

describe('byte order mark', () => {
  const BOM = '\uFEFF';

  it('is part of the first line: Dockerfile and Compose files are still recognised, and columns count it', () => {
    assert.strictEqual(detectKind(undefined, `${BOM}FROM alpine\n`), 'dockerfile');
    assert.strictEqual(detectKind(undefined, `${BOM}# syntax=docker/dockerfile:1\nFROM alpine\n`), 'dockerfile');
    assert.strictEqual(detectKind(undefined, `${BOM}services:\n  web:\n    image: x\n`), 'compose');
    const plain = dockerfile('FROM alpine:3.20\nUSER root\n');
    const marked = dockerfile(`${BOM}FROM alpine:3.20\nUSER root\n`);
    const shift = (f: Finding): string =>
      span({
        ...f,
        range: {
          start: { ...f.range.start, character: f.range.start.character - (f.range.start.line === 0 ? 1 : 0) },
          end: { ...f.range.end, character: f.range.end.character - (f.range.end.line === 0 ? 1 : 0) },
        },
      });
    assert.deepStrictEqual(marked.map(shift), plain.map(span));
    assert.deepStrictEqual(
      marked.map((f) => f.ruleId),
      plain.map((f) => f.ruleId),
    );
  });

  it('stays the first character when a fix inserts a line before the first instruction', () => {
    for (const text of [
      `${BOM}EXPOSE 22\nFROM alpine\n`,
      `${BOM}FROM alpine\nFROM alpine AS b\nUSER root\n`,
      `${BOM}EXPOSE 22\n`,
    ]) {
      const findings = dockerfile(text);
      assertInsideAsLspCounts(text, findings);
      for (const fix of findings.flatMap((f) => f.fixes))
        assert.ok(
          applyEdits(text, fix.edits).startsWith(BOM),
          `${fix.title}: ${JSON.stringify(applyEdits(text, fix.edits))}`,
        );
    }
    const composeText = `${BOM}services:\n  web:\n    image: nginx:1.27\n    privileged: true\n`;
    const findings = compose(composeText);
    assert.ok(findings.some((f) => f.ruleId === 'compose-privileged'));
    assertInsideAsLspCounts(composeText, findings);
  });
});

describe('characters outside the basic plane', () => {
  it('count as two UTF-16 units before a finding on the same line', () => {
    const findings = dockerfile('FROM alpine:3.20\nRUN echo "😀𠀀" && curl -k https://x\n');
    // `RUN echo "` is 10 units, the emoji and the CJK extension character two each, then `" && curl ` 10 more.
    assert.deepStrictEqual(findings.filter((f) => f.ruleId === 'tls-verification-disabled').map(span), ['2:25-2:27']);
    const composeFindings = compose(
      'services:\n  web:\n    image: nginx:1.27\n    labels: {note: "😀"}\n    privileged: true\n    environment: {E: "😀", DB_PASSWORD: hunter2}\n',
    );
    assert.deepStrictEqual(composeFindings.filter((f) => f.ruleId === 'compose-privileged').map(span), ['5:17-5:21']);
    const secret = composeFindings.find((f) => f.ruleId === 'compose-secret-in-environment');
    assert.ok(
      secret && secret.range.start.line === 5 && secret.range.start.character >= 'environment: {E: "😀", '.length + 4,
    );
  });

  it('are never split by a range, even where the YAML parser points at half of one', () => {
    for (const text of [
      'services:\n  app:\n    image: 😀restart: always\n',
      'services:\n  app:\n    image: alpine\n    volumes:\n      - target: 😀      bind:\n',
    ]) {
      const findings = compose(text);
      assert.ok(findings.some((f) => f.ruleId === 'syntax-error'));
      assertInsideAsLspCounts(text, findings);
    }
  });
});

describe('the final position check', () => {
  it('finds nothing to repair in any rule example, in any line ends', () => {
    for (const eol of Object.values(LINE_ENDS)) {
      for (const text of DOCKERFILES.map((t) => withLineEnds(t, eol)))
        assert.deepStrictEqual(documentProblems(new LineIndex(text), dockerfile(text)), []);
      for (const text of COMPOSE_FILES.map((t) => withLineEnds(t, eol)))
        assert.deepStrictEqual(documentProblems(new LineIndex(text), compose(text)), []);
    }
  });

  it('clamps a range outside the document, drops a fix that would edit outside it, and says so', () => {
    const lines = new LineIndex('FROM a\r\nRUN 😀\r\n');
    const outside: Finding = {
      ruleId: 'x',
      concern: null,
      severity: 'info',
      message: 'm',
      range: { start: { line: 1, character: 5 }, end: { line: 0, character: 40 } },
      fixes: [
        {
          title: 'bad',
          edits: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: 'x' }],
        },
        {
          title: 'overlapping',
          edits: [0, 1].map(() => ({
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
            newText: 'y',
          })),
        },
        {
          title: 'good',
          edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'CMD' }],
        },
      ],
    };
    const repairs: string[] = [];
    const [repaired] = keepInsideDocument(lines, [outside], (problem) => repairs.push(problem));
    assert.deepStrictEqual(repaired.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } });
    assert.deepStrictEqual(
      repaired.fixes.map((f) => f.title),
      ['good'],
    );
    assert.strictEqual(repairs.length, 3);
    assert.match(repairs.join('\n'), /splits a surrogate pair|outside line/);
    const inside = {
      ...outside,
      range: { start: { line: 0, character: 0 }, end: { line: 1, character: 6 } },
      fixes: [],
    };
    assert.strictEqual(keepInsideDocument(lines, [inside], () => assert.fail('nothing to repair'))[0], inside);
  });
});

describe('nesting limit', () => {
  const deep = {
    'flow sequences': (n: number) =>
      `services:\n  a:\n    image: x\n    x: ${'['.repeat(n)}${']'.repeat(n)}\n  b:\n    privileged: true\n`,
    'flow mappings': (n: number) =>
      `services:\n  a:\n    image: x\n    x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n  b:\n    privileged: true\n`,
    'compact sequences': (n: number) =>
      `services:\n  a:\n    x:\n      ${'- '.repeat(n)}1\n  b:\n    privileged: true\n`,
    'block mappings': (n: number) =>
      `services:\n  b:\n    privileged: true\n  a:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(4 + i)}k:`).join('\n')} 1\n`,
    'an unclosed flow sequence': (n: number) =>
      `services:\n  a:\n    x: ${'['.repeat(n)}\n  b:\n    privileged: true\n`,
  };

  for (const [name, make] of Object.entries(deep)) {
    it(`reports ${name} nested past ${MAX_YAML_NESTING} levels once, where the limit is crossed, the same segmented or whole`, () => {
      // Block mappings grow quadratically: 50,000 levels would be gigabytes.
      for (const depth of name === 'block mappings'
        ? [MAX_YAML_NESTING + 5, 1500]
        : [MAX_YAML_NESTING + 5, 5000, 50000]) {
        const text = make(depth);
        const fresh = compose(text);
        assert.deepStrictEqual(
          fresh.map((f) => [f.ruleId, f.concern]),
          [['syntax-error', null]],
          name,
        );
        assert.match(fresh[0].message, /nested more than 200 levels/);
        const offset = nestingBeyond(text)!;
        assert.deepStrictEqual(fresh[0].range.start, new LineIndex(text).positionAt(offset));
        const cache = new AnalysisCache(new DockerfileParseCache(), new ComposeParseCache(0));
        assert.deepStrictEqual(
          compose(make(3), cache).filter((f) => f.ruleId === 'syntax-error' && /nested/.test(f.message)),
          [],
        );
        assert.deepStrictEqual(compose(text, cache), fresh);
        assert.ok(
          compose(make(3), cache).some((f) => f.ruleId === 'compose-privileged'),
          'analysed again once the nesting is back to normal',
        );
      }
    });
  }

  it('parses files nested up to the limit as usual', () => {
    const findings = compose(deep['flow sequences'](MAX_YAML_NESTING - 10));
    assert.ok(findings.some((f) => f.ruleId === 'compose-privileged'));
    assert.ok(!findings.some((f) => f.ruleId === 'syntax-error'));
  });

  it('never counts fewer levels than the parser builds', () => {
    const text =
      'services:\n  a:\n    x:\n    - - [ {a: [1, "]]]"]} ]\n    - k:\n        - "[[["\n    y: |\n      [[[[[\n    z: \'it\'\'s [\'\n';
    // services > a > x > seq > seq > [ > { > [ : eight levels.
    assert.ok(nestingBeyond(text, 7) !== null);
    assert.strictEqual(nestingBeyond(text, 12), null, 'quoted and block-scalar brackets are text');
  });

  it('leaves out another file of the project nested past the limit, and says so', () => {
    const files = { '/p/compose.override.yaml': `services:\n  web:\n    x: ${'['.repeat(5000)}\n` };
    const findings = analyze('services:\n  web:\n    image: nginx:1.27\n', {
      path: '/p/compose.yaml',
      files: reader(files),
    }).findings;
    assert.ok(
      findings.some((f) => f.ruleId !== 'syntax-error' && /compose\.override\.yaml nests deeper/.test(f.message)),
      JSON.stringify(findings.map((f) => f.message)),
    );
  });

  it('takes deeply nested JSON-form instructions and thousands of heredocs in a Dockerfile in its stride', () => {
    const json = `FROM alpine\nRUN ${'['.repeat(20000)}"x"${']'.repeat(20000)}\nCMD ${'['.repeat(20000)}\nUSER root\n`;
    assert.ok(dockerfile(json).some((f) => f.ruleId === 'root-user'));
    const names = Array.from({ length: 3000 }, (_, i) => `E${i}`);
    const heredocs = `FROM alpine\nRUN ${names.map((n) => `<<${n}`).join(' ')}\n${names.map((n) => `x\n${n}`).join('\n')}\nUSER root\n`;
    const findings = dockerfile(heredocs);
    assert.ok(findings.some((f) => f.ruleId === 'root-user') && !findings.some((f) => f.ruleId === 'internal-error'));
  });
});

describe('unterminated heredocs while typing', () => {
  it('never fail the cached analysis, and give what a fresh one gives', () => {
    const versions = [
      'FROM alpine:3.20\nRUN <<EOF\nFROM node\nUSER root\nRUN --mount=type=cache,target=/x <<EOT\nEXPOSE 22\n',
      'FROM alpine:3.20\nRUN <<EOF\nFROM node\nEOF\nUSER root\nRUN --mount=type=cache,target=/x <<EOT\nEXPOSE 22\n',
      'FROM alpine:3.20\nRUN <<EOF <<EOT\nFROM node\nEOF\nUSER root\nRUN --mount=type=cache,target=/x <<EOT\nEXPOSE 22\nEOT\n',
      'FROM alpine:3.20\nRUN <<EOF\r\nFROM node\rEOF\nUSER root\nRUN --mount=type=cache,target=/x <<EOT\nEXPOSE 22\n',
      'FROM alpine:3.20\nONBUILD RUN <<EOF\nUSER root\nCOPY <<A /a\nEXPOSE 22\n',
    ];
    const cache = new AnalysisCache(new DockerfileParseCache(1, 0));
    for (const text of [...versions, ...versions.reverse()]) {
      const cached = analyze(text, { kind: 'dockerfile', cache }).findings;
      assert.ok(!cached.some((f) => f.ruleId === 'internal-error'), JSON.stringify(cached));
      assert.deepStrictEqual(cached, dockerfile(text));
    }
  });

  it('keep a parsed instruction answering the same whichever of its arguments is asked for first', () => {
    const [from, run] = buildDockerfileModel(
      'FROM --platform=linux/amd64 alpine AS b\nRUN --mount=type=cache,target=/x echo $HOME\n',
    ).instructions;
    for (const instruction of [from, run]) {
      // dockerfile-ast declares getRawArguments private; its own methods call it.
      const node = instruction.node as unknown as {
        getRawArguments(): { getValue(): string }[];
        getArguments(): { getValue(): string }[];
      };
      const raw = node.getRawArguments().map((a) => a.getValue());
      node.getArguments();
      assert.deepStrictEqual(
        node.getRawArguments().map((a) => a.getValue()),
        raw,
      );
      assert.ok(raw[0].startsWith('--'), 'the flag is a raw argument');
      assert.ok(!node.getArguments()[0].getValue().startsWith('--'), 'but not an argument');
    }
  });
});
