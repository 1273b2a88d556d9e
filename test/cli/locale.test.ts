/**
 * The CLI's language: `--locale en|ja`, else for text output the
 * environment's locale (LC_ALL, then LC_MESSAGES, then LANG); JSON and SARIF
 * stay English unless `--locale` asks, with the same rule ids and positions.
 */
import * as assert from 'assert';
import { run, workspace } from '../helpers/cli';

const DOCKERFILE = 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/x -o /x\nUSER app\n';

describe('docker-harden --locale', () => {
  const dir = workspace({ Dockerfile: DOCKERFILE });

  it('writes text in Japanese with --locale ja: messages, fix titles and the summary', async () => {
    const { stdout } = await run(['--locale', 'ja', 'Dockerfile'], dir);
    assert.match(stdout, /curl --insecure は TLS 証明書の検証を無効にします/);
    assert.match(stdout, /修正: curl -k\/--insecure を削除/);
    assert.match(stdout, /件のファイルに \d+ 件の問題/);
  });

  it('follows the environment for text: LANG=ja_JP.UTF-8 is Japanese, LC_ALL=C wins over it', async () => {
    assert.match((await run(['Dockerfile'], dir, { LANG: 'ja_JP.UTF-8' })).stdout, /TLS 証明書の検証を無効/);
    const english = await run(['Dockerfile'], dir, { LC_ALL: 'C', LANG: 'ja_JP.UTF-8' });
    assert.match(english.stdout, /turns TLS certificate verification off/);
    assert.match((await run(['--locale', 'en', 'Dockerfile'], dir, { LANG: 'ja_JP' })).stdout, /turns TLS/);
  });

  it('keeps JSON English in a Japanese environment, and Japanese with --locale ja, with the same findings', async () => {
    const english = JSON.parse((await run(['--format', 'json', 'Dockerfile'], dir, { LANG: 'ja_JP.UTF-8' })).stdout);
    const japanese = JSON.parse((await run(['--format', 'json', '--locale', 'ja', 'Dockerfile'], dir)).stdout);
    const tls = (report: { findings: { ruleId: string; message: string }[] }) =>
      report.findings.find((f) => f.ruleId === 'tls-verification-disabled')!;
    assert.match(tls(english).message, /turns TLS certificate verification off/);
    assert.match(tls(japanese).message, /TLS 証明書の検証を無効/);
    const strip = (report: { findings: { message: string }[] }) => report.findings.map((f) => ({ ...f, message: '' }));
    assert.deepStrictEqual(strip(japanese), strip(english));
  });

  it('prints the usage in Japanese with --locale ja or a Japanese environment: every option the English one has', async () => {
    const english = (await run(['--help'], dir, { LC_ALL: 'C' })).stdout;
    const japanese = (await run(['--help', '--locale', 'ja'], dir)).stdout;
    assert.match(japanese, /^使い方: docker-harden \[オプション\] PATH\.\.\./);
    assert.match(japanese, /イメージの情報/);
    assert.strictEqual((await run(['--help'], dir, { LANG: 'ja_JP.UTF-8' })).stdout, japanese);
    const flags = (text: string): string[] => text.match(/--[a-z][a-z-]*/g) ?? [];
    assert.deepStrictEqual(flags(japanese), flags(english), 'the same flags, in the same order');
    assert.match((await run(['--locale', 'ja', '--format', 'xml', 'Dockerfile'], dir)).stderr, /使い方:/);
  });

  it('lists the rules with Japanese titles', async () => {
    const { stdout } = await run(['--list-rules', '--locale', 'ja'], dir);
    assert.match(stdout, /compose-privileged\s+error\s+cs\.privileged\s+サービスがprivilegedで動いている/);
  });

  it('writes standard error in Japanese with --locale ja: option, discovery and configuration errors, --fix', async () => {
    const format = await run(['--locale', 'ja', '--format', 'xml', 'Dockerfile'], dir);
    assert.strictEqual(format.status, 2);
    assert.match(
      format.stderr,
      /^docker-harden: --format には text、json、sarif、ctrf のいずれかを指定してください\(指定: xml\)/,
    );
    const disable = await run(['--disable', 'root-usr', 'Dockerfile'], dir, { LANG: 'ja_JP.UTF-8' });
    assert.match(
      disable.stderr,
      /--disable: "root-usr" はルールでも懸念事項でもありません\("root-user" の誤りではありませんか\?\)/,
    );
    const missing = await run(['--locale', 'ja', 'nowhere'], dir);
    assert.match(missing.stderr, /nowhere: そのようなファイルやディレクトリはありません/);
    const configured = workspace({ Dockerfile: DOCKERFILE, '.docker-harden.yaml': 'rules:\n  root-usr: off\n' });
    const config = await run(['--locale', 'ja', 'Dockerfile'], configured);
    assert.strictEqual(config.status, 2);
    assert.match(config.stderr, /\.docker-harden\.yaml:2:3: "root-usr" はルールでも懸念事項でもありません/);
    const fixed = await run(['--locale', 'ja', '--diff', 'Dockerfile'], dir);
    assert.match(fixed.stderr, /1 件のファイルで \d+ 件の問題を修正できます/);
  });

  it('describes the rules of SARIF in Japanese with --locale ja, and in English otherwise', async () => {
    type Sarif = {
      runs: { language?: string; tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[];
    };
    const sarif = async (args: string[]): Promise<Sarif['runs'][0]> =>
      (JSON.parse((await run(['--format', 'sarif', ...args, 'Dockerfile'], dir)).stdout) as Sarif).runs[0];
    const title = (run: Sarif['runs'][0], id: string): string | undefined =>
      run.tool.driver.rules.find((rule) => rule.id === id)?.shortDescription.text;
    const japanese = await sarif(['--locale', 'ja']);
    assert.strictEqual(japanese.language, 'ja');
    assert.strictEqual(title(japanese, 'syntax-error'), 'ファイルを解析できない');
    assert.match(title(japanese, 'compose-privileged') ?? '', /privileged/);
    assert.match(title(japanese, 'compose-privileged') ?? '', /[\u3040-\u30ff]/);
    const english = await sarif([]);
    assert.strictEqual(english.language, undefined);
    assert.strictEqual(title(english, 'syntax-error'), 'The file does not parse');
  });

  it('refuses a language it does not have', async () => {
    const { status, stderr } = await run(['--locale', 'fr', 'Dockerfile'], dir);
    assert.strictEqual(status, 2);
    assert.match(stderr, /--locale takes en or ja \(got fr\)/);
  });
});
