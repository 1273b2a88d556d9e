// The fix sweep for one file: every fix of every finding applied alone to the original text and checked, then
// fix-all over the file. A check that fails becomes a failure record (file, rule, fix, check, detail, edits);
// an exception in the core becomes a `crash` failure, never the sweep's end.
'use strict';
const { diffLines } = require('diff');
const { snapshot, parseFailures, newFindings, missingComments, messageKey, titleKey } = require('./snapshot');

/**
 * Findings one concern's finding hides, shown once it is fixed: with
 * `privileged: true` every capability is granted, so "capabilities not
 * dropped" is not reported; setting it to false
 * reveals them. Not a fix doing harm: the problems were there.
 */
const UNMASKED_BY = new Map([['cs.privileged', new Set(['cs.cap.no-drop-all'])]]);

function unmasks(fixed, revealed) {
  return UNMASKED_BY.get(fixed)?.has(revealed) ?? false;
}

const EXCERPT = 160;

function clip(text) {
  const shown = JSON.stringify(text);
  return shown.length > EXCERPT ? `${shown.slice(0, EXCERPT)}…"` : shown;
}

const comparePositions = (a, b) => a.line - b.line || a.character - b.character;
const show = (p) => `${p.line + 1}:${p.character + 1}`;

/** The edits as `line:col-line:col "old" -> "new"`, for the failure record. */
function editExcerpts(lines, edits) {
  return edits.slice(0, 3).map((edit) => {
    const old = lines.text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end));
    return `${show(edit.range.start)}-${show(edit.range.end)} ${clip(old)} -> ${clip(edit.newText)}`;
  });
}

/** Edits that overlap (LSP forbids it; two inserts at one position are allowed). */
function overlapping(edits) {
  const sorted = [...edits].sort((a, b) => comparePositions(a.range.start, b.range.start));
  for (let i = 1; i < sorted.length; i++)
    if (comparePositions(sorted[i].range.start, sorted[i - 1].range.end) < 0) return [sorted[i - 1], sorted[i]];
  return null;
}

/** An edit that names another file (a workspace edit): the sweep cannot check those yet, it counts them. */
const editsAnotherFile = (fix, file) =>
  fix.edits.some((edit) => ['path', 'uri', 'file'].some((k) => typeof edit[k] === 'string' && edit[k] !== file));

/**
 * The order fixes are checked in: one of each kind (rule and title with names and numbers left out) first, so a
 * sampled file still exercises every kind, then the rest in a fixed pseudo-random order, spread over the file.
 */
