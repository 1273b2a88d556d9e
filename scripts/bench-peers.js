#!/usr/bin/env node
// npm run bench:peers -- [--corpus DIR] [--peers DIR] [--rounds N] [--only REGEX] [--json FILE]
//
// docker-harden side by side with its peers, in one run on one machine: the
// same files, the servers alternating round by round, so a busy machine
// slows both sides alike (read the ratios). Peers are installed outside the
// project, as ../shared/bench/README.md says (default: $PEERS, else .peers
// beside ../shared/bench, else ../.peers beside the checkout).
//
// Rows: language-server latency didChange -> publishDiagnostics (p50; the
// harness ../shared/bench/lsp-latency.js), open -> first diagnostics and
// peak server memory, against dockerfile-language-server-nodejs for
// Dockerfiles and yaml-language-server with the Compose schema for Compose
// files; the CLI as whole processes over the real corpus, against
// dockerfilelint (Dockerfiles) and dclint (Compose). Each row passes when
// peer / ours >= 1.5; the typical files also need open <= 2x edit latency,
// and 5,000 services p50 <= 500 ms and <= 400 MiB.
'use strict';
const { optionReader } = require('./script-options');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = optionReader(args);
const corpus = path.resolve(option('--corpus', path.join(root, '..', 'shared', 'corpus')));
const benchDir = path.resolve(option('--bench', path.join(corpus, '..', 'bench')));
const peers = path.resolve(
  option(
    '--peers',
    process.env.PEERS ||
      [path.join(benchDir, '.peers'), path.join(root, '..', '.peers')].find((p) =>
        fs.existsSync(path.join(p, 'node_modules')),
      ) ||
      path.join(benchDir, '.peers'),
  ),
);
const rounds = Number(option('--rounds', '3'));
const jsonOut = option('--json', undefined);
const only = new RegExp(option('--only', '.'), 'i');
const lspClient = path.join(benchDir, 'lsp-latency.js');
const P = path.join(peers, 'node_modules');

for (const [what, where] of [
  ['corpus', corpus],
  ['LSP latency client', lspClient],
  ['peers', P],
]) {
  if (!fs.existsSync(where)) {
    console.error(`bench:peers: no ${what} at ${where} (see ../shared/bench/README.md; --corpus, --bench, --peers)`);
    process.exit(2);
  }
}

const real = path.join(corpus, 'real');
const synthetic = path.join(corpus, 'synthetic');
const OURS = `node --max-old-space-size=448 ${path.join(root, 'dist', 'server.js')} --stdio`;
const DLS = `node ${P}/dockerfile-language-server-nodejs/bin/docker-langserver --stdio`;
const YLS = `node ${P}/yaml-language-server/bin/yaml-language-server --stdio`;
const yamlSettings = path.join(os.tmpdir(), `docker-harden-yamlls-${process.pid}.json`);
fs.writeFileSync(
  yamlSettings,
  fs
    .readFileSync(path.join(benchDir, 'yamlls-compose-settings.json'), 'utf8')
    .replace(/__COMPOSE_SCHEMA_URI__/g, `file://${path.join(real, 'schema', 'compose-spec.json')}`),
);

/** One harness run: p50 edit latency, open -> first diagnostics, peak RSS. */
function lsp(server, file, languageId, { iterations, extra = [] }) {
  const out = path.join(os.tmpdir(), `docker-harden-bench-peers-${process.pid}.json`);
  const run = spawnSync(
    process.execPath,
    [
      lspClient,
      '--server',
      server,
      '--file',
      file,
      '--language-id',
      languageId,
      '--iterations',
      String(iterations),
      '--warmup',
      '5',
      '--timeout-ms',
      '300000',
      '--json',
      out,
      '--quiet',
      ...extra,
    ],
    { encoding: 'utf8', timeout: 900_000, env: { ...process.env, PEERS: peers } },
  );
  if (run.status !== 0 || !fs.existsSync(out))
    return { error: (run.stderr || run.stdout || `exit ${run.status}`).trim().split('\n').slice(-1)[0] };
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.unlinkSync(out);
  return {
    p50: result.change_to_diagnostics_ms.p50,
    open: result.open_to_first_diagnostics_ms,
    rss: result.serverMemory?.VmHWM_MB,
  };
}

/** Whole-process wall time of one command (ms). */
function wall(command, commandArgs) {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, commandArgs, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: 900_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return run.error ? { error: run.error.message } : { ms };
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.floor((sorted.length - 1) / 2)];
};

