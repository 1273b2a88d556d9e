/**
 * The fixes of secret-file-copied: a credential file a COPY/ADD brings in
 * becomes a mount, at the path the COPY put it, on the RUNs after it (see
 * the rule's module comment for when each is offered and preferred).
 */
import { commandsOf, flagsOf } from '../../dockerfile/commands';
import { execElements, removeInstruction, removeSource } from '../../dockerfile/dockerfile-edits';
import type { DockerInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { programArguments, programName, type SimpleCommand } from '../../dockerfile/shell';
import { credentialMountFor } from '../../knowledge/build-secrets';
import { maskSecrets } from '../../knowledge/secrets';
import type { Fix, TextEdit } from '../../types';
import { fixOf, type FixTitle } from '../rule';
import { resolvedInStage } from './helpers';
import { hasMount, instructionsAfter, mountEdits, mountFlag } from './secret-mounts';

type TitleId = 'mountFile' | 'mountSsh' | 'remove';

/** The fixes for the source `index` (written as `source`, slashes forward) of a COPY/ADD. */
export function copiedFileFixes(
  model: DockerfileModel,
  instruction: DockerInstruction,
  index: number,
  source: string,
  title: (id: TitleId, params: object) => FixTitle,
): Fix[] {
  const stage = instruction.stage;
  // Nothing a fix writes may carry a credential: the file's name is written as the mount's id and target.
  if (maskSecrets(source) !== source) return [];
  const mount = source.endsWith('/') ? null : credentialMountFor(source);
  if (!stage || !mount || flagsOf(instruction.node).some((f) => f.getName().toLowerCase() === 'parents')) return [];
  const paths = pathsOf(instruction);
  const target = targetOf(model, stage, instruction, source, paths);
  // The target is written into the flag's comma-separated options: only characters that stay one plain option.
  if (target === null || !/^[\w@%+:./~-]+$/.test(target) || maskSecrets(target) !== target) return [];
  const later = instructionsAfter(model, instruction, true);
  // A relative target is read against each RUN's WORKDIR: only right while none changes it.
  if (!target.startsWith('/') && later.some((i) => i.keyword === 'WORKDIR')) return [];
  const removal = paths.length === 2 ? removeInstruction(model, instruction) : removeSource(model, instruction, index);
  const laterRuns = later.filter((i) => i.keyword === 'RUN');
  // Commands that only delete the file or set its mode (rm -f .npmrc) fail on a mount, and it needs none of them.
  const cleanups = laterRuns.map((run) => cleanupEdits(model, run, target));
  if (cleanups.some((cleanup) => cleanup === null)) return [];
  const emptied = new Set(laterRuns.filter((_, i) => cleanups[i]?.emptied));
  const runs = laterRuns.filter((run) => !emptied.has(run));
  const cleanupEdited = cleanups.flatMap((cleanup) => cleanup?.edits ?? []);
  const cleaned = (run: DockerInstruction): SimpleCommand[] => cleanups[laterRuns.indexOf(run)]?.commands ?? [];
  const tidied = cleanupEdited.length > 0;
  if (runs.some((run) => changesFile(run, target, cleaned(run)))) return [];
  if (runs.length === 0)
    return [
      fixOf(title('remove', { keyword: instruction.keyword, source, reason: 'unused', tidied }), [
        ...removal,
        ...cleanupEdited,
      ]),
    ];
  // An SSH key a RUN names by its path (ssh -i, GIT_SSH_COMMAND), or whose directory a RUN uses (known_hosts),
  // stays a file there; otherwise the agent signs.
  const agent = mount.kind === 'ssh' && !runs.some((run) => namesFile(run, target, cleaned(run)));
  const id = mount.kind === 'secret' ? mount.id : baseName(source).toLowerCase();
  const unmounted = runs.filter(
    (run) =>
      !hasMount(run, (o) =>
        agent ? o.get('type') === 'ssh' : o.get('type') === 'secret' && o.get('target') === target,
      ),
  );
  if (unmounted.length === 0)
    return [
      fixOf(
        title('remove', { keyword: instruction.keyword, source, reason: 'mounted', tidied }),
        [...removal, ...cleanupEdited],
        true,
      ),
    ];
  const edits = agent
    ? mountEdits(model, unmounted, (run) => mountFlag(model, run, 'type=ssh', '0666'))
    : mountEdits(model, unmounted, (run) => mountFlag(model, run, `type=secret,id=${id},target=${target}`, '0444'));
  const buildTool = mount.kind === 'ssh' || mount.buildTool;
  const fixTitle = agent
    ? title('mountSsh', { source, runs: unmounted.length, tidied })
    : title('mountFile', { source, id, target, runs: unmounted.length, runtime: !buildTool, tidied });
  return [fixOf(fixTitle, [...removal, ...cleanupEdited, ...edits], buildTool)];
}

/** Programs whose only use of the file, once a mount, is one it no longer needs: deleting it, setting its mode. */
const CLEANUPS: Record<string, number> = { rm: 0, chmod: 1, chown: 1, chgrp: 1 };

/**
 * The edits that take a RUN's cleanup commands of the file out (`&& rm -f
 * .npmrc`, with the operator joining it to the others; the whole RUN when
 * nothing else is left); null when one cannot be taken out safely (exec
 * form, a pipeline, `||`).
 */
function cleanupEdits(
  model: DockerfileModel,
  run: DockerInstruction,
  target: string,
): { edits: TextEdit[]; emptied: boolean; commands: SimpleCommand[] } | null {
  const commands = commandsOf(run);
  const cleanups = commands.filter((command) => {
    const skip = CLEANUPS[programName(command)];
    if (skip === undefined) return false;
    const operands = programArguments(command)
      .filter((w) => !w.value.startsWith('-'))
      .slice(skip);
    return operands.length > 0 && operands.every((w) => wordNames(w.value, target));
  });
  if (cleanups.length === 0) return { edits: [], emptied: false, commands: [] };
  if (execElements(run)) return null;
  if (cleanups.length === commands.length) return { edits: removeInstruction(model, run), emptied: true, commands };
  const text = run.flatText;
  const joiner = (from: number, to: number): boolean => /^\s*(&&|;|\n)?\s*$/.test(text.slice(from, to));
  const edits: TextEdit[] = [];
  const base = run.startOffset;
  const firstKept = commands.findIndex((command) => !cleanups.includes(command));
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i];
    if (!cleanups.includes(command)) continue;
    const shared = commands.some((other) => other !== command && other.pipeline === command.pipeline);
    if (shared) return null;
    // Before the first command kept: up to it; after it, from the end of the command before.
    const [from, to] = i < firstKept ? [command.start, commands[firstKept].start] : [commands[i - 1].end, command.end];
    const between = i < firstKept ? [command.end, commands[i + 1].start] : [commands[i - 1].end, command.start];
    if (!joiner(between[0], between[1])) return null;
    if (i < firstKept && i > 0) continue;
    edits.push({ range: model.lines.rangeOf(base + from, base + to), newText: '' });
  }
  return { edits, emptied: false, commands: cleanups };
}

