/**
 * inline-secret — a RUN, CMD, ENTRYPOINT, HEALTHCHECK or LABEL hard-codes a
 * credential: a known token format, a password in a URL, a password option
 * (`--password=...`, `mysql -pSECRET`, `sshpass -p`), `user:pass | chpasswd`,
 * or a secret-named variable assigned a literal. The instruction text is
 * stored in the image history, so the credential ships with the image.
 */
import { concern } from '../../concerns';
import { commandsOf } from '../../dockerfile/commands';
import type { DockerInstruction, DockerfileModel } from '../../dockerfile/model';
import { propertiesOf } from '../../dockerfile/model';
import { programIndex, programName, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import {
  findSecretValues,
  isNonSecretValue,
  isPlaceholder,
  isSecretName,
  isVariableReference,
  quote,
} from '../../knowledge/secrets';
import type { Range } from '../../types';
import { PASSWORD_SHORT_OPTION, SECRET_OPTIONS } from '../../knowledge/credential-options';
import { dockerfileRule, type JapaneseTables, type RuleContext } from '../rule';
import { rangeInInstruction, stageSubject, wordRange } from './helpers';
import { secretKindJa } from '../../knowledge/japanese-phrases';

function isLiteralSecret(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed.length >= 3 &&
    !isVariableReference(trimmed) &&
    !trimmed.startsWith('$') &&
    !isPlaceholder(trimmed) &&
    !trimmed.startsWith('/run/secrets')
  );
}

/** Credentials given as command options or assignments in one simple command. */
function secretWordsIn(command: SimpleCommand): { word: ShellWord; what: string; start?: number }[] {
  const found: { word: ShellWord; what: string; start?: number }[] = [];
  const words = command.words;
  const program = programName(command);
  const programAt = programIndex(command);
  // Asked per word before, which made a long run of assignments quadratic.
  const exported = programName(command, false) === 'export';
  for (let i = 0; i < words.length; i++) {
    const value = words[i].value;
    const assignment = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
    if (
      assignment &&
      (i < programAt || exported) &&
      isSecretName(assignment[1]) &&
      isLiteralSecret(assignment[2]) &&
      !isNonSecretValue(assignment[1], assignment[2])
    ) {
      found.push({ word: words[i], what: `a literal value for ${quote(assignment[1])}` });
      continue;
    }
    if (i <= programAt) continue;
    const option = /^(--?[A-Za-z][\w-]*)(=(.*))?$/s.exec(value);
    if (option && SECRET_OPTIONS.test(option[1])) {
      const inline = option[3];
      if (inline !== undefined) {
        if (isLiteralSecret(inline)) found.push({ word: words[i], what: `a literal ${quote(option[1])} value` });
      } else if (
        i + 1 < words.length &&
        !words[i + 1].value.startsWith('-') &&
        isLiteralSecret(words[i + 1].value) &&
        !option[1].endsWith('stdin')
      ) {
        found.push({ word: words[i + 1], what: `a literal ${quote(option[1])} value` });
      }
      continue;
    }
    const shortStyle = PASSWORD_SHORT_OPTION.get(program);
    if (shortStyle === 'attached' && /^-p.+/.test(value) && isLiteralSecret(value.slice(2))) {
      found.push({ word: words[i], what: `a literal ${quote(program)} password` });
    } else if (
      shortStyle === 'separate' &&
      value === '-p' &&
      i + 1 < words.length &&
      isLiteralSecret(words[i + 1].value)
    ) {
      found.push({ word: words[i + 1], what: `a literal ${quote(program)} password` });
    }
    if (program === 'curl' && (value === '-u' || value === '--user') && i + 1 < words.length) {
      const credentials = words[i + 1].value;
      const colon = credentials.indexOf(':');
      if (colon > 0 && isLiteralSecret(credentials.slice(colon + 1)))
        found.push({ word: words[i + 1], what: 'a literal user:password' });
    }
    if (
      /^(-pass(in|out)?|-passin|-passout)$/.test(value) &&
      i + 1 < words.length &&
      /^pass:/.test(words[i + 1].value) &&
      isLiteralSecret(words[i + 1].value.slice(5))
    ) {
      found.push({ word: words[i + 1], what: 'a literal OpenSSL pass phrase' });
    }
    // Blanks, then an optional scheme and more blanks: `\s*(...)?\s*` split a long run of blanks in every way.
    if (/^(authorization|x-api-key|private-token|x-auth-token):\s*(?:(bearer|token|basic)\s*)?\S/i.test(value)) {
      const secret = value.replace(/^[^:]+:\s*(bearer|token|basic)?\s*/i, '');
      if (isLiteralSecret(secret)) found.push({ word: words[i], what: 'a literal credential in an HTTP header' });
    }
    if (/(^|:)_(auth|authToken|password)=/.test(value)) {
      const secret = value.slice(value.indexOf('=') + 1);
      if (isLiteralSecret(secret)) found.push({ word: words[i], what: 'a literal npm registry credential' });
    }
  }
  return found;
}

