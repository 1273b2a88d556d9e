/**
 * The last check on findings before they leave the core: every range and
 * every fix edit lies inside the document as LSP counts it (lines end at
 * `\n`, `\r\n` or a lone `\r`; a character is a UTF-16 code unit and never
 * exceeds its line's length, nor splits a surrogate pair; start <= end), a
 * fix's edits do not overlap, and no edit lands before a byte order mark.
 *
 * A finding that breaks this is repaired (its range clamped; a fix with a bad
 * edit dropped, since a clamped edit would change the wrong text) and the
 * repair reported to an observer: tests install one that fails, so the guard
 * never hides a bug the test suite could have seen.
 */
import { comparePositions, type LineIndex } from './text';
import type { Finding, Fix, Position, Range, TextEdit } from './types';

export type RepairObserver = (problem: string, finding: Finding) => void;

let observer: RepairObserver | null = null;

/** Installs a function told of every repair `analyze` makes (tests fail on any); returns the previous one. */
export function observeRepairs(next: RepairObserver | null): RepairObserver | null {
  const previous = observer;
  observer = next;
  return previous;
}

/** Why a position is not inside the document, or null when it is. */
export function positionProblem(lines: LineIndex, position: Position): string | null {
  const { line, character } = position;
  if (!Number.isInteger(line) || !Number.isInteger(character)) return `position ${line}:${character} is not integral`;
  if (line < 0 || line >= lines.lineCount) return `line ${line} outside the document's ${lines.lineCount} lines`;
  const length = lines.lineLength(line);
  if (character < 0 || character > length) return `character ${character} outside line ${line} of length ${length}`;
  return splitsSurrogatePair(lines, line, character) ? `position ${line}:${character} splits a surrogate pair` : null;
}

export function rangeProblem(lines: LineIndex, range: Range): string | null {
  const problem = positionProblem(lines, range.start) ?? positionProblem(lines, range.end);
  if (problem) return problem;
  return comparePositions(range.start, range.end) > 0 ? `range ends before it starts: ${format(range)}` : null;
}

/** Everything wrong with one finding's range and fixes, as messages. */
export function findingProblems(lines: LineIndex, finding: Finding): string[] {
  const problems: string[] = [];
  const range = rangeProblem(lines, finding.range);
  if (range) problems.push(`${finding.ruleId} range ${format(finding.range)}: ${range}`);
  for (const fix of finding.fixes) {
    const problem = fixProblem(lines, fix);
    if (problem) problems.push(`${finding.ruleId} fix "${fix.title}": ${problem}`);
  }
  return problems;
}

/** Everything wrong with the findings of one document, as messages; for tests and sweeps. */
export function documentProblems(lines: LineIndex, findings: readonly Finding[]): string[] {
  return findings.flatMap((finding) => findingProblems(lines, finding));
}

function fixProblem(lines: LineIndex, fix: Fix): string | null {
  const spans: [number, number][] = [];
  for (const edit of fix.edits) {
    const problem = editProblem(lines, edit);
    if (problem) return problem;
    if (fix.edits.length > 1) spans.push([lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) {
    // Two insertions at one place are allowed by LSP (applied in order); overlapping replacements are not.
    if (spans[i][0] < spans[i - 1][1]) return `edits overlap at offset ${spans[i][0]}`;
  }
  return null;
}

function editProblem(lines: LineIndex, edit: TextEdit): string | null {
  const problem = rangeProblem(lines, edit.range);
  if (problem) return `edit ${format(edit.range)}: ${problem}`;
  if (lines.text.charCodeAt(0) === 0xfeff && edit.range.start.line === 0 && edit.range.start.character === 0) {
    return `edit ${format(edit.range)} lands before the byte order mark`;
  }
  return null;
}

/**
 * The findings with every range inside the document and only fixes whose
 * edits are; unchanged findings are returned as they are (they may be kept
 * for reuse and must not change).
 */
export function keepInsideDocument(
  lines: LineIndex,
  findings: Finding[],
  report: RepairObserver | null = observer,
): Finding[] {
  return findings.map((finding) => {
    // The common case first, without building messages.
    const fits =
      rangeProblem(lines, finding.range) === null && finding.fixes.every((fix) => fixProblem(lines, fix) === null);
    if (fits) return finding;
    const problems = findingProblems(lines, finding);
    for (const problem of problems) report?.(problem, finding);
    return {
      ...finding,
      range: clampRange(lines, finding.range),
      fixes: finding.fixes.filter((fix) => fixProblem(lines, fix) === null),
    };
  });
}

export function clampRange(lines: LineIndex, range: Range): Range {
  const start = clampPosition(lines, range.start);
  const end = clampPosition(lines, range.end);
  return { start, end: comparePositions(start, end) > 0 ? start : end };
}

/** The nearest position inside the document (a split surrogate pair moves to before the pair). */
function clampPosition(lines: LineIndex, position: Position): Position {
  const finite = (n: number): number => (Number.isFinite(n) ? Math.trunc(n) : 0);
  const line = Math.max(0, Math.min(finite(position.line), lines.lineCount - 1));
  const character = Math.max(0, Math.min(finite(position.character), lines.lineLength(line)));
  return { line, character: splitsSurrogatePair(lines, line, character) ? character - 1 : character };
}

function splitsSurrogatePair(lines: LineIndex, line: number, character: number): boolean {
  const offset = lines.lineStart(line) + character;
  return (
    character > 0 && isHighSurrogate(lines.text.charCodeAt(offset - 1)) && isLowSurrogate(lines.text.charCodeAt(offset))
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function format(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
