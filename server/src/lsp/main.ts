/**
 * Entry point of the bundled language server (dist/server.js): picks the
 * transport from the command line (--stdio, --node-ipc, --socket=N) as every
 * LSP client expects.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, SERVER_VERSION } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write(`docker-harden-language-server ${SERVER_VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help') || !process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)/.test(a))) {
  process.stderr.write(
    'usage: docker-harden-language-server --stdio | --node-ipc | --socket=PORT\n\n' +
      'Speaks the Language Server Protocol for Dockerfiles and Compose files.\n',
  );
  process.exit(process.argv.includes('--help') ? 0 : 2);
}
startServer(createConnection(ProposedFeatures.all));
