/**
 * What the CLI writes on standard error, in every language: files it cannot
 * read, write or fix, what `--fix` did, configuration notes, discovery and
 * option errors. Each language is a full table of the same shape, so the
 * compiler refuses a missing text. An error found before the language is
 * known (an option error) keeps its text in every language and is written
 * in the output's language (`LocalizedError`). The usage text stays English.
 */
import { didYouMeanText } from '../core/did-you-mean';
import { inEveryLanguage, type Language, type Localized } from '../core/l10n';

export interface CliTexts {
  cannotRead(p: { path: string }): string;
  cannotWrite(p: { path: string; detail: string }): string;
  /** `--fix` leaves a file alone: it is not valid UTF-8 (its other bytes would be lost). */
  notFixedNotUtf8(p: { path: string }): string;
  fixed(p: { preview: boolean; fixes: number; files: number }): string;
  configCannotRead(p: { path: string }): string;
  ignoredByConfig(p: { path: string; config: string }): string;
  noSuchFile(p: { path: string }): string;
  /** A system error reading a path, with the system's (English) words. */
  cannotWalk(p: { path: string; detail: string }): string;
  takesOneOf(p: { flag: string; values: readonly string[]; got: string | undefined }): string;
  /** The same, said as a short list of words (`text, json, sarif or ctrf`). */
  takesChoice(p: { flag: string; values: readonly string[]; got: string | undefined }): string;
  takesNumber(p: { flag: string; min: number; max: number; got: string | undefined }): string;
  takesFile(p: { flag: string }): string;
  takesValue(p: { flag: string }): string;
  takesNoValue(p: { flag: string }): string;
  takesPlatform(p: { flag: string }): string;
  fixOrDiff(): string;
  unknownOption(p: { option: string }): string;
  noPath(): string;
  unknownDisabledId(p: { id: string; known: readonly string[] }): string;
  registryUnreachable(p: { registry: string; why: string }): string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const got = (value: string | undefined, nothing: string): string => value ?? nothing;

export const CLI_TEXTS: Localized<CliTexts> = {
  en: {
    cannotRead: (p) => `cannot read ${p.path}`,
    cannotWrite: (p) => `cannot write ${p.path}: ${p.detail}`,
    notFixedNotUtf8: (p) => `${p.path} not fixed: it is not valid UTF-8`,
    fixed: (p) => `${p.preview ? 'would fix' : 'fixed'} ${plural(p.fixes, 'problem')} in ${plural(p.files, 'file')}`,
    configCannotRead: (p) => `--config: cannot read ${p.path}`,
    ignoredByConfig: (p) => `${p.path} not analysed: ${p.config} ignores it`,
    noSuchFile: (p) => `${p.path}: no such file or directory`,
    cannotWalk: (p) => `${p.path}: ${p.detail}`,
    takesOneOf: (p) => `${p.flag} takes one of ${p.values.join(', ')} (got ${got(p.got, 'nothing')})`,
    takesChoice: (p) =>
      `${p.flag} takes ${p.values.slice(0, -1).join(', ')} or ${p.values[p.values.length - 1]} (got ${got(p.got, 'nothing')})`,
    takesNumber: (p) => `${p.flag} takes a number from ${p.min} to ${p.max} (got ${got(p.got, 'nothing')})`,
    takesFile: (p) => `${p.flag} takes a file`,
    takesValue: (p) => `${p.flag} takes a value`,
    takesNoValue: (p) => `${p.flag} takes no value`,
    takesPlatform: (p) => `${p.flag} takes OS/ARCH[/VARIANT], such as linux/arm64`,
    fixOrDiff: () => '--fix and --diff cannot be combined',
    unknownOption: (p) => `unknown option ${p.option}`,
    noPath: () => 'no PATH given',
    unknownDisabledId: (p) => `--disable: unknown rule or concern "${p.id}"${didYouMeanText(p.id, p.known, 'en')}`,
    registryUnreachable: (p) => `Image facts: ${p.registry} could not be asked (${p.why}); using built-in knowledge.`,
  },
  ja: {
    cannotRead: (p) => `${p.path} を読み取れません`,
    cannotWrite: (p) => `${p.path} に書き込めません: ${p.detail}`,
    notFixedNotUtf8: (p) => `${p.path} は正しい UTF-8 ではないため修正しませんでした`,
    fixed: (p) =>
      `${p.files} 件のファイルで ${p.fixes} 件の問題を${p.preview ? '修正できます(--diff: 書き込んでいません)' : '修正しました'}`,
    configCannotRead: (p) => `--config: ${p.path} を読み取れません`,
    ignoredByConfig: (p) => `${p.path} は ${p.config} で除外されているため解析しませんでした`,
    noSuchFile: (p) => `${p.path}: そのようなファイルやディレクトリはありません`,
    cannotWalk: (p) => `${p.path} を読み取れません: ${p.detail}`,
    takesOneOf: (p) =>
      `${p.flag} には ${p.values.join('、')} のいずれかを指定してください(指定: ${got(p.got, 'なし')})`,
    takesChoice: (p) =>
      `${p.flag} には ${p.values.join('、')} のいずれかを指定してください(指定: ${got(p.got, 'なし')})`,
    takesNumber: (p) => `${p.flag} には ${p.min} から ${p.max} までの数を指定してください(指定: ${got(p.got, 'なし')})`,
    takesFile: (p) => `${p.flag} にはファイルを指定してください`,
    takesValue: (p) => `${p.flag} には値を指定してください`,
    takesNoValue: (p) => `${p.flag} は値を取りません`,
    takesPlatform: (p) => `${p.flag} には OS/ARCH[/VARIANT] を指定してください(例: linux/arm64)`,
    fixOrDiff: () => '--fix と --diff は同時に使えません',
    unknownOption: (p) => `${p.option} は不明なオプションです`,
    noPath: () => 'PATH が指定されていません',
    unknownDisabledId: (p) =>
      `--disable: "${p.id}" はルールでも懸念事項でもありません${didYouMeanText(p.id, p.known, 'ja')}`,
    registryUnreachable: (p) =>
      `イメージ情報: ${p.registry} に問い合わせできませんでした(${p.why})。組み込みの知識を使います。`,
  },
};

/** An error whose message exists in every language, written in the one the output uses. */
export class LocalizedError extends Error {
  constructor(readonly texts: Localized<string>) {
    super(texts.en);
  }

  in(language: Language): string {
    return this.texts[language];
  }
}

/** A message of the CLI in every language. */
export function cliText(make: (texts: CliTexts) => string): Localized<string> {
  return inEveryLanguage(CLI_TEXTS, make);
}
