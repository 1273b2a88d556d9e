/**
 * The language server and the project configuration, over JSON-RPC: the
 * same findings as the CLI for every shared case (test/helpers/config-cases.ts),
 * with the editor settings pulled per document (`scopeUri`) standing in for
 * the CLI's flags; problems of a configuration published on it while its
 * documents are analysed with the defaults; and a changed configuration
 * (typed in an editor, or changed on disk) re-analysing the open documents.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/core/edits';
import { workspace } from '../helpers/cli';
import { cliFindings, COMPOSE, CONFIG_CASES, type JsonFinding } from '../helpers/config-cases';
import { TestClient } from '../helpers/lsp-client';

const SEVERITY = ['', 'error', 'warning', 'info'];

/** A finding as both adapters must agree on it: rule, severity, 1-based range with exclusive end, message. */
const fromCli = (f: JsonFinding): string =>
  `${f.ruleId}:${f.severity}@${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`;
const fromServer = (d: Diagnostic): string =>
  `${String(d.code)}:${SEVERITY[d.severity ?? 0]}@${d.range.start.line + 1}:${d.range.start.character + 1}-` +
  `${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`;

interface EditorSettings {
  disabledRules?: string[];
  minimumSeverity?: string;
}

/** A client that answers `workspace/configuration` per folder and watches files, as VS Code does. */
class WorkspaceClient extends TestClient {
  readonly settingsByFolder = new Map<string, EditorSettings>();
  readonly warnings: string[] = [];
  readonly asked: string[] = [];

  constructor() {
    super({ warmUp: false });
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) =>
      params.items.map((item) => {
        this.asked.push(item.scopeUri ?? '');
        const folder = [...this.settingsByFolder.keys()].find((f) => item.scopeUri?.startsWith(f));
        return folder ? this.settingsByFolder.get(folder) : {};
      }),
    );
    this.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
      if (params.type === 2) this.warnings.push(params.message);
      return null;
    });
  }

  /** Starts the server, with these workspace folders (none: single files, as `rootUri: null` says). */
  async start(folders: string[] = []): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: folders.length > 0 ? folders.map((uri) => ({ uri, name: path.basename(uri) })) : null,
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      locale: 'en',
    });
    await this.connection.sendNotification('initialized', {});
  }
}

const uriOf = (file: string): string => pathToFileURL(file).toString();
const languageOf = (file: string): string =>
  path.basename(file).startsWith('Dockerfile') ? 'dockerfile' : 'dockercompose';

async function openAndWait(client: TestClient, file: string, version = 1): Promise<PublishDiagnosticsParams> {
  await client.open(uriOf(file), languageOf(file), fs.readFileSync(file, 'utf8'), version);
  return client.diagnosticsFor(uriOf(file), version, 20_000);
}

