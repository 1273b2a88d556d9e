/**
 * Offset <-> position conversion over one document's text, built once per
 * document version, counting lines exactly as LSP does: `\n`, `\r\n` and a
 * lone `\r` each end a line, and characters are UTF-16 code units.
 *
 * The parsers do not all agree with LSP: `yaml` reads a lone `\r` as an
 * ordinary character (a Compose file with CR line ends would be one line),
 * while dockerfile-ast counts it. So the models analyse a copy of the text
 * in which each lone `\r` is a `\n` ({@link withLineFeeds}): the same length,
 * so every offset and position is unchanged, and every parser and rule then
 * sees the lines the editor shows. Fixes insert the document's own line break
 * ({@link lineBreakOf}), so a CR-only file stays CR-only.
 */
import type { Position, Range } from './types';

export type LineBreak = '\n' | '\r\n' | '\r';

const LONE_CR = /\r(?!\n)/;

export class LineIndex {
  private readonly lineStarts: number[];

  /** `eol`: the line break fixes insert, when `text` is a copy made by {@link withLineFeeds} of a CR document. */
  constructor(
    readonly text: string,
    private lineBreak?: LineBreak,
  ) {
    const starts = [0];
    if (text.indexOf('\r') === -1) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 10) starts.push(i + 1);
        else if (code === 13) {
          if (text.charCodeAt(i + 1) === 10) i += 1;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The offset of a position; a position past its line's end means the line's end (never its line break). */
  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** The position of an offset; an offset inside a `\r\n` is the end of its line. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(clamped, this.lineEnd(low)) - this.lineStarts[low] };
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** Offset just after the last character of the line, before its line break. */
  lineEnd(line: number): number {
    if (line >= this.lineStarts.length - 1) return this.text.length;
    const next = this.lineStarts[line + 1];
    const crlf =
      this.text.charCodeAt(next - 1) === 10 &&
      next - 2 >= this.lineStarts[line] &&
      this.text.charCodeAt(next - 2) === 13;
    return next - (crlf ? 2 : 1);
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Characters of the line, without its line break (what LSP calls the line's length). */
  lineLength(line: number): number {
    return this.lineEnd(line) - this.lineStart(line);
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The line break used by the document (for edits that insert lines); found once, fixes ask for it often. */
  get eol(): LineBreak {
    return (this.lineBreak ??= lineBreakOf(this.text));
  }
}

/**
 * The document's line break: the most frequent of `\n`, `\r\n` and a lone
 * `\r` (on a tie CRLF, then LF); `\n` for a one-line document.
 */
export function lineBreakOf(text: string): LineBreak {
  if (text.indexOf('\r') === -1) return '\n';
  let crlf = 0;
  let cr = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) lf += 1;
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf += 1;
        i += 1;
      } else cr += 1;
    }
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  return cr > lf ? '\r' : '\n';
}

export function hasLoneCarriageReturn(text: string): boolean {
  return text.indexOf('\r') !== -1 && LONE_CR.test(text);
}

/**
 * The text the parsers and rules read: each lone `\r` (a line break for LSP
 * and YAML 1.2, a plain character for the `yaml` package) becomes `\n`.
 * Same length, so offsets carry over to the document unchanged.
 */
export function withLineFeeds(text: string): string {
  return hasLoneCarriageReturn(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Every line break in inserted text made the document's own, for a document written with lone CRs. */
export function withLineBreak(text: string, eol: LineBreak): string {
  return /[\r\n]/.test(text) ? text.replace(/\r\n|\r|\n/g, eol) : text;
}

/** `[start, end)` widened so that neither end falls inside a surrogate pair (an emoji, a rare CJK character). */
export function wholeCodePoints(text: string, start: number, end: number): [number, number] {
  const splits = (at: number): boolean =>
    at > 0 && /[\uD800-\uDBFF]/.test(text[at - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[at] ?? '');
  return [splits(start) ? start - 1 : start, splits(end) ? end + 1 : end];
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
