/**
 * privilege-escalation-tools — in the stages that make the final image:
 * RUN uses sudo/su, installs sudo, or sets world-writable or setuid/setgid
 * permissions. Each leaves a way back to root, or lets any user tamper with
 * files.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { commandsOf } from '../../dockerfile/commands';
import { finalLineage, type DockerfileModel, type DockerInstruction } from '../../dockerfile/model';
import { basename, programArguments, programIndex, programName, type ShellWord } from '../../dockerfile/shell';
import type { Fix } from '../../types';
import { INSTALLERS } from '../../knowledge/package-managers';
import { dockerfileRule, fixOf, type RuleContext } from '../rule';
import { removeWordEdit, replaceEdit, runsOf, stageSubject, wordRange } from './helpers';

/** World-writable modes: octal with the "others write" bit, or symbolic o+w / a+w / +w. */
export function worldWritable(mode: string): boolean {
  // 1777 (sticky, like /tmp) lets everyone create files but only owners delete or rename them:
  // the safe shared-directory mode.
  if (/^[0-7]{4}$/.test(mode) && (parseInt(mode[0], 8) & 1) === 1) return false;
  if (/^[0-7]{3,4}$/.test(mode)) return (parseInt(mode.slice(-1), 8) & 2) === 2;
  // Who-letters up to the first a or o, then any more: `[ugo]*[ao][ugo]*` could split a long run of o's in every way.
  return /(^|,)[ug]*[ao][ugoa]*[+=][rwxXst]*w/.test(mode) || /(^|,)[+=][rwxXst]*w/.test(mode);
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
  specialBits: (p: { mode: string }) =>
    `chmod ${p.mode} sets the setuid/setgid bit: the program runs with its owner's privileges, ` +
    'a classic way back to root.',
};

const fixTitles = {
  removeSudo: () => 'Remove sudo (RUN already runs as the current USER; use USER root for steps that need it)',
  saferMode: (p: { mode: string }) => `Use chmod ${p.mode}`,
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
  check(context) {
    const { model, report, fixTitle } = context;
    for (const instruction of runsOf(finalLineage(model))) {
      const subject = stageSubject(model, instruction.stage);
      for (const command of commandsOf(instruction)) {
        const first = command.words[programIndex(command, false)];
        if (first && ['sudo', 'su', 'doas'].includes(basename(first.value))) {
          const wrapper = basename(first.value);
          const fixes: Fix[] =
            wrapper === 'sudo' && programIndex(command) < command.words.length
              ? [fixOf(fixTitle('removeSudo', {}), [removeWordEdit(model, instruction, first)])]
              : [];
          report(wordRange(model, instruction, first), 'wrapper', { wrapper }, { subject, fixes });
        }
        const program = programName(command);
        const args = programArguments(command);
        const installVerbs = INSTALLERS[program];
        if (installVerbs && args.some((w) => installVerbs.includes(w.value))) {
          const sudoPackage = args.find((w) => /^(sudo|doas)([=:].*)?$/.test(w.value));
          if (sudoPackage) {
            const tool = quote(sudoPackage.value.split(/[=:]/)[0]);
            report(wordRange(model, instruction, sudoPackage), 'installsSudo', { tool }, { subject });
          }
        }
        if (program === 'chmod') checkChmod(context, instruction, args);
      }
    }
  },
});

function checkChmod({ model, report, fixTitle }: Context, instruction: DockerInstruction, args: ShellWord[]): void {
  // The mode is the first operand; options (-R, --recursive) come before it.
  // A mode starting with `-` only removes bits.
  const mode = args.find((w) => !w.value.startsWith('-'));
  if (!mode) return;
  const range = wordRange(model, instruction, mode);
  const subject = stageSubject(model, instruction.stage);
  if (worldWritable(mode.value)) {
    const safer = /^[0-7]{3,4}$/.test(mode.value)
      ? mode.value.slice(0, -1) + String(parseInt(mode.value.slice(-1), 8) & 5)
      : undefined;
    const fixes = safer
      ? [
          fixOf(
            fixTitle('saferMode', { mode: safer }),
            [replaceEdit(model, instruction, mode.start, mode.end, safer)],
            true,
          ),
        ]
      : [];
    report(range, 'worldWritable', { mode: quote(mode.value) }, { subject, fixes });
  }
  if (setsSpecialBits(mode.value)) report(range, 'specialBits', { mode: quote(mode.value) }, { subject });
}
