/**
 * Fix-all: a document's preferred fixes applied together, the way the
 * editor's `source.fixAll` and `docker-harden --fix` both do it (one
 * implementation, so both give byte-identical text).
 *
 * Fixes are computed for one version of the text and their edits may touch
 * the same place (two fixes adding a key under one service), so they are
 * applied in rounds: each round applies the preferred fixes whose edits do
 * not collide, then analyses the result again, until no preferred fix is
 * left or nothing changes. A round that would make the document parse worse
 * (more syntax or reference problems) is retried one fix at a time, and a
 * fix that alone makes it worse is never applied. So the result parses no
 * worse than the original, and fixing it again changes nothing.
 */
import { analyze, AnalysisCache, MAX_FINDINGS, type AnalysisResult, type AnalyzeOptions } from './analyze';
import { applyEdits } from './edits';
import { BUILTIN_IDS } from './rules';
import { LineIndex } from './text';
import type { Finding, Fix, TextEdit } from './types';

/** Rounds at most: enough for fixes that build on one another (a key, then an item under it), bounded for safety. */
export const MAX_FIX_ROUNDS = 12;

export interface FixAllOptions {
  /** Which findings to fix (default: all of them); "fix all problems of this rule" passes a filter. */
  include?: (finding: Finding) => boolean;
  /**
   * Fixes not marked preferred are applied too (the first one a finding
   * offers, when none is preferred): for measures a user chose by name.
   */
  chosen?: boolean;
  /**
   * The analysis of the same text with the same options and other files,
   * when the caller has it (an editor's latest analysis of the document):
   * it is not made again. Ignored when it was capped.
   */
  original?: AnalysisResult;
}

export interface FixAllResult {
  /** The fixed text (the original when nothing applied). */
  text: string;
  /** Fixes applied, over all rounds. */
  applied: number;
  /** The analysis of the fixed text: what remains. */
  analysis: AnalysisResult;
  /** The analysis of the original text (not capped at the report's number of findings). */
  original: AnalysisResult;
}

/**
 * Problems that mean the document reads worse: it no longer parses, a
 * reference broke, or an exec-form instruction is no longer a JSON array
 * (Docker would then run it through a shell: valid, but another command).
 */
export function parseProblems(result: AnalysisResult, text: string): number {
  const syntax = result.findings.filter(
    (f) => f.ruleId === BUILTIN_IDS.syntax || f.ruleId === BUILTIN_IDS.brokenReference,
  ).length;
  return syntax + (result.kind === 'dockerfile' ? brokenExecForms(text) : 0);
}

const EXEC_FORM_LINE =
  /^[ \t]*(?:RUN|CMD|ENTRYPOINT|SHELL|HEALTHCHECK[ \t]+(?:--\S+[ \t]+)*CMD)[ \t]+(?:--\S+[ \t]+)*(\[[^\r\n]*)$/gim;

/** One-line instructions that open a JSON array but do not hold a valid array of strings. */
function brokenExecForms(text: string): number {
  let broken = 0;
  for (const match of text.matchAll(EXEC_FORM_LINE)) {
    const body = match[1].trimEnd();
    if (body.endsWith('\\')) continue; // Continued on the next line: not judged here.
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      broken++;
      continue;
    }
    if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== 'string')) broken++;
  }
  return broken;
}

export function fixAll(text: string, options: AnalyzeOptions = {}, fixOptions: FixAllOptions = {}): FixAllResult {
  // Successive versions share one parse cache, so each round re-parses only what changed. An editor passes the
  // document's own: its current version is parsed already, and the fixed text is the version likely to come next.
  // Findings past the report's cap are fixed too (a cap of ten times as many still bounds the memory).
  const analyzeOptions: AnalyzeOptions = {
    ...options,
    cache: options.cache ?? new AnalysisCache(),
    maxFindings: Math.max(options.maxFindings ?? MAX_FINDINGS, MAX_FINDINGS * 10),
  };
  const given = fixOptions.original;
  const original =
    given && given.findings.length <= (options.maxFindings ?? MAX_FINDINGS) ? given : analyze(text, analyzeOptions);
  const baseline = parseProblems(original, text);
  const rejected = new Set<string>();
  const seen = new Set<string>([text]);
  let current = text;
  let analysis = original;
  let applied = 0;
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const candidates = fixesToApply(analysis.findings, fixOptions).filter((c) => !rejected.has(c.key));
    if (candidates.length === 0) break;
    let batch = compatibleFixes(current, candidates);
    let next = tryFixes(current, batch, analyzeOptions, baseline);
    // A fix whose problem is still there afterwards did not work (an edit the rule got wrong): undo the round
    // without it, and never offer it again, rather than apply it over and over.
    const ineffective = next ? ineffectiveFixes(batch, candidates, next.analysis.findings, fixOptions) : [];
    if (ineffective.length > 0) {
      for (const key of ineffective) rejected.add(key);
      batch = batch.filter((c) => !rejected.has(c.key));
      next = batch.length > 0 ? tryFixes(current, batch, analyzeOptions, baseline) : null;
      if (next && ineffectiveFixes(batch, candidates, next.analysis.findings, fixOptions).length > 0) next = null;
    }
    let count = batch.length;
    if (!next) {
      // Some fix in the batch makes the document worse: find it by applying them one at a time.
      count = 0;
      for (const candidate of batch) {
        const single = tryFixes(current, [candidate], analyzeOptions, baseline);
        if (single && ineffectiveFixes([candidate], candidates, single.analysis.findings, fixOptions).length === 0) {
          next = single;
          count = 1;
          break;
        }
        rejected.add(candidate.key);
      }
      if (!next) continue;
    }
    if (seen.has(next.text)) break; // Fixes undoing each other: stop rather than go round.
    seen.add(next.text);
    current = next.text;
    analysis = next.analysis;
    applied += count;
  }
  // What remains is reported as any analysis is: capped.
  if (analysis.findings.length > (options.maxFindings ?? MAX_FINDINGS)) {
    analysis = analyze(current, { ...analyzeOptions, maxFindings: options.maxFindings });
  }
  return { text: current, applied, analysis, original };
}

