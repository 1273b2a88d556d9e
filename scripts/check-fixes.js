#!/usr/bin/env node
// npm run check:fixes -- DIR|FILE... [--schema FILE] [--json OUT] [--limit-per-file N] [--file-budget S]
//                        [--timeout S] [--jobs N]          (default DIR: ../shared/corpus beside the checkout)
//
// The fix sweep. For every Dockerfile and Compose file under DIR, every fix offered for every finding (not only
// the preferred one) is applied alone to the original text, and the result is checked:
//   parse        parses no worse: YAML errors (Compose), syntax-error findings, dockerfile-ast still parses it;
//   reference    no more broken-reference findings;
//   schema       a Compose file valid against the Compose schema (--schema; default
//                DIR/real/schema/compose-spec.json) stays valid;
//   exec-form    a Dockerfile's JSON-form instructions stay JSON arrays of strings, and none the edits did not
//                rewrite changes to shell form;
//   target-remains     the finding fixed (same rule and message, counted) is reported less often;
//   new-other-concern  no rule of another concern is reported more often;
//   offered-again      the fix (same rule and title, counted) is offered less often: applying again does nothing;
//   comment-lost / comment-dropped  every comment is still there; dropped = the fix deleted the whole line
//                holding it (a list item with its comment): reported for judgement, not counted as failing;
//   edits-overlap, no-change, internal-error, crash.
// Then fix-all per file (fixAll, as `docker-harden --fix`): parse, schema and exec-form as above, no rule of a
// concern it did not target reported more often, fix-all of the result changes nothing, comments kept.
// Files are checked in a worker thread; one taking longer than --timeout is stopped and counted as failing.
// A file's fixes beyond --file-budget seconds are sampled (one of each kind first, then spread over the file):
// the summary names the sampled files. Exits 1 when anything but comment-dropped fails.
// Not part of npm test: the corpus is not in the repository.
'use strict';
const fs = require('fs');
const path = require('path');
const { Worker } = require('worker_threads');
const { optionReader } = require('./script-options');

const root = path.resolve(__dirname, '..');
const { detectKind } = require(path.join(root, 'out', 'server', 'src', 'core', 'detect.js'));

const args = process.argv.slice(2);
const option = optionReader(args);
const jsonOut = option('--json');
const schemaOption = option('--schema');
const settings = {
  limitPerFile: Number(option('--limit-per-file', Infinity)),
  fileBudgetMs: Number(option('--file-budget', 30)) * 1000,
};
const timeoutMs = Number(option('--timeout', 300)) * 1000;
const jobs = Math.max(1, Number(option('--jobs', 1)));
const inputs = args.length ? args : [path.resolve(root, '..', 'shared', 'corpus')];
const defaultSchema = path.join(inputs[0], 'real', 'schema', 'compose-spec.json');
const schema = schemaOption ?? (fs.existsSync(defaultSchema) ? defaultSchema : null);
/** Not judged a failure by the exit code: the lead decides whether deleting a commented line is right. */
const FOR_JUDGEMENT = new Set(['comment-dropped', 'fix-all:comment-dropped']);

