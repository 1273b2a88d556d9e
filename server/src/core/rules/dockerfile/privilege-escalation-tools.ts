/**
 * privilege-escalation-tools — in the stages that make the final image:
 * RUN uses sudo/su, installs sudo, or sets world-writable or setuid/setgid
 * permissions. Each leaves a way back to root, or lets any user tamper with
 * files.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { commandsOf, flagsOf } from '../../dockerfile/commands';
import { insertInstruction, removeCommand, removeWord } from '../../dockerfile/dockerfile-edits';
import { finalLineage, type DockerfileModel, type DockerInstruction } from '../../dockerfile/model';
import {
  basename,
  programArguments,
  programIndex,
  programName,
  type ShellWord,
  type SimpleCommand,
} from '../../dockerfile/shell';
import { userSettings } from '../../dockerfile/users';
import type { Fix, TextEdit } from '../../types';
import { INSTALLERS } from '../../knowledge/package-managers';
import { dockerfileRule, fixOf, type JapaneseTables, type RuleContext } from '../rule';
import {
  rangeInInstruction,
  removeWords,
  replaceWord,
  resolvedInStage,
  runsOf,
  stageSubject,
  userAt,
  wordRange,
} from './helpers';

/** World-writable modes: octal with the "others write" bit, or symbolic o+w / a+w / +w. */
export function worldWritable(mode: string): boolean {
  // 1777 (sticky, like /tmp) lets everyone create files but only owners delete or rename them:
  // the safe shared-directory mode.
  if (/^[0-7]{4}$/.test(mode) && (parseInt(mode[0], 8) & 1) === 1) return false;
  if (/^[0-7]{3,4}$/.test(mode)) return (parseInt(mode.slice(-1), 8) & 2) === 2;
  // Who-letters up to the first a or o, then any more: `[ugo]*[ao][ugo]*` could split a long run of o's in every way.
  return /(^|,)[ug]*[ao][ugoa]*[+=][rwxXst]*w/.test(mode) || /(^|,)[+=][rwxXst]*w/.test(mode);
}

/**
 * The mode without write for others: octal loses the others' write bit
 * (777 -> 775); a symbolic clause that gives others write (`o+w`, `a+rwx`,
 * `+w`) gives it to the group instead and keeps the rest for others
 * (`g+w`, `ug+rwx,o+rx`). Null when the mode cannot be rewritten.
 */
export function withoutWorldWrite(mode: string): string | null {
  if (/^[0-7]{3,4}$/.test(mode)) return mode.slice(0, -1) + String(parseInt(mode.slice(-1), 8) & 5);
  const clauses = mode.split(',').map((clause) => {
    const parsed = /^([ugoa]*)([+=-])([rwxXst]*)$/.exec(clause);
    if (!parsed) return null;
    const [, who, op, perms] = parsed;
    const others = who === '' || /[ao]/.test(who);
    if (op === '-' || !others || !perms.includes('w')) return clause;
    const owners = who === '' || who.includes('a') ? 'ug' : who.replace(/o/g, '') || 'g';
    const rest = perms.replace(/w/g, '');
    // `o=rw` sets others exactly: they keep what they had but write; `+` only adds, so nothing is left to add.
    const forOthers = op === '=' ? [`o=${rest}`] : rest ? [`o+${rest}`] : [];
    return [`${owners}${op === '=' && who !== '' && !who.includes('a') ? '+' : op}${perms}`, ...forOthers].join(',');
  });
  return clauses.includes(null) ? null : clauses.join(',');
}

/**
 * The mode without the setuid/setgid bits: octal loses them (4755 -> 0755,
 * the sticky bit kept); symbolic `s` permissions are dropped (`u+xs` ->
 * `u+x`), a clause of `s` alone becomes its removal (`u+s` -> `u-s`). Null
 * when the mode cannot be rewritten.
 */
export function withoutSpecialBits(mode: string): string | null {
  if (/^[0-7]{4}$/.test(mode)) return String(parseInt(mode[0], 8) & 1) + mode.slice(1);
  const clauses = mode.split(',').map((clause) => {
    const parsed = /^([ugoa]*)([+=-])([rwxXst]*)$/.exec(clause);
    if (!parsed) return null;
    const [, who, op, perms] = parsed;
    if (op === '-' || !perms.includes('s')) return clause;
    const rest = perms.replace(/s/g, '');
    return rest || op === '=' ? `${who}${op}${rest}` : `${who || 'ug'}-s`;
  });
  return clauses.includes(null) ? null : clauses.join(',');
}

