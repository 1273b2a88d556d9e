/**
 * package-signature-check-disabled — a package manager installs without
 * verifying signatures (apt --allow-unauthenticated, [trusted=yes],
 * yum/dnf --nogpgcheck or gpgcheck=0, rpm --nosignature, apk
 * --allow-untrusted, zypper --no-gpg-checks): a tampered package installs
 * silently.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { commandsOf } from '../../dockerfile/commands';
import { removeWord } from '../../dockerfile/dockerfile-edits';
import { programArguments, programName, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import { REMOVABLE_SIGNATURE_OPTIONS, SIGNATURE_CHECK_OFF } from '../../knowledge/package-managers';
import { dockerfileRule, fixOf } from '../rule';
import { stageSubject, wordRange } from './helpers';

function insecureWords(command: SimpleCommand): { word: ShellWord; removable: boolean }[] {
  const program = programName(command);
  const args = programArguments(command);
  const found: { word: ShellWord; removable: boolean }[] = [];
  const option = SIGNATURE_CHECK_OFF[program];
  if (option)
    for (const word of args)
      if (option.test(word.value)) found.push({ word, removable: REMOVABLE_SIGNATURE_OPTIONS.test(word.value) });
  // A set: comparing each argument with every option found was quadratic in a command with thousands of them.
  const seen = new Set(found.map((f) => f.word));
  for (const word of args) {
    if (seen.has(word)) continue;
    if (trustedInBrackets(word.value)) found.push({ word, removable: false });
    else if (/(^|[\s;=-])(gpgcheck|repo_gpgcheck|localpkg_gpgcheck)\s*=\s*(0|false|no)\b/i.test(word.value))
      found.push({ word, removable: false });
    else if (
      /APT::Get::AllowUnauthenticated[= ]*"?(true|1)"?|Acquire::AllowInsecureRepositories[= ]*"?(true|1)"?/i.test(
        word.value,
      )
    )
      found.push({ word, removable: false });
  }
  return found;
}

/** The first `length` characters of a (masked) value, for a message. */
function shorten(text: string, length: number): string {
  return text.length > length ? text.slice(0, length) + '…' : text;
}

/**
 * `[trusted=yes]` in an apt source line: what `/\[[^\]]*trusted=yes[^\]]*\]/i`
 * matched (a `trusted=yes` whose nearest bracket before it opens, with a
 * `]` somewhere after it), found in one pass instead of a rescan from
 * every `[`.
 */
function trustedInBrackets(value: string): boolean {
  const lower = value.toLowerCase();
  const lastClose = lower.lastIndexOf(']');
  let bracket = '';
  let scanned = 0;
  for (
    let at = lower.indexOf('trusted=yes');
    at !== -1 && at + 11 <= lastClose;
    at = lower.indexOf('trusted=yes', at + 1)
  ) {
    for (; scanned < at; scanned++) if (lower[scanned] === '[' || lower[scanned] === ']') bracket = lower[scanned];
    if (bracket === '[') return true;
  }
  return false;
}

export const packageSignatureCheckDisabled = dockerfileRule({
  meta: {
    id: 'package-signature-check-disabled',
    concern: concern('df.pkg.signature-disabled').id,
    severity: 'error',
    title: 'Package signature checks are turned off',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted ./vendor/tool.apk\nUSER 65532\n',
      good:
        'FROM alpine:3.20\nCOPY vendor/signing-key.rsa.pub /etc/apk/keys/\n' +
        'RUN apk add --no-cache ./vendor/tool.apk\nUSER 65532\n',
    },
  },
  messages: {
    /** `option`: the word that turns verification off, shortened to 40 characters. */
    unverified: (p: { program: string; option: string }) =>
      `${p.program} runs with signature verification off (${p.option}): ` +
      "a tampered or spoofed package installs silently. Import the repository's signing key instead.",
  },
  fixTitles: {
    remove: (p: { option: string }) => `Remove ${p.option}`,
  },
  ja: {
    messages: {
      unverified: (p) =>
        `${p.program} が署名の検証を無効にして実行されています(${p.option})。` +
        '改ざんされたパッケージや偽のパッケージが黙ってインストールされます。代わりにリポジトリの署名鍵をインポートしてください。',
    },
    fixTitles: {
      remove: (p) => `${p.option} を削除`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const command of commandsOf(instruction)) {
        const program = programName(command);
        for (const { word, removable } of insecureWords(command)) {
          report(
            wordRange(model, instruction, word),
            'unverified',
            { program: quote(program), option: shorten(quote(word.value), 40) },
            {
              subject: stageSubject(model, instruction.stage),
              fixes: removable
                ? [fixOf(fixTitle('remove', { option: quote(word.value) }), removeWord(model, instruction, word), true)]
                : [],
            },
          );
        }
      }
    }
  },
});