function* walk(entry) {
  if (!fs.statSync(entry).isDirectory()) {
    yield entry;
    return;
  }
  for (const child of fs.readdirSync(entry, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (child.name === 'node_modules' || child.name === '.git') continue;
    yield* walk(path.join(entry, child.name));
  }
}

/** Files to check, with their kind: by name, else by content (as check:corpus does). */
function discover() {
  const found = [];
  for (const input of inputs)
    for (const file of walk(path.resolve(input))) {
      if (/\.(json|md|tsv)$/.test(file)) continue;
      const kind = detectKind(file, fs.readFileSync(file, 'utf8'));
      if (kind) found.push({ file, kind });
    }
  return found;
}

const totals = { files: 0, compose: 0, dockerfile: 0, findings: 0, fixesOffered: 0, fixesChecked: 0 };
Object.assign(totals, { fixesCrossFile: 0, fixAllRuns: 0, fixAllChanged: 0, fixAllApplied: 0 });
const leftByFixAll = {};
/** Per file: preferred fixes fix-all left offered, by rule id (in the JSON output). */
const leftovers = [];
const failures = [];
const sampledFiles = [];
const slow = [];

function addResult(result) {
  for (const key of Object.keys(totals)) if (key in result.stats) totals[key] += result.stats[key];
  for (const [ruleId, count] of Object.entries(result.stats.leftByFixAll)) {
    leftByFixAll[ruleId] = (leftByFixAll[ruleId] ?? 0) + count;
    leftovers.push({ file: result.file, ruleId, count });
  }
  failures.push(...result.failures);
  if (result.sampled) sampledFiles.push({ file: result.file, ...result.sampled });
  slow.push({ file: result.file, ms: result.ms });
}

const noStats = { leftByFixAll: {} };
const stoppedResult = (file, kind, check, detail) => ({
  file,
  stats: noStats,
  failures: [{ file, kind, check, ruleId: '(file)', fix: '', detail, edits: [] }],
  sampled: null,
  ms: timeoutMs,
});

/** Runs the files through `jobs` long-lived workers; one that times out or dies is replaced. */
function runAll(queue) {
  let done = 0;
  const started = Date.now();
  const workerData = { root, schema, settings };
  return new Promise((resolve) => {
    let running = 0;
    const report = (kind, result) => {
      addResult(result);
      done += 1;
      totals.files += 1;
      totals[kind] += 1;
      if (result.ms > 5000) process.stderr.write(`  slow: ${result.file} ${(result.ms / 1000).toFixed(1)} s\n`);
      if (done % 100 === 0)
        process.stderr.write(
          `${done} files, ${failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s\n`,
        );
    };
    const startWorker = () => {
      running += 1;
      const worker = new Worker(path.join(__dirname, 'check-fixes', 'worker.js'), { workerData });
      let task = null;
      let timer = null;
      const give = () => {
        if (queue.length === 0) {
          task = null;
          worker.removeAllListeners();
          void worker.terminate();
          running -= 1;
          if (running === 0) resolve();
          return;
        }
        task = queue.shift();
        timer = setTimeout(() => stop('timeout', `not finished in ${timeoutMs / 1000} s`), timeoutMs);
        worker.postMessage(task);
      };
      // The worker is gone or unusable: its file counts as failing, and a fresh worker takes the queue on.
      const stop = (check, detail) => {
        clearTimeout(timer);
        worker.removeAllListeners();
        void worker.terminate();
        if (task) report(task.kind, stoppedResult(task.file, task.kind, check, detail));
        running -= 1;
        if (queue.length > 0) startWorker();
        else if (running === 0) resolve();
      };
      worker.on('message', (result) => {
        clearTimeout(timer);
        report(task.kind, result);
        give();
      });
      worker.on('error', (error) => stop('crash', `worker died: ${error.message}`));
      worker.on('exit', (code) => stop('crash', `worker exited with code ${code}`));
      give();
    };
    if (queue.length === 0) resolve();
    else for (let i = 0, n = Math.min(jobs, queue.length); i < n; i++) startWorker();
  });
}

function table(rows) {
  const width = Math.max(...rows.map((row) => row[0].length));
  return rows.map(([name, ...values]) => `  ${name.padEnd(width)}  ${values.join('  ')}`).join('\n');
}

function countBy(list, key) {
  const counts = new Map();
  for (const item of list) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function summary(seconds) {
  const failing = failures.filter((f) => !FOR_JUDGEMENT.has(f.check));
  const failingFixes = new Set(
    failing.filter((f) => f.fix !== '(fix-all)').map((f) => `${f.file}\0${f.line}\0${f.fix}`),
  );
  const out = [];
  out.push(`Fix sweep over ${inputs.join(', ')} (${seconds} s; schema ${schema ?? 'none'})`);
  out.push(
    table([
      ['files', `${totals.files} (${totals.compose} Compose, ${totals.dockerfile} Dockerfile)`],
      ['findings', String(totals.findings)],
      ['fixes offered', String(totals.fixesOffered)],
      ['fixes applied and checked', String(totals.fixesChecked)],
      ['fixes editing another file', `${totals.fixesCrossFile} (not checked)`],
      [
        'fix-all runs',
        `${totals.fixAllRuns} (${totals.fixAllChanged} changed the file, ${totals.fixAllApplied} fixes)`,
      ],
      ['failures', `${failing.length} (${failingFixes.size} fixes failing; fix-all failures are per file)`],
      ['comment-dropped (to judge)', String(failures.length - failing.length)],
    ]),
  );
  if (sampledFiles.length) {
    out.push('Sampled (not every fix checked):');
    out.push(table(sampledFiles.map((s) => [path.relative(process.cwd(), s.file), `${s.checked} of ${s.of}`, s.why])));
  }
  if (failures.length) {
    out.push('Failures by check:');
    out.push(table(countBy(failures, (f) => f.check).map(([check, n]) => [check, String(n)])));
    out.push('Failures by rule id (checks):');
    const byRule = countBy(failures, (f) => f.ruleId).map(([ruleId, n]) => {
      const checks = countBy(
        failures.filter((f) => f.ruleId === ruleId),
        (f) => f.check,
      );
      return [ruleId, String(n), checks.map(([c, k]) => `${c} ${k}`).join(', ')];
    });
    out.push(table(byRule));
  }
  const left = Object.entries(leftByFixAll).sort((a, b) => b[1] - a[1]);
  if (left.length) {
    out.push('Preferred fixes still offered after fix-all (fixes it rejected or could not reach), by rule id:');
    out.push(table(left.map(([ruleId, n]) => [ruleId, String(n)])));
  }
  slow.sort((a, b) => b.ms - a.ms);
  out.push(
    `Slowest: ${slow
      .slice(0, 3)
      .map((s) => `${path.basename(s.file)} ${(s.ms / 1000).toFixed(1)} s`)
      .join(', ')}`,
  );
  return out.join('\n');
}

async function main() {
  const started = Date.now();
  const queue = discover();
  process.stderr.write(`${queue.length} files to check, ${jobs} worker(s), schema ${schema ?? 'none'}\n`);
  // The largest files first: with several workers they do not end the run alone.
  queue.sort((a, b) => fs.statSync(b.file).size - fs.statSync(a.file).size);
  await runAll(queue);
  console.log(summary(Math.round((Date.now() - started) / 1000)));
  if (jsonOut) {
    fs.writeFileSync(
      jsonOut,
      `${JSON.stringify({ totals, sampledFiles, leftByFixAll, leftovers, failures }, null, 1)}\n`,
    );
    console.log(`Failures written to ${jsonOut}`);
  }
  process.exit(failures.some((f) => !FOR_JUDGEMENT.has(f.check)) ? 1 : 0);
}

main();
