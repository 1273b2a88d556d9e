#!/usr/bin/env node
// npm run bench -- [--corpus DIR] [--lsp-client PATH] [--iterations N] [--markdown FILE] [FILE...]
//
// For each file: in-process analysis time as the CLI runs it (median and p95
// over warm runs) and, when an LSP latency client is available (default:
// ../shared/bench/lsp-latency.js beside the checkout), language-server
// latency didChange -> publishDiagnostics and peak server memory, with the
// bundled server over stdio, started with the same heap limit as the VS Code
// client and the docker-harden-language-server launcher use.
//
// Without FILEs it measures the corpus (default ../shared/corpus beside the
// checkout): the synthetic Compose files of 50, 500 and 5,000 services and
// Dockerfiles of 100 to 10,000 instructions, and a spread of typical real
// Compose files (at most 20 services), and checks each against its target.
// --markdown FILE also writes the results, the machine and the peers' as Markdown tables
// (scripts/bench-markdown.js): `--markdown README.md` fills the README's Performance section.
'use strict';
const { optionReader } = require('./script-options');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = optionReader(args);
const iterations = Number(option('--iterations', '30'));
const lspClient = option('--lsp-client', path.resolve(root, '..', 'shared', 'bench', 'lsp-latency.js'));
const corpus = option('--corpus', path.resolve(root, '..', 'shared', 'corpus'));
const markdownOut = option('--markdown', undefined);
const { analyze } = require(path.join(root, 'out', 'server', 'src', 'core', 'analyze.js'));
const { buildComposeModel } = require(path.join(root, 'out', 'server', 'src', 'core', 'compose', 'model.js'));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Language-server latency targets (ms) and the memory target (MiB), by file. */
const TARGETS = {
  'compose-50-services.yaml': 30,
  'compose-500-services.yaml': 300,
  'compose-5000-services.yaml': 3000,
};
const MEMORY_TARGET = { 'compose-5000-services.yaml': 500 };
const TYPICAL_TARGET = 5;
const TYPICAL_SAMPLE = 12;

function corpusFiles() {
  const synthetic = path.join(corpus, 'synthetic');
  const realCompose = path.join(corpus, 'real', 'compose');
  if (!fs.existsSync(synthetic)) {
    console.error(
      `usage: npm run bench -- [--corpus DIR] [--lsp-client PATH] [--iterations N] [FILE...]\n(no files given and no corpus at ${corpus})`,
    );
    process.exit(2);
  }
  // Typical: real Compose files of 1 to 20 services, spread over their sizes.
  const typical = fs.existsSync(realCompose)
    ? fs
        .readdirSync(realCompose)
        .map((name) => path.join(realCompose, name))
        .map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))
        .filter(({ text }) => {
          const n = buildComposeModel(text).allServices.length;
          return n >= 1 && n <= 20;
        })
        .sort((a, b) => a.text.length - b.text.length)
    : [];
  const step = Math.max(1, typical.length / TYPICAL_SAMPLE);
  const sample = Array.from(
    { length: Math.min(TYPICAL_SAMPLE, typical.length) },
    (_, i) => typical[Math.floor(i * step)].file,
  );
  const synthetics = fs
    .readdirSync(synthetic)
    .sort()
    .map((name) => path.join(synthetic, name));
  return { files: [...sample, ...synthetics], typical: new Set(sample) };
}

const given = args;
const { files, typical } = given.length > 0 ? { files: given, typical: new Set() } : corpusFiles();

