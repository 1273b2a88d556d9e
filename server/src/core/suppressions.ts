/**
 * Suppression comments, the same in Dockerfiles and Compose files (the
 * README's "Suppressing findings" is the user's documentation):
 *
 *   # docker-harden-ignore ID[, ID...] [-- reason]
 *       alone on its line: the next instruction or YAML entry (with
 *       everything nested under it); after a YAML value: that entry.
 *   # docker-harden-ignore-stage ID[, ...] [-- reason]     (Dockerfiles)
 *       the stage: the one whose FROM follows the comment, or the one the
 *       comment is written in.
 *   # docker-harden-ignore-service ID[, ...] [-- reason]   (Compose files)
 *       the service: the one whose key follows the comment, or the one the
 *       comment is written in.
 *   # docker-harden-ignore-file ID[, ...] [-- reason]
 *       the whole file.
 *
 * IDs are rule ids or concern ids. A suppression never fails silently: an
 * unknown id, a directive used where it means nothing and a suppression
 * that matched nothing are reported, with fixes to correct or remove them;
 * with `requireReason`, one without a reason is reported too.
 */
import { ALL_RULES, BUILTIN_IDS, ruleMeta } from './rules';
import { CONCERNS } from './concerns';
import { didYouMean } from './did-you-mean';
import { quote, quoteInContext } from './knowledge/secrets';
import { DIRECTIVES, parseSuppressionComment, removalEdit, type SuppressionComment } from './suppression-comments';
import type { Language } from './l10n';
import { SUPPRESSION_TEXTS, type SuppressionTexts } from './suppression-messages';
import type { LineIndex } from './text';
import type { Finding, FindingSubject, Fix, Range } from './types';

export { parseSuppressionComment, type SuppressionComment };

/** The last line of the block that starts at `line` (an instruction and its continuations, a YAML entry and its children). */
export type BlockEnd = (line: number) => number;

/** A stage or service and its lines: what a scoped suppression covers. */
export interface SuppressionTarget {
  subject: FindingSubject;
  firstLine: number;
  lastLine: number;
}

/** How to read one document's suppressions. */
export interface SuppressionContext {
  lines: LineIndex;
  blockEnd: BlockEnd;
  /** YAML: a comment after a value silences its entry. */
  trailingComments: boolean;
  /** The scoped directive that applies in this kind of document, and its targets (stages or services). */
  scope?: { directive: 'stage' | 'service'; targets: readonly SuppressionTarget[] };
  /** Report suppressions that give no reason. */
  requireReason?: boolean;
  /** The language of the problems and fix titles (default English). */
  language?: Language;
}

interface Suppression {
  /** Position in document order. */
  order: number;
  /** `shown`: the id as a message may quote it (masked when it is part of a secret written in the comment). */
  ids: { id: string; range: Range; shown: string }[];
  wholeFile: boolean;
  firstLine: number;
  lastLine: number;
  /** A stage or service suppression: findings about it are covered wherever they are reported. */
  subject?: FindingSubject;
  used: Set<string>;
  line: number;
  comment: SuppressionComment;
}

const concernIds = new Set(CONCERNS.map((c) => c.id as string));

function isKnown(id: string): boolean {
  return ruleMeta(id) !== undefined || concernIds.has(id);
}

