/**
 * Offset <-> position conversion over one document's text, built once per
 * document version. Lines end at \n; a preceding \r belongs to the line break.
 */
import type { Position, Range } from './types';

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Offset just after the last character of the line, before its line break. */
  lineEnd(line: number): number {
    if (line >= this.lineStarts.length - 1) return this.text.length;
    let end = this.lineStarts[line + 1] - 1;
    if (end > this.lineStarts[line] && this.text[end - 1] === '\r') end -= 1;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  private lineBreak: string | undefined;

  /** The line break used by the document (for edits that insert lines); found once, fixes ask for it often. */
  get eol(): string {
    return (this.lineBreak ??= this.text.includes('\r\n') ? '\r\n' : '\n');
  }
}

/**
 * `text` without the run of `chars` at its end. A pattern such as `/\/+$/`
 * is tried at every character of a run and scans the run from each: a
 * 100,000-character run followed by anything else took minutes.
 */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}
