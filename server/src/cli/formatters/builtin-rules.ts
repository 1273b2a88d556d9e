/**
 * What the CLI's reports say about the checks that are not rules (core/rules BUILTIN_IDS): code-scanning
 * dashboards show a result's rule description, so each built-in id gets one, and a level to default to.
 * The `Record` over BUILTIN_IDS makes a new built-in id fail to compile until it is described here.
 */
import { BUILTIN_IDS } from '../../core/rules';
import type { Severity } from '../../core/types';

type BuiltinId = (typeof BUILTIN_IDS)[keyof typeof BUILTIN_IDS];

export interface BuiltinRule {
  title: string;
  description: string;
  severity: Severity;
}

export const BUILTIN_RULES: Record<BuiltinId, BuiltinRule> = {
  'syntax-error': {
    title: 'The file does not parse',
    description:
      'Docker or Compose would reject this text. Nothing after the error is checked the way it will run, so fix it first.',
    severity: 'error',
  },
  'broken-reference': {
    title: 'A reference Compose cannot follow',
    description:
      'An extends, include or service: reference names a file or service that is missing, or closes a cycle; ' +
      'docker compose would fail on it.',
    severity: 'error',
  },
  'file-too-large': {
    title: 'The file is too large to analyse',
    description: 'docker-harden skips files above its size limit rather than slow the editor or the CI job down.',
    severity: 'warning',
  },
  'unknown-suppression': {
    title: 'A suppression comment names no known rule or concern',
    description: 'A docker-harden-ignore comment whose id matches no rule or concern suppresses nothing.',
    severity: 'warning',
  },
  'unused-suppression': {
    title: 'A suppression comment matches no finding',
    description:
      'A docker-harden-ignore comment that suppresses nothing where it stands could hide a future problem: remove it.',
    severity: 'info',
  },
  'internal-error': {
    title: 'docker-harden could not finish',
    description: 'A check failed on this file; the other checks ran. Please report it with the file that caused it.',
    severity: 'warning',
  },
  'config-error': {
    title: 'The configuration file has a problem',
    description:
      'A .docker-harden.yaml key, value or rule id docker-harden does not know, or YAML it cannot read. ' +
      'The CLI stops with exit status 2; the editor analyses with the defaults until it is fixed.',
    severity: 'error',
  },
  'suppression-without-reason': {
    title: 'A suppression comment gives no reason',
    description:
      'The configuration asks every docker-harden-ignore comment for a reason (suppressions.requireReason): ' +
      'add one after "--" so reviewers know why the finding does not apply.',
    severity: 'warning',
  },
  'analysis-stopped': {
    title: 'The analysis ran out of its time or memory budget',
    description:
      'No other finding is reported for the file; other files are analysed as usual. ' +
      'Splitting the file, or a higher --time-limit or --memory-limit, helps.',
    severity: 'warning',
  },
};

/** The same titles and descriptions in Japanese (SARIF with `--locale ja`). */
export const BUILTIN_RULES_JA: Record<BuiltinId, Pick<BuiltinRule, 'title' | 'description'>> = {
  'syntax-error': {
    title: 'ファイルを解析できない',
    description:
      'Docker や Compose はこのテキストを受け付けません。エラーより後ろは実際の動作どおりには検査できないため、先に直してください。',
  },
  'broken-reference': {
    title: 'Compose がたどれない参照',
    description:
      'extends、include、service: の参照が存在しないファイルやサービスを指しているか、循環しています。' +
      'docker compose はここで失敗します。',
  },
  'file-too-large': {
    title: 'ファイルが大きすぎて解析できない',
    description: 'docker-harden はエディターや CI ジョブを遅くしないよう、サイズの上限を超えるファイルを解析しません。',
  },
  'unknown-suppression': {
    title: '抑制コメントが既知のルールや懸念事項を指していない',
    description: 'どのルールにも懸念事項にも一致しない id の docker-harden-ignore コメントは、何も抑制しません。',
  },
  'unused-suppression': {
    title: '抑制コメントに一致する指摘がない',
    description:
      'その場所で何も抑制していない docker-harden-ignore コメントは、将来の問題を隠すおそれがあります。削除してください。',
  },
  'internal-error': {
    title: 'docker-harden が完了できなかった',
    description:
      'このファイルで検査の 1 つが失敗しました。ほかの検査は実行されています。原因となったファイルを添えて報告してください。',
  },
  'config-error': {
    title: '設定ファイルに問題がある',
    description:
      '.docker-harden.yaml に docker-harden の知らないキー、値、ルール id があるか、YAML として読めません。' +
      'CLI は終了ステータス 2 で止まり、エディターは直るまで既定の設定で解析します。',
  },
  'suppression-without-reason': {
    title: '抑制コメントに理由がない',
    description:
      '設定ですべての docker-harden-ignore コメントに理由が求められています(suppressions.requireReason)。' +
      'レビューする人に指摘が当てはまらない理由が伝わるよう、"--" の後に書いてください。',
  },
  'analysis-stopped': {
    title: '解析が時間かメモリの上限に達した',
    description:
      'このファイルについてはほかの指摘を報告しません。ほかのファイルは通常どおり解析します。' +
      'ファイルを分割するか、--time-limit か --memory-limit を引き上げてください。',
  },
};

export const BUILTIN_RULE_IDS = Object.keys(BUILTIN_RULES) as BuiltinId[];