export function applySuppressions(findings: Finding[], context: SuppressionContext): Finding[] {
  const { suppressions, problems } = parseSuppressions(context);
  if (suppressions.length === 0 && problems.length === 0) return findings;
  const texts = SUPPRESSION_TEXTS[context.language ?? 'en'];
  const kept = findings.filter((finding) => !suppress(suppressions, finding, finding.range.start.line));
  kept.push(...problems);
  for (const suppression of suppressions) {
    suppression.ids.forEach(({ id, range, shown }, index) => {
      const remove = removeFix(context.lines, suppression, index, shown, texts);
      const directive = suppression.comment.directive.text;
      if (!isKnown(id)) {
        const suggestion = didYouMean(id, suggestibleIds()) ?? null;
        const fixes: Fix[] = suggestion
          ? [{ title: texts.changeId({ id: shown, suggestion }), edits: [{ range, newText: suggestion }] }, remove]
          : [remove];
        const message = texts.unknownId({ id: shown, directive, suggestion });
        kept.push(meta(BUILTIN_IDS.unknownSuppression, 'warning', message, range, fixes));
      } else if (!suppression.used.has(id)) {
        const message = texts.unusedId({ id: quote(id), directive });
        kept.push(meta(BUILTIN_IDS.unusedSuppression, 'info', message, range, [remove]));
      }
    });
    if (context.requireReason && suppression.comment.reason === '') {
      const { directive } = suppression.comment;
      const line = suppression.line;
      const end =
        suppression.ids.length > 0 ? suppression.ids[suppression.ids.length - 1].range.end.character : directive.end;
      kept.push(
        meta(BUILTIN_IDS.suppressionWithoutReason, 'warning', texts.withoutReason({ directive: directive.text }), {
          start: { line, character: suppression.comment.hash },
          end: { line, character: end },
        }),
      );
    }
  }
  return kept;
}

let suggestible: string[] | undefined;
/** What a mistyped id may have meant: rule ids, then concern ids (made on first use: the rule registry loads first). */
function suggestibleIds(): string[] {
  return (suggestible ??= [...ALL_RULES.map((rule) => rule.id), ...CONCERNS.map((c) => c.id as string)]);
}

/** `shown`: the id as the comment's context lets a title quote it (masked where it is part of a secret). */
function removeFix(
  lines: LineIndex,
  suppression: Suppression,
  index: number,
  shown: string,
  texts: SuppressionTexts,
): Fix {
  const whole = suppression.ids.length === 1;
  return {
    title: whole
      ? texts.removeComment({ directive: suppression.comment.directive.text })
      : texts.removeId({ id: shown }),
    edits: [removalEdit(lines, suppression.line, suppression.comment, index)],
  };
}

/** True when a suppression covers the finding at `line`; marks the suppression used. */
function suppress(
  suppressions: Suppression[],
  finding: Pick<Finding, 'ruleId' | 'concern' | 'subject'>,
  line: number,
): boolean {
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
    if (!covers(suppression, finding, line)) continue;
    const match = suppression.ids.find((s) => s.id === finding.ruleId || s.id === finding.concern);
    if (match) {
      suppression.used.add(match.id);
      return true;
    }
  }
  return false;
}

function covers(suppression: Suppression, finding: Pick<Finding, 'subject'>, line: number): boolean {
  if (suppression.wholeFile) return true;
  if (line >= suppression.firstLine && line <= suppression.lastLine) return true;
  const { subject } = suppression;
  return subject !== undefined && finding.subject?.kind === subject.kind && finding.subject.name === subject.name;
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
  if (!suppressions) {
    const context = { lines, blockEnd: indentationBlockEnd(lines), trailingComments: true };
    YAML_SUPPRESSIONS.set(lines, (suppressions = parseSuppressions(context).suppressions));
  }
  return suppress(suppressions, finding, line);
}

function meta(
  ruleId: string,
  severity: Finding['severity'],
  message: string,
  range: Range,
  fixes: Fix[] = [],
): Finding {
  return { ruleId, concern: null, severity, message, range, fixes };
}

