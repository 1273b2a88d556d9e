/**
 * Specification of the Dockerfile fixer API (core/dockerfile/dockerfile-edits.ts):
 * each case is a Dockerfile, one operation and the exact text it gives. Every
 * result is re-parsed by dockerfile-ast (instruction count, and exec form
 * still a valid JSON array where it was one), and the same operation on the
 * result gives no edit.
 */
import * as assert from 'assert';
import { DockerfileParser, JSONInstruction } from 'dockerfile-ast';
import { commandsOf } from '../../server/src/core/dockerfile/commands';
import {
  execElements,
  insertFlag,
  insertInstruction,
  insertWord,
  removeCommand,
  removeInstruction,
  removeWord,
  replaceInstruction,
  requireDockerfileSyntax,
} from '../../server/src/core/dockerfile/dockerfile-edits';
import {
  buildDockerfileModel,
  type DockerInstruction,
  type DockerfileModel,
} from '../../server/src/core/dockerfile/model';
import { applyEdits } from '../../server/src/core/edits';
import { withLineFeeds } from '../../server/src/core/text';
import type { TextEdit } from '../../server/src/core/types';
import { cr, crlf, text } from '../helpers/edit-specs';

type Operation = (model: DockerfileModel) => TextEdit[] | null;

interface Case {
  name: string;
  input: string;
  operation: Operation;
  output: string | null;
  /** Instructions in the output. */
  instructions: number;
  /** Index of an instruction that must be in exec form (a JSON array) in the output. */
  exec?: number;
  /** False where the words are read back only approximately (escapes inside an exec-form script). */
  twice?: false;
}

/** The first instruction with this keyword (and, given, text containing `has`). */
const find = (model: DockerfileModel, keyword: string, has = ''): DockerInstruction | undefined =>
  model.instructions.find((i) => i.keyword === keyword && i.text.includes(has));

/** An instruction's word of that value, and an operation on it; no edit when there is none. */
const onWord =
  (
    keyword: string,
    value: string,
    change: (
      m: DockerfileModel,
      i: DockerInstruction,
      w: { value: string; start: number; end: number },
    ) => TextEdit[] | null,
  ): Operation =>
  (model) => {
    const instruction = find(model, keyword);
    const word =
      instruction &&
      commandsOf(instruction)
        .flatMap((c) => c.words)
        .find((w) => w.value === value);
    return instruction && word ? change(model, instruction, word) : [];
  };

function specify(cases: Case[]): void {
  for (const { name, input, operation, output, instructions, exec, twice } of cases) {
    it(name, () => {
      const edits = operation(buildDockerfileModel(input));
      const result = edits === null ? null : applyEdits(input, edits);
      assert.strictEqual(result, output);
      if (result === null) return;
      const parsed = DockerfileParser.parse(withLineFeeds(result)).getInstructions();
      assert.strictEqual(parsed.length, instructions, 'instruction count');
      if (exec !== undefined) {
        const instruction = parsed[exec] as JSONInstruction;
        assert.ok(instruction.getClosingBracket() !== null, `exec form: ${result}`);
        assert.ok(execElements(buildDockerfileModel(result).instructions[exec]), `a JSON array: ${result}`);
      }
      if (twice !== false) assert.deepStrictEqual(operation(buildDockerfileModel(result)), [], 'twice is once');
    });
  }
}