/**
 * The sources and destination of a COPY/ADD as written: in exec form the
 * JSON strings (one may hold a space, which splits dockerfile-ast's
 * arguments), else the arguments.
 */
function pathsOf(instruction: DockerInstruction): string[] {
  const elements = execElements(instruction);
  if (elements) return elements.map((e) => JSON.parse(instruction.text.slice(e.start, e.end)) as string);
  return instruction.node.getArguments().map((arg) => arg.getValue());
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `a/./b/../c` → `a/c`; absolute paths stay absolute. */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return (path.startsWith('/') ? '/' : '') + parts.join('/');
}

/** Destinations written without a trailing slash that are directories in every image. */
const DIRECTORIES = /^(\/|\/root|\/tmp|\/home\/[^/]+|\.|\.\.)$/;

/**
 * Where the COPY put the file: the destination, or the file's name under
 * it when it is a directory; made absolute with the stage's WORKDIR where
 * that is known, else left relative (read against the same WORKDIR). Null
 * when it cannot be told (a variable without a value, a destination that
 * may be a file or a directory).
 */
function targetOf(
  model: DockerfileModel,
  stage: Stage,
  instruction: DockerInstruction,
  source: string,
  paths: readonly string[],
): string | null {
  const sources = paths.length - 1;
  const written = paths[paths.length - 1];
  const dest = resolvedInStage(model, stage, instruction, written);
  if (dest === null || dest === '') return null;
  const workdir = workdirAt(model, instruction);
  const asDirectory =
    dest.endsWith('/') || sources > 1 || DIRECTORIES.test(dest) || (workdir !== null && normalise(dest) === workdir);
  let target: string;
  if (asDirectory) target = `${dest}/${baseName(source)}`;
  else if (baseName(dest) === baseName(source)) target = dest;
  else return null;
  if (target.startsWith('/')) return normalise(target);
  if (workdir === undefined) return normalise(target);
  return workdir === null ? null : normalise(`${workdir}/${target}`);
}

