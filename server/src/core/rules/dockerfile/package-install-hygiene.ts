/**
 * package-install-hygiene — in the stages that make the final image:
 * apt installs recommended packages, package caches are left in the layer
 * (apt lists, apk, yum/dnf, zypper, pip, yarn), or the distribution is
 * upgraded to new releases inside the image (dist-upgrade). Every extra package is more to patch and more
 * to exploit; a cache mount or a clean-up in the same RUN avoids the rest.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { commandsOf, runMounts } from '../../dockerfile/commands';
import { finalLineage, type DockerInstruction, type DockerfileModel } from '../../dockerfile/model';
import { programArguments, programName, type ShellWord } from '../../dockerfile/shell';
import type { Fix, TextEdit } from '../../types';
import { DISTRIBUTION_UPGRADE, MANAGERS, type PackageManager } from '../../knowledge/package-managers';
import { dockerfileRule, fixOf, type FixTitle, type JapaneseTables, type RuleContext } from '../rule';
import { insertWord } from '../../dockerfile/dockerfile-edits';
import { appendToInstructionEdit, canAppendShell, runsOf, stageSubject, wordRange } from './helpers';
import { cacheLabelJa } from '../../knowledge/japanese-phrases';

const messages = {
  recommends: (p: { program: string }) =>
    `${p.program} install pulls in recommended packages too: more software to patch and exploit. ` +
    'Add --no-install-recommends.',
  aptArchivesKept: (p: { program: string; verb: string }) =>
    `${p.program} ${p.verb} leaves downloaded packages in /var/cache/apt (docker-clean was removed): ` +
    'mount a cache there or run apt-get clean in the same RUN.',
  /** `cache`: what is left behind (`apt package lists`, `the pip cache`...), from MANAGERS. */
  cacheLeft: (p: { program: string; verb: string; cache: string }) =>
    `${p.program} ${p.verb} leaves ${p.cache} in the layer: dead weight that ships with the image. ` +
    'Clean it in the same RUN or use a cache mount (RUN --mount=type=cache).',
  distributionUpgrade: (p: { program: string; verb: string }) =>
    `${p.program} ${p.verb} upgrades the distribution inside the image: new package sets, ` +
    'a different image on every build, and a stale base image hidden. ' +
    `Use a newer base image tag instead (upgrades within the release, such as ${p.program} upgrade, are fine).`,
};

const fixTitles = {
  noRecommends: () => 'Add --no-install-recommends',
  noCacheOption: (p: { option: string }) => `Add ${p.option}`,
  cleanUp: (p: { command: string }) => `Clean up in the same RUN (${p.command})`,
};

const ja: JapaneseTables<typeof messages, typeof fixTitles> = {
  messages: {
    recommends: (p) =>
      `${p.program} install は推奨パッケージも取り込みます。パッチを当てるべき、悪用され得るソフトウェアが増えます。` +
      '--no-install-recommends を付けてください。',
    aptArchivesKept: (p) =>
      `${p.program} ${p.verb} はダウンロードしたパッケージを /var/cache/apt に残します(docker-clean が削除されています)。` +
      'そこにキャッシュをマウントするか、同じ RUN で apt-get clean を実行してください。',
    cacheLeft: (p) =>
      `${p.program} ${p.verb} は ${cacheLabelJa(p.cache)} をレイヤーに残します。イメージと一緒に出荷される無駄な重さです。` +
      '同じ RUN で削除するか、キャッシュマウント(RUN --mount=type=cache)を使ってください。',
    distributionUpgrade: (p) =>
      `${p.program} ${p.verb} はイメージ内でディストリビューションをアップグレードします。パッケージの組み合わせが変わり、` +
      'ビルドのたびに別のイメージになり、古いベースイメージが隠れます。' +
      `代わりに新しいベースイメージのタグを使ってください(${p.program} upgrade のようなリリース内の更新は問題ありません)。`,
  },
  fixTitles: {
    noRecommends: () => '--no-install-recommends を追加',
    noCacheOption: (p) => `${p.option} を追加`,
    cleanUp: (p) => `同じ RUN で後片付けする(${p.command})`,
  },
};

/** What this rule's helpers get. */
type Context = RuleContext<DockerfileModel, typeof messages, typeof fixTitles>;

