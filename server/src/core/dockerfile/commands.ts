/**
 * Shell commands of RUN / CMD / ENTRYPOINT instructions, parsed once per
 * instruction (cached) with offsets relative to the instruction's text.
 * Exec form (`["sh", "-c", "..."]`) is understood, and so are heredocs.
 */
import type { Flag, Instruction } from 'dockerfile-ast';
import type { DockerInstruction } from './model';
import { parseShellCommands, type ShellWord, type SimpleCommand } from './shell';

/** Kept on the parsed node, which outlives one document version when its text did not change (see model.ts). */
const COMMANDS = Symbol('docker-harden.commands');
type WithCommands = Instruction & { [COMMANDS]?: SimpleCommand[] };

/** Simple commands of an instruction; offsets index `instruction.text`. */
export function commandsOf(instruction: DockerInstruction): SimpleCommand[] {
  const node = instruction.node as WithCommands;
  return (node[COMMANDS] ??= parseInstructionCommands(instruction));
}

function parseInstructionCommands(instruction: DockerInstruction): SimpleCommand[] {
  const text = instruction.flatText;
  let start = commandStart(instruction);
  while (start < text.length && /\s/.test(text[start])) start += 1;
  if (text[start] !== '[') return parseShellCommands(text, start, text.length);
  const strings = jsonStrings(text, start);
  if (strings.length === 0) return parseShellCommands(text, start, text.length);
  const shells = /^(\/(usr\/)?bin\/)?(ba|da|z|k|a)?sh$/;
  if (strings.length >= 3 && shells.test(strings[0].value) && strings[1].value === '-c') {
    const script = strings[2];
    // Inside a JSON string the script's characters sit one after the other unless escaped; good enough for ranges.
    return parseShellCommands(text, script.start + 1, script.end - 1);
  }
  return [{ words: strings, start: strings[0].start, end: strings[strings.length - 1].end, pipeline: 0 }];
}

/** Offset in the instruction text after the keyword and any `--flag=value` options (RUN --mount=...). */
export function commandStart(instruction: DockerInstruction): number {
  let offset = instruction.argumentsOffset;
  if (instruction.keyword === 'HEALTHCHECK') {
    const cmd = /\bCMD\b/i.exec(instruction.flatText.slice(offset));
    return cmd ? offset + cmd.index + 3 : instruction.text.length;
  }
  for (const flag of flagsOf(instruction.node)) {
    offset = Math.max(offset, instruction.documentLines.offsetAt(flag.getRange().end) - instruction.startOffset);
  }
  return offset;
}

/**
 * The JSON strings of an exec-form array, read in one left-to-right pass:
 * the regex it replaces (`"((?:[^"\\]|\\.)*)"` tried at every quote) rescanned
 * the rest of the line from each quote of an unterminated string, which took
 * minutes on a long line of `\"`.
 */
function jsonStrings(text: string, from: number): ShellWord[] {
  const strings: ShellWord[] = [];
  const close = text.indexOf(']', from);
  const end = close === -1 ? text.length : close;
  let i = text.indexOf('"', from);
  while (i !== -1 && i < end) {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    // An unterminated string ends the array: nothing after it can start another one.
    if (j >= text.length) break;
    const raw = text.slice(i, j + 1);
    let value = raw.slice(1, -1);
    try {
      value = JSON.parse(raw) as string;
    } catch {
      // keep the raw content
    }
    strings.push({ value, start: i, end: j + 1 });
    i = text.indexOf('"', j + 1);
  }
  return strings;
}

export function flagsOf(node: Instruction): Flag[] {
  const withFlags = node as Instruction & { getFlags?: () => Flag[] };
  return typeof withFlags.getFlags === 'function' ? withFlags.getFlags() : [];
}

/** `RUN --mount=type=cache,target=/var/cache/apt` mounts, as option maps. */
export function runMounts(instruction: DockerInstruction): Map<string, string>[] {
  return flagsOf(instruction.node)
    .filter((flag) => flag.getName().toLowerCase() === 'mount')
    .map((flag) => {
      const options = new Map<string, string>();
      for (const part of (flag.getValue() ?? '').split(',')) {
        const eq = part.indexOf('=');
        if (eq === -1) options.set(part.trim().toLowerCase(), 'true');
        else options.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
      }
      return options;
    });
}
