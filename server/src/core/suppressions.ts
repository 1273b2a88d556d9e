/**
 * Suppression comments, the same in Dockerfiles and Compose files:
 *
 *   # docker-harden-ignore <rule-or-concern>[, ...] [-- reason]
 *       on its own line: silences those rules for the next instruction or
 *       YAML entry (with everything nested under it);
 *       after a YAML value: silences them for that entry.
 *   # docker-harden-ignore-file <rule-or-concern>[, ...] [-- reason]
 *       silences them for the whole file.
 *
 * A suppression never fails silently: an unknown id and a suppression that
 * matched nothing are reported.
 */
import { BUILTIN_IDS, ruleMeta } from './rules';
import { CONCERNS } from './concerns';
import { quote, quoteInContext } from './knowledge/secrets';
import type { LineIndex } from './text';
import type { Finding, Range } from './types';

const DIRECTIVE = /#\s*docker-harden-ignore(-file)?\b[ \t:]*([^\n]*)$/;

interface Suppression {
  /** Position in document order. */
  order: number;
  /** `shown`: the id as a message may quote it (masked when it is part of a secret written in the comment). */
  ids: { id: string; range: Range; shown: string }[];
  wholeFile: boolean;
  firstLine: number;
  lastLine: number;
  used: Set<string>;
}

/** The last line of the block that starts at `line` (an instruction and its continuations, a YAML entry and its children). */
export type BlockEnd = (line: number) => number;

const concernIds = new Set(CONCERNS.map((c) => c.id as string));

export function applySuppressions(
  findings: Finding[],
  lines: LineIndex,
  blockEnd: BlockEnd,
  trailingComments: boolean,
): Finding[] {
  const suppressions = parseSuppressions(lines, blockEnd, trailingComments);
  if (suppressions.length === 0) return findings;
  const kept = findings.filter((finding) => !suppress(suppressions, finding, finding.range.start.line));
  for (const suppression of suppressions) {
    for (const { id, range, shown } of suppression.ids) {
      if (!ruleMeta(id) && !concernIds.has(id)) {
        kept.push(
          meta(
            BUILTIN_IDS.unknownSuppression,
            'warning',
            `Unknown rule or concern "${shown}" in docker-harden-ignore: this suppression does nothing.`,
            range,
          ),
        );
      } else if (!suppression.used.has(id)) {
        kept.push(
          meta(
            BUILTIN_IDS.unusedSuppression,
            'info',
            `docker-harden-ignore ${quote(id)} matches no finding here; remove it so it cannot hide a future problem.`,
            range,
          ),
        );
      }
    }
  }
  return kept;
}

/** True when a suppression covers the finding at `line`; marks the suppression used. */
function suppress(suppressions: Suppression[], finding: Pick<Finding, 'ruleId' | 'concern'>, line: number): boolean {
  // Only the suppressions naming the finding's rule or concern, in document order: every finding against every
  // suppression took seconds with thousands of each.
  const index = suppressionIndex(suppressions);
  const byRule = index.get(finding.ruleId) ?? [];
  const byConcern = finding.concern ? (index.get(finding.concern) ?? []) : [];
  const candidates =
    byConcern.length === 0
      ? byRule
      : byRule.length === 0
        ? byConcern
        : [...new Set([...byRule, ...byConcern])].sort((a, b) => a.order - b.order);
  for (const suppression of candidates) {
    if (!suppression.wholeFile && (line < suppression.firstLine || line > suppression.lastLine)) continue;
    const match = suppression.ids.find((s) => s.id === finding.ruleId || s.id === finding.concern);
    if (match) {
      suppression.used.add(match.id);
      return true;
    }
  }
  return false;
}

const INDEXES = new WeakMap<Suppression[], Map<string, Suppression[]>>();

/** The suppressions of one document by the ids they list, each list in document order. */
function suppressionIndex(suppressions: Suppression[]): Map<string, Suppression[]> {
  let index = INDEXES.get(suppressions);
  if (!index) {
    index = new Map();
    for (const suppression of suppressions) {
      for (const { id } of suppression.ids) {
        const list = index.get(id) ?? [];
        if (list[list.length - 1] !== suppression) list.push(suppression);
        index.set(id, list);
      }
    }
    INDEXES.set(suppressions, index);
  }
  return index;
}

const YAML_SUPPRESSIONS = new WeakMap<LineIndex, Suppression[]>();

