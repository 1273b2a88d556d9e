#!/usr/bin/env node
// node scripts/eval-real/extract.js MIRRORS OUT — see README.md.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [mirrors, out] = process.argv.slice(2);
if (!mirrors || !out) {
  console.error('usage: extract.js MIRRORS OUT');
  process.exit(2);
}
/** What the CLI analyses, and the env files Compose files read beside them. */
const WANTED = /(^|\/)(Dockerfile[^/]*|[^/]*\.dockerfile|[^/]*compose[^/]*\.ya?ml|\.env[^/]*|[^/]*\.env)$/i;
const manifest = fs
  .readFileSync(path.join(__dirname, 'manifest.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => line.split('\t'));
let files = 0;
for (const [repository, commit] of manifest) {
  const gitDir = path.join(mirrors, repository.replace('/', '+'), 'repo');
  const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 28 });
  const entries = git('ls-tree', '-r', commit)
    .toString()
    .split('\n')
    .filter(Boolean)
    .map((line) => ({ mode: line.split(' ')[0], name: line.slice(line.indexOf('\t') + 1) }));
  const modes = new Map(entries.map((entry) => [entry.name, entry.mode]));
  for (const { mode, name } of entries.filter((entry) => WANTED.test(entry.name))) {
    // A symbolic link (vaultwarden's Dockerfile -> docker/Dockerfile.debian) is copied as the file it names.
    let source = name;
    if (mode === '120000')
      source = path.posix.join(path.posix.dirname(name), git('show', `${commit}:${name}`).toString());
    if (!modes.has(source) || modes.get(source) === '120000') continue;
    const target = path.join(out, repository.replace('/', '+'), name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, git('show', `${commit}:${source}`));
    files += 1;
  }
}
console.log(`${files} files from ${manifest.length} projects in ${out}`);
