/**
 * The texts suppression comments are reported with (an unknown or unused
 * id, a misplaced or misspelt directive, a missing reason) and the titles
 * of the fixes that correct or remove them, in every language. Each
 * language is a full table of the same shape, so the compiler refuses a
 * missing text; test/core/l10n.test.ts checks the tables key by key too.
 * Values are already quoted (masked) by the caller.
 */
import type { Localized } from './l10n';

export interface SuppressionTexts {
  unknownId(p: { id: string; directive: string; suggestion: string | null }): string;
  unusedId(p: { id: string; directive: string }): string;
  withoutReason(p: { directive: string }): string;
  notInScope(p: { directive: string; scope: 'stage' | 'service' }): string;
  unknownDirective(p: { directive: string; suggestion: string | null }): string;
  wrongKindOfFile(p: { directive: string; scope: 'stage' | 'service'; instead: string | null }): string;
  changeId(p: { id: string; suggestion: string }): string;
  changeDirective(p: { suggestion: string }): string;
  removeComment(p: { directive: string }): string;
  removeId(p: { id: string }): string;
}

export const SUPPRESSION_TEXTS: Localized<SuppressionTexts> = {
  en: {
    unknownId: (p) =>
      `Unknown rule or concern "${p.id}" in ${p.directive}: this suppression does nothing.` +
      (p.suggestion ? ` Did you mean "${p.suggestion}"?` : ''),
    unusedId: (p) => `${p.directive} ${p.id} matches no finding here; remove it so it cannot hide a future problem.`,
    withoutReason: (p) =>
      `This ${p.directive} gives no reason; the configuration requires one: ` +
      'add " -- " and why the finding does not apply.',
    notInScope: (p) =>
      `${p.directive} is not in ` +
      (p.scope === 'stage'
        ? 'a stage (write it before or in a FROM stage)'
        : 'a service (write it before or in a service)') +
      ': it does nothing.',
    unknownDirective: (p) =>
      `Unknown directive "${p.directive}": it suppresses nothing.` +
      (p.suggestion ? ` Did you mean "${p.suggestion}"?` : ''),
    wrongKindOfFile: (p) =>
      `${p.directive} applies to ${p.scope === 'stage' ? 'Dockerfile stages' : 'Compose services'}, not in this file` +
      (p.instead ? `; here, use ${p.instead}` : '') +
      '.',
    changeId: (p) => `Change "${p.id}" to "${p.suggestion}"`,
    changeDirective: (p) => `Change to "${p.suggestion}"`,
    removeComment: (p) => `Remove this ${p.directive} comment`,
    removeId: (p) => `Remove "${p.id}" from this suppression`,
  },
  ja: {
    unknownId: (p) =>
      `${p.directive} の "${p.id}" はルールでも懸念事項でもないため、この抑制は何もしません。` +
      (p.suggestion ? `"${p.suggestion}" の誤りではありませんか?` : ''),
    unusedId: (p) =>
      `${p.directive} ${p.id} はここで一致する指摘がありません。将来の問題を隠さないよう削除してください。`,
    withoutReason: (p) =>
      `この ${p.directive} には理由がありませんが、設定で理由が必須になっています。` +
      '" -- " に続けて、指摘が当てはまらない理由を書いてください。',
    notInScope: (p) =>
      `${p.directive} が` +
      (p.scope === 'stage'
        ? 'ステージの中にありません(FROM ステージの前か中に書いてください)'
        : 'サービスの中にありません(サービスの前か中に書いてください)') +
      '。何も抑制しません。',
    unknownDirective: (p) =>
      `"${p.directive}" は不明なディレクティブで、何も抑制しません。` +
      (p.suggestion ? `"${p.suggestion}" の誤りではありませんか?` : ''),
    wrongKindOfFile: (p) =>
      `${p.directive} は${p.scope === 'stage' ? ' Dockerfile のステージ' : ' Compose のサービス'}に使うもので、` +
      'このファイルでは使えません' +
      (p.instead ? `。ここでは ${p.instead} を使ってください` : '') +
      '。',
    changeId: (p) => `"${p.id}" を "${p.suggestion}" に変更`,
    changeDirective: (p) => `"${p.suggestion}" に変更`,
    removeComment: (p) => `この ${p.directive} コメントを削除`,
    removeId: (p) => `この抑制から "${p.id}" を削除`,
  },
};