function checkingOrder(pairs) {
  const kinds = new Set();
  const first = [];
  const rest = [];
  for (const pair of pairs) {
    const kind = `${pair.finding.ruleId}|${pair.fix.title.replace(/"[^"]*"|`[^`]*`/g, '…').replace(/\d+/g, 'N')}`;
    if (kinds.has(kind)) rest.push(pair);
    else {
      kinds.add(kind);
      first.push(pair);
    }
  }
  let seed = 12345;
  const keyed = rest.map((pair) => ((seed = (seed * 1103515245 + 12345) >>> 0), { pair, key: seed }));
  keyed.sort((a, b) => a.key - b.key);
  return { order: [...first, ...keyed.map((k) => k.pair)], kinds: first.length };
}

/**
 * Lost comments of a single fix, split by whether the fix deleted the whole line holding it (`comment-dropped`,
 * for the lead to judge) or changed the line and took the comment with it (`comment-lost`).
 */
function commentFailures(before, after, edits, dropped) {
  const failures = [];
  for (const { text, count } of missingComments(before, after)) {
    const candidates = before.comments.filter(
      (c) =>
        c.text === text &&
        edits.some((e) => comparePositions(e.range.start, c.end) < 0 && comparePositions(e.range.end, c.start) > 0),
    );
    const deleted = candidates.filter((c) =>
      edits.some(
        (e) =>
          comparePositions(e.range.start, { line: c.start.line, character: 0 }) <= 0 &&
          comparePositions(e.range.end, { line: c.start.line, character: c.lineLength }) >= 0 &&
          !e.newText.includes(text),
      ),
    );
    const where = (candidates[0] ?? before.comments.find((c) => c.text === text)).start;
    const check = deleted.length >= count ? 'comment-dropped' : 'comment-lost';
    if (check === 'comment-dropped') dropped.add(text);
    failures.push([check, `line ${where.line + 1}: ${clip(text)}`]);
  }
  return failures;
}

/** Exec-form instructions of the original whose lines an edit touches: those may legitimately change form. */
function touchedExecForms(before, edits) {
  if (before.kind !== 'dockerfile' || !before.parse.forms) return 0;
  return before.parse.forms.filter(
    (f) => f.form === 'exec' && edits.some((e) => e.range.start.line <= f.endLine && e.range.end.line >= f.startLine),
  ).length;
}

function checkOneFix(context, original, finding, fix) {
  const { core, lines, options } = context;
  const failures = [];
  const pair = overlapping(fix.edits);
  if (pair) failures.push(['edits-overlap', editExcerpts(lines, pair).join(' / ')]);
  const fixed = core.applyEdits(original.text, fix.edits);
  if (fixed === original.text) return [...failures, ['no-change', 'the edits leave the text as it was']];
  let after;
  try {
    after = snapshot(original.kind, fixed, core.analyze(fixed, options).findings, context.validate);
  } catch (error) {
    return [...failures, ['crash', `analysing the fixed text threw: ${error.stack.split('\n', 2).join(' ')}`]];
  }
  failures.push(...parseFailures(original, after, touchedExecForms(original, fix.edits)));
  const key = messageKey(finding);
  const [was, now] = [original.byMessage.get(key) ?? 0, after.byMessage.get(key) ?? 0];
  if (now >= was) failures.push(['target-remains', `${finding.ruleId} with this message ${was} -> ${now}`]);
  failures.push(
    ...newFindings(original, after, (concern) => concern === finding.concern || unmasks(finding.concern, concern)),
  );
  const title = titleKey(finding.ruleId, fix.title);
  const [offered, still] = [original.byTitle.get(title) ?? 0, after.byTitle.get(title) ?? 0];
  if (still >= offered) failures.push(['offered-again', `"${fix.title}" offered ${offered} -> ${still} times`]);
  failures.push(...commentFailures(original, after, fix.edits, context.dropped));
  return failures;
}

/** Original lines (0-based) a diff removes or replaces, and the texts that hunk adds instead. */
function changedLines(before, after) {
  const removed = new Map();
  let line = 0;
  let pending = [];
  for (const part of diffLines(before, after)) {
    if (part.added) {
      for (const l of pending) removed.set(l, part.value);
      pending = [];
    } else if (part.removed) {
      pending = [];
      for (let i = 0; i < part.count; i++) {
        removed.set(line + i, '');
        pending.push(line + i);
      }
      line += part.count;
    } else {
      pending = [];
      line += part.count;
    }
  }
  return removed;
}

function fixAllFailures(context, original) {
  const { core, options, analysisOptions } = context;
  const result = core.fixAll(original.text, analysisOptions);
  context.stats.fixAllRuns += 1;
  context.stats.fixAllApplied += result.applied;
  if (result.text === original.text) return [];
  context.stats.fixAllChanged += 1;
  const after = snapshot(original.kind, result.text, core.analyze(result.text, options).findings, context.validate);
  for (const finding of after.findings)
    if (finding.fixes.some((f) => f.preferred && f.edits.length > 0))
      context.stats.leftByFixAll[finding.ruleId] = (context.stats.leftByFixAll[finding.ruleId] ?? 0) + 1;
  const failures = parseFailures(original, after, null);
  const targeted = new Set(
    original.findings.filter((f) => f.fixes.some((x) => x.preferred && x.edits.length > 0)).map((f) => f.concern),
  );
  failures.push(
    ...newFindings(
      original,
      after,
      (concern) => targeted.has(concern) || [...targeted].some((t) => unmasks(t, concern)),
    ),
  );
  const again = core.fixAll(result.text, analysisOptions);
  if (again.text !== result.text) {
    const change = diffLines(result.text, again.text).find((part) => part.added || part.removed);
    failures.push(['again-changes', `${again.applied} more fixes applied, e.g. ${clip(change ? change.value : '')}`]);
  }
  const missing = missingComments(original, after);
  if (missing.length > 0) {
    const removed = changedLines(original.text, result.text);
    for (const { text } of missing) {
      const where = original.comments.find((c) => c.text === text && removed.has(c.start.line));
      const line = where ? where.start.line : -1;
      const lineText = where ? original.text.split(/\r\n|\r|\n/)[line] : '';
      const rest = lineText.replace(text, '').trim();
      const replacedBy = where ? removed.get(line) : '';
      const deleted = context.dropped.has(text) || (where && (!rest || !replacedBy.includes(rest)));
      failures.push([deleted ? 'comment-dropped' : 'comment-lost', `line ${line + 1}: ${clip(text)}`]);
    }
  }
  const excerpt = diffLines(original.text, result.text)
    .filter((part) => part.added || part.removed)
    .slice(0, 4)
    .map((part) => `${part.added ? '+' : '-'} ${clip(part.value)}`);
  return failures.map(([check, detail]) => [`fix-all:${check}`, detail, excerpt]);
}

/** Checks one file; returns its counts, failures, and how it was sampled when not every fix was checked. */
function checkFile(context, file, kind, text) {
  const started = Date.now();
  const { core, settings } = context;
  const options = { path: file, kind, files: context.files, maxFindings: Number.MAX_SAFE_INTEGER };
  const stats = { findings: 0, fixesOffered: 0, fixesChecked: 0, fixesCrossFile: 0 };
  Object.assign(stats, { fixAllRuns: 0, fixAllChanged: 0, fixAllApplied: 0, leftByFixAll: {} });
  const failures = [];
  const lines = new core.LineIndex(text);
  const record = (finding, fix, [check, detail, excerpt]) =>
    failures.push({
      file,
      kind,
      check,
      ruleId: finding ? finding.ruleId : '(fix-all)',
      concern: finding ? finding.concern : null,
      line: finding ? finding.range.start.line + 1 : 0,
      message: finding ? finding.message : '',
      fix: fix ? fix.title : '(fix-all)',
      preferred: fix ? Boolean(fix.preferred) : true,
      detail,
      edits: fix ? editExcerpts(lines, fix.edits) : (excerpt ?? []),
    });
  let original;
  try {
    original = snapshot(kind, text, core.analyze(text, options).findings, context.validate);
  } catch (error) {
    record(null, null, ['crash', `analysing the original threw: ${error.stack.split('\n', 2).join(' ')}`]);
    return { stats, failures, sampled: null, ms: Date.now() - started };
  }
  for (const message of original.internal) record(null, null, ['internal-error', message]);
  stats.findings = original.findings.length;
  const pairs = [];
  for (const finding of original.findings)
    for (const fix of finding.fixes) {
      stats.fixesOffered += 1;
      if (editsAnotherFile(fix, file)) stats.fixesCrossFile += 1;
      else if (fix.edits.length > 0) pairs.push({ finding, fix });
    }
  const { order, kinds } = checkingOrder(pairs);
  const analysisOptions = { path: file, kind, files: context.files };
  // Comments some single fix deleted with their line: fix-all losing them is the same case.
  const dropped = new Set();
  const fileContext = { ...context, lines, options, analysisOptions, stats, dropped };
  let sampled = null;
  for (let i = 0; i < order.length; i++) {
    const overBudget = i >= kinds && Date.now() - started > settings.fileBudgetMs;
    if (overBudget || i >= settings.limitPerFile) {
      sampled = { checked: i, of: order.length, why: overBudget ? 'time budget' : '--limit-per-file' };
      break;
    }
    const { finding, fix } = order[i];
    stats.fixesChecked += 1;
    let found;
    try {
      found = checkOneFix(fileContext, original, finding, fix);
    } catch (error) {
      found = [['crash', error.stack.split('\n', 2).join(' ')]];
    }
    for (const failure of found) record(finding, fix, failure);
  }
  try {
    for (const failure of fixAllFailures(fileContext, original)) record(null, null, failure);
  } catch (error) {
    record(null, null, ['fix-all:crash', error.stack.split('\n', 2).join(' ')]);
  }
  return { stats, failures, sampled, ms: Date.now() - started };
}

module.exports = { checkFile };
