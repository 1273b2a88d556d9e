/** The server re-analyses a Compose file when a file it depends on changes: an open Dockerfile it builds, or .env on disk. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { TestClient } from '../helpers/lsp-client';

describe('language server: related files', () => {
  let client: TestClient;
  let dir: string;
  beforeEach(() => {
    client = new TestClient();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-lsp-'));
    fs.mkdirSync(path.join(dir, 'api'));
    fs.writeFileSync(path.join(dir, 'api', 'Dockerfile'), 'FROM python:3.12-slim\nCMD ["python"]\n');
    fs.writeFileSync(path.join(dir, '.env'), 'MODE=bridge\n');
  });
  afterEach(() => client.dispose());

  const COMPOSE = 'services:\n  api:\n    build: ./api\n    network_mode: ${MODE}\n';
  const codes = (diagnostics: { code?: unknown }[]): unknown[] => diagnostics.map((d) => d.code);

  it('editing the Dockerfile a service builds updates the Compose diagnostics', async () => {
    await client.initialize();
    const composeUri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
    const dockerfileUri = pathToFileURL(path.join(dir, 'api', 'Dockerfile')).toString();
    await client.open(composeUri, 'dockercompose', COMPOSE);
    const first = await client.diagnosticsFor(composeUri, 1);
    assert.ok(codes(first.diagnostics).includes('compose-root-user'), 'root user from the built Dockerfile');
    const root = first.diagnostics.find((d) => d.code === 'compose-root-user');
    assert.match(root?.message ?? '', /api[\\/]Dockerfile/);

    await client.open(dockerfileUri, 'dockerfile', 'FROM python:3.12-slim\nCMD ["python"]\n');
    await client.diagnosticsFor(dockerfileUri, 1);
    const before = client.publishedCount(composeUri);
    await client.change(dockerfileUri, 2, [{ text: 'FROM python:3.12-slim\nUSER 1000\nCMD ["python"]\n' }]);
    // Times out (fails) unless a publication without the finding arrives.
    await client.nextDiagnostics(composeUri, before, (p) => !codes(p.diagnostics).includes('compose-root-user'));
  });

  it('a change to .env on disk, announced by the client, re-analyses the Compose file', async () => {
    await client.initialize();
    const composeUri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
    await client.open(composeUri, 'yaml', COMPOSE);
    assert.ok(!codes((await client.diagnosticsFor(composeUri, 1)).diagnostics).includes('compose-host-namespace'));
    fs.writeFileSync(path.join(dir, '.env'), 'MODE=host\n');
    const before = client.publishedCount(composeUri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.env')).toString(), type: 2 }] });
    // network_mode: ${MODE} now resolves to host; times out (fails) otherwise.
    await client.nextDiagnostics(composeUri, before, (p) => codes(p.diagnostics).includes('compose-host-namespace'));
  });
});