function parseSuppressions(context: SuppressionContext): { suppressions: Suppression[]; problems: Finding[] } {
  const { lines, trailingComments } = context;
  const texts = SUPPRESSION_TEXTS[context.language ?? 'en'];
  const suppressions: Suppression[] = [];
  const problems: Finding[] = [];
  if (!lines.text.includes('docker-harden-ignore')) return { suppressions, problems };
  // The next content line after a run of comment lines, shared by every suppression of the run (searching it
  // from each of thousands of stacked comments was quadratic).
  let contentAfter = -1;
  // Stacked suppressions share their block, whose end may lie far away (the end of the file, for a top-level key).
  const blockEnds = new Map<number, number>();
  const endOf = (line: number): number => {
    let end = blockEnds.get(line);
    if (end === undefined) blockEnds.set(line, (end = context.blockEnd(line)));
    return end;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const comment = parseSuppressionComment(text);
    if (!comment) continue;
    const ownLine = comment.ownLine;
    if (!ownLine && !trailingComments) continue;
    const directiveRange: Range = {
      start: { line, character: comment.directive.start },
      end: { line, character: comment.directive.end },
    };
    const misplaced = misplacedDirective(comment, context, texts);
    if (misplaced) {
      problems.push(
        meta(
          BUILTIN_IDS.unknownSuppression,
          'warning',
          misplaced.message,
          directiveRange,
          misplaced.fixes(directiveRange),
        ),
      );
      continue;
    }
    if (comment.ids.length === 0) continue;
    const ids: Suppression['ids'] = comment.ids.map(({ id, start, end }) => ({
      id,
      range: { start: { line, character: start }, end: { line, character: end } },
      shown: quoteInContext(text, start, end),
    }));
    if (ownLine && contentAfter <= line) contentAfter = nextContentLine(lines, line + 1);
    let firstLine = line;
    let lastLine = line;
    let subject: FindingSubject | undefined;
    if (comment.scope === 'stage' || comment.scope === 'service') {
      const target = targetOf(context.scope?.targets ?? [], line, ownLine ? contentAfter : line);
      if (!target) {
        const message = texts.notInScope({ directive: comment.directive.text, scope: comment.scope });
        problems.push(meta(BUILTIN_IDS.unknownSuppression, 'warning', message, directiveRange));
        continue;
      }
      ({ firstLine, lastLine, subject } = target);
    } else if (ownLine && comment.scope === 'next') {
      firstLine = contentAfter;
      lastLine = firstLine < lines.lineCount ? endOf(firstLine) : firstLine;
    } else if (!ownLine) {
      lastLine = endOf(line);
    }
    suppressions.push({
      order: suppressions.length,
      ids,
      wholeFile: comment.scope === 'file',
      firstLine,
      lastLine,
      subject,
      used: new Set(),
      line,
      comment,
    });
  }
  return { suppressions, problems };
}

/** Why a directive does nothing where it is written (misspelt, or the other kind of file's scope), if it does. */
function misplacedDirective(
  comment: SuppressionComment,
  context: SuppressionContext,
  texts: SuppressionTexts,
): { message: string; fixes: (range: Range) => Fix[] } | undefined {
  const { scope, directive } = comment;
  const here = context.scope?.directive;
  if (scope === null) {
    const valid = Object.values(DIRECTIVES).filter((d) => d !== DIRECTIVES[here === 'stage' ? 'service' : 'stage']);
    const suggestion = didYouMean(directive.text, valid) ?? null;
    return {
      message: texts.unknownDirective({ directive: quote(directive.text), suggestion }),
      fixes: (range) =>
        suggestion ? [{ title: texts.changeDirective({ suggestion }), edits: [{ range, newText: suggestion }] }] : [],
    };
  }
  if ((scope === 'stage' || scope === 'service') && scope !== here) {
    const other = here ? DIRECTIVES[here] : null;
    return {
      message: texts.wrongKindOfFile({ directive: directive.text, scope, instead: other }),
      fixes: (range) =>
        other ? [{ title: texts.changeDirective({ suggestion: other }), edits: [{ range, newText: other }] }] : [],
    };
  }
  return undefined;
}

/** The target a scoped comment on `line` covers: the one starting at `next` (the following content), else the one holding `line`. */
function targetOf(targets: readonly SuppressionTarget[], line: number, next: number): SuppressionTarget | undefined {
  return (
    targets.find((target) => target.firstLine === next) ??
    targets.find((target) => line >= target.firstLine && line <= target.lastLine)
  );
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