describe('dockerfile-edits: instructions', () => {
  specify([
    {
      name: 'inserts a line before an instruction, at its indentation',
      input: text`
        FROM node:20
        # install
          RUN npm ci
      `,
      operation: (m) => insertInstruction(m, find(m, 'RUN')!, 'USER node', 'before'),
      output: text`
        FROM node:20
        # install
          USER node
          RUN npm ci
      `,
      instructions: 3,
    },
    {
      name: 'inserts a line after an instruction and its continuation lines',
      input: text`
        FROM debian
        RUN apt-get update && \
            apt-get install -y curl
        CMD ["curl"]
      `,
      operation: (m) => insertInstruction(m, find(m, 'RUN')!, 'USER 65532', 'after'),
      output: text`
        FROM debian
        RUN apt-get update && \
            apt-get install -y curl
        USER 65532
        CMD ["curl"]
      `,
      instructions: 4,
    },
    {
      name: 'inserts after a heredoc body',
      input: text`
        FROM alpine
        RUN <<EOF
        adduser -D app
        EOF
      `,
      operation: (m) => insertInstruction(m, find(m, 'RUN')!, 'USER app', 'after'),
      output: text`
        FROM alpine
        RUN <<EOF
        adduser -D app
        EOF
        USER app
      `,
      instructions: 3,
    },
    {
      name: 'inserts after the last line when it has no line break',
      input: 'FROM alpine\nRUN true',
      operation: (m) => insertInstruction(m, find(m, 'RUN')!, 'USER 65532', 'after'),
      output: 'FROM alpine\nRUN true\nUSER 65532',
      instructions: 3,
    },
    {
      name: 'declines to insert after a dangling continuation, which the new line would join',
      input: 'FROM alpine\nRUN true \\\n',
      operation: (m) => insertInstruction(m, find(m, 'RUN')!, 'USER 65532', 'after'),
      output: null,
      instructions: 2,
    },
    {
      name: 'inserts CRLF lines in a CRLF file',
      input: crlf('FROM alpine\nRUN true\n'),
      operation: (m) => insertInstruction(m, find(m, 'RUN')!, 'USER 65532', 'after'),
      output: crlf('FROM alpine\nRUN true\nUSER 65532\n'),
      instructions: 3,
    },
    {
      name: 'inserts CR lines in a lone-CR file',
      input: cr('FROM alpine\nRUN true\n'),
      operation: (m) => insertInstruction(m, find(m, 'RUN')!, 'USER 65532', 'before'),
      output: cr('FROM alpine\nUSER 65532\nRUN true\n'),
      instructions: 3,
    },
    {
      name: 'keeps a byte order mark first',
      input: '\ufeffFROM alpine\n',
      operation: (m) => insertInstruction(m, find(m, 'FROM')!, 'ARG TAG=3.20', 'before'),
      output: '\ufeffARG TAG=3.20\nFROM alpine\n',
      instructions: 2,
    },
    {
      name: 'replaces an instruction with its continuation lines, in the document line break',
      input: crlf('FROM alpine\nUSER root\nRUN a \\\n  b\n'),
      operation: (m) => {
        const run = find(m, 'RUN');
        return run ? replaceInstruction(m, run, 'RUN --network=none a \\\n  b') : [];
      },
      output: crlf('FROM alpine\nUSER root\nRUN --network=none a \\\n  b\n'),
      instructions: 3,
    },
    {
      name: 'removes an instruction with its continuation lines; comments above stay',
      input: text`
        FROM alpine
        # why root
        USER root
        RUN a \
          # inside
          b
        CMD ["sh"]
      `,
      operation: (m) => {
        const run = find(m, 'RUN');
        return run ? removeInstruction(m, run) : [];
      },
      output: text`
        FROM alpine
        # why root
        USER root
        CMD ["sh"]
      `,
      instructions: 3,
    },
    {
      name: 'removes the last instruction of a file without a final line break',
      input: 'FROM alpine\nUSER root',
      operation: (m) => {
        const user = find(m, 'USER');
        return user ? removeInstruction(m, user) : [];
      },
      output: 'FROM alpine',
      instructions: 1,
    },
    {
      name: 'inserts a flag after the keyword, before the flags already there',
      input: 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n',
      operation: (m) => insertFlag(m, find(m, 'RUN')!, '--mount=type=secret,id=npmrc,target=/root/.npmrc'),
      output:
        'FROM node:20\n' +
        'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=cache,target=/root/.npm npm ci\n',
      instructions: 2,
    },
  ]);
});

