/**
 * The titles the language server gives its own code actions and lenses
 * (a finding's fixes carry titles from the rule's tables), and what its fix
 * commands answer when the budget stops them, in English and Japanese; each
 * language is a full table, so none can be missing.
 */
import type { Language, Localized } from '../core/l10n';

export interface ActionTitles {
  fixAll(count: number): string;
  fixAllOfRule(ruleId: string): string;
  /** The code lens: "Harden this service (16/23)". */
  lens(kind: 'service' | 'stage', applied: number, of: number): string;
  /** The light-bulb entry: "Harden service web…". */
  harden(kind: 'service' | 'stage', name: string): string;
  hardenCommand(): string;
  /** The "Ignore" quick fixes: a suppression comment for the next statement, a stage or service (null: unnamed), the file. */
  ignoreHere(ruleId: string): string;
  ignoreIn(ruleId: string, scope: 'stage' | 'service', name: string | null): string;
  ignoreInFile(ruleId: string): string;
  /** A fix command's error when the analysis budget stopped it: out of time, of memory, or the worker failed. */
  fixStopped(reason: 'time' | 'memory' | 'crash'): string;
}

const TITLES: Localized<ActionTitles> = {
  en: {
    fixAll: (count) => `Fix all docker-harden problems (${count})`,
    fixAllOfRule: (ruleId) => `Fix all ${ruleId} problems in this file`,
    lens: (kind, applied, of) => `Harden this ${kind === 'service' ? 'service' : 'image'} (${applied}/${of})`,
    harden: (kind, name) => `Harden ${kind} ${name}…`,
    hardenCommand: () => 'Harden',
    ignoreHere: (ruleId) => `Ignore ${ruleId} here`,
    ignoreIn: (ruleId, scope, name) => `Ignore ${ruleId} in ${name === null ? `this ${scope}` : `${scope} "${name}"`}`,
    ignoreInFile: (ruleId) => `Ignore ${ruleId} in this file`,
    fixStopped: (reason) => `docker-harden stopped fixing this file (${reason})`,
  },
  ja: {
    fixAll: (count) => `docker-harden の問題をすべて修正(${count} 件)`,
    fixAllOfRule: (ruleId) => `このファイルの ${ruleId} の問題をすべて修正`,
    lens: (kind, applied, of) => `この${kind === 'service' ? 'サービス' : 'イメージ'}を堅牢化(${applied}/${of})`,
    harden: (kind, name) => `${kind === 'service' ? 'サービス' : 'ステージ'} ${name} を堅牢化…`,
    hardenCommand: () => '堅牢化',
    ignoreHere: (ruleId) => `ここで ${ruleId} を無視`,
    ignoreIn: (ruleId, scope, name) =>
      name === null
        ? `この${scope === 'stage' ? 'ステージ' : 'サービス'}で ${ruleId} を無視`
        : `${scope === 'stage' ? 'ステージ' : 'サービス'} "${name}" で ${ruleId} を無視`,
    ignoreInFile: (ruleId) => `このファイルで ${ruleId} を無視`,
    fixStopped: (reason) =>
      'docker-harden はこのファイルの修正を中止しました' +
      `(${{ time: '制限時間を超過', memory: 'メモリ上限を超過', crash: '解析スレッドが異常終了' }[reason]})`,
  },
};

export function actionTitles(language: Language): ActionTitles {
  return TITLES[language];
}