/** setuid/setgid modes: octal 4xxx/2xxx/6xxx or symbolic u+s / g+s / +s. */
export function setsSpecialBits(mode: string): boolean {
  if (/^[0-7]{4}$/.test(mode)) return (parseInt(mode[0], 8) & 6) !== 0;
  return /(^|,)[ugoa]*[+=][rwxXt]*s/.test(mode);
}

const messages = {
  wrapper: (p: { wrapper: string }) =>
    `RUN uses ${p.wrapper}: build steps already run as the stage's USER. ` +
    'Switch with USER root / USER app around the steps that need it instead.',
  installsSudo: (p: { tool: string }) =>
    `Installing ${p.tool} gives any process in the container a way back to root. Leave it out of the runtime image.`,
  worldWritable: (p: { mode: string }) =>
    `chmod ${p.mode} makes files world-writable: any user in the container can replace them. ` +
    'Give ownership to the user that needs to write (chown) and keep others read-only.',
  /** `how`: where the mode is given (`COPY --chmod`, `mkdir -m`, `install -m`). */
  modeWorldWritable: (p: { how: string; mode: string }) =>
    `${p.how} ${p.mode} makes files world-writable: any user in the container can replace them. ` +
    'Give ownership to the user that needs to write (--chown, chown) and keep others read-only.',
  /** `tool`: sudo or doas, named in the value of a variable the install expands. */
  installsSudoThrough: (p: { tool: string; variable: string }) =>
    `Installing ${p.tool} (listed in ${p.variable}) gives any process in the container a way back to root. ` +
    'Leave it out of the runtime image.',
  passwordlessSudo: () =>
    'A sudoers rule with NOPASSWD lets its user become root without a password: any process running as that ' +
    'user can take over the container. Leave sudo out of the runtime image.',
  specialBits: (p: { mode: string }) =>
    `chmod ${p.mode} sets the setuid/setgid bit: the program runs with its owner's privileges, ` +
    'a classic way back to root.',
};

const fixTitles = {
  removeSudo: (p: { wrapper: string }) => `Remove ${p.wrapper} (this RUN already runs as root)`,
  /** `user`: the USER in force at the RUN, restored after it. */
  runAsRoot: (p: { wrapper: string; user: string }) =>
    `Remove ${p.wrapper} and run this RUN as root (USER root before it, USER ${p.user} after it)`,
  removePackage: (p: { tool: string }) => `Do not install ${p.tool}`,
  /** `command`: the install command, which installed nothing else. */
  removeInstall: (p: { tool: string; command: string }) =>
    `Do not install ${p.tool} (removes the ${p.command} command, which installs nothing else)`,
  saferMode: (p: { mode: string }) =>
    `Use chmod ${p.mode} (group-writable: whoever writes must own the files or be in their group)`,
  noSpecialBits: (p: { mode: string }) => `Use chmod ${p.mode} (no setuid/setgid bit)`,
};