export const packageInstallHygiene = dockerfileRule({
  meta: {
    id: 'package-install-hygiene',
    concern: concern('df.packages.unhygienic').id,
    severity: 'info',
    title: 'Package installs widen the attack surface',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nUSER 65532\n',
      good:
        'FROM debian:bookworm-slim\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' +
        'USER 65532\n',
    },
  },
  messages,
  fixTitles,
  ja,
  check(context) {
    const { model, report, fixTitle } = context;
    const lineage = finalLineage(model);
    // Settings that apply to every later RUN of the image: ENV PIP_NO_CACHE_DIR, an apt.conf that drops recommends.
    const imageText = lineage
      .flatMap((s) => s.instructions)
      .map((i) => i.flatText)
      .join('\n');
    // One optional `=` between blanks (`\s*=?\s*` split a long run of blanks in every way: quadratic).
    const pipCacheOff = /PIP_NO_CACHE_DIR\s*(?:=\s*)?["']?(1|true|on|yes)\b/i.test(imageText);
    // Official Debian/Ubuntu images delete downloaded .deb files through apt.conf.d/docker-clean;
    // removing it keeps them.
    const aptArchivesKept = lastRemoval(imageText, ['docker-clean']) !== -1;
    const recommendsOff = /APT::Install-Recommends\s*"?(0|false)"?/i.test(imageText);
    for (const instruction of runsOf(lineage)) {
      const evidence = new CleanUpEvidence(instruction.flatText);
      // One missing clean-up is one finding, however many installs of the manager the RUN makes: reported at
      // the first, its fix covering each (two `pip install`s both get --no-cache-dir).
      const reportedCaches = new Set<string>();
      const cachedInstalls = new Map<string, { manager: PackageManager; program: string; verbs: ShellWord[] }>();
      const mounts = runMounts(instruction).filter((m) => ['cache', 'tmpfs'].includes(m.get('type') ?? 'bind'));
      const mounted = (pattern: RegExp): boolean =>
        mounts.some((m) => pattern.test(m.get('target') ?? m.get('dst') ?? m.get('destination') ?? ''));
      for (const command of commandsOf(instruction)) {
        const program = programName(command);
        const args = programArguments(command);
        const verb = args.find((w) => !w.value.startsWith('-'));
        if (!verb) continue;
        checkUpgrade(context, instruction, program, verb);
        const manager = MANAGERS.find((m) => m.program.test(program));
        if (!manager || !manager.downloadVerbs.includes(verb.value)) continue;
        if (manager.id === 'pip' && args.some((w) => ['-e', '--editable'].includes(w.value)) && args.length <= 3)
          continue;
        if (
          manager.id === 'apt' &&
          verb.value === 'install' &&
          program !== 'aptitude' &&
          !recommendsOff &&
          !args.some((w) => w.value === '--no-install-recommends' || /Install-Recommends=(0|false)/i.test(w.value))
        ) {
          report(
            wordRange(model, instruction, verb),
            'recommends',
            { program: quote(program) },
            {
              subject: stageSubject(model, instruction.stage),
              fixes: optionFix(model, instruction, verb, '--no-install-recommends', fixTitle('noRecommends', {})),
            },
          );
        }
        // From the install command on: its own options (`apk --no-cache add`) count, a clean-up before it
        // (`yum clean all && yum install x`) does not.
        const cached =
          !evidence.cleanedFrom(manager.cleanCommand, manager.removedCaches, command.start) &&
          !mounted(manager.cacheTargets) &&
          !(manager.id === 'pip' && pipCacheOff);
        if (cached || reportedCaches.has(manager.id)) {
          const installs = cachedInstalls.get(manager.id);
          if (installs) {
            if (cached) installs.verbs.push(verb);
          } else cachedInstalls.set(manager.id, { manager, program, verbs: [verb] });
          reportedCaches.add(manager.id);
        } else if (
          manager.id === 'apt' &&
          aptArchivesKept &&
          !mounted(/^\/var\/cache\/apt\/?/) &&
          !evidence.cleanedFrom(APT_CLEAN, ['/var/cache/apt'], command.start)
        ) {
          reportedCaches.add(manager.id);
          report(
            wordRange(model, instruction, verb),
            'aptArchivesKept',
            { program: quote(program), verb: quote(verb.value) },
            { subject: stageSubject(model, instruction.stage) },
          );
        }
      }
      for (const { manager, program, verbs } of cachedInstalls.values())
        reportCache(context, instruction, manager, verbs, program);
    }
  },
});

const APT_CLEAN = /\bapt(-get)?\s+clean\b/g;

