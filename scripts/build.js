// Bundles the three entry points with esbuild: the VS Code client, the
// language server and the CLI. Only dist/ ships in the extension.
'use strict';
const esbuild = require('esbuild');
const path = require('path');

const root = path.resolve(__dirname, '..');
const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/entry.ts'], outfile: 'dist/cli.js' }),
]).catch((error) => {
  console.error(error);
  process.exit(1);
});
