/**
 * Applies text edits to a document exactly as the LSP specifies a
 * `TextEdit[]` and as vscode-languageserver-textdocument applies one: every
 * range refers to the original text, edits are taken in order of their start
 * (a stable sort, so several inserts at one position land in array order),
 * and overlapping edits are refused. A test or a preview built on it shows
 * the text the editor produces.
 */
import { comparePositions, LineIndex } from './text';
import type { TextEdit } from './types';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  // Array.prototype.sort is stable: edits with one start keep their array order.
  const located = edits
    .map((edit) => {
      // A reversed range is read as the range it spans, as the editor does.
      const [start, end] =
        comparePositions(edit.range.start, edit.range.end) <= 0
          ? [edit.range.start, edit.range.end]
          : [edit.range.end, edit.range.start];
      return { start: lines.offsetAt(start), end: lines.offsetAt(end), newText: edit.newText };
    })
    .sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const edit of located) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    result += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

/**
 * The edits in document order (by start, then end; inserts at one place keep
 * their order). Clients that take edits by start alone, as
 * vscode-languageserver-textdocument and `applyEdits` do, refuse an insert
 * listed after a replacement that starts where it lands; in this order every
 * client applies the same change. The same array when it is in order already.
 */
export function inDocumentOrder(edits: TextEdit[]): TextEdit[] {
  const order = (a: TextEdit, b: TextEdit): number =>
    comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end);
  for (let i = 1; i < edits.length; i++) if (order(edits[i - 1], edits[i]) > 0) return [...edits].sort(order);
  return edits;
}
