/**
 * Small helpers the Dockerfile rules share: ranges inside an instruction,
 * the final stage's anchor, and the minimal edits fixes are made of.
 */
import { heredocsOf } from '../../dockerfile/ast-workarounds';
import { execElements, removeWord, shellWord } from '../../dockerfile/dockerfile-edits';
import type { DockerInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { rootBase, variablesBefore } from '../../dockerfile/model';
import type { ShellWord } from '../../dockerfile/shell';
import { isRootUser, userSettings } from '../../dockerfile/users';
import type { FindingSubject, Range, TextEdit } from '../../types';
import { substitute } from '../../variables';

/** Range of [start, end) offsets relative to an instruction's text. */
export function rangeInInstruction(
  model: DockerfileModel,
  instruction: DockerInstruction,
  start: number,
  end: number,
): Range {
  return model.lines.rangeOf(instruction.startOffset + start, instruction.startOffset + end);
}

export function wordRange(model: DockerfileModel, instruction: DockerInstruction, word: ShellWord): Range {
  return rangeInInstruction(model, instruction, word.start, word.end);
}

/** The first line of a stage's FROM: the anchor for "missing X" findings about the final stage. */
export function finalFromRange(model: DockerfileModel, stage: Stage): Range {
  const from = stage.from;
  const firstLineEnd = model.lines.lineEnd(from.range.start.line);
  return model.lines.rangeOf(from.startOffset, Math.min(from.endOffset, firstLineEnd));
}

/**
 * What a finding about a stage is about: the stage, anchored at its FROM;
 * none for the stage made up for instructions before any FROM.
 */
export function stageSubject(model: DockerfileModel, stage: Stage | null): FindingSubject | undefined {
  if (!stage || stage.implicit) return undefined;
  return { kind: 'stage', name: stage.name ?? String(stage.index), range: finalFromRange(model, stage) };
}

export function replaceEdit(
  model: DockerfileModel,
  instruction: DockerInstruction,
  start: number,
  end: number,
  newText: string,
): TextEdit {
  return { range: rangeInInstruction(model, instruction, start, end), newText };
}

/** Offset where a line's text starts: after the byte order mark on the first line, which must stay first. */
export function lineStartAfterMark(model: DockerfileModel, line: number): number {
  const start = model.lines.lineStart(line);
  return start === 0 && model.text.charCodeAt(0) === 0xfeff ? 1 : start;
}

/** Offset where the line after `line` starts (after its line break, whichever it is), or the text's end. */
export function nextLineStart(model: DockerfileModel, line: number): number {
  return line + 1 < model.lines.lineCount ? model.lines.lineStart(line + 1) : model.text.length;
}

/** Inserts a new instruction line before `before`, or after the last instruction of the stage. */
export function insertInstructionEdit(
  model: DockerfileModel,
  stage: Stage,
  line: string,
  before?: DockerInstruction,
): TextEdit {
  const eol = model.lines.eol;
  if (before) {
    const lineStart = lineStartAfterMark(model, before.range.start.line);
    const indent = /^[ \t]*/.exec(model.text.slice(lineStart, model.lines.lineEnd(before.range.start.line)))?.[0] ?? '';
    const at = model.lines.positionAt(lineStart);
    return { range: { start: at, end: at }, newText: `${indent}${line}${eol}` };
  }
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  // A line added after an unterminated heredoc (`RUN <<EOT` being typed) or a dangling `\` would join that
  // instruction: insert before it instead.
  if (last !== stage.from && (hasOpenHeredoc(last) || last.text.trimEnd().endsWith(model.escapeChar)))
    return insertInstructionEdit(model, stage, line, last);
  const end = model.lines.positionAt(last.endOffset);
  return { range: { start: end, end }, newText: `${eol}${line}` };
}

/** Appends text right after the instruction's last character (e.g. ` && rm -rf ...`). */
export function appendToInstructionEdit(
  model: DockerfileModel,
  instruction: DockerInstruction,
  text: string,
): TextEdit {
  const at = model.lines.positionAt(instruction.endOffset);
  return { range: { start: at, end: at }, newText: text };
}

/** The value of an instruction argument after substituting the variables visible at that point. */
export function resolvedInStage(
  model: DockerfileModel,
  stage: Stage,
  instruction: DockerInstruction,
  value: string,
): string | null {
  const result = substitute(value, variablesBefore(model, stage, instruction.startOffset), { dialect: 'dockerfile' });
  return result.unresolved.length > 0 ? null : result.value;
}

/** RUN instructions of the given stages, in document order. */
export function runsOf(stages: Stage[]): DockerInstruction[] {
  return stages
    .flatMap((stage) => stage.instructions.filter((instruction) => instruction.keyword === 'RUN'))
    .sort((a, b) => a.startOffset - b.startOffset);
}

/** Whether the shell form of an instruction can take `&& more` appended (not exec form, not a heredoc). */
export function canAppendShell(instruction: DockerInstruction): boolean {
  let answer = APPENDABLE.get(instruction.node);
  if (answer === undefined) {
    // Flag names are short: bounding them keeps a long run of dashes from being rescanned at each dash.
    const args = instruction.flatText
      .slice(instruction.argumentsOffset)
      .replace(/--[a-z-]{1,64}=\S+/g, '')
      .trim();
    APPENDABLE.set(instruction.node, (answer = !args.startsWith('[') && !args.includes('<<')));
  }
  return answer;
}

/** Asked once per fix offered, so once per RUN. */
const APPENDABLE = new WeakMap<DockerInstruction['node'], boolean>();

function hasOpenHeredoc(instruction: DockerInstruction): boolean {
  if (!instruction.text.includes('<<')) return false;
  return heredocsOf(instruction.node).some((heredoc) => heredoc.getDelimiterRange() === null);
}

/**
 * Replaces a word of a RUN/CMD/ENTRYPOINT command by `value`, written the
 * way its place needs: a JSON string element in exec form, JSON-escaped
 * inside an exec-form `sh -c` script, a shell word otherwise.
 */
export function replaceWord(
  model: DockerfileModel,
  instruction: DockerInstruction,
  word: ShellWord,
  value: string,
): TextEdit {
  const element = execElements(instruction)?.find((e) => e.start <= word.start && word.end <= e.end);
  let text = shellWord(value);
  if (element) text = element.start === word.start && element.end === word.end ? JSON.stringify(value) : inJson(text);
  return replaceEdit(model, instruction, word.start, word.end, text);
}

/** Text escaped to sit inside a JSON string. */
function inJson(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * Removes consecutive words of one command (`sudo -E`) in one edit: whole
 * JSON elements with one comma in exec form, else as removeWord does.
 */
export function removeWords(model: DockerfileModel, instruction: DockerInstruction, words: ShellWord[]): TextEdit[] {
  const first = words[0];
  const last = words[words.length - 1];
  const elements = execElements(instruction);
  const from = elements?.findIndex((e) => e.start === first.start) ?? -1;
  const to = elements?.findIndex((e) => e.end === last.end) ?? -1;
  if (elements && from !== -1 && to !== -1) {
    const base = instruction.startOffset;
    const span = (start: number, end: number): TextEdit[] => [
      { range: model.lines.rangeOf(base + start, base + end), newText: '' },
    ];
    if (to + 1 < elements.length) return span(elements[from].start, elements[to + 1].start);
    if (from > 0) return span(elements[from - 1].end, elements[to].end);
    return span(elements[from].start, elements[to].end);
  }
  return removeWord(model, instruction, { value: '', start: first.start, end: last.end });
}

/** Who RUN instructions at this point run as: the last USER before it, else the base image's default user. */
export function userAt(model: DockerfileModel, instruction: DockerInstruction): 'root' | 'non-root' | 'unknown' {
  const stage = instruction.stage;
  if (!stage) return 'unknown';
  const before = userSettings(model, stage).filter((s) => s.instruction.startOffset < instruction.startOffset);
  const last = before[before.length - 1];
  if (last) return last.resolved === null ? 'unknown' : isRootUser(last.resolved) ? 'root' : 'non-root';
  if (stage.implicit) return 'unknown';
  const { base, isScratch } = rootBase(stage);
  if (isScratch) return 'root';
  const facts = base?.facts?.defaultUser;
  return facts === 'root' ? 'root' : facts === 'non-root' ? 'non-root' : 'unknown';
}