const ja: JapaneseTables<typeof messages, typeof fixTitles> = {
  messages: {
    modeWorldWritable: (p) =>
      `${p.how} ${p.mode} はファイルを誰でも書き込めるようにします。コンテナ内のどのユーザーもファイルを置き換えられます。` +
      '書き込む必要のあるユーザーに所有権を与え(--chown、chown)、ほかは読み取り専用にしてください。',
    installsSudoThrough: (p) =>
      `${p.tool}(${p.variable} に含まれる)をインストールすると、コンテナ内のどのプロセスにも root に戻る手段を与えます。` +
      '実行用イメージには入れないでください。',
    passwordlessSudo: () =>
      'NOPASSWD を含む sudoers の規則は、そのユーザーがパスワードなしで root になれるようにします。' +
      'そのユーザーで動くどのプロセスもコンテナを乗っ取れます。実行用イメージには sudo を入れないでください。',
    wrapper: (p) =>
      `RUN が ${p.wrapper} を使っています。ビルドの手順はすでにステージの USER で動きます。` +
      '代わりに、必要な手順の前後を USER root / USER app で切り替えてください。',
    installsSudo: (p) =>
      `${p.tool} をインストールすると、コンテナ内のどのプロセスにも root に戻る手段を与えます。実行用イメージには入れないでください。`,
    worldWritable: (p) =>
      `chmod ${p.mode} はファイルを誰でも書き込めるようにします。コンテナ内のどのユーザーもファイルを置き換えられます。` +
      '書き込む必要のあるユーザーに所有権を与え(chown)、ほかは読み取り専用にしてください。',
    specialBits: (p) =>
      `chmod ${p.mode} は setuid/setgid ビットを立てます。プログラムは所有者の権限で動き、root に戻る典型的な手段になります。`,
  },
  fixTitles: {
    removeSudo: (p) => `${p.wrapper} を削除(この RUN はすでに root で動きます)`,
    runAsRoot: (p) => `${p.wrapper} を削除し、この RUN を root で実行(前に USER root、後に USER ${p.user})`,
    removePackage: (p) => `${p.tool} をインストールしない`,
    removeInstall: (p) =>
      `${p.tool} をインストールしない(ほかに何もインストールしない ${p.command} コマンドを削除します)`,
    saferMode: (p) =>
      `chmod ${p.mode} を使う(グループ書き込み可。書き込む者がファイルを所有するか、そのグループに属する必要があります)`,
    noSpecialBits: (p) => `chmod ${p.mode} を使う(setuid/setgid ビットなし)`,
  },
};

/** What this rule's helpers get. */
type Context = RuleContext<DockerfileModel, typeof messages, typeof fixTitles>;

export const privilegeEscalationTools = dockerfileRule({
  meta: {
    id: 'privilege-escalation-tools',
    concern: concern('df.run.privilege-tools').id,
    severity: 'warning',
    title: 'sudo/su, world-writable or setuid permissions in the image',
    kind: 'dockerfile',
    examples: {
      bad:
        'FROM debian:bookworm-slim\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*\n' +
        'RUN chmod 777 /srv\nUSER 65532\n',
      good: 'FROM debian:bookworm-slim\nRUN install -d -o 65532 -g 65532 -m 750 /srv\nUSER 65532\n',
    },
  },
  messages,
  fixTitles,
  ja,
  check(context) {
    const { model, report } = context;
    const runs = runsOf(finalLineage(model));
    // A later RUN that still calls sudo, or configures it (/etc/sudoers.d, the sudo group), needs the package:
    // removing it would break that step.
    const lastSudoUse = Math.max(-1, ...runs.filter(usesSudo).map((run) => run.startOffset));
    checkCopyModes(context);
    for (const instruction of runs) {
      const subject = stageSubject(model, instruction.stage);
      checkSudoers(context, instruction);
      for (const command of commandsOf(instruction)) {
        const first = command.words[programIndex(command, false)];
        if (first && ['sudo', 'su', 'doas'].includes(basename(first.value))) {
          const wrapper = basename(first.value);
          const fixes = wrapper === 'su' ? [] : wrapperFixes(context, instruction, command, wrapper);
          report(wordRange(model, instruction, first), 'wrapper', { wrapper }, { subject, fixes });
        }
        const program = programName(command);
        const args = programArguments(command);
        const installVerbs = INSTALLERS[program];
        const verb = args.findIndex((w) => installVerbs?.includes(w.value));
        if (verb !== -1) {
          const packages = packageOperands(args.slice(verb + 1));
          const tools = packages.filter((w) => /^(sudo|doas)([=:].*)?$/.test(w.value));
          for (const sudoPackage of tools) {
            const tool = quote(sudoPackage.value.split(/[=:]/)[0]);
            const fixes =
              instruction.startOffset > lastSudoUse ? packageFixes(context, instruction, command, sudoPackage) : [];
            report(wordRange(model, instruction, sudoPackage), 'installsSudo', { tool }, { subject, fixes });
          }
          for (const listed of packagesThroughVariables(model, instruction, packages))
            report(wordRange(model, instruction, listed.word), 'installsSudoThrough', listed, { subject });
        }
        if (program === 'chmod') checkChmod(context, instruction, args);
        if (program === 'mkdir' || program === 'install') checkModeOption(context, instruction, program, args);
      }
    }
  },
});

