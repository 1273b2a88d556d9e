#!/usr/bin/env node
// node scripts/eval-real/sample.js OUT SEED N — a stratified random sample of OUT/findings.json (see README.md).
'use strict';
const fs = require('fs');
const path = require('path');

const [out, seedText, sizeText] = process.argv.slice(2);
if (!out || !seedText) {
  console.error('usage: sample.js OUT SEED [N]');
  process.exit(2);
}
const size = Number(sizeText ?? 200);
/** mulberry32: a small seeded generator, so a sample can be drawn again. */
let seed = Number(seedText) >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const shuffled = (list) => {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};
const { findings } = JSON.parse(fs.readFileSync(path.join(out, 'findings.json'), 'utf8'));
const byRule = new Map();
for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
// Every rule gets at least min(3, its count); the rest of the sample in proportion to each rule's share.
const rules = [...byRule.keys()].sort();
const quota = new Map(rules.map((rule) => [rule, Math.min(3, byRule.get(rule).length)]));
const floor = [...quota.values()].reduce((a, b) => a + b, 0);
for (const rule of rules) {
  const share = Math.round(((size - floor) * byRule.get(rule).length) / findings.length);
  quota.set(rule, Math.min(byRule.get(rule).length, quota.get(rule) + Math.max(0, share)));
}
const lines = new Map();
const lineOf = (file, line) => {
  if (!lines.has(file)) lines.set(file, fs.readFileSync(file, 'utf8').split('\n'));
  return (lines.get(file)[line - 1] ?? '').trim().slice(0, 160);
};
const rows = [['id', 'rule', 'concern', 'file', 'line', 'source', 'message'].join('\t')];
let id = 0;
for (const rule of rules)
  for (const finding of shuffled(byRule.get(rule)).slice(0, quota.get(rule))) {
    id += 1;
    const file = path.relative(out, finding.file);
    const source = lineOf(finding.file, finding.line).replace(/\t/g, ' ');
    rows.push([id, rule, finding.concern, file, finding.line, source, finding.message.replace(/\t/g, ' ')].join('\t'));
  }
fs.writeFileSync(path.join(out, `sample-${seedText}.tsv`), rows.join('\n') + '\n');
console.log(`${id} findings of ${rules.length} rules sampled into ${path.join(out, `sample-${seedText}.tsv`)}`);