const rows = [];
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const reader = {
    read: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
  const runs = file.includes('5000') || file.includes('10000') ? Math.min(iterations, 8) : iterations;
  for (let i = 0; i < 2; i++) analyze(text, { path: file, files: reader });
  const times = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    findings = analyze(text, { path: file, files: reader }).findings.length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const row = {
    file: path.basename(file),
    lines: text.split('\n').length,
    findings,
    coreP50: percentile(times, 50),
    coreP95: percentile(times, 95),
    typical: typical.has(file),
  };
  if (fs.existsSync(lspClient)) {
    const out = path.join(require('os').tmpdir(), `docker-harden-bench-${process.pid}.json`);
    const languageId = /\.ya?ml$/i.test(file) ? 'yaml' : 'dockerfile';
    const run = spawnSync(
      process.execPath,
      [
        lspClient,
        '--server',
        `node --max-old-space-size=448 ${path.join(root, 'dist', 'server.js')} --stdio`,
        '--file',
        file,
        '--language-id',
        languageId,
        '--iterations',
        String(Math.max(20, Math.min(iterations, 50))),
        '--json',
        out,
        '--quiet',
      ],
      { encoding: 'utf8', timeout: 600000, env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } },
    );
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

const fmt = (v) => (typeof v === 'number' ? v.toFixed(1) : (v ?? '-'));
const verdict = (value, target) =>
  typeof value !== 'number' ? '' : `${value <= target ? 'ok' : 'OVER'} (target ${target})`;
console.log(
  'file | lines | findings | core p50 ms (uncached, as the CLI) | core p95 ms | lsp p50 ms (didChange -> diagnostics) | lsp p95 ms | server peak MiB | target',
);
for (const r of rows) {
  const target = [
    TARGETS[r.file] && `lsp ${verdict(r.lspP50, TARGETS[r.file])}`,
    MEMORY_TARGET[r.file] && `memory ${verdict(r.peakRssMiB, MEMORY_TARGET[r.file])}`,
    r.typical && `lsp ${verdict(r.lspP50, TYPICAL_TARGET)}`,
  ]
    .filter(Boolean)
    .join(', ');
  console.log(
    [
      r.file,
      r.lines,
      r.findings,
      fmt(r.coreP50),
      fmt(r.coreP95),
      fmt(r.lspP50),
      fmt(r.lspP95),
      fmt(r.peakRssMiB),
      target,
    ].join(' | ') + (r.lspError ? `  (lsp: ${r.lspError})` : ''),
  );
}
const typicalRows = rows.filter((r) => r.typical && typeof r.lspP50 === 'number');
if (typicalRows.length > 0) {
  const p50s = typicalRows.map((r) => r.lspP50).sort((a, b) => a - b);
  console.log(
    `\ntypical Compose files (1-20 services, ${typicalRows.length} of the real corpus): lsp p50 median ${fmt(percentile(p50s, 50))} ms, highest ${fmt(p50s[p50s.length - 1])} ms (target ${TYPICAL_TARGET} ms each)`,
  );
}

// Fix-all as codeActionsOnSave runs it, on the 500-service file (target: under 1 s).
if (given.length === 0) {
  console.log('');
  spawnSync(process.execPath, [path.join(__dirname, 'bench-fix-all.js'), '--corpus', corpus], { stdio: 'inherit' });
}

// Side by side with the peers in the same run, when they are installed (scripts/bench-peers.js says where).
const peersJson = markdownOut && path.join(require('os').tmpdir(), `docker-harden-bench-peers-${process.pid}.json`);
if (given.length === 0) {
  console.log('\npeers, side by side (servers alternating; read the ratios):');
  const peerArgs = ['--corpus', corpus, ...(peersJson ? ['--json', peersJson] : [])];
  const peers = spawnSync(process.execPath, [path.join(__dirname, 'bench-peers.js'), ...peerArgs], {
    stdio: 'inherit',
  });
  if (peers.status === 2) console.log('(peers not installed: see ../shared/bench/README.md)');
}
if (markdownOut) {
  const { benchMarkdown, writeMarkdown } = require('./bench-markdown');
  const peers = peersJson && fs.existsSync(peersJson) ? JSON.parse(fs.readFileSync(peersJson, 'utf8')).results : [];
  if (peersJson && fs.existsSync(peersJson)) fs.unlinkSync(peersJson);
  writeMarkdown(markdownOut, benchMarkdown({ rows, peers }));
  console.log(`\nMarkdown tables written to ${markdownOut}`);
}
