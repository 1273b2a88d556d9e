/**
 * What the analysis reports besides the rules — suppression problems and
 * their fixes, configuration problems, YAML and reference problems, the
 * errors of a plan — is
 * written in the language asked for, repeating the same names and ids, and
 * in English otherwise (the English texts are the ones the other tests read).
 */
import * as assert from 'assert';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';
import { parseConfig } from '../../server/src/core/config/validate';
import { TOP_LEVEL_KEYS } from '../../server/src/core/config/structure';
import { applyPlans } from '../../server/src/core/measures/plan';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const inJapanese = (text: string, path: string, requireSuppressionReason = false): Finding[] =>
  analyze(text, { path, language: 'ja', requireSuppressionReason }).findings;

describe('l10n: suppression problems and their fixes', () => {
  it('reports an unknown id in Japanese, with its did-you-mean and its fixes', () => {
    const text =
      'FROM alpine:3.20\n# docker-harden-ignore tls-verfication-disabled -- vendor\nRUN curl -k https://x -o /x\n';
    const unknown = inJapanese(text, '/p/Dockerfile').find((f) => f.ruleId === 'unknown-suppression')!;
    assert.strictEqual(
      unknown.message,
      'docker-harden-ignore の "tls-verfication-disabled" はルールでも懸念事項でもないため、この抑制は何もしません。' +
        '"tls-verification-disabled" の誤りではありませんか?',
    );
    assert.deepStrictEqual(
      unknown.fixes.map((f) => f.title),
      ['"tls-verfication-disabled" を "tls-verification-disabled" に変更', 'この docker-harden-ignore コメントを削除'],
    );
  });

  it('reports an unused id, and removes it from a list, in Japanese', () => {
    const text =
      'FROM alpine:3.20\n# docker-harden-ignore root-user, tls-verification-disabled -- vendor\nRUN curl -k x\n';
    const unused = inJapanese(text, '/p/Dockerfile').find((f) => f.ruleId === 'unused-suppression')!;
    assert.match(unused.message, /^docker-harden-ignore root-user はここで一致する指摘がありません。/);
    assert.deepStrictEqual(
      unused.fixes.map((f) => f.title),
      ['この抑制から "root-user" を削除'],
    );
  });

  it('reports a missing reason under requireReason in Japanese', () => {
    const text = 'services:\n  web:\n    # docker-harden-ignore compose-privileged\n    privileged: true\n';
    const [missing] = inJapanese(text, '/p/compose.yaml', true).filter(
      (f) => f.ruleId === 'suppression-without-reason',
    );
    assert.match(missing.message, /理由がありませんが、設定で理由が必須になっています/);
  });

  it('reports misspelt and misplaced directives in Japanese, with the fix that corrects them', () => {
    const misspelt = inJapanese(
      'FROM alpine:3.20\n# docker-harden-ignore-stag root-user\nUSER 1000\n',
      '/p/Dockerfile',
    ).find((f) => f.ruleId === 'unknown-suppression')!;
    assert.match(misspelt.message, /"docker-harden-ignore-stag" は不明なディレクティブ/);
    assert.deepStrictEqual(
      misspelt.fixes.map((f) => f.title),
      ['"docker-harden-ignore-stage" に変更'],
    );
    const text = 'FROM alpine:3.20\n# docker-harden-ignore-service root-user\nUSER 1000\n';
    const misplaced = inJapanese(text, '/p/Dockerfile').find((f) => f.ruleId === 'unknown-suppression')!;
    assert.match(misplaced.message, /Compose のサービスに使うもので.*docker-harden-ignore-stage を使ってください/);
    const outside = inJapanese('# docker-harden-ignore-service compose-privileged\nx-a: 1\n', '/p/compose.yaml').find(
      (f) => f.ruleId === 'unknown-suppression',
    )!;
    assert.match(outside.message, /サービスの中にありません/);
    for (const finding of [misspelt, misplaced, outside]) assert.match(finding.message, JAPANESE);
  });
});

