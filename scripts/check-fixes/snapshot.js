// One version of a document as the fix sweep compares it: the findings counted by rule, by (rule, message) and
// by (rule, fix title), how well it parses, and its comments. Checks compare the snapshot of a fixed text
// with the original's.
'use strict';
const { composeState, dockerfileState, comments } = require('./parse-state');

/** Findings that are about the document rather than a concern: compared by the parse checks, not as "new". */
const PARSE_RULES = new Set(['syntax-error', 'broken-reference']);
/** Findings that say the analysis itself went wrong, or was cut short: reported as such. */
const NOT_COMPARED = new Set(['internal-error', 'file-too-large', 'analysis-stopped']);

function increment(map, key, by = 1) {
  map.set(key, (map.get(key) ?? 0) + by);
}

const messageKey = (finding) => `${finding.ruleId}\u0000${finding.message}`;
const titleKey = (ruleId, title) => `${ruleId}\u0000${title}`;

function snapshot(kind, text, findings, validate, withComments = true) {
  const byMessage = new Map();
  const byRule = new Map();
  const byTitle = new Map();
  const concerns = new Map();
  let syntax = 0;
  let references = 0;
  const internal = [];
  for (const finding of findings) {
    if (finding.ruleId === 'syntax-error') syntax += 1;
    if (finding.ruleId === 'broken-reference') references += 1;
    if (finding.ruleId === 'internal-error') internal.push(finding.message);
    increment(byMessage, messageKey(finding));
    increment(byRule, finding.ruleId);
    concerns.set(finding.ruleId, finding.concern);
    for (const fix of finding.fixes) increment(byTitle, titleKey(finding.ruleId, fix.title));
  }
  const parse = kind === 'compose' ? composeState(text, validate) : dockerfileState(text);
  return {
    kind,
    text,
    findings,
    byMessage,
    byRule,
    byTitle,
    concerns,
    syntax,
    references,
    internal,
    parse,
    comments: withComments ? comments(kind, text) : null,
  };
}

function commentCounts(list) {
  const counts = new Map();
  for (const comment of list) increment(counts, comment.text);
  return counts;
}

/**
 * Parse checks (a): the fixed text parses no worse. `touchedExec` is how many exec-form instructions of the
 * original the edits rewrote (they may change form); null for fix-all, where only broken forms are compared.
 */
function parseFailures(before, after, touchedExec) {
  const failures = [];
  if (after.syntax > before.syntax)
    failures.push(['parse', `syntax-error findings ${before.syntax} -> ${after.syntax}`]);
  if (after.references > before.references)
    failures.push(['reference', `broken-reference findings ${before.references} -> ${after.references}`]);
  if (before.kind === 'compose') {
    const [b, a] = [before.parse, after.parse];
    if (a.yamlErrors > b.yamlErrors) failures.push(['parse', `YAML errors ${b.yamlErrors} -> ${a.yamlErrors}`]);
    if (b.schemaValid === true && a.schemaValid === false) failures.push(['schema', a.schemaError]);
  } else {
    const [b, a] = [before.parse, after.parse];
    if (b.forms && !a.forms) failures.push(['parse', 'dockerfile-ast no longer parses the file']);
    else if (b.forms) {
      if (a.broken > b.broken) {
        const broken = a.forms.filter((f) => f.form === 'broken').map((f) => `${f.keyword} at line ${f.startLine + 1}`);
        failures.push(['exec-form', `JSON form no longer a JSON array: ${broken.join(', ')}`]);
      }
      if (touchedExec !== null && a.exec < b.exec - touchedExec)
        failures.push(['exec-form', `exec-form instructions ${b.exec} -> ${a.exec} (${touchedExec} rewritten)`]);
    }
  }
  for (const message of after.internal)
    if (!before.internal.includes(message)) failures.push(['internal-error', message]);
  return failures;
}

/** Rule ids compared by (c): found more often after than before, and not of an excluded concern. */
function newFindings(before, after, isExcluded) {
  const failures = [];
  for (const [ruleId, count] of after.byRule) {
    if (PARSE_RULES.has(ruleId) || NOT_COMPARED.has(ruleId)) continue;
    if (isExcluded(after.concerns.get(ruleId) ?? null, ruleId)) continue;
    const was = before.byRule.get(ruleId) ?? 0;
    if (count <= was) continue;
    const added = [];
    for (const finding of after.findings) {
      if (finding.ruleId !== ruleId) continue;
      const key = messageKey(finding);
      if ((after.byMessage.get(key) ?? 0) > (before.byMessage.get(key) ?? 0) && !added.includes(finding.message))
        added.push(finding.message);
    }
    failures.push(['new-other-concern', `${ruleId} ${was} -> ${count}: ${added.slice(0, 2).join(' | ')}`]);
  }
  return failures;
}

/** The comments of `before` missing from `after` (as a multiset of texts): the lost instances' candidates. */
function missingComments(before, after) {
  const afterCounts = commentCounts(after.comments);
  const beforeCounts = commentCounts(before.comments);
  const missing = [];
  for (const [text, count] of beforeCounts) {
    const left = afterCounts.get(text) ?? 0;
    if (left < count) missing.push({ text, count: count - left });
  }
  return missing;
}

module.exports = {
  snapshot,
  parseFailures,
  newFindings,
  missingComments,
  messageKey,
  titleKey,
  NOT_COMPARED,
};
