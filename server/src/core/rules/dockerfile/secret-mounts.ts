/**
 * What the build-secret fixes of secret-in-env-arg and secret-file-copied
 * share: which instructions see what an instruction leaves behind (the rest
 * of its stage, and the stages built FROM it for what the image keeps),
 * whether the file's Dockerfile syntax has secret mounts and their `env=`
 * option, and the mount flag a RUN gets.
 */
import { runMounts } from '../../dockerfile/commands';
import { insertFlag, insertParserDirective, parserDirectives } from '../../dockerfile/dockerfile-edits';
import type { DockerInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import type { TextEdit } from '../../types';
import { userAt } from './helpers';

/** The directive the `env=` option needs where the file has none: the newest 1.x syntax. */
export const SYNTAX_DIRECTIVE = 'docker/dockerfile:1';

/**
 * What the Dockerfile's syntax gives: secret mounts with `env=` (1.10 and
 * later), secret mounts read as files (1.2 to 1.9, `experimental`), or
 * nothing we can rely on (older, or another frontend).
 */
export type SecretSupport = 'env' | 'file' | 'none';

/** The file's support, and the directive edit that gives `env=` where the file names no syntax. */
export function secretSupport(model: DockerfileModel): { support: SecretSupport; directive: TextEdit[] } {
  const written = parserDirectives(model).get('syntax');
  if (written === undefined)
    return { support: 'env', directive: insertParserDirective(model, 'syntax', SYNTAX_DIRECTIVE) };
  return { support: supportOf(written), directive: [] };
}

function supportOf(frontend: string): SecretSupport {
  const match = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?(?::([^@\s]+))?(?:@\S+)?$/i.exec(frontend.trim());
  if (!match) return 'none';
  const tag = (match[1] ?? 'latest').toLowerCase();
  if (/^(latest|labs|master|master-labs|mainline|1|1-labs)$/.test(tag)) return 'env';
  if (tag.includes('experimental')) return 'file';
  const version = /^(\d+)\.(\d+)/.exec(tag);
  if (!version) return 'none';
  const [major, minor] = [Number(version[1]), Number(version[2])];
  if (major > 1 || (major === 1 && minor >= 10)) return 'env';
  return major === 1 && minor >= 2 ? 'file' : 'none';
}

/** The stages built FROM `stage`, directly or through others, in document order. */
function descendants(model: DockerfileModel, stage: Stage): Stage[] {
  return model.stages.filter((candidate) => {
    const seen = new Set<Stage>();
    for (let s = candidate.parent; s && !seen.has(s); s = s.parent) {
      if (s === stage) return true;
      seen.add(s);
    }
    return false;
  });
}

/**
 * The instructions after `instruction` in its stage, and with `inherited`
 * (what the image keeps: ENV, files) those of the stages built FROM it.
 */
export function instructionsAfter(
  model: DockerfileModel,
  instruction: DockerInstruction,
  inherited: boolean,
): DockerInstruction[] {
  const stage = instruction.stage;
  if (!stage) return [];
  const own = stage.instructions.filter((i) => i.startOffset > instruction.startOffset);
  return inherited ? [...own, ...descendants(model, stage).flatMap((s) => s.instructions)] : own;
}

/** Whether a stage or one it is built FROM changes the shell (SHELL ["powershell", ...]). */
export function changesShell(stage: Stage | null): boolean {
  const seen = new Set<Stage>();
  for (let s = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    if (s.instructions.some((i) => i.keyword === 'SHELL')) return true;
  }
  return false;
}

/** Whether a RUN has a mount whose options satisfy `matches` (the secret is mounted there already). */
export function hasMount(run: DockerInstruction, matches: (options: Map<string, string>) => boolean): boolean {
  return runMounts(run).some(matches);
}

/**
 * A mount flag's options for a RUN: a mounted secret is root's and
 * read-only for root (0400), so a RUN of another user reads it only when
 * it is readable by all (`mode=`); an SSH agent socket likewise.
 */
export function mountFlag(model: DockerfileModel, run: DockerInstruction, options: string, mode: string): string {
  return `--mount=${options}${userAt(model, run) === 'root' ? '' : `,mode=${mode}`}`;
}

/** The mount flag inserted into each RUN (the document's other edits come from the caller). */
export function mountEdits(
  model: DockerfileModel,
  runs: readonly DockerInstruction[],
  flagOf: (run: DockerInstruction) => string,
): TextEdit[] {
  return runs.flatMap((run) => insertFlag(model, run, flagOf(run)));
}

/** How many RUNs, in words: "the RUN", "the 3 RUNs". */
export function runsInWords(count: number): string {
  return count === 1 ? 'the RUN' : `the ${count} RUNs`;
}

/** `runsInWords` in Japanese. */
export function runsInWordsJa(count: number): string {
  return count === 1 ? 'その RUN' : `${count} 個の RUN`;
}
