/**
 * The fixer API for Dockerfiles: minimal text edits over the model's
 * instructions that keep the instruction valid in the form it is written
 * in. Lines are added in the document's line break and the instruction's
 * indentation; words of RUN/CMD/ENTRYPOINT are added and removed in shell
 * form (across `\` continuations), in exec form (a JSON string element and
 * one comma) and inside an exec-form `["sh", "-c", "..."]` script (JSON
 * escaped). Each operation returns the edits, `[]` when the instruction
 * already says what was asked (so applying twice is applying once), or
 * null when the edit cannot be made safely (after an unterminated heredoc
 * or a dangling `\`, which the new line would join).
 */
import type { Property } from 'dockerfile-ast';
import { heredocsOf } from './ast-workarounds';
import { commandStart, commandsOf, flagsOf } from './commands';
import { propertiesOf, type DockerInstruction, type DockerfileModel } from './model';
import type { ShellWord, SimpleCommand } from './shell';
import { withLineBreak } from '../text';
import type { TextEdit } from '../types';

/** What the edits read: the text as parsed (same offsets as the document), its lines and escape character. */
export type DockerfileText = Pick<DockerfileModel, 'text' | 'lines' | 'escapeChar' | 'instructions'>;

function edit(model: DockerfileText, start: number, end: number, newText: string): TextEdit {
  return { range: model.lines.rangeOf(start, end), newText };
}

/** Offset where a line's text starts: after the byte order mark on the first line, which must stay first. */
function lineStart(model: DockerfileText, line: number): number {
  const start = model.lines.lineStart(line);
  return start === 0 && model.text.charCodeAt(0) === 0xfeff ? 1 : start;
}

function indentOf(model: DockerfileText, instruction: DockerInstruction): string {
  const line = instruction.range.start.line;
  return /^[ \t]*/.exec(model.text.slice(lineStart(model, line), model.lines.lineEnd(line)))![0];
}

function lastLineOf(model: DockerfileText, instruction: DockerInstruction): number {
  return model.lines.positionAt(instruction.endOffset).line;
}

/** Whether a line added after the instruction would be read as part of it. */
function isOpenEnded(model: DockerfileText, instruction: DockerInstruction): boolean {
  if (instruction.text.trimEnd().endsWith(model.escapeChar)) return true;
  return instruction.text.includes('<<') && heredocsOf(instruction.node).some((h) => h.getDelimiterRange() === null);
}

/**
 * Inserts an instruction line (`line` without a line break) before or after
 * an instruction, at its indentation; none when the instruction next to it
 * on that side already is `line`.
 */
export function insertInstruction(
  model: DockerfileText,
  instruction: DockerInstruction,
  line: string,
  where: 'before' | 'after',
): TextEdit[] | null {
  const neighbour = model.instructions[model.instructions.indexOf(instruction) + (where === 'before' ? -1 : 1)];
  if (neighbour?.text === line) return [];
  const eol = model.lines.eol;
  const text = indentOf(model, instruction) + withLineBreak(line, eol);
  if (where === 'before') {
    const at = lineStart(model, instruction.range.start.line);
    return [edit(model, at, at, text + eol)];
  }
  if (isOpenEnded(model, instruction)) return null;
  const last = lastLineOf(model, instruction);
  if (last + 1 < model.lines.lineCount) {
    const at = model.lines.lineStart(last + 1);
    return [edit(model, at, at, text + eol)];
  }
  return [edit(model, model.text.length, model.text.length, eol + text)];
}

/** Replaces an instruction, with its continuation lines, by `text` (its line breaks made the document's). */
export function replaceInstruction(model: DockerfileText, instruction: DockerInstruction, text: string): TextEdit[] {
  const written = withLineBreak(text, model.lines.eol);
  if (written === instruction.text) return [];
  return [edit(model, instruction.startOffset, instruction.endOffset, written)];
}

/** Removes an instruction's whole lines (continuations and heredoc bodies included); comments above it stay. */
export function removeInstruction(model: DockerfileText, instruction: DockerInstruction): TextEdit[] {
  const first = instruction.range.start.line;
  const last = lastLineOf(model, instruction);
  if (last + 1 < model.lines.lineCount)
    return [edit(model, lineStart(model, first), model.lines.lineStart(last + 1), '')];
  const start = first > 0 ? model.lines.lineEnd(first - 1) : lineStart(model, first);
  return [edit(model, start, model.text.length, '')];
}

/** Inserts a flag (`--mount=type=secret,id=npmrc`) right after the keyword; none when the same flag is there. */
export function insertFlag(model: DockerfileText, instruction: DockerInstruction, flag: string): TextEdit[] {
  const written = flagsOf(instruction.node).map((f) => {
    const range = f.getRange();
    return model.text.slice(model.lines.offsetAt(range.start), model.lines.offsetAt(range.end));
  });
  if (written.includes(flag)) return [];
  const at = instruction.startOffset + instruction.argumentsOffset;
  return [edit(model, at, at, ` ${flag}`)];
}