/**
 * Whether a comment in another YAML file silences a finding at `line` of
 * that file: for content it contributes to the analysed document, so a
 * suppression written where the setting is also holds where it is pulled in.
 */
export function suppressedInYaml(
  lines: LineIndex,
  finding: Pick<Finding, 'ruleId' | 'concern'>,
  line: number,
): boolean {
  let suppressions = YAML_SUPPRESSIONS.get(lines);
  if (!suppressions)
    YAML_SUPPRESSIONS.set(lines, (suppressions = parseSuppressions(lines, indentationBlockEnd(lines), true)));
  return suppress(suppressions, finding, line);
}

function meta(ruleId: string, severity: Finding['severity'], message: string, range: Range): Finding {
  return { ruleId, concern: null, severity, message, range, fixes: [] };
}

export interface SuppressionComment {
  wholeFile: boolean;
  /** True when the comment is alone on its line (it then applies to the next entry). */
  ownLine: boolean;
  /** The listed ids with their columns; the reason after ` -- ` is not part of them. */
  ids: { id: string; start: number; end: number }[];
}

/** Reads a `docker-harden-ignore` comment on one line of text, if there is one. */
export function parseSuppressionComment(text: string): SuppressionComment | null {
  const match = DIRECTIVE.exec(text);
  if (!match) return null;
  const hashAt = text.lastIndexOf('#', match.index + 1);
  const listStart = match.index + match[0].length - match[2].length;
  const list = match[2].split(/\s--\s|\s—\s/)[0];
  const ids: SuppressionComment['ids'] = [];
  const idPattern = /[A-Za-z0-9_.-]+/g;
  for (let m = idPattern.exec(list); m; m = idPattern.exec(list))
    ids.push({ id: m[0], start: listStart + m.index, end: listStart + m.index + m[0].length });
  return { wholeFile: Boolean(match[1]), ownLine: text.slice(0, hashAt).trim() === '', ids };
}

function parseSuppressions(lines: LineIndex, blockEnd: BlockEnd, trailingComments: boolean): Suppression[] {
  const suppressions: Suppression[] = [];
  if (!lines.text.includes('docker-harden-ignore')) return suppressions;
  // The next content line after a run of comment lines, shared by every suppression of the run (searching it
  // from each of thousands of stacked comments was quadratic).
  let contentAfter = -1;
  // Stacked suppressions share their block, whose end may lie far away (the end of the file, for a top-level key).
  const blockEnds = new Map<number, number>();
  const endOf = (line: number): number => {
    let end = blockEnds.get(line);
    if (end === undefined) blockEnds.set(line, (end = blockEnd(line)));
    return end;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const comment = parseSuppressionComment(lines.lineText(line));
    if (!comment || comment.ids.length === 0) continue;
    const ownLine = comment.ownLine;
    if (!ownLine && !trailingComments) continue;
    const text = lines.lineText(line);
    const ids: Suppression['ids'] = comment.ids.map(({ id, start, end }) => ({
      id,
      range: { start: { line, character: start }, end: { line, character: end } },
      shown: quoteInContext(text, start, end),
    }));
    let firstLine = line;
    let lastLine = line;
    if (ownLine && !comment.wholeFile) {
      if (contentAfter <= line) contentAfter = nextContentLine(lines, line + 1);
      firstLine = contentAfter;
      lastLine = firstLine < lines.lineCount ? endOf(firstLine) : firstLine;
    } else if (!ownLine) {
      lastLine = endOf(line);
    }
    suppressions.push({
      order: suppressions.length,
      ids,
      wholeFile: comment.wholeFile,
      firstLine,
      lastLine,
      used: new Set(),
    });
  }
  return suppressions;
}

function nextContentLine(lines: LineIndex, from: number): number {
  let line = from;
  while (line < lines.lineCount) {
    const text = lines.lineText(line).trim();
    if (text !== '' && !text.startsWith('#')) break;
    line += 1;
  }
  return line;
}

/** Block extent by indentation, for YAML: the entry at `line` and every deeper-indented line after it. */
export function indentationBlockEnd(lines: LineIndex): BlockEnd {
  return (line) => {
    const indent = (text: string): number => /^[ \t-]*/.exec(text)?.[0].length ?? 0;
    const own = indent(lines.lineText(line));
    let last = line;
    for (let next = line + 1; next < lines.lineCount; next++) {
      const text = lines.lineText(next);
      if (text.trim() === '' || text.trim().startsWith('#')) continue;
      if (indent(text) <= own) break;
      last = next;
    }
    return last;
  };
}