/**
 * The package left out: the word, or — when sudo/doas is all the command
 * installs — the whole command (an install of nothing is an error to yum,
 * dnf and apk), with the `&&` that joined it.
 */
function packageFixes(
  { model, fixTitle }: Context,
  instruction: DockerInstruction,
  command: SimpleCommand,
  sudoPackage: ShellWord,
): Fix[] {
  const tool = quote(sudoPackage.value.split(/[=:]/)[0]);
  const args = programArguments(command);
  const installVerbs = INSTALLERS[programName(command)] ?? [];
  const packages = packageOperands(args.slice(args.findIndex((w) => installVerbs.includes(w.value)) + 1));
  if (packages.some((w) => !/^(sudo|doas)([=:].*)?$/.test(w.value)))
    return [fixOf(fixTitle('removePackage', { tool }), removeWord(model, instruction, sudoPackage), true)];
  const removal = removeCommand(model, instruction, command);
  const program = quote(
    command.words
      .slice(programIndex(command))
      .slice(0, 2)
      .map((w) => w.value)
      .join(' '),
  );
  return removal ? [fixOf(fixTitle('removeInstall', { tool, command: program }), removal, true)] : [];
}

/**
 * sudo or doas in the value of a variable an install expands
 * (`ARG PACKAGES="curl sudo"` ... `apt-get install $PACKAGES`), with the
 * variable's value where the RUN reads it.
 */
function packagesThroughVariables(
  model: DockerfileModel,
  instruction: DockerInstruction,
  packages: ShellWord[],
): { word: ShellWord; tool: string; variable: string }[] {
  if (!instruction.stage) return [];
  const found: { word: ShellWord; tool: string; variable: string }[] = [];
  for (const word of packages) {
    const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word.value)?.[1];
    if (!variable) continue;
    const value = resolvedInStage(model, instruction.stage, instruction, `\${${variable}}`);
    const tool = value?.split(/\s+/).find((name) => /^(sudo|doas)([=:].*)?$/.test(name));
    if (tool) found.push({ word, tool: quote(tool.split(/[=:]/)[0]), variable: quote(variable) });
  }
  return found;
}

/** COPY/ADD `--chmod` with a world-writable mode. */
function checkCopyModes({ model, report }: Context): void {
  for (const stage of finalLineage(model))
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const flag = flagsOf(instruction.node).find((f) => f.getName().toLowerCase() === 'chmod');
      const mode = flag?.getValue();
      if (!flag || !mode || !worldWritable(mode)) continue;
      const range = flag.getValueRange() ?? flag.getRange();
      report(
        range,
        'modeWorldWritable',
        { how: `${instruction.keyword} --chmod`, mode: quote(mode) },
        { subject: stageSubject(model, instruction.stage) },
      );
    }
}

/** `mkdir -m 777`, `install -m 0777` (and `--mode=`): the mode the directory or file is created with. */
function checkModeOption(
  { model, report }: Context,
  instruction: DockerInstruction,
  program: string,
  args: ShellWord[],
): void {
  args.forEach((word, i) => {
    const joined = /^(?:--mode=|-m)(.+)$/.exec(word.value)?.[1];
    // `-m 777`, `-pm 777` (short options grouped, the mode last), `--mode 777`.
    const separate = /^-[a-zA-Z]*m$/.test(word.value) || word.value === '--mode';
    const [modeWord, mode] = separate ? [args[i + 1], args[i + 1]?.value] : [word, joined];
    if (!modeWord || !mode || !worldWritable(mode)) return;
    report(
      wordRange(model, instruction, modeWord),
      'modeWorldWritable',
      { how: `${program} -m`, mode: quote(mode) },
      { subject: stageSubject(model, instruction.stage) },
    );
  });
}

/** A sudoers rule written by the RUN (`echo "app ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers`), once per RUN. */
function checkSudoers({ model, report }: Context, instruction: DockerInstruction): void {
  const at = instruction.flatText.search(/\bNOPASSWD\s*:/);
  if (at === -1) return;
  report(
    rangeInInstruction(model, instruction, at, at + 'NOPASSWD'.length),
    'passwordlessSudo',
    {},
    { subject: stageSubject(model, instruction.stage) },
  );
}