describe('dockerfile-edits: words of RUN, CMD and ENTRYPOINT', () => {
  const NO_RECOMMENDS = '--no-install-recommends';
  specify([
    {
      name: 'shell form: inserts a word after another',
      input: 'FROM debian\nRUN apt-get update && apt-get install -y curl\n',
      operation: onWord('RUN', 'install', (m, i, w) => insertWord(m, i, w, NO_RECOMMENDS, 'after')),
      output: 'FROM debian\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
      instructions: 2,
    },
    {
      name: 'shell form: inserts before a word on a continuation line',
      input: text`
        FROM debian
        RUN apt-get install -y \
              curl
      `,
      operation: onWord('RUN', 'curl', (m, i, w) => insertWord(m, i, w, NO_RECOMMENDS, 'before')),
      output: text`
        FROM debian
        RUN apt-get install -y \
              --no-install-recommends curl
      `,
      instructions: 2,
    },
    {
      name: 'shell form: quotes a word the shell would split',
      input: 'FROM debian\nRUN echo hi\n',
      operation: onWord('RUN', 'echo', (m, i, w) => insertWord(m, i, w, "it's here", 'after')),
      output: "FROM debian\nRUN echo 'it'\\''s here' hi\n",
      instructions: 2,
    },
    {
      name: 'exec form: inserts a JSON string element',
      input: 'FROM debian\nRUN ["apt-get", "install", "-y", "curl"]\n',
      operation: onWord('RUN', 'install', (m, i, w) => insertWord(m, i, w, NO_RECOMMENDS, 'after')),
      output: 'FROM debian\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\n',
      instructions: 2,
      exec: 1,
    },
    {
      name: 'exec form: inserts before an element, across a continuation',
      input: text`
        FROM debian
        RUN ["apt-get", "install", \
             "curl"]
      `,
      operation: onWord('RUN', 'curl', (m, i, w) => insertWord(m, i, w, NO_RECOMMENDS, 'before')),
      output: text`
        FROM debian
        RUN ["apt-get", "install", \
             "--no-install-recommends", "curl"]
      `,
      instructions: 2,
      exec: 1,
    },
    {
      name: 'exec form with sh -c: inserts into the script, JSON-escaped',
      input: 'FROM debian\nCMD ["sh", "-c", "apt-get install curl"]\n',
      operation: onWord('CMD', 'install', (m, i, w) => insertWord(m, i, w, 'a "b"', 'after')),
      output: 'FROM debian\nCMD ["sh", "-c", "apt-get install \'a \\"b\\"\' curl"]\n',
      instructions: 2,
      exec: 1,
      twice: false,
    },
    {
      name: 'exec form: removes the last element with the comma before it',
      input: 'FROM debian\nRUN ["apt-get", "install", "-y", "sudo"]\n',
      operation: onWord('RUN', 'sudo', (m, i, w) => removeWord(m, i, w)),
      output: 'FROM debian\nRUN ["apt-get", "install", "-y"]\n',
      instructions: 2,
      exec: 1,
    },
    {
      name: 'exec form: removes the first element with the comma after it',
      input: 'FROM debian\nENTRYPOINT ["sudo", "-E", "/app"]\n',
      operation: onWord('ENTRYPOINT', 'sudo', (m, i, w) => removeWord(m, i, w)),
      output: 'FROM debian\nENTRYPOINT ["-E", "/app"]\n',
      instructions: 2,
      exec: 1,
    },
    {
      name: 'exec form with sh -c: removes a word inside the script',
      input: 'FROM debian\nRUN ["/bin/sh", "-c", "apt-get install -y sudo curl"]\n',
      operation: onWord('RUN', 'sudo', (m, i, w) => removeWord(m, i, w)),
      output: 'FROM debian\nRUN ["/bin/sh", "-c", "apt-get install -y curl"]\n',
      instructions: 2,
      exec: 1,
    },
    {
      name: "HEALTHCHECK's exec form: removes an element of the command after CMD",
      input: 'FROM debian\nHEALTHCHECK --interval=30s CMD ["curl", "-k", "-f", "https://localhost/"]\n',
      operation: onWord('HEALTHCHECK', '-k', (m, i, w) => removeWord(m, i, w)),
      output: 'FROM debian\nHEALTHCHECK --interval=30s CMD ["curl", "-f", "https://localhost/"]\n',
      instructions: 2,
    },
    {
      name: 'shell form: removes a word with the blank before it',
      input: 'FROM debian\nRUN apt-get install -y sudo curl && echo done\n',
      operation: onWord('RUN', 'sudo', (m, i, w) => removeWord(m, i, w)),
      output: 'FROM debian\nRUN apt-get install -y curl && echo done\n',
      instructions: 2,
    },
    {
      name: 'shell form: removes a word alone on a continuation line, with its line',
      input: text`
        FROM debian
        RUN apt-get install -y \
            sudo \
            curl
        USER 65532
      `,
      operation: onWord('RUN', 'sudo', (m, i, w) => removeWord(m, i, w)),
      output: text`
        FROM debian
        RUN apt-get install -y \
            curl
        USER 65532
      `,
      instructions: 3,
    },
    {
      name: 'shell form: removes the last continuation line with the backslash before it, so nothing dangles',
      input: crlf('FROM debian\nRUN apt-get install -y \\\n    curl \\\n    sudo\nUSER 65532\n'),
      operation: onWord('RUN', 'sudo', (m, i, w) => removeWord(m, i, w)),
      output: crlf('FROM debian\nRUN apt-get install -y \\\n    curl\nUSER 65532\n'),
      instructions: 3,
    },
  ]);

  it('reads exec form as Docker does: a JSON array of strings, or else shell form', () => {
    const forms = [
      'HEALTHCHECK CMD ["a"]',
      'RUN ["a", "b"]',
      'RUN --mount=type=cache,target=/x ["a"]',
      'RUN []',
      'RUN ["a" "b"]',
      "RUN ['a']",
      'RUN [a]',
    ];
    const model = buildDockerfileModel(`FROM x\n${forms.join('\n')}\n`);
    assert.deepStrictEqual(
      model.instructions.slice(1).map((i) => execElements(i)?.length ?? null),
      [1, 2, 1, 0, null, null, null],
    );
  });
});

