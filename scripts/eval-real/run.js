#!/usr/bin/env node
// node scripts/eval-real/run.js OUT — runs the CLI over OUT, writes OUT/findings.json (see README.md).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const out = process.argv[2];
if (!out) {
  console.error('usage: run.js OUT');
  process.exit(2);
}
const cli = path.resolve(__dirname, '..', '..', 'out', 'server', 'src', 'cli', 'entry.js');
let text;
try {
  text = execFileSync('node', [cli, '--format', 'json', '--fail-on', 'none', out], { maxBuffer: 1 << 28 }).toString();
} catch (error) {
  console.error(`the CLI failed: ${error.message}`);
  process.exit(1);
}
fs.writeFileSync(path.join(out, 'findings.json'), text);
const { findings } = JSON.parse(text);
console.log(`${new Set(findings.map((f) => f.file)).size} files with findings, ${findings.length} findings`);