const realDockerfiles = fs.readdirSync(path.join(real, 'dockerfile')).map((f) => path.join(real, 'dockerfile', f));
const realCompose = fs
  .readdirSync(path.join(real, 'compose'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => path.join(real, 'compose', f));
const smallDockerfile = path.join(real, 'dockerfile', 'docker+awesome-compose__django__app__Dockerfile');
const smallCompose = path.join(real, 'compose', 'docker+awesome-compose__django__compose.yaml');
const mailcow = path.join(real, 'compose', 'mailcow+mailcow-dockerized__docker-compose.yml');

const LSP_ROWS = [
  {
    name: 'small real Dockerfile (django app)',
    file: smallDockerfile,
    languageId: 'dockerfile',
    peer: DLS,
    typical: true,
  },
  {
    name: 'Dockerfile, 1,000 instructions',
    file: path.join(synthetic, 'Dockerfile.1000-instructions'),
    languageId: 'dockerfile',
    peer: DLS,
  },
  {
    name: 'Dockerfile, 10,000 instructions',
    file: path.join(synthetic, 'Dockerfile.10000-instructions'),
    languageId: 'dockerfile',
    peer: DLS,
    iterations: 20,
  },
  { name: 'Compose, real 1 service (django)', file: smallCompose, languageId: 'yaml', peer: YLS, typical: true },
  { name: 'Compose, real 17 services (mailcow)', file: mailcow, languageId: 'yaml', peer: YLS, typical: true },
  {
    name: 'Compose, 50 services',
    file: path.join(synthetic, 'compose-50-services.yaml'),
    languageId: 'yaml',
    peer: YLS,
  },
  {
    name: 'Compose, 500 services',
    file: path.join(synthetic, 'compose-500-services.yaml'),
    languageId: 'yaml',
    peer: YLS,
    iterations: 20,
  },
  {
    name: 'Compose, 5,000 services',
    file: path.join(synthetic, 'compose-5000-services.yaml'),
    languageId: 'yaml',
    peer: YLS,
    iterations: 8,
    target: { p50: 500, rss: 400 },
  },
];

const CLI_ROWS = [
  {
    name: `CLI, ${realDockerfiles.length} real Dockerfiles, one process`,
    ours: () =>
      wall(process.execPath, [
        path.join(root, 'server', 'bin', 'docker-harden.js'),
        '--format',
        'json',
        '--fail-on',
        'none',
        ...realDockerfiles,
      ]),
    peer: () =>
      wall(process.execPath, [path.join(P, 'dockerfilelint', 'bin', 'dockerfilelint'), '-j', ...realDockerfiles]),
    peerName: 'dockerfilelint',
  },
  {
    name: `CLI, ${realCompose.length} real Compose files`,
    ours: () =>
      wall(process.execPath, [
        path.join(root, 'server', 'bin', 'docker-harden.js'),
        '--format',
        'json',
        '--fail-on',
        'none',
        ...realCompose,
      ]),
    peer: () => wall(process.execPath, [path.join(P, 'dclint', 'bin', 'dclint.cjs'), '-f', 'json', ...realCompose]),
    peerName: 'dclint',
  },
];

const results = [];
const fmt = (v, digits = 1) => (typeof v === 'number' ? v.toFixed(digits) : '-');
for (const row of LSP_ROWS) {
  if (!fs.existsSync(row.file) || !only.test(row.name)) continue;
  const ours = [];
  const peer = [];
  const iterations = row.iterations ?? 40;
  const peerExtra = row.languageId === 'yaml' ? ['--settings', yamlSettings] : [];
  // Alternate the two servers round by round: the machine's drift hits both alike.
  for (let round = 0; round < rounds; round++) {
    ours.push(lsp(OURS, row.file, row.languageId, { iterations }));
    peer.push(lsp(row.peer, row.file, row.languageId, { iterations, extra: peerExtra }));
  }
  const pick = (list, key) => median(list.map((r) => r[key]));
  const result = {
    row: row.name,
    ours: { p50: pick(ours, 'p50'), open: pick(ours, 'open'), rss: pick(ours, 'rss') },
    peer: {
      name: row.peer === DLS ? 'dockerfile-language-server' : 'yaml-language-server',
      p50: pick(peer, 'p50'),
      open: pick(peer, 'open'),
      rss: pick(peer, 'rss'),
    },
    errors: [...ours, ...peer].map((r) => r.error).filter(Boolean),
  };
  result.ratio = result.peer.p50 / result.ours.p50;
  const checks = [result.ratio >= 1.5 ? 'ok' : 'RATIO < 1.5'];
  if (row.typical) checks.push(result.ours.open <= 2 * result.ours.p50 ? 'open ok' : `OPEN > 2x edit`);
  if (row.target)
    checks.push(
      result.ours.p50 <= row.target.p50 && result.ours.rss <= row.target.rss
        ? 'target ok'
        : `TARGET (p50 <= ${row.target.p50} ms, <= ${row.target.rss} MiB) missed`,
    );
  result.verdict = checks.join(', ');
  results.push(result);
  console.log(
    `${row.name} | ours ${fmt(result.ours.p50)} ms, open ${fmt(result.ours.open)} ms, ${fmt(result.ours.rss)} MiB | ${result.peer.name} ${fmt(result.peer.p50)} ms, open ${fmt(result.peer.open)} ms, ${fmt(result.peer.rss)} MiB | peer/ours ${fmt(result.ratio, 2)} | ${result.verdict}${result.errors.length ? ` | errors: ${result.errors.join('; ')}` : ''}`,
  );
}
for (const row of CLI_ROWS) {
  if (!only.test(row.name)) continue;
  const ours = [];
  const peer = [];
  for (let round = 0; round < Math.max(5, rounds); round++) {
    ours.push(row.ours().ms);
    peer.push(row.peer().ms);
  }
  const result = { row: row.name, ours: { ms: median(ours) }, peer: { name: row.peerName, ms: median(peer) } };
  result.ratio = result.peer.ms / result.ours.ms;
  result.verdict = result.ratio >= 1.5 ? 'ok' : 'RATIO < 1.5';
  results.push(result);
  console.log(
    `${row.name} | ours ${fmt(result.ours.ms, 0)} ms | ${row.peerName} ${fmt(result.peer.ms, 0)} ms | peer/ours ${fmt(result.ratio, 2)} | ${result.verdict}`,
  );
}
fs.unlinkSync(yamlSettings);
if (jsonOut)
  fs.writeFileSync(
    jsonOut,
    JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, loadavg: os.loadavg(), results }, null, 1),
  );
const failed = results.filter((r) => !/^ok(, open ok)?(, target ok)?$/.test(r.verdict));
console.log(
  `\n${results.length - failed.length} of ${results.length} rows meet their targets (load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
