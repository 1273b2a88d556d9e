// Bundles the entry points with esbuild: the VS Code client, the language
// server, the CLI and their analysis worker. Only dist/ ships in the extension.
// Also links this package's own commands into node_modules/.bin (npm links
// only dependencies' commands there), so `node_modules/.bin/docker-harden`
// works from a checkout after `npm ci`, as scripts and CI expect.
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

Promise.all([
  esbuild
    .build({
      ...common,
      entryPoints: ['client/src/extension.ts'],
      outfile: 'dist/client.js',
      external: ['vscode'],
      metafile: true,
    })
    .then(checkClientSources),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/entry.ts'], outfile: 'dist/cli.js' }),
  // The analysis worker thread of the server and the CLI, loaded from beside them (see runtime/analysis-pool.ts).
  esbuild.build({
    ...common,
    entryPoints: ['server/src/runtime/analysis-worker.ts'],
    outfile: 'dist/analysis-worker.js',
  }),
])
  .then(linkOwnCommands)
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

/**
 * The client shares only the protocol module with the server, and the
 * measures catalog (plain data: the wizard validates inputs as they are
 * typed with the same rules the server applies), and the language choice
 * (core/l10n.ts: the wizard writes input problems in the server's language):
 * any other server source in its bundle is a mistake.
 */
const CLIENT_MAY_BUNDLE = new Set([
  'server/src/lsp/protocol.ts',
  'server/src/core/measures/catalog.ts',
  'server/src/core/l10n.ts',
]);

function checkClientSources({ metafile }) {
  const serverSources = Object.keys(metafile.inputs).filter((input) => input.startsWith('server/'));
  const unexpected = serverSources.filter((input) => !CLIENT_MAY_BUNDLE.has(input));
  if (unexpected.length > 0) {
    throw new Error(`dist/client.js bundles server code beyond the protocol module: ${unexpected.join(', ')}`);
  }
}

function linkOwnCommands() {
  const binDir = path.join(root, 'node_modules', '.bin');
  if (!fs.existsSync(binDir)) return;
  const { bin } = require(path.join(root, 'package.json'));
  for (const [name, target] of Object.entries(bin)) {
    const link = path.join(binDir, name);
    try {
      fs.rmSync(link, { force: true });
      fs.symlinkSync(path.relative(binDir, path.join(root, target)), link);
    } catch (error) {
      console.warn(`could not link ${name} into node_modules/.bin: ${error.message}`);
    }
  }
}
