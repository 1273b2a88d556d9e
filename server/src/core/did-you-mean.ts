/**
 * "Did you mean …?" for mistyped identifiers (rule ids, concern ids,
 * configuration keys): the closest known name by edit distance, when it is
 * close enough to be a typo rather than a different name.
 */
import type { Language } from './l10n';

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows: number[][] = [];
  for (let i = 0; i <= s.length; i++) rows.push([i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 0; j <= t.length; j++) rows[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[s.length][t.length];
}

/**
 * The known name closest to `written`, if one is within a third of its
 * length (at least 2 edits), so `no-pid-limit` finds `compose-no-pids-limit`
 * only through its suffix: an id written without its `compose-` prefix is
 * matched too, since that is the commonest slip.
 */
export function didYouMean(written: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const allowed = Math.max(2, Math.floor(written.length / 3));
  for (const candidate of known) {
    // A prefix of three letters or more (`warn` for `warning`) counts as one edit.
    const prefix = written.length >= 3 && candidate.toLowerCase().startsWith(written.toLowerCase()) ? 1 : Infinity;
    const distance = Math.min(
      prefix,
      editDistance(written, candidate),
      candidate.startsWith('compose-') ? editDistance(written, candidate.slice('compose-'.length)) + 1 : Infinity,
    );
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean "x"?)`, or nothing: to append to a message (in Japanese, its own parenthesis). */
export function didYouMeanText(written: string, known: Iterable<string>, language: Language = 'en'): string {
  const suggestion = didYouMean(written, known);
  if (!suggestion) return '';
  return language === 'ja' ? `("${suggestion}" の誤りではありませんか?)` : ` (did you mean "${suggestion}"?)`;
}
