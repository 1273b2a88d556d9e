/**
 * The smallest set of text edits that turns one text into another, line by
 * line: how a combination of fixes (applied one after the other, re-analysing
 * in between) becomes one edit the editor can apply, preview and undo at once.
 *
 * A plain line diff costs time in proportion to the lines times the changes
 * (Myers' algorithm), and fix-all on a large Compose file makes thousands of
 * changes: seconds, in the editor's save path. The diff is therefore anchored
 * first, as patience diff does: lines that occur exactly once in both texts,
 * in the same order, are kept as they are, and only the short runs between
 * two anchors are diffed line by line.
 */
import { diffArrays } from 'diff';
import { LineIndex } from './text';
import type { TextEdit } from './types';

export function minimalEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const index = new LineIndex(before);
  return lineHunks(before, after).map((hunk) => ({
    range: index.rangeOf(hunk.start, hunk.end),
    newText: hunk.newLines.join(''),
  }));
}

/**
 * A run of lines that differs: the old lines `oldStart`..`oldEnd` (exclusive)
 * at offsets `start`..`end` of the old text become `newLines`, which are the
 * new text's lines from `newStart` on.
 */
export interface LineHunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newLines: string[];
  start: number;
  end: number;
}

/** The runs of lines that differ between two texts, in order (see the module comment). */
export function lineHunks(before: string, after: string): LineHunk[] {
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const hunks: LineHunk[] = [];
  let oldLine = 0;
  let newLine = 0;
  let offset = 0;
  let pending: LineHunk | null = null;
  const open = (): LineHunk =>
    (pending ??= { oldStart: oldLine, oldEnd: oldLine, newStart: newLine, newLines: [], start: offset, end: offset });
  const keep = (line: string): void => {
    if (pending) hunks.push(pending);
    pending = null;
    offset += line.length;
    oldLine++;
    newLine++;
  };
  const remove = (line: string): void => {
    const hunk = open();
    offset += line.length;
    oldLine++;
    hunk.oldEnd = oldLine;
    hunk.end = offset;
  };
  const insert = (line: string): void => {
    open().newLines.push(line);
    newLine++;
  };
  let oldAt = 0;
  let newAt = 0;
  for (const [oldAnchor, newAnchor] of [...anchors(oldLines, newLines), [oldLines.length, newLines.length]]) {
    const parts = diffArrays(oldLines.slice(oldAt, oldAnchor), newLines.slice(newAt, newAnchor));
    for (const part of parts) {
      for (const line of part.value) {
        if (part.added) insert(line);
        else if (part.removed) remove(line);
        else keep(line);
      }
    }
    if (oldAnchor < oldLines.length) keep(oldLines[oldAnchor]);
    oldAt = oldAnchor + 1;
    newAt = newAnchor + 1;
  }
  if (pending) hunks.push(pending);
  return hunks;
}

/** The text's lines, each with its line end (`\r\n`, `\n` or a lone `\r`); they join back to the text. */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

/**
 * Pairs of positions (old line, new line) of lines found exactly once in
 * each text, the longest sequence of them in the same order in both.
 */
function anchors(oldLines: readonly string[], newLines: readonly string[]): [number, number][] {
  const counts = new Map<string, { old: number; new: number; oldAt: number }>();
  oldLines.forEach((line, at) => {
    const count = counts.get(line);
    if (count) count.old++;
    else counts.set(line, { old: 1, new: 0, oldAt: at });
  });
  const candidates: [number, number][] = [];
  const newAt = new Map<string, number>();
  newLines.forEach((line, at) => {
    const count = counts.get(line);
    if (!count) return;
    count.new++;
    newAt.set(line, at);
  });
  for (const [line, count] of counts) {
    if (count.old === 1 && count.new === 1) candidates.push([count.oldAt, newAt.get(line)!]);
  }
  candidates.sort((a, b) => a[0] - b[0]);
  return longestIncreasing(candidates);
}

/** The longest subsequence whose second members increase (patience sorting, n log n). */
function longestIncreasing(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = []; // tails[k]: index in `pairs` of the smallest tail of an increasing run of length k + 1
  const previous = new Array<number>(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]][1] < pairs[i][1]) low = middle + 1;
      else high = middle;
    }
    previous[i] = low > 0 ? tails[low - 1] : -1;
    tails[low] = i;
  }
  const run: [number, number][] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) run.push(pairs[i]);
  return run.reverse();
}
