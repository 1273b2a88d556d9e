/** Fixing many problems at once over JSON-RPC: fix-all, fix-all of one rule, the plan commands, clients without data. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver/node';
import { applyEdits } from '../../server/src/core/edits';
import { fixAll } from '../../server/src/core/fix-all';
import type { TextEdit } from '../../server/src/core/types';
import type { PlanResult } from '../../server/src/lsp/protocol';
import { TestClient } from '../helpers/lsp-client';

const DOCKERFILE_URI = 'file:///work/project/Dockerfile';
const DOCKERFILE = [
  'FROM debian:bookworm',
  'RUN apt-get update && apt-get install -y curl',
  'RUN apt-get install -y git',
  'RUN curl -fsSLk https://example.com/x -o /x',
  'CMD ["x"]',
  '',
].join('\n');

const COMPOSE_URI = 'file:///work/project/compose.yaml';
const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx:1.27',
  '    privileged: true',
  '  db:',
  '    image: postgres:16',
  '',
].join('\n');

function editsOf(edit: WorkspaceEdit | null | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'an edit');
  const fromChanges = edit.changes?.[uri];
  if (fromChanges) return fromChanges as TextEdit[];
  const change = edit.documentChanges?.find((c) => 'textDocument' in c && c.textDocument.uri === uri);
  assert.ok(change && 'edits' in change, `edits for ${uri}`);
  return change.edits as TextEdit[];
}

describe('fixing many problems at once (language server)', () => {
  let client: TestClient;
  beforeEach(() => {
    client = new TestClient();
  });
  afterEach(() => client.dispose());

  async function codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    })) as CodeAction[];
  }

  it('announces source.fixAll.docker-harden and the plan commands', async () => {
    const result = (await client.initialize()) as {
      capabilities: {
        codeActionProvider: { codeActionKinds: string[] };
        executeCommandProvider: { commands: string[] };
      };
    };
    assert.ok(result.capabilities.codeActionProvider.codeActionKinds.includes('source.fixAll.docker-harden'));
    assert.deepStrictEqual(result.capabilities.executeCommandProvider.commands, [
      'dockerHarden.plan',
      'dockerHarden.applyPlan',
    ]);
  });

  it('fix-all gives exactly the text the core fix-all (and so --fix) gives', async () => {
    await client.initialize();
    await client.open(DOCKERFILE_URI, 'dockerfile', DOCKERFILE);
    await client.diagnosticsFor(DOCKERFILE_URI, 1);
    const actions = await codeActions(DOCKERFILE_URI, [], ['source.fixAll']);
    assert.strictEqual(actions.length, 1);
    assert.strictEqual(actions[0].kind, 'source.fixAll.docker-harden');
    const fixed = applyEdits(DOCKERFILE, editsOf(actions[0].edit, DOCKERFILE_URI));
    assert.strictEqual(fixed, fixAll(DOCKERFILE, { path: '/work/project/Dockerfile' }).text);
    assert.notStrictEqual(fixed, DOCKERFILE);
  });

  it('offers "Fix all <rule> problems in this file" beside a finding whose rule has several, its edit resolved once picked', async () => {
    await client.connection.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } },
    });
    await client.connection.sendNotification('initialized', {});
    await client.open(DOCKERFILE_URI, 'dockerfile', DOCKERFILE);
    const { diagnostics } = await client.diagnosticsFor(DOCKERFILE_URI, 1);
    const hygiene = diagnostics.filter((d) => d.code === 'package-install-hygiene');
    assert.ok(hygiene.length >= 2);
    const actions = await codeActions(DOCKERFILE_URI, [hygiene[0]]);
    const offered = actions.find((a) => a.title === 'Fix all package-install-hygiene problems in this file');
    assert.ok(offered, actions.map((a) => a.title).join(' | '));
    assert.strictEqual(offered.edit, undefined, 'no fix-all is run until the action is picked');
    const all = (await client.connection.sendRequest('codeAction/resolve', offered)) as CodeAction;
    const fixed = applyEdits(DOCKERFILE, editsOf(all.edit, DOCKERFILE_URI));
    assert.match(fixed, /apt-get install --no-install-recommends -y curl/);
    assert.match(fixed, /apt-get install --no-install-recommends -y git/);
    assert.match(fixed, /curl -fsSLk/, 'other rules untouched');
  });

  it('does not offer it to a client that cannot resolve an edit later', async () => {
    await client.initialize();
    await client.open(DOCKERFILE_URI, 'dockerfile', DOCKERFILE);
    const { diagnostics } = await client.diagnosticsFor(DOCKERFILE_URI, 1);
    const hygiene = diagnostics.filter((d) => d.code === 'package-install-hygiene');
    const actions = await codeActions(DOCKERFILE_URI, [hygiene[0]]);
    assert.ok(!actions.some((a) => a.title.startsWith('Fix all package-install-hygiene')));
  });

  it('replays quick fixes for a client that does not send diagnostic data back', async () => {
    await client.initialize();
    await client.open(DOCKERFILE_URI, 'dockerfile', DOCKERFILE);
    const { diagnostics } = await client.diagnosticsFor(DOCKERFILE_URI, 1);
    const tls = diagnostics.filter((d) => d.code === 'tls-verification-disabled').map(({ data: _data, ...d }) => d);
    const actions = await codeActions(DOCKERFILE_URI, tls as Diagnostic[]);
    assert.ok(actions.some((a) => a.title === 'Remove curl -k/--insecure'));
  });

  it('plans every service of a Compose file, or the one at a position', async () => {
    await client.initialize();
    await client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    await client.diagnosticsFor(COMPOSE_URI, 1);
    const all = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'dockerHarden.plan',
      arguments: [{ uri: COMPOSE_URI }],
    })) as PlanResult;
    assert.deepStrictEqual(
      all.targets.map((t) => [t.kind, t.name]),
      [
        ['service', 'web'],
        ['service', 'db'],
      ],
    );
    assert.strictEqual(all.version, 1);
    const privileged = all.targets[0].measures.find((m) => m.id === 'no-privileged');
    assert.deepStrictEqual([privileged?.state, privileged?.recommended], ['missing', true]);
    const atDb = (await client.connection.sendRequest('workspace/executeCommand', {
      command: 'dockerHarden.plan',
      arguments: [{ uri: COMPOSE_URI, position: { line: 5, character: 4 } }],
    })) as PlanResult;
    assert.deepStrictEqual(
      atDb.targets.map((t) => t.name),
      ['db'],
    );
  });

  it('applies a plan as a workspace edit, refuses a stale version and says what is wrong with a bad request', async () => {
    await client.initialize();
    await client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
    await client.diagnosticsFor(COMPOSE_URI, 1);
    const apply = (args: Record<string, unknown>) =>
      client.connection.sendRequest('workspace/executeCommand', {
        command: 'dockerHarden.applyPlan',
        arguments: [args],
      });
    const edit = (await apply({
      uri: COMPOSE_URI,
      version: 1,
      target: 'web',
      measures: ['no-privileged'],
    })) as WorkspaceEdit;
    assert.strictEqual(
      applyEdits(COMPOSE, editsOf(edit, COMPOSE_URI)),
      COMPOSE.replace('privileged: true', 'privileged: false'),
    );
    assert.strictEqual(await apply({ uri: COMPOSE_URI, version: 7, target: 'web', measures: ['no-privileged'] }), null);
    await assert.rejects(
      apply({ uri: COMPOSE_URI, version: 1, target: 'web', measures: ['no-such-measure'] }),
      /no measure "no-such-measure"/,
    );
    await assert.rejects(
      apply({ uri: COMPOSE_URI, version: 1, target: 'nope', measures: [] }),
      /no service or stage "nope"/,
    );
  });

  it("hardens a service that builds a Dockerfile end to end: that file's measures, as edits of that file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-plan-'));
    const dockerfilePath = path.join(dir, 'app', 'Dockerfile');
    fs.mkdirSync(path.dirname(dockerfilePath));
    const dockerfile = 'FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';
    fs.writeFileSync(dockerfilePath, dockerfile);
    const composeUri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
    const compose = 'services:\n  api:\n    build: ./app\n    read_only: true\n';
    try {
      await client.initialize();
      await client.open(composeUri, 'dockercompose', compose);
      await client.diagnosticsFor(composeUri, 1);
      const plan = (await client.connection.sendRequest('workspace/executeCommand', {
        command: 'dockerHarden.plan',
        arguments: [{ uri: composeUri }],
      })) as PlanResult;
      const api = plan.targets[0];
      const built = api.measures.filter((m) => m.id.startsWith('dockerfile:'));
      assert.deepStrictEqual(
        built.map((m) => [m.id, m.state, m.title.endsWith('(in app/Dockerfile)')]),
        [
          ['dockerfile:non-root-user', 'missing', true],
          ['dockerfile:build-secrets', 'applied', true],
          ['dockerfile:healthcheck', 'missing', true],
        ],
      );
      const edit = (await client.connection.sendRequest('workspace/executeCommand', {
        command: 'dockerHarden.applyPlan',
        arguments: [
          {
            uri: composeUri,
            version: 1,
            target: 'api',
            measures: ['no-new-privileges', 'dockerfile:non-root-user'],
            inputs: { 'dockerfile:non-root-user': { user: 'node' } },
          },
        ],
      })) as WorkspaceEdit;
      const dockerfileUri = pathToFileURL(dockerfilePath).toString();
      assert.strictEqual(
        applyEdits(dockerfile, editsOf(edit, dockerfileUri)),
        'FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      );
      assert.match(applyEdits(compose, editsOf(edit, composeUri)), /no-new-privileges:true/);
      // Applied, the measure shows as such in a new plan.
      fs.writeFileSync(dockerfilePath, applyEdits(dockerfile, editsOf(edit, dockerfileUri)));
      const again = (await client.connection.sendRequest('workspace/executeCommand', {
        command: 'dockerHarden.plan',
        arguments: [{ uri: composeUri }],
      })) as PlanResult;
      const user = again.targets[0].measures.find((m) => m.id === 'dockerfile:non-root-user');
      assert.strictEqual(user?.state, 'applied');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a plan edit for a client that shows change annotations (language server)', () => {
  it('labels each edit with the measure that makes it, each needing confirmation, so one can be unticked', async () => {
    const client = new TestClient();
    try {
      await client.connection.sendRequest('initialize', {
        processId: null,
        rootUri: null,
        capabilities: { workspace: { workspaceEdit: { documentChanges: true, changeAnnotationSupport: {} } } },
      });
      await client.connection.sendNotification('initialized', {});
      await client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
      await client.diagnosticsFor(COMPOSE_URI, 1);
      const edit = (await client.connection.sendRequest('workspace/executeCommand', {
        command: 'dockerHarden.applyPlan',
        arguments: [{ uri: COMPOSE_URI, version: 1, target: 'web', measures: ['no-privileged', 'pids-limit'] }],
      })) as WorkspaceEdit;
      const [change] = edit.documentChanges ?? [];
      assert.ok(change && 'edits' in change);
      const labels = change.edits.map((e) => {
        assert.ok('annotationId' in e, 'every edit is annotated');
        const annotation = edit.changeAnnotations?.[e.annotationId];
        assert.strictEqual(annotation?.needsConfirmation, true);
        return annotation.label;
      });
      assert.deepStrictEqual(labels, ['Do not run privileged', 'Limit processes']);
      assert.strictEqual(
        applyEdits(COMPOSE, change.edits as TextEdit[]),
        COMPOSE.replace(
          'privileged: true',
          'privileged: false\n    deploy:\n      resources:\n        limits:\n          pids: 200',
        ),
      );
    } finally {
      await client.dispose();
    }
  });
});

describe('the wizard inside a document (language server)', () => {
  it('offers code lenses with the score and a light-bulb entry only to a client that has the wizard', async () => {
    const client = new TestClient();
    try {
      const result = (await client.connection.sendRequest('initialize', {
        processId: null,
        rootUri: null,
        capabilities: {},
        initializationOptions: { wizard: true },
      })) as { capabilities: { codeLensProvider?: unknown } };
      await client.connection.sendNotification('initialized', {});
      assert.ok(result.capabilities.codeLensProvider);
      await client.open(COMPOSE_URI, 'dockercompose', COMPOSE);
      const { diagnostics } = await client.diagnosticsFor(COMPOSE_URI, 1);
      const lenses = (await client.connection.sendRequest('textDocument/codeLens', {
        textDocument: { uri: COMPOSE_URI },
      })) as { range: { start: { line: number } }; command: { title: string; command: string; arguments: string[] } }[];
      assert.deepStrictEqual(
        lenses.map((l) => [l.range.start.line, l.command.command, l.command.arguments[0]]),
        [
          [1, 'dockerHarden.hardenService', 'web'],
          [4, 'dockerHarden.hardenService', 'db'],
        ],
      );
      assert.match(lenses[0].command.title, /^Harden this service \(\d+\/\d+\)$/);
      const privileged = diagnostics.filter((d) => d.code === 'compose-privileged');
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: COMPOSE_URI },
        range: privileged[0].range,
        context: { diagnostics: privileged },
      })) as CodeAction[];
      assert.ok(
        actions.some((a) => a.title === 'Harden service web…' && a.command?.command === 'dockerHarden.hardenService'),
      );
    } finally {
      await client.dispose();
    }
  });

  it('offers neither to other clients', async () => {
    const client = new TestClient();
    try {
      const result = (await client.initialize()) as { capabilities: { codeLensProvider?: unknown } };
      assert.strictEqual(result.capabilities.codeLensProvider, undefined);
    } finally {
      await client.dispose();
    }
  });
});
