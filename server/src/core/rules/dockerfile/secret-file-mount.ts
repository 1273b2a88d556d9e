/**
 * The fixes of secret-file-copied: a credential file a COPY/ADD brings in
 * becomes a mount, at the path the COPY put it, on the RUNs after it (see
 * the rule's module comment for when each is offered and preferred).
 */
import { commandsOf, flagsOf } from '../../dockerfile/commands';
import { removeInstruction, removeSource } from '../../dockerfile/dockerfile-edits';
import type { DockerInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { programName } from '../../dockerfile/shell';
import { credentialMountFor } from '../../knowledge/build-secrets';
import type { Fix } from '../../types';
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
  const mount = source.endsWith('/') ? null : credentialMountFor(source);
  if (!stage || !mount || flagsOf(instruction.node).some((f) => f.getName().toLowerCase() === 'parents')) return [];
  const args = instruction.node.getArguments();
  const target = targetOf(model, stage, instruction, source, args.length - 1);
  if (target === null) return [];
  const later = instructionsAfter(model, instruction, true);
  // A relative target is read against each RUN's WORKDIR: only right while none changes it.
  if (!target.startsWith('/') && later.some((i) => i.keyword === 'WORKDIR')) return [];
  const runs = later.filter((i) => i.keyword === 'RUN');
  if (runs.some((run) => changesFile(run, target))) return [];
  const removal = args.length === 2 ? removeInstruction(model, instruction) : removeSource(model, instruction, index);
  if (runs.length === 0)
    return [fixOf(title('remove', { keyword: instruction.keyword, source, reason: 'unused' }), removal)];
  // An SSH key a RUN names by its path (ssh -i, GIT_SSH_COMMAND) stays a file; otherwise the agent signs.
  const agent = mount.kind === 'ssh' && !runs.some((run) => namesFile(run, target));
  const id = mount.kind === 'secret' ? mount.id : baseName(source).toLowerCase();
  const unmounted = runs.filter(
    (run) =>
      !hasMount(run, (o) =>
        agent ? o.get('type') === 'ssh' : o.get('type') === 'secret' && o.get('target') === target,
      ),
  );
  if (unmounted.length === 0)
    return [fixOf(title('remove', { keyword: instruction.keyword, source, reason: 'mounted' }), removal, true)];
  const edits = agent
    ? mountEdits(model, unmounted, (run) => mountFlag(model, run, 'type=ssh', '0666'))
    : mountEdits(model, unmounted, (run) => mountFlag(model, run, `type=secret,id=${id},target=${target}`, '0444'));
  const buildTool = mount.kind === 'ssh' || mount.buildTool;
  const fixTitle = agent
    ? title('mountSsh', { source, runs: unmounted.length })
    : title('mountFile', { source, id, target, runs: unmounted.length, runtime: !buildTool });
  return [fixOf(fixTitle, [...removal, ...edits], buildTool)];
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
  sources: number,
): string | null {
  const args = instruction.node.getArguments();
  const written = args[args.length - 1].getValue().replace(/^\[?"?|"?\]?$/g, '');
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

function namesFile(run: DockerInstruction, target: string): boolean {
  return commandsOf(run).some((command) => command.words.some((w) => wordNames(w.value, target)));
}

/** Whether a RUN changes or deletes the file, or writes to it with a redirection. */
function changesFile(run: DockerInstruction, target: string): boolean {
  return commandsOf(run).some((command) => {
    const program = programName(command);
    const changer = CHANGERS.has(program) || MORE_CHANGERS.has(program);
    return command.words.some((word, i) => {
      if (!wordNames(word.value, target)) return false;
      const redirected = /^\d*>/.test(word.value) || /^\d*>>?$/.test(command.words[i - 1]?.value ?? '');
      return changer || redirected;
    });
  });
}
