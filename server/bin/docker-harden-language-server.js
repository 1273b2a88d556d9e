#!/usr/bin/env node
'use strict';
// `docker-harden-language-server --stdio`: the same server the VS Code extension runs, for any LSP client.
//
// The server runs with a capped V8 heap (HEAP_LIMIT): without it V8 lets the heap grow towards
// gigabytes while a large Compose file is edited, although the live data stays far smaller. Node
// flags cannot be set from inside a running process, so when the flag is missing this launcher
// starts the server with it, sharing stdin/stdout (no copying), and mirrors its exit.
const HEAP_LIMIT = '--max-old-space-size=448';
const server = require('path').join(__dirname, '..', '..', 'dist', 'server.js');

if (process.execArgv.some((arg) => arg.startsWith('--max-old-space-size'))) {
  require(server);
} else {
  const { spawn } = require('child_process');
  const child = spawn(process.execPath, [HEAP_LIMIT, server, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
