/**
 * The server re-analyses a Compose file when a file it depends on changes:
 * an open Dockerfile it builds, .env on disk, its open override file, a file
 * it extends.
 */
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
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(dir, '.env')).toString(), type: 2 }],
    });
    // network_mode: ${MODE} now resolves to host; times out (fails) otherwise.
    await client.nextDiagnostics(composeUri, before, (p) => codes(p.diagnostics).includes('compose-host-namespace'));
  });

  it('editing the open override file updates the diagnostics of the file it overrides', async () => {
    await client.initialize();
    const composeUri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
    const overrideUri = pathToFileURL(path.join(dir, 'compose.override.yaml')).toString();
    fs.writeFileSync(path.join(dir, 'compose.override.yaml'), 'services:\n  api:\n    mem_limit: 1g\n');
    await client.open(composeUri, 'dockercompose', COMPOSE);
    assert.ok(
      !codes((await client.diagnosticsFor(composeUri, 1)).diagnostics).includes('compose-no-memory-limit'),
      'the override supplies the memory limit',
    );
    await client.open(overrideUri, 'dockercompose', 'services:\n  api:\n    mem_limit: 1g\n');
    await client.diagnosticsFor(overrideUri, 1);
    const before = client.publishedCount(composeUri);
    await client.change(overrideUri, 2, [{ text: 'services:\n  api:\n    privileged: true\n' }]);
    // Unsaved: the limit is gone and privileged comes from the override, named in the message.
    const next = await client.nextDiagnostics(composeUri, before, (p) =>
      codes(p.diagnostics).includes('compose-privileged'),
    );
    assert.ok(codes(next.diagnostics).includes('compose-no-memory-limit'));
    assert.match(
      next.diagnostics.find((d) => d.code === 'compose-privileged')?.message ?? '',
      /compose\.override\.yaml:3/,
    );
  });

  it('a change on disk to a file a service extends re-analyses the Compose file', async () => {
    await client.initialize();
    const composeUri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
    const shared = path.join(dir, 'shared.yml');
    fs.writeFileSync(shared, 'services:\n  base:\n    read_only: true\n');
    await client.open(
      composeUri,
      'dockercompose',
      'services:\n  web:\n    image: nginx:1.27\n    extends: {file: shared.yml, service: base}\n',
    );
    assert.ok(
      !codes((await client.diagnosticsFor(composeUri, 1)).diagnostics).includes('compose-writable-root-filesystem'),
    );
    fs.writeFileSync(shared, 'services:\n  base:\n    read_only: false\n');
    const before = client.publishedCount(composeUri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(shared).toString(), type: 2 }],
    });
    await client.nextDiagnostics(composeUri, before, (p) =>
      codes(p.diagnostics).includes('compose-writable-root-filesystem'),
    );
  });
});
