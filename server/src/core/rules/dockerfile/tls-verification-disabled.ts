/**
 * tls-verification-disabled — a download or package manager runs with TLS
 * certificate verification off, so anyone on the network path can swap
 * what the build installs. Covers command options (curl -k, wget
 * --no-check-certificate, pip --trusted-host, git -c http.sslVerify=false,
 * npm/yarn strict-ssl false, yum/dnf sslverify=0, apt Verify-Peer false)
 * and the environment variables that do the same.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { commandsOf } from '../../dockerfile/commands';
import { removeWord } from '../../dockerfile/dockerfile-edits';
import { propertiesOf } from '../../dockerfile/model';
import { hasOption, programArguments, programName, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import type { TextEdit } from '../../types';
import { TEXT_TOOLS } from '../../knowledge/programs';
import { insecureVariable, onlyLoopbackUrls } from '../../knowledge/tls';
import { dockerfileRule, fixOf } from '../rule';
import { replaceWord, stageSubject, wordRange } from './helpers';

interface InsecureUse {
  word: ShellWord;
  what: string;
  fix?: 'remove' | { replace: string };
}

function insecureUses(command: SimpleCommand): InsecureUse[] {
  const uses: InsecureUse[] = [];
  const program = programName(command);
  const args = programArguments(command);
  const values = args.map((w) => w.value);
  for (const word of command.words) {
    const assignment = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word.value);
    if (assignment && insecureVariable(assignment[1], assignment[2]))
      uses.push({ word, what: quote(`${assignment[1]}=${assignment[2]}`) });
  }
  if (program === 'export') return uses;
  // `curl -k https://localhost:8443/health` probes the container's own port: no network path to downgrade.
  const local = onlyLoopbackUrls(values.filter((v) => !v.startsWith('-')));
  if (program === 'curl' && !local) {
    const insecure = hasOption(args, 'k', '--insecure');
    if (insecure) {
      const cluster = insecure.value !== '--insecure' && insecure.value.length > 2;
      uses.push({
        word: insecure,
        what: 'curl --insecure',
        fix: cluster ? { replace: insecure.value.replace('k', '') } : 'remove',
      });
    }
  }
  if (program === 'wget' && !local) {
    const option = args.find((w) => w.value === '--no-check-certificate');
    if (option) uses.push({ word: option, what: 'wget --no-check-certificate', fix: 'remove' });
  }
  if (
    /^pip[0-9.]*$/.test(program) ||
    ((program === 'python' || /^python[0-9.]+$/.test(program)) && values.includes('pip'))
  ) {
    const index = values.findIndex((v) => v === '--trusted-host' || v.startsWith('--trusted-host='));
    if (index !== -1) uses.push({ word: args[index], what: 'pip --trusted-host' });
  }
  if (['npm', 'yarn', 'pnpm'].includes(program)) {
    const joined = values.join(' ').toLowerCase();
    const strict = args.find((w) => /^--strict-ssl(=false)?$/i.test(w.value));
    if (
      /config set strict-ssl false/.test(joined) ||
      /config set strict-ssl=false/.test(joined) ||
      /config set enablestrictssl false/.test(joined)
    ) {
      uses.push({
        word: args[values.findIndex((v) => /^(strict-ssl|enableStrictSsl)/i.test(v))],
        what: `${quote(program)} strict-ssl false`,
      });
    } else if (strict && (strict.value.endsWith('=false') || values[values.indexOf(strict.value) + 1] === 'false')) {
      uses.push({ word: strict, what: `${quote(program)} --strict-ssl false` });
    }
  }
  if (program === 'git') {
    args.forEach((word, i) => {
      if (/^http(\.[^.]+)?\.sslverify=(false|0|no|off)$/i.test(word.value))
        uses.push({ word, what: 'git http.sslVerify=false' });
      if (/^http(\.[^.]+)?\.sslverify$/i.test(word.value) && /^(false|0|no|off)$/i.test(values[i + 1] ?? ''))
        uses.push({ word, what: 'git http.sslVerify false' });
    });
  }
  // A set: comparing each argument with every use found was quadratic in a command with thousands of them.
  const used = new Set(uses.map((u) => u.word));
  for (const word of TEXT_TOOLS.has(program) ? [] : args.filter((w) => !used.has(w))) {
    if (/^(--setopt=)?([\w.-]+\.)?sslverify=(0|false|no)$/i.test(word.value))
      uses.push({ word, what: 'sslverify off' });
    if (/Acquire::https?(::[^:]+)?::Verify-(Peer|Host)[= ]*"?false"?/i.test(word.value))
      uses.push({ word, what: 'apt Verify-Peer false' });
    if (
      /^--(no-check-certificate|insecure-skip-tls-verify|tls-verify=false|skip-tls-verify|disable-tls|insecure)$/i.test(
        word.value,
      ) &&
      program !== 'curl' &&
      program !== 'wget'
    ) {
      uses.push({ word, what: `${quote(program)} ${quote(word.value)}` });
    }
  }
  // echo 'sslverify=0' >> /etc/yum.conf and the like write the setting into a config file.
  if (program === 'echo' || program === 'printf' || program === 'sed' || program === 'tee') {
    for (const word of args.filter((w) => !w.value.startsWith('-'))) {
      if (/\bsslverify\s*=\s*(0|false|no)\b/i.test(word.value) && !uses.some((u) => u.word === word))
        uses.push({ word, what: 'sslverify off in a repository configuration' });
      if (/\bstrict-ssl\s*=\s*false\b/i.test(word.value))
        uses.push({ word, what: 'strict-ssl=false in an npm configuration' });
      if (/Verify-Peer\s*"?false"?/i.test(word.value) && !uses.some((u) => u.word === word))
        uses.push({ word, what: 'apt Verify-Peer false' });
    }
  }
  return uses;
}

export const tlsVerificationDisabled = dockerfileRule({
  meta: {
    id: 'tls-verification-disabled',
    concern: concern('df.tls.verify-disabled').id,
    severity: 'error',
    title: 'TLS certificate verification is turned off',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/tool -o /usr/local/bin/tool\nUSER 65532\n',
      good: 'FROM alpine:3.20\nRUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool\nUSER 65532\n',
    },
  },
  messages: {
    variable: (p: { keyword: string; name: string }) =>
      `${p.keyword} ${p.name} turns TLS verification off for every later command: ` +
      'a network attacker can replace what the build downloads.',
    /** `what`: the option or setting used (`curl --insecure`, `sslverify off`...). */
    command: (p: { what: string }) =>
      `${p.what} turns TLS certificate verification off: anyone on the network path can swap what this step ` +
      'downloads. Fix the CA certificates instead.',
  },
  fixTitles: {
    remove: (p: { what: string }) => `Remove ${p.what.replace(/^curl --insecure$/, 'curl -k/--insecure')}`,
  },
  ja: {
    messages: {
      variable: (p) =>
        `${p.keyword} ${p.name} は以降のすべてのコマンドで TLS の検証を無効にします。` +
        'ネットワーク上の攻撃者がビルドのダウンロードするものを差し替えられます。',
      command: (p) =>
        `${p.what} は TLS 証明書の検証を無効にします。通信経路上の誰もがこの手順のダウンロードするものを差し替えられます。` +
        '代わりに CA 証明書を正しく設定してください。',
    },
    fixTitles: {
      remove: (p) => `${p.what.replace(/^curl --insecure$/, 'curl -k/--insecure')} を削除`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
        for (const property of propertiesOf(instruction.node)) {
          if (insecureVariable(property.getName(), property.getValue())) {
            report(
              property.getRange(),
              'variable',
              { keyword: instruction.keyword, name: quote(property.getName()) },
              { subject: stageSubject(model, instruction.stage) },
            );
          }
        }
        continue;
      }
      if (instruction.keyword !== 'RUN') continue;
      for (const command of commandsOf(instruction)) {
        for (const use of insecureUses(command)) {
          const edits: TextEdit[] = [];
          if (use.fix === 'remove') edits.push(...removeWord(model, instruction, use.word));
          else if (use.fix) edits.push(replaceWord(model, instruction, use.word, use.fix.replace));
          report(
            wordRange(model, instruction, use.word),
            'command',
            { what: use.what },
            {
              subject: stageSubject(model, instruction.stage),
              fixes: edits.length ? [fixOf(fixTitle('remove', { what: use.what }), edits, true)] : [],
            },
          );
        }
      }
    }
  },
});