/**
 * The WORKDIR in force at an instruction: absolute; undefined when no
 * WORKDIR of the stage or the stages it is built FROM sets one (the
 * image's); null when a WORKDIR cannot be resolved.
 */
function workdirAt(model: DockerfileModel, instruction: DockerInstruction): string | null | undefined {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s = instruction.stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    chain.unshift(s);
  }
  let dir: string | null | undefined;
  for (const stage of chain) {
    for (const i of stage.instructions) {
      if (i.startOffset >= instruction.startOffset) break;
      if (i.keyword !== 'WORKDIR') continue;
      const written = i.flatText
        .slice(i.argumentsOffset)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      const value = resolvedInStage(model, stage, i, written);
      if (value === null) dir = null;
      else if (value.startsWith('/')) dir = normalise(value);
      else dir = typeof dir === 'string' ? normalise(`${dir}/${value}`) : null;
    }
  }
  return dir;
}

/** Programs that change, move or delete the files they are given (a mount cannot be). */
const CHANGERS = new Set(['rm', 'unlink', 'chmod', 'chown', 'chgrp', 'mv', 'shred', 'truncate', 'sed', 'ln', 'cp']);
const MORE_CHANGERS = new Set(['touch', 'tee', 'install', 'dd', 'perl', 'ssh-keygen']);

/** Whether a word names the file (its path, its name) or the dot-directory it is in (`~/.ssh`). */
function wordNames(value: string, target: string): boolean {
  const word = value.replace(/^\d*>>?/, '');
  const name = baseName(target);
  if (word === target || word === name || word.endsWith(`/${name}`)) return true;
  const parent = target.slice(0, target.lastIndexOf('/'));
  const parentName = baseName(parent);
  return parent !== '' && (word === parent || (parentName.startsWith('.') && word.endsWith(`/${parentName}`)));
}

/** Whether a RUN names the file, or a path in its dot-directory (`/root/.ssh/known_hosts`), `cleanups` aside. */
function namesFile(run: DockerInstruction, target: string, cleanups: readonly SimpleCommand[]): boolean {
  const directory = baseName(target.slice(0, target.lastIndexOf('/')));
  const inDirectory = (word: string): boolean => directory.startsWith('.') && word.includes(`${directory}/`);
  return commandsOf(run).some(
    (command) =>
      !cleanups.includes(command) && command.words.some((w) => wordNames(w.value, target) || inDirectory(w.value)),
  );
}

/** Whether a RUN changes or deletes the file, or writes to it with a redirection (`cleanups` aside). */
function changesFile(run: DockerInstruction, target: string, cleanups: readonly SimpleCommand[]): boolean {
  return commandsOf(run).some((command) => {
    if (cleanups.includes(command)) return false;
    const program = programName(command);
    const changer = CHANGERS.has(program) || MORE_CHANGERS.has(program);
    return command.words.some((word, i) => {
      if (!wordNames(word.value, target)) return false;
      const redirected = /^\d*>/.test(word.value) || /^\d*>>?$/.test(command.words[i - 1]?.value ?? '');
      return changer || redirected;
    });
  });
}
