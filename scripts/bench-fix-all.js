#!/usr/bin/env node
// npm run bench (also alone: node scripts/bench-fix-all.js [--corpus DIR] [--rounds N] [FILE...])
//
// Fix-all as the editor runs it: the bundled language server over stdio, the
// document open and analysed, then `source.fixAll.docker-harden` asked for
// (what editor.codeActionsOnSave does) after an edit each round, timed from
// request to answer. Target: under 1 s for the 500-service synthetic Compose file.
'use strict';
const { optionReader } = require('./script-options');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { pathToFileURL } = require('url');
const rpc = require('vscode-jsonrpc/node');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = optionReader(args);
const corpus = option('--corpus', path.resolve(root, '..', 'shared', 'corpus'));
const rounds = Number(option('--rounds', '5'));
const given = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const TARGET_MS = 1000;
const files = given.length > 0 ? given : [path.join(corpus, 'synthetic', 'compose-500-services.yaml')];

async function measure(file) {
  const server = spawn(
    process.execPath,
    ['--max-old-space-size=448', path.join(root, 'dist', 'server.js'), '--stdio'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const connection = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.stdout),
    new rpc.StreamMessageWriter(server.stdin),
  );
  const published = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const waiting = published.get(p.version);
    if (waiting) waiting(p);
  });
  connection.onRequest(() => null);
  connection.listen();
  const uri = pathToFileURL(path.resolve(file)).toString();
  const languageId = /\.ya?ml$/.test(file) ? 'dockercompose' : 'dockerfile';
  let text = fs.readFileSync(file, 'utf8');
  const diagnostics = (version) => new Promise((resolve) => published.set(version, resolve));
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  let seen = diagnostics(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  await seen;
  const times = [];
  let edits = 0;
  for (let round = 0; round < rounds; round++) {
    // An edit first, as before a save: the fix-all runs on a version the server has just analysed.
    const version = round + 2;
    text += `# round ${round}\n`;
    seen = diagnostics(version);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    await seen;
    const started = process.hrtime.bigint();
    const actions = await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.docker-harden'] },
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    edits = actions[0]?.edit?.changes?.[uri]?.length ?? 0;
  }
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  connection.dispose();
  server.kill();
  times.sort((a, b) => a - b);
  return {
    file: path.basename(file),
    p50: times[Math.floor((times.length - 1) / 2)],
    max: times[times.length - 1],
    edits,
  };
}

(async () => {
  console.log('fix-all in the language server (source.fixAll.docker-harden): file | p50 ms | max ms | edits | target');
  let failed = false;
  for (const file of files) {
    if (!fs.existsSync(file)) {
      console.log(`${file}: not found (--corpus DIR or FILE...)`);
      failed = true;
      continue;
    }
    const r = await measure(file);
    const ok = r.p50 < TARGET_MS;
    failed ||= !ok;
    console.log(
      `${r.file} | ${r.p50.toFixed(0)} | ${r.max.toFixed(0)} | ${r.edits} | ${ok ? 'ok' : 'OVER'} (< ${TARGET_MS} ms)`,
    );
  }
  process.exitCode = failed ? 1 : 0;
})();
