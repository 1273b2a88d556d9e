/**
 * The languages docker-harden speaks (English and Japanese) and how an
 * adapter picks one: from an editor's locale (`initialize`'s `locale`,
 * `vscode.env.language`), a `--locale` flag or setting, or the
 * environment's POSIX locale (LC_ALL, then LC_MESSAGES, then LANG) — the
 * order gettext reads them in. Texts in the core are tables per language;
 * English is complete by construction, Japanese is checked complete by
 * test/core/l10n.test.ts.
 */

export type Language = 'en' | 'ja';

export const LANGUAGES: readonly Language[] = ['en', 'ja'];

/** `ja`, `ja-JP`, `ja_JP.UTF-8` -> ja; anything else (or nothing) -> en. */
export function languageOf(locale: string | undefined | null): Language {
  return locale && /^ja(?:[-_.@]|$)/i.test(locale.trim()) ? 'ja' : 'en';
}

/** Whether `value` names a language as a user writes it (`en`, `ja`). */
export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ja';
}

/**
 * The language of a POSIX environment: the first of LC_ALL, LC_MESSAGES and
 * LANG that is set and not empty decides (`C`/`POSIX` mean English).
 */
export function environmentLanguage(env: Readonly<Record<string, string | undefined>>): Language {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (value) return languageOf(value);
  }
  return 'en';
}

/** One text in every language. */
export type Localized<Text> = Readonly<Record<Language, Text>>;

/** A text in every language, made from a table of texts: for a text made before its language is known. */
export function inEveryLanguage<Texts>(table: Localized<Texts>, make: (texts: Texts) => string): Localized<string> {
  return { en: make(table.en), ja: make(table.ja) };
}

/** The text of `texts` in `language`. */
export function inLanguage<Text>(texts: Localized<Text>, language: Language): Text {
  return texts[language];
}