/** Options of `openssl passwd` that take a value; `-stdin` and `-in` read the password from elsewhere. */
const OPENSSL_PASSWD_VALUE_OPTIONS = new Set(['-salt', '-in']);

/**
 * A literal password hashed by `openssl passwd` in the command line
 * (`useradd -p "$(openssl passwd -6 hunter2)"`): the hash is computed at
 * build time, the literal stays in the image history. `words`: the
 * arguments after `passwd`, quotes removed.
 */
function opensslPasswdLiteral(words: string[]): boolean {
  if (words.includes('-stdin') || words.includes('-in')) return false;
  for (let i = 0; i < words.length; i++) {
    if (OPENSSL_PASSWD_VALUE_OPTIONS.has(words[i])) i += 1;
    else if (!words[i].startsWith('-')) return isLiteralSecret(words[i]);
  }
  return false;
}

/** `$(openssl passwd ... )` or backquotes inside a word, with a literal password. */
function hashesLiteralInline(value: string): boolean {
  // `$(echo docker | openssl passwd -1 -stdin)`: the literal comes through the pipe.
  const piped = /(?:\$\(|`)\s*(?:echo|printf)\s+(?:-\S+\s+)*(['"]?)([^'"\s|`)]+)\1\s*\|\s*openssl\s+passwd\b/.exec(
    value,
  );
  if (piped && isLiteralSecret(piped[2])) return true;
  const inner = /(?:\$\(|`)\s*openssl\s+passwd\b([^)`]*)/.exec(value)?.[1];
  return (
    inner !== undefined &&
    opensslPasswdLiteral(
      inner
        .trim()
        .split(/\s+/)
        .map((w) => w.replace(/^(['"])(.*)\1$/, '$2')),
    )
  );
}

/** `openssl passwd LITERAL` as a command, or inside a word of one (`useradd -p "$(openssl passwd -6 x)"`). */
function hashedPasswords(command: SimpleCommand): ShellWord[] {
  const args = command.words.slice(programIndex(command) + 1);
  if (
    programName(command) === 'openssl' &&
    args[0]?.value === 'passwd' &&
    opensslPasswdLiteral(args.slice(1).map((w) => w.value))
  )
    return [
      args[
        args.findIndex(
          (w, i) => i > 0 && !w.value.startsWith('-') && !OPENSSL_PASSWD_VALUE_OPTIONS.has(args[i - 1].value),
        )
      ],
    ];
  return command.words.filter((word) => word.value.includes('openssl') && hashesLiteralInline(word.value));
}

/** `echo user:password | chpasswd`, `chpasswd <<< user:password` and the like: the literal fed to chpasswd. */
function chpasswdInput(commands: SimpleCommand[]): ShellWord[] {
  const words: ShellWord[] = [];
  for (const command of commands) {
    if (programName(command) !== 'chpasswd') continue;
    const at = command.words.findIndex((word) => word.value === '<<<');
    const input = at === -1 ? undefined : command.words[at + 1];
    const colon = input?.value.indexOf(':') ?? -1;
    if (input && colon > 0 && isLiteralSecret(input.value.slice(colon + 1))) words.push(input);
  }
  commands.forEach((command, index) => {
    if (programName(command) !== 'chpasswd' || index === 0) return;
    const feeder = commands[index - 1];
    if (feeder.pipeline !== command.pipeline || !['echo', 'printf'].includes(programName(feeder))) return;
    for (const word of feeder.words.slice(programIndex(feeder) + 1)) {
      const colon = word.value.indexOf(':');
      if (colon > 0 && isLiteralSecret(word.value.slice(colon + 1))) words.push(word);
    }
  });
  return words;
}

function reportValuePatterns({ model, report }: Context, instruction: DockerInstruction, seen: Range[]): void {
  const text = instruction.flatText;
  for (const match of findSecretValues(text.slice(instruction.argumentsOffset))) {
    const start = instruction.argumentsOffset + match.start;
    const range = rangeInInstruction(model, instruction, start, instruction.argumentsOffset + match.end);
    seen.push(range);
    report(
      range,
      'secretValue',
      { keyword: instruction.keyword, secret: match.description },
      { subject: stageSubject(model, instruction.stage) },
    );
  }
}

/**
 * Whether a range overlaps one of a fixed set of ranges on its start line
 * (the value-pattern matches of one instruction): sorted once, then a
 * binary search per question, instead of comparing with every match.
 */
class RangeSet {
  private readonly byLine = new Map<number, { starts: number[]; maxEnds: number[] }>();

  constructor(ranges: readonly Range[]) {
    const lines = new Map<number, Range[]>();
    for (const range of ranges) {
      const list = lines.get(range.start.line) ?? [];
      list.push(range);
      lines.set(range.start.line, list);
    }
    for (const [line, list] of lines) {
      list.sort((a, b) => a.start.character - b.start.character);
      const maxEnds: number[] = [];
      for (const range of list) maxEnds.push(Math.max(maxEnds[maxEnds.length - 1] ?? -Infinity, range.end.character));
      this.byLine.set(line, { starts: list.map((r) => r.start.character), maxEnds });
    }
  }

  /** Same test as before: same start line, and the character spans intersect. */
  overlaps(range: Range): boolean {
    const entry = this.byLine.get(range.start.line);
    if (!entry) return false;
    // The last range starting before this one ends; some range up to it must end after this one starts.
    let low = 0;
    let high = entry.starts.length - 1;
    let last = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (entry.starts[mid] < range.end.character) {
        last = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return last !== -1 && entry.maxEnds[last] > range.start.character;
  }
}

const messages = {
  label: (p: { name: string }) =>
    `LABEL ${p.name} holds a literal secret (value hidden); labels are readable by anyone who can pull the image.`,
  /** `secret`: what the value looks like (`a GitHub token`...). */
  secretValue: (p: { keyword: string; secret: string }) =>
    `${p.keyword} contains ${p.secret} (value hidden). ` +
    'It is stored in the image history; pass it with RUN --mount=type=secret or at run time.',
  chpasswd: () =>
    'A literal user:password is piped to chpasswd (value hidden): it is stored in the image history. ' +
    'Create accounts without passwords, or read the password from a build secret.',
  /** `what`: how the credential is given (`a literal "--password" value`...). */
  secretWord: (p: { keyword: string; what: string }) =>
    `${p.keyword} passes ${p.what} (value hidden): it is stored in the image history. ` +
    'Read it from a build secret (RUN --mount=type=secret) or supply it at run time.',
};

const fixTitles = {};

/** How a credential is given (`a literal "--password" value`), in Japanese. */
function givenJa(what: string): string {
  const literal = /^a literal (?:value for )?(.+?)(?: (value|password))?$/.exec(what);
  if (what === 'a literal user:password') return 'user:password をそのまま';
  if (what === 'a literal OpenSSL pass phrase') return 'OpenSSL のパスフレーズをそのまま';
  if (what === 'a literal credential in an HTTP header') return 'HTTP ヘッダーの認証情報をそのまま';
  if (what === 'a literal npm registry credential') return 'npm レジストリの認証情報をそのまま';
  if (!literal) return what;
  return `${literal[1]} の${literal[2] === 'password' ? 'パスワード' : '値'}をそのまま`;
}

const ja: JapaneseTables<typeof messages, typeof fixTitles> = {
  messages: {
    label: (p) =>
      `LABEL ${p.name} に秘密情報がそのまま書かれています(値は伏せています)。ラベルはイメージを pull できる誰もが読めます。`,
    secretValue: (p) =>
      `${p.keyword} に ${secretKindJa(p.secret)} が含まれています(値は伏せています)。` +
      'イメージの履歴に残ります。RUN --mount=type=secret か実行時に渡してください。',
    chpasswd: () =>
      'user:password がそのまま chpasswd にパイプされています(値は伏せています)。イメージの履歴に残ります。' +
      'パスワードなしでアカウントを作るか、パスワードをビルドシークレットから読んでください。',
    secretWord: (p) =>
      `${p.keyword} は ${givenJa(p.what)}渡しています(値は伏せています)。イメージの履歴に残ります。` +
      'ビルドシークレット(RUN --mount=type=secret)から読むか、実行時に渡してください。',
  },
  fixTitles: {},
};

/** What this rule's helpers get. */
type Context = RuleContext<DockerfileModel, typeof messages, typeof fixTitles>;

export const inlineSecret = dockerfileRule({
  meta: {
    id: 'inline-secret',
    concern: concern('df.secret.inline').id,
    severity: 'error',
    title: 'A command hard-codes a credential',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:3.20\nRUN wget --password=s3cr3t-value https://example.com/pkg.tgz\nUSER 65532\n',
      good:
        'FROM alpine:3.20\n' +
        'RUN --mount=type=secret,id=dl_password' +
        ' wget --password="$(cat /run/secrets/dl_password)" https://example.com/pkg.tgz\n' +
        'USER 65532\n',
    },
  },
  messages,
  fixTitles,
  ja,
  check(context) {
    const { model, report } = context;
    for (const instruction of model.instructions) {
      const keyword = instruction.keyword;
      if (keyword === 'LABEL') {
        for (const property of propertiesOf(instruction.node)) {
          const value = property.getValue();
          const range = property.getValueRange();
          if (
            value &&
            range &&
            isSecretName(property.getName()) &&
            isLiteralSecret(value) &&
            !isNonSecretValue(property.getName(), value)
          ) {
            report(
              range,
              'label',
              { name: quote(property.getName()) },
              { subject: stageSubject(model, instruction.stage) },
            );
          }
        }
      }
      if (!['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'LABEL', 'ONBUILD'].includes(keyword)) continue;
      const reported: Range[] = [];
      reportValuePatterns(context, instruction, reported);
      if (keyword === 'LABEL') continue;
      const patternRanges = new RangeSet(reported);
      // Words are reported in order and never overlap one another: only the same word again can.
      const reportedWords = new Set<number>();
      const overlaps = (range: Range, word?: ShellWord): boolean =>
        (word !== undefined && reportedWords.has(word.start)) || patternRanges.overlaps(range);
      const commands = commandsOf(instruction);
      for (const word of chpasswdInput(commands)) {
        const range = wordRange(model, instruction, word);
        if (!overlaps(range)) report(range, 'chpasswd', {}, { subject: stageSubject(model, instruction.stage) });
      }
      for (const command of commands) {
        for (const word of hashedPasswords(command)) {
          const range = wordRange(model, instruction, word);
          if (overlaps(range, word)) continue;
          reportedWords.add(word.start);
          const what = 'a literal password to openssl passwd';
          report(range, 'secretWord', { keyword, what }, { subject: stageSubject(model, instruction.stage) });
        }
        for (const { word, what } of secretWordsIn(command)) {
          const range = wordRange(model, instruction, word);
          if (overlaps(range, word)) continue;
          reportedWords.add(word.start);
          report(range, 'secretWord', { keyword, what }, { subject: stageSubject(model, instruction.stage) });
        }
      }
    }
  },
});
