#!/usr/bin/env node
// node scripts/eval-real/score.js OUT SAMPLE JUDGMENTS — precision per concern of a judged sample (see README.md).
// SAMPLE is a sample-*.tsv written by sample.js; JUDGMENTS is a judgments-*.tsv (id, verdict, reason).
'use strict';
const fs = require('fs');

const [sample, judgments] = process.argv.slice(2);
if (!sample || !judgments) {
  console.error('usage: score.js SAMPLE JUDGMENTS');
  process.exit(2);
}
const table = (file) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split('\t'));
const verdicts = new Map(table(judgments).map(([id, verdict]) => [id, verdict]));
const byConcern = new Map();
let missing = 0;
for (const [id, rule, concern] of table(sample).map(([i, r, c]) => [i, r, c || `(${r})`])) {
  const verdict = verdicts.get(id);
  if (!verdict && rule) missing += 1;
  const counts = byConcern.get(concern) ?? { ok: 0, wrong: 0, debatable: 0 };
  counts[verdict ?? 'debatable'] += 1;
  byConcern.set(concern, counts);
}
const total = { ok: 0, wrong: 0, debatable: 0 };
const percent = (c) => ((100 * c.ok) / (c.ok + c.wrong + c.debatable)).toFixed(1);
for (const [concern, counts] of [...byConcern].sort()) {
  for (const key of Object.keys(total)) total[key] += counts[key];
  console.log(
    `${concern.padEnd(36)} ok ${counts.ok}  wrong ${counts.wrong}  debatable ${counts.debatable}  ${percent(counts)} %`,
  );
}
console.log(`all: ok ${total.ok}, wrong ${total.wrong}, debatable ${total.debatable}: precision ${percent(total)} %`);
if (missing) console.log(`${missing} sampled findings have no verdict (counted as debatable)`);
