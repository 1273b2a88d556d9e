/**
 * The smallest set of text edits that turns one text into another, line by
 * line: how a combination of fixes (applied one after the other, re-analysing
 * in between) becomes one edit the editor can apply, preview and undo at once.
 */
import { diffLines } from 'diff';
import { LineIndex } from './text';
import type { TextEdit } from './types';

export function minimalEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const lines = new LineIndex(before);
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: { start: number; end: number; newText: string } | null = null;
  const flush = (): void => {
    if (pending) edits.push({ range: lines.rangeOf(pending.start, pending.end), newText: pending.newText });
    pending = null;
  };
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      flush();
      offset += part.value.length;
      continue;
    }
    pending ??= { start: offset, end: offset, newText: '' };
    if (part.removed) {
      offset += part.value.length;
      pending.end = offset;
    } else pending.newText += part.value;
  }
  flush();
  return edits;
}
