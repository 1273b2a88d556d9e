/**
 * What a rule is: metadata (id, concern, default severity, title, examples)
 * plus a check over a parsed model. Fixes are attached to each finding as
 * text edits, so adapters replay them without knowing the rule.
 */
import type { ConcernId } from '../concerns';
import type { ComposeModel } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import type { Fix, FindingSubject, Range, Severity } from '../types';
import type { RuleOptions } from './options';

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

export interface ReportOptions {
  fixes?: Fix[];
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  relatedFile?: string;
  /** The service or stage the finding is about: every rule that iterates services or stages passes it. */
  subject?: FindingSubject;
  /** Other services the message names (an anchor's users), so merged findings do not name them again. */
  namedServices?: readonly string[];
}

export type Report = (range: Range, message: string, options?: ReportOptions) => void;

/** What a rule's check gets: the parsed document, where to report, and the values its fixes use. */
export interface RuleContext<Model> {
  readonly model: Model;
  readonly report: Report;
  readonly options: RuleOptions;
}

export interface Rule<Model> {
  meta: RuleMeta;
  check(context: RuleContext<Model>): void;
}

export type DockerfileRule = Rule<DockerfileModel>;
export type ComposeRule = Rule<ComposeModel>;