/**
 * Removes one `NAME=value` of an ENV or ARG, with what separates it from
 * the one before it (from the next one when it is the first): blanks, and
 * a line continuation between them; the whole instruction when it is the
 * only one. `properties`: the instruction's, when the caller has them.
 */
export function removeProperty(
  model: DockerfileText,
  instruction: DockerInstruction,
  index: number,
  properties: readonly Property[] = propertiesOf(instruction.node),
): TextEdit[] {
  if (index < 0 || index >= properties.length) return [];
  if (properties.length === 1) return removeInstruction(model, instruction);
  const start = (p: Property): number => model.lines.offsetAt(p.getRange().start);
  const end = (p: Property): number => model.lines.offsetAt(p.getRange().end);
  if (index > 0) return [edit(model, end(properties[index - 1]), end(properties[index]), '')];
  return [edit(model, start(properties[0]), start(properties[1]), '')];
}

/** A parser directive line: `# name=value`, only in the block of such lines the file starts with. */
const DIRECTIVE = /^[ \t]*#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

/**
 * The parser directives (`# syntax=...`, `# escape=...`, `# check=...`),
 * names lower-cased: the lines of that form the file starts with. BuildKit
 * stops looking at the first other line, so a `# syntax=` after a comment
 * or an instruction is only a comment.
 */
export function parserDirectives(model: DockerfileText): Map<string, string> {
  const directives = new Map<string, string>();
  for (let line = 0; line < model.lines.lineCount; line++) {
    const text = model.text.slice(lineStart(model, line), model.lines.lineEnd(line)).replace(/\r$/, '');
    const match = DIRECTIVE.exec(text);
    if (!match || directives.has(match[1].toLowerCase())) break;
    directives.set(match[1].toLowerCase(), match[2]);
  }
  return directives;
}

/**
 * Adds the parser directive `# name=value` as the file's first line (after
 * a byte order mark, which must stay first; other directives stay
 * directives under it); none when the file has that directive already.
 */
export function insertParserDirective(model: DockerfileText, name: string, value: string): TextEdit[] {
  if (parserDirectives(model).has(name.toLowerCase())) return [];
  const at = lineStart(model, 0);
  return [edit(model, at, at, `# ${name}=${value}${model.lines.eol}`)];
}

/**
 * Runs a shell statement (`export X="$(cat /run/secrets/x)"`) before a
 * RUN's command: `statement && ` before the command in shell form (a
 * heredoc fed to a command included), or as the first line of a heredoc
 * script (`RUN <<EOF`; after its shebang when that is a POSIX shell). Null
 * in exec form, for a script in another language and for several heredocs.
 */
