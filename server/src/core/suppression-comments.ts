/**
 * One `docker-harden-ignore` comment, read from a line of text: its scope,
 * the ids it lists with their columns, its reason; and the edits that
 * remove one id from it (or the whole comment with its last id). The
 * syntax is the same in Dockerfiles and YAML; suppressions.ts decides what
 * each comment covers.
 */
import type { LineIndex } from './text';
import type { Range, TextEdit } from './types';

/** What a comment silences: the next instruction or entry, the whole file, a Dockerfile stage, a Compose service. */
export type SuppressionScope = 'next' | 'file' | 'stage' | 'service';

/** The directives by scope, as written after `#`. */
export const DIRECTIVES: Readonly<Record<SuppressionScope, string>> = {
  next: 'docker-harden-ignore',
  file: 'docker-harden-ignore-file',
  stage: 'docker-harden-ignore-stage',
  service: 'docker-harden-ignore-service',
};

const SCOPE_BY_SUFFIX = new Map<string, SuppressionScope>([
  ['', 'next'],
  ['-file', 'file'],
  ['-stage', 'stage'],
  ['-service', 'service'],
]);

const DIRECTIVE = /#\s*docker-harden-ignore(-[A-Za-z]+)?\b[ \t:]*([^\n]*)$/;

export interface SuppressionComment {
  /** Null for a misspelt directive (`docker-harden-ignore-stages`), which suppresses nothing. */
  scope: SuppressionScope | null;
  /** Columns of the directive word (`docker-harden-ignore…`). */
  directive: { start: number; end: number; text: string };
  /** Column of the comment's `#`. */
  hash: number;
  /** True when the comment is alone on its line (it then applies to what follows). */
  ownLine: boolean;
  /** The listed ids with their columns; the reason after ` -- ` is not part of them. */
  ids: { id: string; start: number; end: number }[];
  /** The text after ` -- ` (or ` — `), trimmed; empty when none is given. */
  reason: string;
}

/** Reads a `docker-harden-ignore` comment on one line of text, if there is one. */
export function parseSuppressionComment(text: string): SuppressionComment | null {
  const match = DIRECTIVE.exec(text);
  if (!match) return null;
  const hash = text.lastIndexOf('#', match.index + 1);
  const wordStart = text.indexOf('docker-harden-ignore', match.index);
  const word = `docker-harden-ignore${match[1] ?? ''}`;
  const listStart = match.index + match[0].length - match[2].length;
  const [list, ...reasons] = match[2].split(/\s--\s|\s—\s|\s--$|\s—$/);
  const ids: SuppressionComment['ids'] = [];
  const idPattern = /[A-Za-z0-9_.-]+/g;
  for (let m = idPattern.exec(list); m; m = idPattern.exec(list))
    ids.push({ id: m[0], start: listStart + m.index, end: listStart + m.index + m[0].length });
  return {
    scope: SCOPE_BY_SUFFIX.get((match[1] ?? '').toLowerCase()) ?? null,
    directive: { start: wordStart, end: wordStart + word.length, text: word },
    hash,
    ownLine: text.slice(0, hash).trim() === '',
    ids,
    reason: reasons.join(' -- ').trim(),
  };
}

/**
 * The edit that takes `id` (the `index`th) out of the comment on `line`:
 * the id and its separator when others remain, else the whole comment
 * (with its line, when the comment is alone on it).
 */
export function removalEdit(lines: LineIndex, line: number, comment: SuppressionComment, index: number): TextEdit {
  const range = (startLine: number, start: number, endLine: number, end: number): Range => ({
    start: { line: startLine, character: start },
    end: { line: endLine, character: end },
  });
  const { ids } = comment;
  if (ids.length > 1) {
    // `a, b, c`: removing b takes "b, "; removing the last takes ", c".
    const at = ids[index];
    const span = index < ids.length - 1 ? [at.start, ids[index + 1].start] : [ids[index - 1].end, at.end];
    return { range: range(line, span[0], line, span[1]), newText: '' };
  }
  const text = lines.lineText(line);
  if (!comment.ownLine) {
    const before = text.slice(0, comment.hash).replace(/[ \t]+$/, '').length;
    return { range: range(line, before, line, text.length), newText: '' };
  }
  // A byte order mark stays the file's first character.
  const start = line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (line + 1 < lines.lineCount) return { range: range(line, start, line + 1, 0), newText: '' };
  if (line === 0) return { range: range(0, start, 0, text.length), newText: '' };
  return { range: range(line - 1, lines.lineText(line - 1).length, line, text.length), newText: '' };
}
