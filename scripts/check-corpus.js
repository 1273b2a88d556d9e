#!/usr/bin/env node
// npm run check:corpus -- [DIR...]   (default: ../shared/corpus beside the checkout)
//
// Robustness over real and synthetic files: every Dockerfile and Compose file
// under DIR is analysed as the CLI does (with cross-file reading), and every
// quick fix offered is applied: analysis must not fail, must finish within a
// time limit per file, and a fixed file must not parse worse than before
// (YAML errors for Compose files, syntax findings for Dockerfiles). One fix
// of each kind (rule and fix title) is applied per file: enough to exercise
// every kind, and a 5,000-service file stays a matter of seconds.
// Exits 1 when anything fails. Not part of npm test: the corpus is not in the repository.
'use strict';
const fs = require('fs');
const path = require('path');
const { parseDocument } = require('yaml');

const root = path.resolve(__dirname, '..');
const { analyze } = require(path.join(root, 'out', 'server', 'src', 'core', 'analyze.js'));
const { applyEdits } = require(path.join(root, 'out', 'server', 'src', 'core', 'edits.js'));
const { kindFromFileName, looksLikeCompose, looksLikeDockerfile } = require(
  path.join(root, 'out', 'server', 'src', 'core', 'detect.js'),
);

const LIMIT_MS = 20000;
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : [path.resolve(root, '..', 'shared', 'corpus')];
const reader = {
  read: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

const syntaxProblems = (kind, text, findings) =>
  kind === 'compose' ? parseDocument(text).errors.length : findings.filter((f) => f.ruleId === 'syntax-error').length;

let files = 0;
let findingsSeen = 0;
let fixesChecked = 0;
const failures = [];
let slowest = { file: '', ms: 0 };
for (const dir of dirs) {
  for (const file of walk(dir)) {
    if (file.endsWith('.json') || file.endsWith('.md') || file.endsWith('.tsv')) continue;
    const text = fs.readFileSync(file, 'utf8');
    const kind =
      kindFromFileName(file) ?? (looksLikeCompose(text) ? 'compose' : looksLikeDockerfile(text) ? 'dockerfile' : null);
    if (!kind) continue;
    files += 1;
    const started = Date.now();
    let findings;
    try {
      findings = analyze(text, { path: file, kind, files: reader }).findings;
    } catch (error) {
      failures.push(`${file}: analysis threw ${error.message}`);
      continue;
    }
    const ms = Date.now() - started;
    if (ms > slowest.ms) slowest = { file, ms };
    if (ms > LIMIT_MS) failures.push(`${file}: analysis took ${ms} ms`);
    for (const f of findings) if (f.ruleId === 'internal-error') failures.push(`${file}: ${f.message}`);
    findingsSeen += findings.length;
    const before = syntaxProblems(kind, text, findings);
    const kinds = new Set();
    for (const finding of findings) {
      for (const fix of finding.fixes) {
        const fixKind = `${finding.ruleId} ${fix.title}`;
        if (kinds.has(fixKind)) continue;
        kinds.add(fixKind);
        fixesChecked += 1;
        const fixed = applyEdits(text, fix.edits);
        let after;
        try {
          after = syntaxProblems(kind, fixed, analyze(fixed, { path: file, kind, files: reader }).findings);
        } catch (error) {
          failures.push(`${file}: "${fix.title}" leads to a failing analysis: ${error.message}`);
          continue;
        }
        if (after > before)
          failures.push(
            `${file}:${finding.range.start.line + 1}: "${fix.title}" (${finding.ruleId}) leaves the file parsing worse (${before} -> ${after} problems)`,
          );
      }
    }
  }
}
console.log(
  `${files} files, ${findingsSeen} findings, ${fixesChecked} fixes applied and re-analysed; slowest ${path.basename(slowest.file)} ${slowest.ms} ms`,
);
for (const failure of failures) console.log(`FAIL ${failure}`);
process.exit(failures.length ? 1 : 0);
