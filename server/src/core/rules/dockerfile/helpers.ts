/**
 * Small helpers the Dockerfile rules share: ranges inside an instruction,
 * the final stage's anchor, and the minimal edits fixes are made of.
 */
import { heredocsOf } from '../../dockerfile/ast-workarounds';
import type { DockerInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { variablesBefore } from '../../dockerfile/model';
import type { ShellWord } from '../../dockerfile/shell';
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

/** Deletes a word and the blank before it (or after it, when it comes first). */
export function removeWordEdit(model: DockerfileModel, instruction: DockerInstruction, word: ShellWord): TextEdit {
  const text = instruction.text;
  let start = word.start;
  let end = word.end;
  if (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) {
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start -= 1;
  } else {
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end += 1;
  }
  return replaceEdit(model, instruction, start, end, '');
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