describe('language server: project configuration', function () {
  this.timeout(60_000);
  let client: WorkspaceClient;
  beforeEach(async () => {
    client = new WorkspaceClient();
    await client.start();
  });
  afterEach(() => client.dispose());

  for (const testCase of CONFIG_CASES) {
    it(`gives the CLI's findings: ${testCase.name}`, async () => {
      const dir = workspace(testCase.files);
      client.settingsByFolder.set(uriOf(dir), {
        disabledRules: testCase.disabledRules ?? [],
        minimumSeverity: testCase.minimumSeverity ?? 'info',
      });
      const published = await openAndWait(client, path.join(dir, testCase.analysed));
      const server = published.diagnostics.map(fromServer).sort();
      const cli = (await cliFindings(dir, testCase)).map(fromCli).sort();
      assert.deepStrictEqual(server, cli);
      testCase.expect(published.diagnostics.map((d) => `${String(d.code)}:${SEVERITY[d.severity ?? 0]}`));
    });
  }

  it('reads the editor settings per document, so each folder of a multi-root workspace has its own', async () => {
    const first = workspace({ 'compose.yaml': COMPOSE });
    const second = workspace({ 'compose.yaml': COMPOSE });
    client.settingsByFolder.set(uriOf(first), { disabledRules: ['compose-privileged'] });
    client.settingsByFolder.set(uriOf(second), { minimumSeverity: 'error' });
    const a = await openAndWait(client, path.join(first, 'compose.yaml'));
    const b = await openAndWait(client, path.join(second, 'compose.yaml'));
    assert.ok(!a.diagnostics.some((d) => d.code === 'compose-privileged'));
    assert.ok(
      a.diagnostics.some((d) => d.severity === 3),
      'the first folder keeps info findings',
    );
    assert.ok(b.diagnostics.some((d) => d.code === 'compose-privileged'));
    assert.ok(
      b.diagnostics.every((d) => d.severity === 1),
      'the second folder shows errors only',
    );
    assert.ok(client.asked.includes(uriOf(path.join(first, 'compose.yaml'))), 'asked with the document as scopeUri');
  });

  it('pulls each workspace folder’s settings once, at start, so opening a document does not wait for the client', async () => {
    const first = workspace({ 'compose.yaml': COMPOSE });
    const second = workspace({ 'compose.yaml': COMPOSE });
    const outside = workspace({ 'compose.yaml': COMPOSE });
    client.dispose();
    client = new WorkspaceClient();
    client.settingsByFolder.set(uriOf(first), { disabledRules: ['compose-privileged'] });
    client.settingsByFolder.set(uriOf(second), { minimumSeverity: 'error' });
    await client.start([uriOf(first), uriOf(second)]);
    const a = await openAndWait(client, path.join(first, 'compose.yaml'));
    const b = await openAndWait(client, path.join(second, 'compose.yaml'));
    assert.ok(!a.diagnostics.some((d) => d.code === 'compose-privileged'));
    assert.ok(b.diagnostics.length > 0 && b.diagnostics.every((d) => d.severity === 1));
    await openAndWait(client, path.join(outside, 'compose.yaml'));
    assert.deepStrictEqual(
      client.asked.sort(),
      [uriOf(first), uriOf(second), uriOf(path.join(outside, 'compose.yaml'))].sort(),
    );
  });

  it('warns once about an unknown rule id in the settings, suggesting the one meant', async () => {
    const dir = workspace({ 'compose.yaml': COMPOSE });
    client.settingsByFolder.set(uriOf(dir), { disabledRules: ['compose-privilegd'] });
    await openAndWait(client, path.join(dir, 'compose.yaml'));
    assert.deepStrictEqual(client.warnings, [
      'docker-harden: dockerHarden.disabledRules names an unknown rule or concern "compose-privilegd" ' +
        '(did you mean "compose-privileged"?); it disables nothing.',
    ]);
  });

  it('publishes an invalid configuration’s problems on it, at their ranges, and analyses with the defaults', async () => {
    const dir = workspace({
      'compose.yaml': COMPOSE,
      '.docker-harden.yaml': 'rules:\n  compose-privileged: off\n  bogus-rule: off\n',
    });
    const configUri = uriOf(path.join(dir, '.docker-harden.yaml'));
    const published = await openAndWait(client, path.join(dir, 'compose.yaml'));
    assert.ok(
      published.diagnostics.some((d) => d.code === 'compose-privileged'),
      'the defaults, not half the file',
    );
    const onConfig = await client.nextDiagnostics(configUri, 0);
    assert.deepStrictEqual(
      onConfig.diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['config-error', 1, { start: { line: 2, character: 2 }, end: { line: 2, character: 12 } }]],
    );
  });

  it('re-analyses open documents when the configuration is edited (unsaved text) and when it changes on disk', async () => {
    const dir = workspace({ 'compose.yaml': COMPOSE, '.docker-harden.yaml': '' });
    const composeUri = uriOf(path.join(dir, 'compose.yaml'));
    const configFile = path.join(dir, '.docker-harden.yaml');
    const before = await openAndWait(client, path.join(dir, 'compose.yaml'));
    assert.ok(before.diagnostics.some((d) => d.code === 'compose-privileged'));

    await client.open(uriOf(configFile), 'yaml', '', 1);
    await client.diagnosticsFor(uriOf(configFile), 1);
    let count = client.publishedCount(composeUri);
    await client.change(uriOf(configFile), 2, [{ text: 'rules:\n  compose-privileged: off\n' }]);
    const typed = await client.nextDiagnostics(
      composeUri,
      count,
      (p) => !p.diagnostics.some((d) => d.code === 'compose-privileged'),
    );
    assert.ok(typed.diagnostics.length > 0);

    await client.change(uriOf(configFile), 3, [{ text: 'rules:\n  compose-privileged: of\n' }]);
    const own = await client.diagnosticsFor(uriOf(configFile), 3);
    assert.deepStrictEqual(
      own.diagnostics.map((d) => d.code),
      ['config-error'],
      'the open file shows its problem',
    );
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(configFile) } });

    count = client.publishedCount(composeUri);
    fs.writeFileSync(configFile, 'rules:\n  compose-dangerous-capability: off\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(configFile), type: 2 }],
    });
    const changed = await client.nextDiagnostics(
      composeUri,
      count,
      (p) => !p.diagnostics.some((d) => d.code === 'compose-dangerous-capability'),
    );
    assert.ok(
      changed.diagnostics.some((d) => d.code === 'compose-privileged'),
      'the disk, not the closed editor text',
    );
  });

  it('offers to ignore a finding for its whole service, with a reason placeholder, and the comment suppresses it', async () => {
    const dir = workspace({ 'compose.yaml': COMPOSE });
    const file = path.join(dir, 'compose.yaml');
    const { diagnostics } = await openAndWait(client, file);
    const privileged = diagnostics.filter((d) => d.code === 'compose-privileged');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(file) },
      range: privileged[0].range,
      context: { diagnostics: privileged },
    })) as CodeAction[];
    const service = actions.find((a) => a.title === 'Ignore compose-privileged in service "web"')!;
    const edits = service.edit?.changes?.[uriOf(file)] as TextEdit[];
    const text = applyEdits(COMPOSE, edits);
    assert.ok(
      text.startsWith('services:\n  # docker-harden-ignore-service compose-privileged -- reason\n  web:\n'),
      text,
    );
    await client.change(uriOf(file), 2, [{ text }]);
    const after = await client.diagnosticsFor(uriOf(file), 2);
    assert.ok(!after.diagnostics.some((d) => d.code === 'compose-privileged' || d.code === 'unused-suppression'));
  });
});
