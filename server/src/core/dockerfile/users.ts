/**
 * Who the final image runs as: USER instructions of a stage and the stages
 * it is built FROM, with variables resolved. Builder stages that are only
 * copied from do not count.
 */
import type { DockerInstruction, DockerfileModel, Stage } from './model';
import { variablesBefore } from './model';
import { substitute } from '../variables';

export interface UserSetting {
  instruction: DockerInstruction;
  stage: Stage;
  /** The USER argument as written. */
  written: string;
  /** After variable substitution; null when a variable has no known value. */
  resolved: string | null;
  /** Offsets of the argument relative to the instruction text. */
  valueStart: number;
  valueEnd: number;
}

/** USER settings that apply to a stage, oldest first: its parent stages' then its own. */
export function userSettings(model: DockerfileModel, stage: Stage): UserSetting[] {
  const seen = new Set<Stage>();
  for (let s: Stage | null = stage; s && !seen.has(s); s = s.parent) seen.add(s);
  const chain = [...seen].reverse();
  const settings: UserSetting[] = [];
  for (const s of chain) {
    for (const instruction of s.instructions) {
      if (instruction.keyword !== 'USER') continue;
      const args = instruction.node.getArguments();
      if (args.length === 0) continue;
      const first = args[0];
      const last = args[args.length - 1];
      const valueStart = model.lines.offsetAt(first.getRange().start) - instruction.startOffset;
      const valueEnd = model.lines.offsetAt(last.getRange().end) - instruction.startOffset;
      const written = instruction.text.slice(valueStart, valueEnd);
      const result = substitute(written, variablesBefore(model, s, instruction.startOffset), { dialect: 'dockerfile' });
      settings.push({
        instruction,
        stage: s,
        written,
        resolved: result.unresolved.length ? null : result.value,
        valueStart,
        valueEnd,
      });
    }
  }
  return settings;
}

/** `root`, `0`, `root:root`, `0:0`, `root:anything`: the user part is what matters. */
export function isRootUser(value: string): boolean {
  return /^(root|0)(:.*)?$/i.test(value.trim());
}