/**
 * Keys of applied fixes whose problem is found as often after them as before
 * (keys count findings: two identical RUN lines make two findings of one key).
 */
function ineffectiveFixes(
  applied: readonly Candidate[],
  before: readonly Candidate[],
  findingsAfter: readonly Finding[],
  fixOptions: FixAllOptions,
): string[] {
  const count = (keys: Iterable<string>): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const beforeCounts = count(before.map((c) => c.key));
  const appliedCounts = count(applied.map((c) => c.key));
  const afterCounts = count(fixesToApply(findingsAfter, fixOptions).map((c) => c.key));
  // Each applied fix must take one occurrence away: two fixes of one key that leave one behind include a dud.
  return [...appliedCounts]
    .filter(([key, fixes]) => (afterCounts.get(key) ?? 0) > (beforeCounts.get(key) ?? 0) - fixes)
    .map(([key]) => key);
}

interface Candidate {
  fix: Fix;
  /** Stable across rounds for one problem: which fix of which finding. */
  key: string;
}

function fixesToApply(findings: readonly Finding[], { include, chosen }: FixAllOptions): Candidate[] {
  const candidates: Candidate[] = [];
  for (const finding of findings) {
    if (include && !include(finding)) continue;
    // A fix that edits other files too is the editor's (one workspace edit), never a one-file fix-all's.
    const usable = finding.fixes.filter((f) => f.edits.length > 0 && !f.otherFiles?.length);
    const fix = usable.find((f) => f.preferred) ?? (chosen ? usable[0] : undefined);
    if (fix) candidates.push({ fix, key: `${finding.ruleId}\u0000${finding.message}\u0000${fix.title}` });
  }
  return candidates;
}

/**
 * The candidates (in document order) whose edits neither overlap nor insert
 * at the same place as an earlier one's: where two fixes insert at one
 * position, which goes first decides the text, so the later one waits for the
 * next round, computed on the text the first one made. Whole lines inserted
 * at the start of one line are the exception: they are independent, and land
 * in the order of the findings.
 */
function compatibleFixes(text: string, candidates: readonly Candidate[]): Candidate[] {
  const lines = new LineIndex(text);
  // The spans taken so far, by each line they touch: two edits can only collide on a line they share, so each
  // is compared with its neighbours, not with every edit of the document (thousands, on a large Compose file).
  const takenByLine = new Map<number, EditSpan[]>();
  const chosen: Candidate[] = [];
  const spans = (edit: TextEdit): EditSpan => {
    const start = lines.offsetAt(edit.range.start);
    const end = lines.offsetAt(edit.range.end);
    const wholeLines =
      start === end && edit.range.start.character === 0 && /(?:\r\n|\n|\r)$/.test(edit.newText) && edit.newText !== '';
    return {
      start,
      end,
      wholeLines,
      newText: edit.newText,
      firstLine: edit.range.start.line,
      lastLine: edit.range.end.line,
    };
  };
  const collidesWithTaken = (a: EditSpan): boolean => {
    for (let line = a.firstLine; line <= a.lastLine; line++) {
      if (takenByLine.get(line)?.some((b) => editsCollide(a, b))) return true;
    }
    return false;
  };
  for (const candidate of candidates) {
    const own = candidate.fix.edits.map(spans);
    if (own.some(collidesWithTaken)) continue;
    for (const span of own) {
      for (let line = span.firstLine; line <= span.lastLine; line++) {
        const onLine = takenByLine.get(line);
        if (onLine) onLine.push(span);
        else takenByLine.set(line, [span]);
      }
    }
    chosen.push(candidate);
  }
  return chosen;
}

interface EditSpan {
  start: number;
  end: number;
  wholeLines: boolean;
  newText: string;
  /** The lines the edit's range starts and ends on. */
  firstLine: number;
  lastLine: number;
}

/** Whether the result of two edits depends on their order, or one lands inside the other. */
function editsCollide(a: EditSpan, b: EditSpan): boolean {
  const aInserts = a.start === a.end;
  const bInserts = b.start === b.end;
  // Two fixes inserting the same line at one place (two findings, one remedy) would write it twice.
  if (aInserts && bInserts) return a.start === b.start && !(a.wholeLines && b.wholeLines && a.newText !== b.newText);
  if (aInserts) return a.start >= b.start && a.start < b.end;
  if (bInserts) return b.start >= a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

function tryFixes(
  text: string,
  candidates: readonly Candidate[],
  options: AnalyzeOptions,
  baseline: number,
): { text: string; analysis: AnalysisResult } | null {
  const edits = candidates.flatMap((c) => c.fix.edits);
  const next = applyEdits(text, edits);
  if (next === text) return null;
  const analysis = analyze(next, options);
  return parseProblems(analysis, next) > baseline ? null : { text: next, analysis };
}
