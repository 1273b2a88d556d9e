/** The words of `--format text` in every language (the findings' messages come translated from the analysis). */
import type { Localized } from '../../core/l10n';
import type { Severity } from '../../core/types';

interface TextOutputWords {
  fix: string;
  severity: Record<Severity, string>;
  finalStage(name: string | null): string;
  measures(applied: number, of: number): string;
  noProblems(files: number): string;
  problems(p: {
    total: number;
    error: number;
    warning: number;
    info: number;
    withFindings: number;
    files: number;
  }): string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const TEXT_OUTPUT_WORDS: Localized<TextOutputWords> = {
  en: {
    fix: 'fix',
    severity: { error: 'error', warning: 'warning', info: 'info' },
    finalStage: (name) => (name === null ? 'final stage' : `final stage ${name}`),
    measures: (applied, of) => `${applied} of ${of} measures`,
    noProblems: (files) => `No problems found in ${plural(files, 'file')}.`,
    problems: (p) =>
      `${plural(p.total, 'problem')} (${p.error} error, ${p.warning} warning, ${p.info} info) ` +
      `in ${p.withFindings} of ${plural(p.files, 'file')}.`,
  },
  ja: {
    fix: '修正',
    severity: { error: 'エラー', warning: '警告', info: '情報' },
    finalStage: (name) => (name === null ? '最終ステージ' : `最終ステージ ${name}`),
    measures: (applied, of) => `対策 ${of} 件中 ${applied} 件`,
    noProblems: (files) => `${files} 件のファイルに問題は見つかりませんでした。`,
    problems: (p) =>
      `${p.files} 件中 ${p.withFindings} 件のファイルに ${p.total} 件の問題` +
      `(エラー ${p.error}、警告 ${p.warning}、情報 ${p.info})。`,
  },
};