export function prefixCommand(
  model: DockerfileText,
  instruction: DockerInstruction,
  statement: string,
): TextEdit[] | null {
  if (execElements(instruction)) return null;
  const text = instruction.text;
  let at = commandStart(instruction);
  while (at < instruction.flatText.length && /\s/.test(instruction.flatText[at])) at += 1;
  if (at >= instruction.flatText.length) return null;
  const heredocs = text.includes('<<') ? heredocsOf(instruction.node) : [];
  if (heredocs.length > 1) return null;
  if (heredocs.length === 1 && text.startsWith('<<', at)) {
    const firstBreak = text.indexOf('\n');
    if (firstBreak === -1) return null;
    let line = firstBreak + 1;
    const firstLine = text.slice(line, text.indexOf('\n', line) === -1 ? text.length : text.indexOf('\n', line));
    if (firstLine.startsWith('#!')) {
      if (!/^#!\s*\S*\/(env\s+)?(ba|da|k|a)?sh\b/.test(firstLine)) return null;
      line += firstLine.length + 1;
    }
    const eol = text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
    if (text.startsWith(statement + eol, line)) return [];
    return [edit(model, instruction.startOffset + line, instruction.startOffset + line, statement + eol)];
  }
  if (text.startsWith(`${statement} && `, at)) return [];
  return [edit(model, instruction.startOffset + at, instruction.startOffset + at, `${statement} && `)];
}

/**
 * Removes the source argument `index` of a COPY/ADD that has others (the
 * whole instruction is removeInstruction's): a JSON element with one comma
 * in exec form, the word with its blanks in shell form. The edit spans all
 * the sources, so two removals from one instruction never apply together
 * (which could leave it without any).
 */
export function removeSource(model: DockerfileText, instruction: DockerInstruction, index: number): TextEdit[] {
  const args = instruction.node.getArguments();
  if (index < 0 || index >= args.length - 1) return [];
  const relative = (offset: number): number => offset - instruction.startOffset;
  const startOf = (i: number): number => relative(model.lines.offsetAt(args[i].getRange().start));
  const endOf = (i: number): number => relative(model.lines.offsetAt(args[i].getRange().end));
  const element = execElements(instruction)?.find((e) => e.start < endOf(index) && e.end > startOf(index));
  const word = element ?? { start: startOf(index), end: endOf(index) };
  const [removal] = removeWord(model, instruction, { value: '', ...word });
  const from = model.lines.offsetAt(removal.range.start);
  const to = model.lines.offsetAt(removal.range.end);
  const spanStart = Math.min(from, instruction.startOffset + startOf(0));
  const spanEnd = Math.max(to, instruction.startOffset + startOf(args.length - 1));
  return [edit(model, spanStart, spanEnd, model.text.slice(spanStart, from) + model.text.slice(to, spanEnd))];
}

/** A JSON string element of an exec-form array, offsets in the instruction's text. */
interface Element {
  start: number;
  end: number;
}

/**
 * The string elements of an exec-form (JSON) argument list, or null for
 * shell form: Docker itself reads arguments that are not a JSON array of
 * strings as a shell command.
 */
export function execElements(instruction: DockerInstruction): Element[] | null {
  const text = instruction.flatText;
  let at = instruction.argumentsOffset;
  for (const flag of flagsOf(instruction.node))
    at = Math.max(at, instruction.documentLines.offsetAt(flag.getRange().end) - instruction.startOffset);
  if (instruction.keyword === 'HEALTHCHECK') {
    // `HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]`: the command follows CMD.
    const cmd = /\bCMD\b/i.exec(text.slice(at));
    if (!cmd) return null;
    at += cmd.index + 3;
  }
  const skipBlanks = (): void => {
    while (at < text.length && /\s/.test(text[at])) at += 1;
  };
  skipBlanks();
  if (text[at] !== '[') return null;
  const open = at;
  const elements: Element[] = [];
  at += 1;
  skipBlanks();
  if (text[at] !== ']') {
    for (;;) {
      skipBlanks();
      if (text[at] !== '"') return null;
      const start = at;
      at += 1;
      while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
      if (at >= text.length) return null;
      at += 1;
      elements.push({ start, end: at });
      skipBlanks();
      if (text[at] === ',') at += 1;
      else if (text[at] === ']') break;
      else return null;
    }
  }
  if (text.slice(at + 1).trim() !== '') return null;
  try {
    JSON.parse(text.slice(open, at + 1));
  } catch {
    return null;
  }
  return elements;
}

/** How a word of the instruction is written: a JSON element, inside one (an `sh -c` script), or shell form. */
function placeOf(instruction: DockerInstruction, word: ShellWord): { elements: Element[]; index: number } | null {
  const elements = execElements(instruction);
  if (!elements) return null;
  const index = elements.findIndex((e) => e.start <= word.start && word.end <= e.end);
  return index === -1 ? null : { elements, index };
}

/** A word as the shell reads it back: bare when it can be, single-quoted otherwise. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Inserts an argument before or after a word of a RUN/CMD/ENTRYPOINT
 * command (a word from `commandsOf`); none when that command already has an
 * argument with this value.
 */
export function insertWord(
  model: DockerfileText,
  instruction: DockerInstruction,
  anchor: ShellWord,
  value: string,
  where: 'before' | 'after',
): TextEdit[] | null {
  const command = commandsOf(instruction).find((c) => c.words.some((w) => w.start === anchor.start));
  if (command?.words.some((w) => w.value === value)) return [];
  const place = placeOf(instruction, anchor);
  const element = place?.elements[place.index];
  let text: string;
  if (element && element.start === anchor.start && element.end === anchor.end)
    text = where === 'after' ? `, ${JSON.stringify(value)}` : `${JSON.stringify(value)}, `;
  else {
    const word = where === 'after' ? ` ${shellWord(value)}` : `${shellWord(value)} `;
    // Inside a JSON string: escaped as JSON, so the array stays valid.
    text = element ? JSON.stringify(word).slice(1, -1) : word;
  }
  const at = instruction.startOffset + (where === 'after' ? anchor.end : anchor.start);
  return [edit(model, at, at, text)];
}

/**
 * Removes a word of a RUN/CMD/ENTRYPOINT command: a JSON element with one
 * comma; in shell form the word with the blanks before it, or its whole
 * continuation line when it stands alone on one (the last line of the
 * instruction takes the `\` before it along, so nothing dangles).
 */
export function removeWord(model: DockerfileText, instruction: DockerInstruction, word: ShellWord): TextEdit[] {
  const base = instruction.startOffset;
  const place = placeOf(instruction, word);
  const element = place?.elements[place.index];
  if (place && element && element.start === word.start && element.end === word.end) {
    const { elements, index } = place;
    if (index > 0) return [edit(model, base + elements[index - 1].end, base + element.end, '')];
    if (elements.length > 1) return [edit(model, base + element.start, base + elements[1].start, '')];
    return [edit(model, base + element.start, base + element.end, '')];
  }
  const text = instruction.text;
  const lineBegin = text.lastIndexOf('\n', word.start - 1) + 1;
  let lineFinish = text.indexOf('\n', word.end);
  if (lineFinish === -1) lineFinish = text.length;
  const before = text.slice(lineBegin, word.start);
  const after = text.slice(word.end, lineFinish).replace(/\r$/, '').trim();
  if (!element && lineBegin > 0 && before.trim() === '') {
    if (after === model.escapeChar)
      return [edit(model, base + lineBegin, base + Math.min(text.length, lineFinish + 1), '')];
    if (after === '') {
      // The instruction's last line: cut from the end of the previous line's words, its `\` included.
      let cut = lineBegin - 1;
      if (text[cut - 1] === '\r') cut -= 1;
      while (cut > 0 && /[ \t]/.test(text[cut - 1])) cut -= 1;
      if (text[cut - 1] === model.escapeChar) cut -= 1;
      while (cut > 0 && /[ \t]/.test(text[cut - 1])) cut -= 1;
      return [edit(model, base + cut, base + word.end, '')];
    }
  }
  let start = word.start;
  let end = word.end;
  if (start > 0 && /[ \t]/.test(text[start - 1])) while (start > 0 && /[ \t]/.test(text[start - 1])) start -= 1;
  else while (end < text.length && /[ \t]/.test(text[end])) end += 1;
  return [edit(model, base + start, base + end, '')];
}

/** The official Dockerfile frontend's tags that include dockerfile 1.minor: `1`, `latest`, `labs`, `1.7`, `1.7.1-labs`. */
function frontendAtLeast(syntax: string, minor: number): boolean {
  const match = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:([^@\s]+)(?:@sha256:[0-9a-f]{64})?$/.exec(syntax);
  if (!match) return false;
  const tag = match[1];
  if (/^(1|latest|labs|1-labs)$/.test(tag)) return true;
  const version = /^1\.(\d+)(?:\.\d+)?(?:-labs)?$/.exec(tag);
  return version !== null && Number(version[1]) >= minor;
}

/**
 * Makes the Dockerfile select a frontend with dockerfile syntax 1.`minor`
 * or later (`ADD --checksum` needs 1.6): `# syntax=docker/dockerfile:1` on
 * the first line (after the byte order mark; other directives stay below it)
 * when there is no syntax directive; none when the directive given already
 * has it; null when it names an older or another frontend, which the user
 * chose and a fix should not replace.
 */
export function requireDockerfileSyntax(model: DockerfileText, minor: number): TextEdit[] | null {
  const syntax = parserDirectives(model).get('syntax');
  if (syntax !== undefined) return frontendAtLeast(syntax, minor) ? [] : null;
  return insertParserDirective(model, 'syntax', 'docker/dockerfile:1');
}

/**
 * Removes one command (from `commandsOf`) of a RUN with the separator that
 * joins it to its neighbour: `a && b && c` loses `&& b`; the instruction
 * itself goes when the command is all it runs. Only between like separators
 * (`&&` on both sides, or `;`), so what runs after it still runs under the
 * same condition; null inside a pipeline, next to `||`, `&` or a mix, or
 * when a comment line would go with it.
 */
export function removeCommand(
  model: DockerfileText,
  instruction: DockerInstruction,
  command: SimpleCommand,
): TextEdit[] | null {
  const commands = commandsOf(instruction);
  const index = commands.indexOf(command);
  if (index === -1) return null;
  if (commands.length === 1) return removeInstruction(model, instruction);
  const previous = commands[index - 1];
  const next = commands[index + 1];
  if (previous?.pipeline === command.pipeline || next?.pipeline === command.pipeline) return null;
  const separator = (from: number, to: number): string => instruction.flatText.slice(from, to).trim();
  const before = previous ? separator(previous.end, command.start) : null;
  const after = next ? separator(command.end, next.start) : null;
  if (![before, after].every((s) => s === null || s === '&&' || s === ';') || (before && after && before !== after))
    return null;
  const [start, end] = previous ? [previous.end, command.end] : [command.start, next.start];
  if (/(^|\n)[ \t]*#/.test(instruction.text.slice(start, end))) return null;
  return [edit(model, instruction.startOffset + start, instruction.startOffset + end, '')];
}