/**
 * Where the clean-ups of one RUN are, found once per RUN: a command is
 * cleaned up after when a clean-up starts at or after it. (Testing the
 * RUN's text from each command on, with `rm\s+(-\w+\s+)*[^&|;]*dir`,
 * rescanned the rest of the RUN per command and per `rm`: minutes on long
 * RUNs and heredocs.)
 */
class CleanUpEvidence {
  private readonly lastStart = new Map<string, number>();

  constructor(private readonly text: string) {}

  cleanedFrom(cleanCommand: RegExp | null, removedCaches: string[], from: number): boolean {
    const key = `${cleanCommand?.source ?? ''}\u0000${removedCaches.join('\u0000')}`;
    let last = this.lastStart.get(key);
    if (last === undefined)
      this.lastStart.set(
        key,
        (last = Math.max(
          cleanCommand ? lastMatch(this.text, cleanCommand) : -1,
          lastRemoval(this.text, removedCaches),
        )),
      );
    return last >= from;
  }
}

/** Start of the last match of a global pattern whose matches cannot overlap, or -1. */
function lastMatch(text: string, pattern: RegExp): number {
  let last = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    last = m.index;
    if (m[0] === '') pattern.lastIndex += 1;
  }
  return last;
}

/**
 * Start of the last `rm` (followed by a blank) that one of the directories
 * follows before the next `&`, `|` or `;` — what `rm\s[^&|;]*dir` matches —
 * or -1. One pass over the `rm`s, the separators and the directories.
 */
function lastRemoval(text: string, directories: string[]): number {
  if (directories.length === 0 || !text.includes('rm')) return -1;
  const separators: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '&' || text[i] === '|' || text[i] === ';') separators.push(i);
  const found: number[] = [];
  for (const directory of directories)
    for (let at = text.indexOf(directory); at !== -1; at = text.indexOf(directory, at + 1)) found.push(at);
  if (found.length === 0) return -1;
  found.sort((a, b) => a - b);
  let last = -1;
  let separator = 0;
  let directory = 0;
  const rm = /rm\s/g;
  for (let m = rm.exec(text); m; m = rm.exec(text)) {
    const start = m.index;
    while (separator < separators.length && separators[separator] < start) separator += 1;
    const runEnd = separator < separators.length ? separators[separator] : text.length;
    while (directory < found.length && found[directory] < start + 3) directory += 1;
    if (directory < found.length && found[directory] < runEnd) last = start;
  }
  return last;
}

/**
 * Adds an option right after each verb, as a JSON element in exec form;
 * none where it cannot be inserted after every one of them.
 */
function optionFix(
  model: DockerfileModel,
  instruction: DockerInstruction,
  verbs: ShellWord | readonly ShellWord[],
  option: string,
  title: FixTitle,
): Fix[] {
  const edits: TextEdit[] = [];
  for (const verb of Array.isArray(verbs) ? verbs : [verbs]) {
    const inserted = insertWord(model, instruction, verb, option, 'after');
    if (!inserted) return [];
    edits.push(...inserted);
  }
  return edits.length > 0 ? [fixOf(title, edits, true)] : [];
}

function reportCache(
  { model, report, fixTitle }: Context,
  instruction: DockerInstruction,
  manager: PackageManager,
  verbs: readonly ShellWord[],
  program: string,
): void {
  const verb = verbs[0];
  const label = manager.label.replace('{program}', quote(program));
  const fixes: Fix[] = [];
  if (manager.noCacheOption) {
    const option = manager.noCacheOption;
    fixes.push(...optionFix(model, instruction, verbs, option, fixTitle('noCacheOption', { option })));
  } else if (manager.cleanup && canAppendShell(instruction)) {
    const cleanup = manager.cleanup.replace('{program}', program);
    const title = fixTitle('cleanUp', { command: quote(cleanup.replace(/^ && /, '')) });
    fixes.push(fixOf(title, [appendToInstructionEdit(model, instruction, cleanup)], true));
  }
  report(
    wordRange(model, instruction, verb),
    'cacheLeft',
    { program: quote(program), verb: quote(verb.value), cache: label },
    { subject: stageSubject(model, instruction.stage), fixes },
  );
}

function checkUpgrade(
  { model, report }: Context,
  instruction: DockerInstruction,
  program: string,
  verb: ShellWord,
): void {
  const pattern = DISTRIBUTION_UPGRADE[program];
  if (!pattern || !pattern.test(verb.value)) return;
  report(
    wordRange(model, instruction, verb),
    'distributionUpgrade',
    { program: quote(program), verb: quote(verb.value) },
    { subject: stageSubject(model, instruction.stage) },
  );
}
