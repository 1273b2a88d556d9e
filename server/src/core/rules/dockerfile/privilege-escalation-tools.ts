/**
 * privilege-escalation-tools — in the stages that make the final image:
 * RUN uses sudo/su, installs sudo, or sets world-writable or setuid/setgid
 * permissions. Each leaves a way back to root, or lets any user tamper with
 * files.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { commandsOf } from '../../dockerfile/commands';
import { finalLineage } from '../../dockerfile/model';
import { basename, programArguments, programIndex, programName, type ShellWord } from '../../dockerfile/shell';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { removeWordEdit, replaceEdit, runsOf, stageSubject, wordRange } from './helpers';

const INSTALLERS: Record<string, string[]> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  tdnf: ['install'],
  zypper: ['install', 'in'],
};

/** World-writable modes: octal with the "others write" bit, or symbolic o+w / a+w / +w. */
export function worldWritable(mode: string): boolean {
  // 1777 (sticky, like /tmp) lets everyone create files but only owners delete or rename them: the safe shared-directory mode.
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

export const privilegeEscalationTools: DockerfileRule = {
  meta: {
    id: 'privilege-escalation-tools',
    concern: concern('df.run.privilege-tools').id,
    severity: 'warning',
    title: 'sudo/su, world-writable or setuid permissions in the image',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*\nRUN chmod 777 /srv\nUSER 65532\n',
      good: 'FROM debian:bookworm-slim\nRUN install -d -o 65532 -g 65532 -m 750 /srv\nUSER 65532\n',
    },
  },
  check({ model, report }) {
    for (const instruction of runsOf(finalLineage(model))) {
      for (const command of commandsOf(instruction)) {
        const first = command.words[programIndex(command, false)];
        if (first && ['sudo', 'su', 'doas'].includes(basename(first.value))) {
          const wrapper = basename(first.value);
          const fixes: Fix[] =
            wrapper === 'sudo' && programIndex(command) < command.words.length
              ? [
                  {
                    title: 'Remove sudo (RUN already runs as the current USER; use USER root for steps that need it)',
                    edits: [removeWordEdit(model, instruction, first)],
                  },
                ]
              : [];
          report(
            wordRange(model, instruction, first),
            `RUN uses ${wrapper}: build steps already run as the stage's USER. Switch with USER root / USER app around the steps that need it instead.`,
            { subject: stageSubject(model, instruction.stage), fixes },
          );
        }
        const program = programName(command);
        const args = programArguments(command);
        const installVerbs = INSTALLERS[program];
        if (installVerbs && args.some((w) => installVerbs.includes(w.value))) {
          const sudoPackage = args.find((w) => /^(sudo|doas)([=:].*)?$/.test(w.value));
          if (sudoPackage) {
            report(
              wordRange(model, instruction, sudoPackage),
              `Installing ${quote(sudoPackage.value.split(/[=:]/)[0])} gives any process in the container a way back to root. Leave it out of the runtime image.`,
              { subject: stageSubject(model, instruction.stage) },
            );
          }
        }
        if (program === 'chmod')
          checkChmod(args, (word, message, fixes) =>
            report(wordRange(model, instruction, word), message, {
              subject: stageSubject(model, instruction.stage),
              fixes: fixes?.map((f) => ({
                title: f.title,
                edits: [replaceEdit(model, instruction, word.start, word.end, f.mode)],
                preferred: true,
              })),
            }),
          );
      }
    }
  },
};

function checkChmod(
  args: ShellWord[],
  emit: (word: ShellWord, message: string, fixes?: { title: string; mode: string }[]) => void,
): void {
  // The mode is the first operand; options (-R, --recursive) come before it. A mode starting with `-` only removes bits.
  const mode = args.find((w) => !w.value.startsWith('-'));
  if (!mode) return;
  if (worldWritable(mode.value)) {
    const safer = /^[0-7]{3,4}$/.test(mode.value)
      ? mode.value.slice(0, -1) + String(parseInt(mode.value.slice(-1), 8) & 5)
      : undefined;
    emit(
      mode,
      `chmod ${quote(mode.value)} makes files world-writable: any user in the container can replace them. Give ownership to the user that needs to write (chown) and keep others read-only.`,
      safer ? [{ title: `Use chmod ${safer}`, mode: safer }] : undefined,
    );
  }
  if (setsSpecialBits(mode.value)) {
    emit(
      mode,
      `chmod ${quote(mode.value)} sets the setuid/setgid bit: the program runs with its owner's privileges, a classic way back to root.`,
    );
  }
}
