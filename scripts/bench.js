#!/usr/bin/env node
// npm run bench -- [--lsp-client PATH] [--iterations N] FILE...
// For each file: in-process analysis time (median and p95 over warm runs) and,
// when an LSP latency client is available (default: ../shared/bench/lsp-latency.js
// beside the checkout), language-server latency didChange -> publishDiagnostics
// and peak server memory, with the bundled server over stdio, started with the same heap limit
// as the VS Code client and the docker-harden-language-server launcher use.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const iterations = Number(option('--iterations', '30'));
const lspClient = option('--lsp-client', path.resolve(root, '..', 'shared', 'bench', 'lsp-latency.js'));
const files = args;
if (files.length === 0) {
  console.error('usage: npm run bench -- [--lsp-client PATH] [--iterations N] FILE...\n e.g. npm run bench -- ../shared/corpus/synthetic/Dockerfile.*');
  process.exit(2);
}
const { analyze } = require(path.join(root, 'out', 'server', 'src', 'core', 'analyze.js'));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const rows = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  for (let i = 0; i < 3; i++) analyze(text, { path: file });
  const times = [];
  let findings = 0;
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    findings = analyze(text, { path: file }).findings.length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const row = { file: path.basename(file), lines: text.split('\n').length, findings, coreP50: percentile(times, 50), coreP95: percentile(times, 95) };
  if (fs.existsSync(lspClient)) {
    const out = path.join(require('os').tmpdir(), `docker-harden-bench-${process.pid}.json`);
    const languageId = /\.ya?ml$/i.test(file) ? 'yaml' : 'dockerfile';
    const run = spawnSync(process.execPath, [lspClient, '--server', `node --max-old-space-size=448 ${path.join(root, 'dist', 'server.js')} --stdio`, '--file', file, '--language-id', languageId, '--iterations', String(Math.max(20, Math.min(iterations, 50))), '--json', out, '--quiet'], { encoding: 'utf8', timeout: 600000, env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } });
    if (run.status === 0 && fs.existsSync(out)) {
      const result = JSON.parse(fs.readFileSync(out, 'utf8'));
      const latency = result.change_to_diagnostics_ms;
      Object.assign(row, { lspP50: latency.p50, lspP95: latency.p95, peakRssMiB: result.serverMemory?.VmHWM_MB });
      fs.unlinkSync(out);
    } else {
      row.lspError = (run.stderr || run.stdout || '').slice(0, 200);
    }
  }
  rows.push(row);
}
const fmt = (v) => (typeof v === 'number' ? v.toFixed(1) : v ?? '-');
console.log('file | lines | findings | core p50 ms (uncached, as the CLI) | core p95 ms | lsp p50 ms (didChange -> diagnostics) | lsp p95 ms | server peak MiB');
for (const r of rows) console.log([r.file, r.lines, r.findings, fmt(r.coreP50), fmt(r.coreP95), fmt(r.lspP50), fmt(r.lspP95), fmt(r.peakRssMiB)].join(' | ') + (r.lspError ? `  (lsp: ${r.lspError})` : ''));
