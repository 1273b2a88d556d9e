/**
 * Messages between an adapter (language server, CLI) and the analysis
 * workers of an `AnalysisPool`. Plain data only: everything crosses the
 * thread boundary by structured clone.
 */
import type { RuleSettings } from '../core/config/types';
import type { AnalysisResult } from '../core/analyze';
import type { PlanChoice } from '../core/measures/plan';
import type { Language } from '../core/l10n';
import type { DocumentKind, Severity, TextEdit } from '../core/types';
import type { ImageFacts } from '../core/image-facts';

/** The analysis options that can cross a thread boundary (no reader, no cache objects); settings are plain data. */
export interface AnalysisRequestOptions extends RuleSettings {
  path?: string;
  kind?: DocumentKind | string;
  disabledRules?: readonly string[];
  minimumSeverity?: Severity;
  maxLength?: number;
  /** Registry facts of the images the document uses, as data (the worker makes the core's lookup of them). */
  imageFacts?: ImageFacts[];
  language?: Language;
}

/**
 * The text of a file as an open editor holds it (`text`), or `null` when
 * the editor closed it and the file system is the truth again.
 */
export type Overlay = [path: string, text: string | null];

export interface AnalyzeMessage {
  type: 'analyze';
  id: number;
  text: string;
  options: AnalysisRequestOptions;
  /** Keeps parse state between successive versions of one document (its URI); none for one-off analyses. */
  cacheKey?: string;
  /** Open documents' texts that changed since this worker last heard of them. */
  overlays: Overlay[];
  /** The text is also the open editor's text for `options.path` (sent once instead of as an overlay too). */
  textIsOverlay?: boolean;
  /** Apply fixes and answer with the fixed text and what remains in it. */
  fix?: FixRequest;
}

/**
 * Which fixes to apply: every preferred fix (fix-all, `--fix`), those of one
 * rule ("Fix all <rule> problems in this file"), or a hardening plan's chosen
 * measures on one target.
 */
export type FixRequest = { kind: 'all' } | { kind: 'rule'; ruleId: string } | { kind: 'plan'; choices: PlanChoice[] };

export interface ForgetMessage {
  type: 'forget';
  cacheKey: string;
}

export type ToWorker = AnalyzeMessage | ForgetMessage;

/** What an analysis produced. */
export interface AnalysisAnswer {
  result: AnalysisResult;
  /** Every other file the analysis asked for, found or not: a change to one of them calls for a new analysis. */
  filesRead: string[];
  /** With `fix`: the fixed text (`result` is then its analysis) and how many fixes made it. */
  fixed?: {
    text: string;
    applied: number;
    /** For a plan: its edits, each with the measures that make it (see MeasureProvenance). */
    edits?: { edit: TextEdit; measures: string[] }[];
  };
  /** With a plan `fix` the worker could not carry out (an unknown measure, an invalid input): why. */
  planError?: string;
}

export interface AnalyzedMessage {
  type: 'analyzed';
  id: number;
  /**
   * The `AnalysisAnswer` as JSON. Findings are thousands of small objects,
   * which structured cloning copies three to four times slower than
   * JSON.stringify and JSON.parse do; a string crosses as one copy.
   */
  answer: string;
}

export interface FailedMessage {
  type: 'failed';
  id: number;
  error: string;
}

/** Sent once, when the worker has loaded and warmed up the analysis code. */
export interface ReadyMessage {
  type: 'ready';
}

export type FromWorker = AnalyzedMessage | FailedMessage | ReadyMessage;

/** Where the rules' examples pretend to live while the threads warm up: a file kind's usual name, nowhere real. */
export function warmUpPath(kind: 'dockerfile' | 'compose'): string {
  return kind === 'dockerfile' ? '/docker-harden-warm-up/Dockerfile' : '/docker-harden-warm-up/compose.yaml';
}
