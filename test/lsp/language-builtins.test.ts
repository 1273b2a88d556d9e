/**
 * Over JSON-RPC, a Japanese client reads in Japanese what the server
 * reports besides the rules' findings: suppression problems and the fixes
 * that correct them, the "Ignore" quick fixes, the related place of a
 * finding another file causes, YAML and reference problems, and the
 * problems of a configuration file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { TestClient } from '../helpers/lsp-client';

describe('LSP: the language of what the server reports besides the rules', () => {
  let client: TestClient;
  let dir: string;
  const uri = (file: string): string => pathToFileURL(path.join(dir, file)).toString();
  const write = (file: string, text: string): void => fs.writeFileSync(path.join(dir, file), text);

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docker-harden-ja-')));
    client = new TestClient();
    await client.initialize('ja');
  });
  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function diagnosticsOf(file: string, languageId: string, text: string): Promise<Diagnostic[]> {
    await client.open(uri(file), languageId, text);
    return (await client.diagnosticsFor(uri(file), 1)).diagnostics;
  }

  async function titlesFor(file: string, diagnostic: Diagnostic): Promise<string[]> {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    return actions.map((action) => action.title);
  }

  it('writes a suppression problem, its correction and the "Ignore" quick fixes in Japanese', async () => {
    const text =
      'FROM alpine:3.20 AS app\n# docker-harden-ignore tls-verfication-disabled -- vendor\nRUN curl -k https://x -o /x\n';
    const diagnostics = await diagnosticsOf('Dockerfile', 'dockerfile', text);
    const unknown = diagnostics.find((d) => d.code === 'unknown-suppression');
    assert.ok(unknown);
    assert.match(unknown.message, /この抑制は何もしません/);
    assert.ok(
      (await titlesFor('Dockerfile', unknown)).includes(
        '"tls-verfication-disabled" を "tls-verification-disabled" に変更',
      ),
    );
    const tls = diagnostics.find((d) => d.code === 'tls-verification-disabled');
    assert.ok(tls);
    const titles = await titlesFor('Dockerfile', tls);
    for (const title of [
      'ここで tls-verification-disabled を無視',
      'ステージ "app" で tls-verification-disabled を無視',
      'このファイルで tls-verification-disabled を無視',
    ])
      assert.ok(titles.includes(title), titles.join(' | '));
  });

  it('writes YAML errors and broken references of a Compose file in Japanese', async () => {
    const text = 'services:\n  web:\n    extends: nope\n  api:\n    image: a\n   ports: x\n';
    const diagnostics = await diagnosticsOf('compose.yaml', 'dockercompose', text);
    assert.deepStrictEqual(
      diagnostics.filter((d) => d.code === 'syntax-error' || d.code === 'broken-reference').map((d) => d.message),
      [
        'extends: サービス "nope" がありません。docker compose はここで停止します。',
        'YAML: マッピングの項目はすべて同じ桁から始める必要があります。',
      ],
    );
  });

  it('publishes the problems of a configuration file in Japanese', async () => {
    write('.docker-harden.yaml', 'rules:\n  compose-privileged: off\n  bogus-rule: off\n');
    await diagnosticsOf('compose.yaml', 'dockercompose', 'services:\n  web:\n    image: nginx:1.27\n');
    const onConfig = await client.nextDiagnostics(uri('.docker-harden.yaml'), 0);
    assert.deepStrictEqual(
      onConfig.diagnostics.map((d) => [d.code, d.message]),
      [
        [
          'config-error',
          '"bogus-rule" はルールでも懸念事項でもありません。ルール id は `docker-harden --list-rules` で一覧できます。',
        ],
      ],
    );
  });

  it('warns in Japanese about an unknown id in dockerHarden.disabledRules', async () => {
    const japanese = new TestClient();
    const warnings: string[] = [];
    japanese.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
      if (params.type === 2) warnings.push(params.message);
      return null;
    });
    await japanese.initialize('ja-JP', { settings: { disabledRules: ['compose-privilegd'] } });
    await japanese.open(uri('compose.yaml'), 'dockercompose', 'services:\n  web:\n    image: nginx:1.27\n');
    await japanese.diagnosticsFor(uri('compose.yaml'), 1);
    await japanese.dispose();
    assert.deepStrictEqual(warnings, [
      'docker-harden: dockerHarden.disabledRules の "compose-privilegd" はルールでも懸念事項でもありません' +
        '("compose-privileged" の誤りではありませんか?)。何も無効にしません。',
    ]);
  });

  it('says in Japanese where a finding another file causes comes from', async () => {
    write('Dockerfile', 'FROM alpine:3.20\nUSER root\n');
    const diagnostics = await diagnosticsOf('compose.yaml', 'dockercompose', 'services:\n  web:\n    build: .\n');
    const caused = diagnostics.filter((d) => d.relatedInformation?.length);
    assert.ok(caused.length > 0, 'a finding caused by the Dockerfile');
    for (const diagnostic of caused)
      assert.deepStrictEqual(
        diagnostic.relatedInformation!.map((r) => r.message),
        ['この指摘の原因はここにあります。'],
      );
  });
});