describe('l10n: configuration problems', () => {
  const problems = (text: string): string[] => parseConfig(text, 'ja').problems.map((p) => p.message);

  it('reports an unknown key, with its did-you-mean and the keys there are, in Japanese', () => {
    assert.deepStrictEqual(problems('rulez:\n  root-user: off\n'), [
      'ファイルに不明なキー "rulez" があります("rules" の誤りではありませんか?)。' +
        `使えるキー: ${Object.keys(TOP_LEVEL_KEYS).join('、')}。`,
    ]);
  });

  it('reports an unknown rule id and a severity that is none, in Japanese', () => {
    const [unknown, severity] = problems('rules:\n  root-usr: off\n  root-user: loud\n');
    assert.strictEqual(
      unknown,
      '"root-usr" はルールでも懸念事項でもありません("root-user" の誤りではありませんか?)。' +
        'ルール id は `docker-harden --list-rules` で一覧できます。',
    );
    assert.strictEqual(
      severity,
      '"root-user" が "loud" になっています。off、info、warning、error のいずれかが必要です。',
    );
  });

  it('reports a value of the wrong type and a list item that is not valid, in Japanese', () => {
    assert.deepStrictEqual(problems('suppressions:\n  requireReason: 3\noptions:\n  keepCapabilities: [NET BIND]\n'), [
      '"requireReason" が 3 になっています。true か false の値が必要です。',
      '"keepCapabilities" の項目の "NET BIND" は正しい値ではありません。例: NET_BIND_SERVICE。',
    ]);
    assert.deepStrictEqual(problems('overrides:\n  - rules: {}\n'), [
      'overrides の 1 番目のエントリーには "files" キーが必要です。',
    ]);
  });

  it('reports YAML errors of the configuration in Japanese: fixed messages translated, others by their code', () => {
    assert.deepStrictEqual(problems('rules:\n  root-user: off\n  root-user: info\n'), [
      'YAML: マップのキーが重複しています。キーは一意である必要があります。',
    ]);
    const [escape] = problems('extends: "bad \\q escape"\n');
    assert.strictEqual(
      escape,
      'YAML: ダブルクォート文字列のエスケープシーケンスが正しくありません(Invalid escape sequence \\q)。',
    );
    assert.match(parseConfig('extends: "bad \\q escape"\n').problems[0].message, /^YAML: Invalid escape sequence/);
  });
});

describe('l10n: YAML and reference problems of a Compose file', () => {
  const problems = (text: string, language: 'en' | 'ja', files: Record<string, string> = {}): string[] =>
    analyze(text, { path: '/p/compose.yaml', files: { read: (p) => files[p] }, language })
      .findings.filter((f) => f.concern === null)
      .map((f) => `${f.ruleId}: ${f.message}`);

  it("writes the parser's errors in Japanese and keeps its English words in English", () => {
    const text = 'services:\n  web:\n    image: a\n   ports: x\n';
    assert.deepStrictEqual(problems(text, 'ja'), [
      'syntax-error: YAML: マッピングの項目はすべて同じ桁から始める必要があります。',
    ]);
    assert.deepStrictEqual(problems(text, 'en'), [
      'syntax-error: YAML: All mapping items must start at the same column',
    ]);
  });

  it('writes broken references in Japanese: a missing service or file, cycles', () => {
    assert.deepStrictEqual(problems('services:\n  web:\n    extends: nope\n', 'ja'), [
      'broken-reference: extends: サービス "nope" がありません。docker compose はここで停止します。',
    ]);
    assert.deepStrictEqual(problems('include:\n  - missing.yaml\nservices: {}\n', 'ja'), [
      'broken-reference: include: missing.yaml を読み取れません。docker compose はここで停止します。',
    ]);
    assert.deepStrictEqual(problems('services:\n  a:\n    extends: b\n  b:\n    extends: a\n', 'ja'), [
      'broken-reference: extends: サービス "b" が "b" -> "a" -> "b" を通じて自分自身を extends しています。' +
        'docker compose はここで停止します。',
    ]);
    const joined = 'services:\n  a:\n    network_mode: service:b\n  b:\n    network_mode: service:a\n';
    assert.deepStrictEqual(problems(joined, 'ja'), [
      'broken-reference: network_mode: サービス "b" が "b" -> "a" -> "b" を通じて自分自身の名前空間に加わっています。' +
        'docker compose はこれらのサービスを起動できません。',
    ]);
  });

  it('writes a file nested too deeply in Japanese', () => {
    const text = `x: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    const [nested] = problems(text, 'ja');
    assert.match(nested, /^syntax-error: YAML: ここでコレクションが \d+ 段より深く入れ子になっています。/);
  });
});

describe('l10n: errors of a plan', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n';
  const plan =
    (measures: string[], inputs = {}, language: 'en' | 'ja' = 'ja'): (() => unknown) =>
    () =>
      applyPlans(text, { kind: 'compose', language }, [{ target: { kind: 'service', name: 'web' }, measures, inputs }]);

  it('names an invalid input and an unknown measure in Japanese, and in English otherwise', () => {
    const lots = { 'memory-limit': { memoryLimit: 'lots' } };
    assert.throws(plan(['memory-limit'], lots), {
      message: 'memory-limit: メモリの上限: 512M のようなサイズを入力してください',
    });
    assert.throws(plan(['no-such-measure']), { message: 'サービスには対策 "no-such-measure" がありません' });
    assert.throws(plan(['no-such-measure'], {}, 'en'), { message: 'no measure "no-such-measure" for a service' });
  });
});
