/**
 * Which measures of a plan make which of its edits, so the refactor preview
 * can show each edit under its measure and the user can untick one (see
 * `MeasureProvenance`).
 */
import { lineHunks, splitLines } from '../minimal-edits';
import { LineIndex } from '../text';
import type { TextEdit } from '../types';

/**
 * Which measures make each of the edits from a text to the text a plan
 * makes of it. The plan is carried out measure by measure, so every line of
 * the result was written by one of them or comes from the original, and
 * every original line that is gone was removed by one: an edit belongs to the
 * measures whose lines it writes and whose removals it makes. Only where
 * each line came from is kept, not the texts between measures.
 */
export class MeasureProvenance {
  /** Where each line of the text as it stands came from: its line number in the original, or a measure. */
  private origin: (number | string)[];
  private readonly removedBy = new Map<number, Set<string>>();
  private readonly measures: string[] = [];
  /** Measures whose changes are tied together (union-find parents). */
  private readonly tiedTo = new Map<string, string>();

  constructor(private readonly original: string) {
    this.origin = splitLines(original).map((_, line) => line);
  }

  private group(measure: string): string {
    let root = measure;
    while (this.tiedTo.has(root)) root = this.tiedTo.get(root)!;
    return root;
  }

  private tie(a: string, b: string): void {
    const [rootA, rootB] = [this.group(a), this.group(b)];
    if (rootA !== rootB) this.tiedTo.set(rootA, rootB);
  }

  /** `measure` turned `before` (the text as it stood) into `after`. */
  record(measure: string, before: string, after: string): void {
    if (before === after) return;
    if (!this.measures.includes(measure)) this.measures.push(measure);
    const next: (number | string)[] = [];
    let line = 0;
    for (const hunk of lineHunks(before, after)) {
      next.push(...this.origin.slice(line, hunk.oldStart));
      for (const gone of this.origin.slice(hunk.oldStart, hunk.oldEnd)) {
        if (typeof gone !== 'number') {
          // A line one measure wrote and this one rewrote: neither can be left out alone.
          this.tie(gone, measure);
          continue;
        }
        const by = this.removedBy.get(gone) ?? new Set<string>();
        this.removedBy.set(gone, by.add(measure));
      }
      next.push(...hunk.newLines.map(() => measure));
      line = hunk.oldEnd;
    }
    next.push(...this.origin.slice(line));
    this.origin = next;
  }

  /**
   * The edits from the original to `final`, each with the measures that make
   * it, in the order they were applied. A run of changed lines is split
   * where the measure changes (a line replaced, lines removed, lines inserted
   * after them), so each measure can be left out on its own and what remains
   * still reads as it did; changes that depend on one another stay together.
   */
  edits(final: string): { edit: TextEdit; measures: string[] }[] {
    const index = new LineIndex(this.original);
    const ordered = (made: Set<string>): string[] => {
      const measures = this.measures.filter((m) => made.has(m));
      // A change no measure explains (there should be none) is all of theirs.
      return measures.length > 0 ? measures : [...this.measures];
    };
    const groups = (measures: Set<string>): Set<string> => new Set([...measures].map((m) => this.group(m)));
    const edits: { edit: TextEdit; measures: string[] }[] = [];
    const lines = splitLines(this.original);
    for (const hunk of lineHunks(this.original, final)) {
      // The old lines in runs removed by the same measures.
      const removals: { measures: Set<string>; start: number; end: number }[] = [];
      let offset = hunk.start;
      for (let line = hunk.oldStart; line < hunk.oldEnd; line++) {
        const by = this.removedBy.get(line) ?? new Set<string>();
        const last = removals[removals.length - 1];
        const end = offset + lines[line].length;
        if (last && sameGroups(groups(last.measures), groups(by))) last.end = end;
        else removals.push({ measures: new Set(by), start: offset, end });
        offset = end;
      }
      // The new lines in runs written by one measure (lines the original had, moved, go with the run before).
      // A run indented deeper than the run before it starts is inside what that one wrote (a limit under the
      // `deploy:` another limit added): they go together, or leaving one out would leave the other hanging.
      const runs: { measures: Set<string>; text: string; indent: number }[] = [];
      hunk.newLines.forEach((text, i) => {
        const written = this.origin[hunk.newStart + i];
        const measure = typeof written === 'string' ? written : null;
        const last = runs[runs.length - 1];
        const indent = /^[ \t]*/.exec(text)![0].length;
        if (last && (measure === null || groups(last.measures).has(this.group(measure)) || indent > last.indent)) {
          last.text += text;
          if (measure !== null) last.measures.add(measure);
        } else runs.push({ measures: new Set(measure !== null ? [measure] : []), text, indent });
      });
      // Pair them in order: old lines a measure replaced with the lines it wrote in their place; others alone.
      let at = hunk.start;
      const push = (start: number, end: number, newText: string, made: Set<string>): void => {
        edits.push({ edit: { range: index.rangeOf(start, end), newText }, measures: ordered(made) });
        at = end;
      };
      const laterRunOf = (removal: (typeof removals)[number], from: number): boolean =>
        runs.slice(from).some((run) => intersects(groups(run.measures), groups(removal.measures)));
      let r = 0;
      for (const removal of removals) {
        while (
          r < runs.length &&
          !intersects(groups(runs[r].measures), groups(removal.measures)) &&
          laterRunOf(removal, r + 1)
        ) {
          push(at, at, runs[r].text, runs[r].measures);
          r++;
        }
        if (r < runs.length && intersects(groups(runs[r].measures), groups(removal.measures))) {
          push(removal.start, removal.end, runs[r].text, new Set([...removal.measures, ...runs[r].measures]));
          r++;
        } else push(removal.start, removal.end, '', removal.measures);
      }
      for (; r < runs.length; r++) push(at, at, runs[r].text, runs[r].measures);
    }
    return edits;
  }
}

function sameGroups(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((m) => b.has(m));
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  return [...a].some((m) => b.has(m));
}
