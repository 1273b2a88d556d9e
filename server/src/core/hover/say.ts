/** One sentence of a hover's state in the language asked: both texts are written side by side, so none is missing. */
import type { Language } from '../l10n';

export type Say = (english: string, japanese: string) => string;

export function sayIn(language: Language): Say {
  return (english, japanese) => (language === 'ja' ? japanese : english);
}

/** `a, b, c` in the language's list punctuation. */
export function listIn(language: Language, items: readonly string[]): string {
  return items.join(language === 'ja' ? '、' : ', ');
}
