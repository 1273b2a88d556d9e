/**
 * Findings caused by another file reach the client with `relatedInformation` pointing at that file's
 * line, over a real JSON-RPC pipe: the Dockerfile a service builds (its USER, its final FROM), the
 * override file that sets a value, the env_file that holds a secret.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TestClient } from '../helpers/lsp-client';

/** The related places of a diagnostic as "uri line:character-line:character", 0-based as LSP counts. */
function related(diagnostic: Diagnostic | undefined): string[] {
  return (diagnostic?.relatedInformation ?? []).map(({ location: { uri, range } }) => {
    const { start, end } = range;
    return `${uri} ${start.line}:${start.character}-${end.line}:${end.character}`;
  });
}

describe('language server: relatedInformation for findings caused by another file', () => {
  let client: TestClient;
  let dir: string;
  const uri = (...segments: string[]): string => pathToFileURL(path.join(dir, ...segments)).toString();
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };

  beforeEach(async () => {
    client = new TestClient();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-related-')));
    await client.initialize();
  });
  afterEach(() => client.dispose());

  async function diagnosticsOf(text: string): Promise<Diagnostic[]> {
    await client.open(uri('compose.yaml'), 'dockercompose', text);
    return (await client.diagnosticsFor(uri('compose.yaml'), 1)).diagnostics;
  }

  it("points a service built as root at the built Dockerfile's USER line", async () => {
    write('api/Dockerfile', 'FROM python:3.12-slim\nUSER root\nCMD ["python"]\n');
    const diagnostics = await diagnosticsOf('services:\n  api:\n    build: ./api\n');
    const root = diagnostics.find((d) => d.code === 'compose-root-user');
    assert.deepStrictEqual(related(root), [`${uri('api', 'Dockerfile')} 1:0-1:9`]);
    assert.match(root?.relatedInformation?.[0].message ?? '', /comes from here/);
  });

  it("points a missing healthcheck at the built Dockerfile's final FROM", async () => {
    write('api/Dockerfile', 'FROM node:22 AS build\nRUN true\nFROM python:3.12-slim\nUSER 1000\n');
    const diagnostics = await diagnosticsOf('services:\n  api:\n    build: ./api\n');
    const healthcheck = diagnostics.find((d) => d.code === 'compose-missing-healthcheck');
    assert.deepStrictEqual(related(healthcheck), [`${uri('api', 'Dockerfile')} 2:0-2:21`]);
  });

  it('points a setting an override file brings in at its line there', async () => {
    write('compose.override.yaml', 'services:\n  web:\n    privileged: true\n');
    const diagnostics = await diagnosticsOf('services:\n  web:\n    image: nginx:1.27\n');
    const privileged = diagnostics.find((d) => d.code === 'compose-privileged');
    assert.ok(privileged, 'the override makes the service privileged');
    assert.strictEqual(privileged.range.start.line, 1, 'reported at the service key that pulls the override in');
    const [place] = related(privileged);
    assert.match(place, new RegExp(`^${uri('compose.override.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 2:`));
  });

  it("points a secret in an env_file at the file's line", async () => {
    write('app.env', 'MODE=prod\nDB_PASSWORD=hunter2-but-longer\n');
    const diagnostics = await diagnosticsOf('services:\n  web:\n    image: nginx:1.27\n    env_file: app.env\n');
    const secret = diagnostics.find((d) => d.code === 'compose-secret-in-environment');
    assert.deepStrictEqual(related(secret), [`${uri('app.env')} 1:0-1:30`]);
  });

  it("gives a finding about the document's own text no related information", async () => {
    const diagnostics = await diagnosticsOf('services:\n  web:\n    image: nginx:1.27\n    privileged: true\n');
    const privileged = diagnostics.find((d) => d.code === 'compose-privileged');
    assert.ok(privileged);
    assert.strictEqual(privileged.relatedInformation, undefined);
  });
});