/** Whether a RUN calls sudo/doas or names it anywhere but as a package it installs. */
function usesSudo(instruction: DockerInstruction): boolean {
  const commands = commandsOf(instruction);
  if (commands.some((c) => /^(sudo|doas)$/.test(basename(c.words[programIndex(c, false)]?.value ?? '')))) return true;
  const installed = commands.flatMap((command) => {
    const args = programArguments(command);
    const verbs = INSTALLERS[programName(command)];
    const verb = args.findIndex((w) => verbs?.includes(w.value));
    return verb === -1 ? [] : packageOperands(args.slice(verb + 1)).filter((w) => /^(sudo|doas)\b/.test(w.value));
  });
  return (instruction.flatText.match(/sudo|doas/gi)?.length ?? 0) > installed.length;
}

/** Options of install commands whose value is the next word, not a package. */
const OPTIONS_WITH_VALUE =
  /^(-[otcX]|--(repository|virtual|setopt|enablerepo|disablerepo|installroot|releasever|repo))$/;

/** The package operands of an install command's arguments after its verb. */
function packageOperands(args: ShellWord[]): ShellWord[] {
  return args.filter((w, i) => !w.value.startsWith('-') && !OPTIONS_WITH_VALUE.test(args[i - 1]?.value ?? ''));
}

/**
 * Without the wrapper, the command runs as the RUN's user: the same when
 * that is root; otherwise the RUN is switched to root and back. A wrapper
 * that picks another user (`sudo -u app`) has no fix: that is its purpose.
 */
function wrapperFixes(
  { model, fixTitle }: Context,
  instruction: DockerInstruction,
  command: SimpleCommand,
  wrapper: string,
): Fix[] {
  const start = programIndex(command, false);
  const end = programIndex(command);
  if (end >= command.words.length) return [];
  const own = command.words.slice(start, end);
  // Only the wrapper and its own options: `sudo -E env X=1 cmd` keeps `env X=1`.
  let count = 1;
  while (count < own.length && own[count].value.startsWith('-')) count += 1;
  const words = own.slice(0, count);
  if (words.some((w) => /^-(u|g|-user|-group)(=|$)|^-[a-zA-Z]*[ug]$/.test(w.value))) return [];
  const removal = removeWords(model, instruction, words);
  const user = userAt(model, instruction);
  if (user === 'root') return [fixOf(fixTitle('removeSudo', { wrapper }), removal, true)];
  if (!instruction.stage) return [];
  const settings = userSettings(model, instruction.stage).filter(
    (s) => s.instruction.startOffset < instruction.startOffset,
  );
  const current = settings[settings.length - 1];
  // Restored as written; a value that reads as a secret is not copied to a new place.
  if (!current || quote(current.written) !== current.written) return [];
  const before = insertInstruction(model, instruction, 'USER root', 'before');
  const after = insertInstruction(model, instruction, `USER ${current.written}`, 'after');
  if (!before || !after) return [];
  const edits: TextEdit[] = [...before, ...removal, ...after];
  // The same as the wrapper did: the command runs as root, and the RUNs after it as before.
  return [fixOf(fixTitle('runAsRoot', { wrapper, user: current.written }), edits, true)];
}

function checkChmod({ model, report, fixTitle }: Context, instruction: DockerInstruction, args: ShellWord[]): void {
  // The mode is the first operand; options (-R, --recursive) come before it.
  // A mode starting with `-` only removes bits.
  const mode = args.find((w) => !w.value.startsWith('-'));
  if (!mode) return;
  const range = wordRange(model, instruction, mode);
  const subject = stageSubject(model, instruction.stage);
  const checks = [
    { applies: worldWritable, id: 'worldWritable', safer: withoutWorldWrite, title: 'saferMode' },
    { applies: setsSpecialBits, id: 'specialBits', safer: withoutSpecialBits, title: 'noSpecialBits' },
  ] as const;
  for (const check of checks) {
    if (!check.applies(mode.value)) continue;
    const safer = check.safer(mode.value);
    const fixes =
      safer && safer !== mode.value
        ? [fixOf(fixTitle(check.title, { mode: quote(safer) }), [replaceWord(model, instruction, mode, safer)], true)]
        : [];
    report(range, check.id, { mode: quote(mode.value) }, { subject, fixes });
  }
}
