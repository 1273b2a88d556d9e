/**
 * Text as LSP sees it, independent of the server's own code: lines end at
 * `\n`, `\r\n` or a lone `\r`; characters are UTF-16 code units. Used to
 * check that every range the server sends lies inside the document, and to
 * apply edits exactly as a client applies them.
 */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}

export class LspText {
  /** Offset of the first character of each line. */
  readonly lineStarts: number[] = [0];
  /** Length of each line without its line end. */
  readonly lineLengths: number[] = [];

  constructor(readonly text: string) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.lineLengths.push(i - start);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
        this.lineStarts.push(start);
      }
    }
    this.lineLengths.push(text.length - start);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Why a position is outside the document, or undefined when it is inside. */
  positionProblem(p: Position): string | undefined {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) {
      return `position ${JSON.stringify(p)} is not a pair of non-negative integers`;
    }
    if (p.line >= this.lineCount) return `line ${p.line} is beyond the last line (${this.lineCount - 1})`;
    if (p.character > this.lineLengths[p.line]) {
      return `character ${p.character} is beyond the length ${this.lineLengths[p.line]} of line ${p.line}`;
    }
    return undefined;
  }

  rangeProblem(r: Range): string | undefined {
    const problem = this.positionProblem(r.start) ?? this.positionProblem(r.end);
    if (problem) return problem;
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) {
      return 'start is after end';
    }
    return undefined;
  }

  /** Offset of a valid position. */
  offsetAt(p: Position): number {
    return this.lineStarts[p.line] + p.character;
  }

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(offset - this.lineStarts[low], this.lineLengths[low]) };
  }
}

/**
 * Applies edits the way LSP specifies a TextEdit[]: all ranges refer to the
 * original text, they must not overlap, and inserts at one position land in
 * array order. Throws with the reason when the edits are not applicable.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = new LspText(text);
  const located = edits.map((edit, order) => {
    const problem = doc.rangeProblem(edit.range);
    if (problem) throw new Error(`edit range ${JSON.stringify(edit.range)}: ${problem}`);
    return { start: doc.offsetAt(edit.range.start), end: doc.offsetAt(edit.range.end), newText: edit.newText, order };
  });
  located.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const edit of located) {
    if (edit.start < cursor) throw new Error(`edits overlap at offset ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Applies one didChange content change (ranged or full) as the server's document does. */
export function applyContentChange(text: string, change: { range?: Range; text: string }): string {
  if (!change.range) return change.text;
  return applyEdits(text, [{ range: change.range, newText: change.text }]);
}

/** A `\r` not followed by `\n`: a line end for LSP that code splitting on `\n` misses (noted on failures for triage). */
export function hasLoneCr(text: string): boolean {
  return /\r(?!\n)/.test(text);
}
