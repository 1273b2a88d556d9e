/** Shape of one rule's documentation in one language. */
export interface RuleDoc {
  title: string;
  /** Why it matters: facts from the security guide. */
  why: string;
  /** How to fix it. */
  fix: string;
}

export type { Language } from '../l10n';
