/**
 * The texts the analysis itself writes (not a rule's): what a finding made
 * in another file adds, oversized and stopped analyses, internal errors and
 * Dockerfile syntax problems, in every language. Each language is a full
 * table of the same shape, so the compiler refuses a missing text.
 */
import type { Localized } from './l10n';

interface AnalysisTexts {
  /** Added to a finding reported where another file's content is pulled in. */
  fromOtherFile(p: { file: string; line: number; how: string }): string;
  /** Added to a finding merged at a shared anchor or include: the other services it affects, quoted. */
  alsoAffects(p: { services: string[] }): string;
  tooLarge(p: { size: string; limit: string }): string;
  tooManyFindings(p: { total: number; max: number; left: number; lowest: string }): string;
  stoppedTime(p: { seconds: number }): string;
  stoppedMemory(p: { megabytes: number }): string;
  stoppedCrash(p: { detail: string | null }): string;
  stopped(p: { why: string }): string;
  internalError(p: { where: string; detail: string }): string;
  noInstructions(): string;
  beforeFrom(p: { keyword: string }): string;
  fromWithoutImage(): string;
  variableWithoutName(p: { keyword: string }): string;
  /** How another file's content is pulled in (the `how` of `fromOtherFile`), from the model's English words. */
  how(english: string): string;
}

/** The model's words for how a file is pulled in (compose/project.ts), in Japanese. */
const HOW_JA: Readonly<Record<string, string>> = {
  'Compose merges it into this service': 'Compose がこのサービスにマージします',
  'this service extends it': 'このサービスが extends しています',
  'included here': 'ここで include しています',
};

const quoted = (names: string[]): string => names.map((name) => `"${name}"`).join(', ');

export const ANALYSIS_TEXTS: Localized<AnalysisTexts> = {
  en: {
    fromOtherFile: (p) => ` (from ${p.file}:${p.line}; ${p.how})`,
    alsoAffects: (p) => ` Also affects ${quoted(p.services)}`,
    tooLarge: (p) => `This file is ${p.size} MiB; docker-harden analyses files up to ${p.limit} MiB and skipped it.`,
    tooManyFindings: (p) =>
      `This file has ${p.total} findings; docker-harden reports ${p.max} of them, the most severe first ` +
      `(${p.left} ${p.lowest} or less severe findings left out).`,
    stoppedTime: (p) => `it took longer than ${p.seconds} s, the time limit`,
    stoppedMemory: (p) => `it needed more than ${p.megabytes} MB, the memory limit`,
    stoppedCrash: (p) => `the analysis thread failed (${p.detail ?? 'no detail'})`,
    stopped: (p) =>
      `docker-harden stopped analysing this file: ${p.why}. No other finding is reported for it; ` +
      'other files are analysed as usual. Splitting the file, or a higher limit (--time-limit, --memory-limit), helps.',
    internalError: (p) =>
      `docker-harden could not finish (${p.where}: ${p.detail}). Please report this with the file that caused it.`,
    noInstructions: () => 'This Dockerfile has no instructions yet: a build needs at least a FROM.',
    beforeFrom: (p) => `${p.keyword} comes before any FROM; only ARG may precede the first FROM.`,
    fromWithoutImage: () => 'FROM needs an image (for example FROM alpine:3.20).',
    variableWithoutName: (p) => `${p.keyword} needs a variable name (${p.keyword} NAME=value).`,
    how: (english) => english,
  },
  ja: {
    fromOtherFile: (p) => `(${p.file}:${p.line} から。${p.how})`,
    alsoAffects: (p) => ` ほかに ${quoted(p.services)} にも影響します。`,
    tooLarge: (p) =>
      `このファイルは ${p.size} MiB あります。docker-harden が解析するのは ${p.limit} MiB までのため、解析を省略しました。`,
    tooManyFindings: (p) =>
      `このファイルには ${p.total} 件の指摘があります。重大なものから ${p.max} 件だけを報告します` +
      `(${p.lowest} 以下の指摘 ${p.left} 件を省略)。`,
    stoppedTime: (p) => `制限時間の ${p.seconds} 秒を超えました`,
    stoppedMemory: (p) => `メモリ上限の ${p.megabytes} MB を超えました`,
    stoppedCrash: (p) => `解析スレッドが異常終了しました(${p.detail ?? '詳細なし'})`,
    stopped: (p) =>
      `docker-harden はこのファイルの解析を中止しました: ${p.why}。このファイルについてはほかの指摘を報告しません。` +
      'ほかのファイルは通常どおり解析します。ファイルを分割するか、上限を引き上げてください(--time-limit、--memory-limit)。',
    internalError: (p) =>
      `docker-harden は解析を完了できませんでした(${p.where}: ${p.detail})。` +
      '原因となったファイルを添えて報告してください。',
    noInstructions: () => 'この Dockerfile にはまだ命令がありません。ビルドには少なくとも FROM が必要です。',
    beforeFrom: (p) => `${p.keyword} が最初の FROM より前にあります。最初の FROM より前に置けるのは ARG だけです。`,
    fromWithoutImage: () => 'FROM にはイメージの指定が必要です(例: FROM alpine:3.20)。',
    variableWithoutName: (p) => `${p.keyword} には変数名が必要です(${p.keyword} NAME=value)。`,
    how: (english) => HOW_JA[english] ?? english,
  },
};
