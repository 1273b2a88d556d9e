/**
 * Remote code a stage fetches without verifying it — `ADD <url>` with no
 * --checksum and downloads piped into an interpreter (`curl ... | sh`) —
 * and the edit that makes such a pipeline a verified download: fetch to a
 * file, check its sha256, run the file, delete it. Shared by
 * add-instead-of-copy and pipe-to-shell, which pin to the same configured
 * checksum only when it can mean one download.
 */
import { execElements } from '../../dockerfile/dockerfile-edits';
import { commandsOf, flagsOf } from '../../dockerfile/commands';
import type { DockerInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { basename, programIndex, programName, type ShellWord, type SimpleCommand } from '../../dockerfile/shell';
import { INTERPRETERS } from '../../knowledge/programs';
import type { TextEdit } from '../../types';
import type { RuleOptions } from '../options';
import { canAppendShell, replaceEdit } from './helpers';

/** Written where the sha256 goes when none is given: BuildKit and sha256sum reject it, so the build fails loudly. */
export const CHECKSUM_PLACEHOLDER = '<sha256-of-the-download>';

/**
 * Whether ADD fetches the source as a Git repository: `git@host:repo`,
 * `git://` and `ssh://` URLs, and http(s) ones whose path ends in `.git`
 * (BuildKit's reading); --checksum pins no commit there.
 */
export function isGitSource(value: string): boolean {
  return /^(git@|git:\/\/|ssh:\/\/)/i.test(value) || /^https?:\/\/[^?#]*\.git\/?([?#].*)?$/i.test(value);
}

/** The URL sources an ADD downloads without --checksum (the http(s) ones --checksum can pin). */
export function unpinnedAddSources(instruction: DockerInstruction): number {
  if (instruction.keyword !== 'ADD') return 0;
  if (flagsOf(instruction.node).some((f) => f.getName().toLowerCase() === 'checksum')) return 0;
  return instruction.node
    .getArguments()
    .slice(0, -1)
    .map((arg) => arg.getValue().replace(/^\[?"|",?$|"?\]$/g, ''))
    .filter((value) => /^https?:\/\//i.test(value) && !isGitSource(value)).length;
}

/** A download piped into an interpreter: the downloading command and the interpreter it feeds. */
export interface PipedDownload {
  downloader: SimpleCommand;
  sink: SimpleCommand;
}

/**
 * For each command, the first later command of its pipeline that is an
 * interpreter, found in one pass from the end (searching the rest of the
 * RUN from each downloader was quadratic in `curl x | curl x | ...`).
 */
export function pipelineSinks(commands: SimpleCommand[]): (SimpleCommand | undefined)[] {
  const sinks: (SimpleCommand | undefined)[] = new Array(commands.length);
  let next: SimpleCommand | undefined;
  for (let i = commands.length - 1; i >= 0; i--) {
    const command = commands[i];
    // Pipelines are runs of neighbouring commands: a later interpreter of another pipeline is no sink.
    sinks[i] = next && next.pipeline === command.pipeline ? next : undefined;
    if (INTERPRETERS.has(basename(programName(command)).toLowerCase())) next = command;
  }
  return sinks;
}

/**
 * The sha256 to pin a stage's download to: the configured one (`sha256:`
 * prefix optional) when the stage has exactly one unverified download —
 * one digest cannot pin two files —, else null (the placeholder is written).
 */
export function configuredChecksum(options: RuleOptions, stage: Stage | null, downloads: number): string | null {
  const given = options.checksum
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase();
  return /^[0-9a-f]{64}$/.test(given) && downloads === 1 && stage !== null ? given : null;
}

/**
 * The unverified downloads of a stage: ADD URL sources without --checksum
 * and downloads piped into a shell. Counted once per stage of a model (each
 * finding asks; counting per finding was quadratic in a stage's downloads).
 */
export function unverifiedDownloads(stage: Stage): number {
  let count = DOWNLOADS.get(stage);
  if (count !== undefined) return count;
  count = 0;
  for (const instruction of stage.instructions) {
    count += unpinnedAddSources(instruction);
    if (instruction.keyword === 'RUN') count += pipelineSinks(commandsOf(instruction)).filter(Boolean).length;
  }
  DOWNLOADS.set(stage, count);
  return count;
}

/** Per model: its stages are built anew with each version. */
const DOWNLOADS = new WeakMap<Stage, number>();

const SHELLS = /^(ba|da|a|z|k)?sh$/;
/**
 * Interpreters that read a script from stdin when given none or `-` (php:
 * `--`, as in composer's `| php -- --install-dir=...`), and run a file given
 * in its place, passing it the arguments after it.
 */
const FILE_READERS = new Map([
  ...['python', 'python2', 'python3', 'perl', 'ruby', 'node'].map((name) => [name, '-'] as const),
  ['php', '--'],
]);

/** The edits of a verified download and the file it downloads to. */
export interface VerifiedDownload {
  edits: TextEdit[];
  file: string;
}

/**
 * `curl -fsSL URL | sh -s -- --flag` rewritten in place as
 * `curl -o FILE -fsSL URL && echo "SUM  FILE" | sha256sum -c - && sh FILE --flag && rm -f FILE`:
 * the interpreter keeps its options and arguments, the commands around it
 * their `&&` chain (the checksum line's pipe ends in sha256sum, so its
 * status is the check's without `set -o pipefail`). Null where the rewrite
 * could change what the RUN does: exec form or a heredoc, another shell
 * (SHELL), a pipeline of more than the two commands, a `||`, `;` or `&`
 * after it (a failed check would then be ignored), output options it does
 * not understand.
 */
export function verifiedDownload(
  model: DockerfileModel,
  instruction: DockerInstruction,
  piped: PipedDownload,
  checksum: string | null,
): VerifiedDownload | null {
  if (instruction.keyword !== 'RUN' || !canAppendShell(instruction) || !runsPosixShell(instruction)) return null;
  const { downloader, sink } = piped;
  const commands = commandsOf(instruction);
  const index = commands.indexOf(downloader);
  if (commands[index + 1] !== sink || commands[index + 2]?.pipeline === sink.pipeline) return null;
  if (index > 0 && commands[index - 1].pipeline === downloader.pipeline) return null;
  const text = instruction.flatText;
  const before = text.slice(index > 0 ? commands[index - 1].end : instruction.argumentsOffset, downloader.start);
  const allowedBefore = index > 0 ? /^\s*(&&|;)\s*$/ : /^(\s*--[a-z-]+=\S*)*\s*$/;
  if (!allowedBefore.test(before)) return null;
  const next = commands[index + 2];
  if (!/^\s*(&&\s*)?$/.test(text.slice(sink.end, next ? next.start : text.length))) return null;
  if (next && !/&&/.test(text.slice(sink.end, next.start))) return null;
  const between = text.slice(downloader.end, sink.start);
  if (!/^\s*\|\s*$/.test(between)) return null;
  const pipe = downloader.end + between.indexOf('|');

  const file = `/tmp/${scriptName(downloader, sink)}`;
  const download = downloadEdits(model, instruction, downloader, file);
  const run = interpreterSpan(instruction, sink, file);
  if (!download || !run) return null;
  const check = `&& echo "${checksum ?? CHECKSUM_PLACEHOLDER}  ${file}" | sha256sum -c - &&`;
  const remove = ` && rm -f ${file}`;
  // One edit where the interpreter's rewrite ends the command: two inserts at one place would depend on their order.
  const runEdits =
    run.end === sink.end
      ? [replaceEdit(model, instruction, run.start, run.end, run.text + remove)]
      : [
          replaceEdit(model, instruction, run.start, run.end, run.text),
          replaceEdit(model, instruction, sink.end, sink.end, remove),
        ];
  return { file, edits: [...download, replaceEdit(model, instruction, pipe, pipe + 1, check), ...runEdits] };
}

/** Whether the RUN's shell is a POSIX shell: the default /bin/sh, or a SHELL naming sh, bash, dash, ash... */
function runsPosixShell(instruction: DockerInstruction): boolean {
  const shells = (instruction.stage?.instructions ?? []).filter(
    (i) => i.keyword === 'SHELL' && i.startOffset < instruction.startOffset,
  );
  const last = shells[shells.length - 1];
  if (!last) return true;
  const first = execElements(last)?.[0];
  if (!first) return false;
  const program = JSON.parse(last.flatText.slice(first.start, first.end)) as string;
  return SHELLS.test(basename(program));
}

/** The file name: the URL's last path segment when it is a plain name, else one saying what it is. */
function scriptName(downloader: SimpleCommand, sink: SimpleCommand): string {
  const url = downloader.words.find((w) => /^[a-z]+:\/\//i.test(w.value))?.value ?? '';
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(last)) return last;
  return SHELLS.test(programName(sink)) ? 'install.sh' : 'install-script';
}

/** curl and wget written to the file instead of stdout; null for another downloader or output it does not read. */
function downloadEdits(
  model: DockerfileModel,
  instruction: DockerInstruction,
  command: SimpleCommand,
  file: string,
): TextEdit[] | null {
  const at = programIndex(command);
  const program = basename(command.words[at]?.value ?? '');
  const args = command.words.slice(at + 1);
  const toStdout = (word: ShellWord | undefined): boolean => word?.value === '-' || word?.value === '/dev/stdout';
  const replace = (word: ShellWord, value: string): TextEdit[] => [
    replaceEdit(model, instruction, word.start, word.end, value),
  ];
  if (program === 'curl') {
    for (const [i, word] of args.entries()) {
      const value = word.value;
      // `-o -` / `--output -` / `-sSLo -`: already an output option, to stdout.
      if (value === '--output' || /^-[A-Za-z]*o$/.test(value))
        return toStdout(args[i + 1]) ? replace(args[i + 1], file) : null;
      // Output written elsewhere (`-O`, `-ofile`, `--remote-name`, `--output-dir`): nothing reaches the pipe as read.
      if (/^-[A-Za-z]*[oO]/.test(value) || /^--(output|remote-name)/.test(value)) return null;
    }
    return [replaceEdit(model, instruction, command.words[at].end, command.words[at].end, ` -o ${file}`)];
  }
  if (program === 'wget') {
    for (const [i, word] of args.entries()) {
      const short = /^-([A-Za-z]*)O(.*)$/.exec(word.value);
      const long = /^--output-document(?:=(.*))?$/.exec(word.value);
      const attached = short ? short[2] : long ? (long[1] ?? '') : null;
      if (attached === null) continue;
      if (attached === '') return toStdout(args[i + 1]) ? replace(args[i + 1], file) : null;
      if (!toStdout({ ...word, value: attached })) return null;
      return replace(word, short ? `-${short[1]}O${file}` : `--output-document=${file}`);
    }
  }
  return null;
}

/**
 * The interpreter's rewrite (offsets in the instruction) to run the file: a shell keeps its options but `-s`
 * (read from stdin) and takes the file before its arguments (the `--` or
 * `-` that ended its options goes: after a file operand it would be an
 * argument); python, perl, ruby and node take the file where `-` was, php where `--` was.
 * Null when it runs something else than its input (`sh -c`, `sh script`)
 * or has options whose values it cannot tell (`-o`).
 */
function interpreterSpan(
  instruction: DockerInstruction,
  command: SimpleCommand,
  file: string,
): { start: number; end: number; text: string } | null {
  const at = programIndex(command);
  const program = command.words[at];
  const name = basename(program?.value ?? '');
  const args = command.words.slice(at + 1);
  const stdin = FILE_READERS.get(name);
  if (stdin) {
    if (args.length === 0) return { start: program.end, end: program.end, text: ` ${file}` };
    return args[0].value === stdin ? { start: args[0].start, end: args[0].end, text: file } : null;
  }
  if (!SHELLS.test(name)) return null;
  const kept: string[] = [];
  let readsStdin = false;
  let consumed = 0;
  for (const word of args) {
    const value = word.value;
    if (value === '--' || value === '-') {
      readsStdin = true;
      consumed += 1;
      break;
    }
    if (!/^[-+][A-Za-z]+$/.test(value) || /[coO]/.test(value)) break;
    if (value.startsWith('-') && value.includes('s')) readsStdin = true;
    const rest = value.startsWith('-') ? value.replace(/s/g, '') : value;
    if (rest !== '-') kept.push(rest);
    consumed += 1;
  }
  if (consumed < args.length && !readsStdin) return null;
  const end = consumed > 0 ? args[consumed - 1].end : program.end;
  // The options are rewritten as one span: it must not cross a line continuation.
  if (instruction.text.slice(program.end, end) !== instruction.flatText.slice(program.end, end)) return null;
  return { start: program.end, end, text: [...kept, file].map((word) => ` ${word}`).join('') };
}
