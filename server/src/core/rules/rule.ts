/**
 * What a rule is: metadata (id, concern, default severity, title, examples),
 * its message and fix-title tables, and a check over a parsed model. Fixes
 * are attached to each finding as text edits, so adapters replay them
 * without knowing the rule; messages are made from the tables, so a finding
 * records which entry and values made it, for translation.
 */
import type { ConcernId } from '../concerns';
import type { ComposeModel } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import type { Fix, FindingSubject, MessageParams, MessageRef, Range, Severity, TextEdit } from '../types';
import type { Language } from '../l10n';
import type { RuleOptions } from './options';
import type { ImageFactsLookup } from '../image-facts';

export interface RuleMeta {
  /** Stable identifier, used in suppression comments, `--disable`, SARIF and documentation URLs. */
  id: string;
  concern: ConcernId;
  severity: Severity;
  /** One line, English; translated titles live in the docs module. */
  title: string;
  kind: 'dockerfile' | 'compose';
  /** Smallest documents showing the problem and its fix; the documentation shows them and a test runs them. */
  examples: { bad: string; good: string };
}

/**
 * A rule's messages, or its fix titles: one function per id, from the
 * message's values (document text already quoted, so masked; JSON-safe) to
 * its English text.
 */
export interface MessageTable {
  readonly [id: string]: (params: never) => string;
}

/**
 * A table in another language: the same ids, each made from the same
 * values. Every id is optional to the compiler so that a rule added without
 * its translation still builds; test/core/l10n.test.ts fails naming each id
 * that lacks one, and until then the English text is used.
 */
export type TranslatedTable<Table extends MessageTable> = { readonly [Id in keyof Table]?: Table[Id] };

/** A rule's tables in Japanese. */
export interface JapaneseTables<Messages extends MessageTable, FixTitles extends MessageTable> {
  messages: TranslatedTable<Messages>;
  fixTitles: TranslatedTable<FixTitles>;
}

/** The values a table entry takes (`unknown` for an entry without any: pass `{}`). */
export type ParamsOf<Entry> = Entry extends (params: infer Params) => string ? Params : never;

/** A fix title made from the rule's table: its English text and the entry and values it was made from. */
export interface FixTitle {
  text: string;
  ref: MessageRef;
}

export interface ReportOptions {
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  relatedFile?: string;
  /** Where in `relatedFile` the cause is written. */
  relatedRange?: Range;
  /** The service or stage the finding is about: every rule that iterates services or stages passes it. */
  subject?: FindingSubject;
  /** Other services the message names (an anchor's users), so merged findings do not name them again. */
  namedServices?: readonly string[];
}

/** What a rule's check gets: the parsed document, where to report, and the values its fixes use. */
export interface RuleContext<
  Model,
  Messages extends MessageTable = MessageTable,
  FixTitles extends MessageTable = MessageTable,
> {
  readonly model: Model;
  readonly options: RuleOptions;
  /** What registries say about images, when the adapter looked them up (else the rules use built-in knowledge). */
  readonly images?: ImageFactsLookup;
  /** Reports a finding whose message is the entry `id` of the rule's message table, made with `params`. */
  report<Id extends keyof Messages & string>(
    range: Range,
    id: Id,
    params: ParamsOf<Messages[Id]>,
    options?: ReportOptions,
  ): void;
  /** The entry `id` of the rule's fix-title table, made with `params`. */
  fixTitle<Id extends keyof FixTitles & string>(id: Id, params: ParamsOf<FixTitles[Id]>): FixTitle;
}

export interface Rule<
  Model,
  Messages extends MessageTable = MessageTable,
  FixTitles extends MessageTable = MessageTable,
> {
  meta: RuleMeta;
  messages: Messages;
  fixTitles: FixTitles;
  /** The same tables in Japanese (beside the English ones, so a rule's texts stay in its file). */
  ja?: JapaneseTables<NoInfer<Messages>, NoInfer<FixTitles>>;
  check(context: RuleContext<Model, Messages, FixTitles>): void;
}

export type DockerfileRule = Rule<DockerfileModel>;
export type ComposeRule = Rule<ComposeModel>;

/** A Dockerfile rule, its check typed by its own tables. */
export function dockerfileRule<Messages extends MessageTable, FixTitles extends MessageTable>(
  rule: Rule<DockerfileModel, Messages, FixTitles>,
): DockerfileRule {
  return rule as unknown as DockerfileRule;
}

/** A Compose rule, its check typed by its own tables. */
export function composeRule<Messages extends MessageTable, FixTitles extends MessageTable>(
  rule: Rule<ComposeModel, Messages, FixTitles>,
): ComposeRule {
  return rule as unknown as ComposeRule;
}

/**
 * Renders the entry `id` of a table with `params`, in `translated`'s
 * language when it has the entry (English otherwise).
 */
export function fromTable(
  table: MessageTable,
  id: string,
  params: unknown,
  translated?: Partial<MessageTable>,
): { text: string; ref: MessageRef } {
  const entry = (translated?.[id] ?? table[id]) as (params: unknown) => string;
  return { text: entry(params), ref: { id, params: params as MessageParams } };
}

/** A rule's message and fix-title tables in `language` (undefined for English, the tables themselves). */
export function translatedTables(
  rule: Pick<Rule<unknown>, 'ja'>,
  language: Language,
): { messages?: Partial<MessageTable>; fixTitles?: Partial<MessageTable> } {
  return language === 'ja' && rule.ja ? rule.ja : {};
}

/** A fix whose title comes from the rule's table. */
export function fixOf(title: FixTitle, edits: TextEdit[], preferred = false): Fix {
  return { title: title.text, titleRef: title.ref, edits, ...(preferred ? { preferred } : {}) };
}