describe('dockerfile-edits: whole commands of a RUN', () => {
  /** Removes the command of the RUN that has a word of this value; no edit when there is none. */
  const withoutCommand =
    (value: string): Operation =>
    (model) => {
      const instruction = find(model, 'RUN', value);
      const command = instruction && commandsOf(instruction).find((c) => c.words.some((w) => w.value === value));
      return instruction && command ? removeCommand(model, instruction, command) : [];
    };
  specify([
    {
      name: 'removes a middle command with the && before it',
      input: 'FROM debian\nRUN apt-get update && apt-get install -y sudo && rm -rf /var/lib/apt/lists/*\n',
      operation: withoutCommand('sudo'),
      output: 'FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\n',
      instructions: 2,
    },
    {
      name: 'removes the first command with the && after it, across a CRLF continuation',
      input: crlf('FROM debian\nRUN apt-get install -y sudo \\\n && rm -rf /var/lib/apt/lists/*\n'),
      operation: withoutCommand('sudo'),
      output: crlf('FROM debian\nRUN rm -rf /var/lib/apt/lists/*\n'),
      instructions: 2,
    },
    {
      name: 'removes the instruction when the command is all it runs (exec form)',
      input: 'FROM alpine\nRUN ["apk", "add", "sudo"]\nUSER 65532\n',
      operation: withoutCommand('sudo'),
      output: 'FROM alpine\nUSER 65532\n',
      instructions: 2,
    },
    {
      name: 'inside an exec-form sh -c script, which stays a JSON array',
      input: 'FROM alpine\nRUN ["sh", "-c", "apk update && apk add sudo"]\n',
      operation: withoutCommand('sudo'),
      output: 'FROM alpine\nRUN ["sh", "-c", "apk update"]\n',
      instructions: 2,
      exec: 1,
    },
    {
      name: 'not next to || or inside a pipeline: what runs after it would run under another condition',
      input: 'FROM alpine\nRUN apk add sudo || true\n',
      operation: withoutCommand('sudo'),
      output: null,
      instructions: 2,
    },
    {
      name: 'not between unlike separators (a; b && c would become a && c)',
      input: 'FROM alpine\nRUN apk update; apk add sudo && true\n',
      operation: withoutCommand('sudo'),
      output: null,
      instructions: 2,
    },
  ]);
});

describe('dockerfile-edits: the syntax directive', () => {
  const needs16: Operation = (model) => requireDockerfileSyntax(model, 6);
  specify([
    {
      name: 'adds # syntax=docker/dockerfile:1 on the first line, after a byte order mark, above other directives',
      input: crlf('\ufeff# escape=`\nFROM alpine\n'),
      operation: needs16,
      output: crlf('\ufeff# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\n'),
      instructions: 1,
    },
    {
      name: 'none when the directive names a frontend with the syntax (1, 1.6 and later, labs)',
      input: '# syntax = docker/dockerfile:1.7-labs\nFROM alpine\n',
      operation: needs16,
      output: '# syntax = docker/dockerfile:1.7-labs\nFROM alpine\n',
      instructions: 1,
    },
    {
      name: 'null when it names an older or another frontend (the user chose it)',
      input: '# syntax=docker/dockerfile:1.4\nFROM alpine\n',
      operation: needs16,
      output: null,
      instructions: 1,
    },
    {
      name: 'a comment ends the directives: one below it is not read, so the line is added',
      input: '# build me\n# syntax=docker/dockerfile:1\nFROM alpine\n',
      operation: needs16,
      output: '# syntax=docker/dockerfile:1\n# build me\n# syntax=docker/dockerfile:1\nFROM alpine\n',
      instructions: 1,
    },
  ]);
});
