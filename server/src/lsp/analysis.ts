/**
 * Analyses the open documents: in worker threads under a budget (so no
 * document can take the server down or stall the others), as soon as the
 * event loop is free after a change, and again while edits arrive during an
 * analysis. Results go to the document store and to whoever listens (the
 * diagnostics feature publishes them).
 */
import type { Connection } from 'vscode-languageserver/node';
import type { Language } from '../core/l10n';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types';
import type { ImageFacts, ImageQuery } from '../core/image-facts';
import { warmUpPath, type AnalysisRequestOptions } from '../runtime/analysis-protocol';
import {
  AnalysisPool,
  type AnalysisBudget,
  type AnalysisOutcome,
  type AnalysisRequest,
} from '../runtime/analysis-pool';
import type { DocumentStore } from './documents';
import { uriToPath } from './paths';
import { warmUpConversions } from './warm-up';
import { ALL_RULES } from '../core/rules';

/** A document whose last analysis was stopped is analysed again only once its edits pause this long. */
const STOPPED_DOCUMENT_DELAY_MS = 1500;

/** The findings of a finished analysis of one document version, to publish. */
export interface AnalysedVersion {
  uri: string;
  version: number;
  findings: readonly Finding[];
  /** The images the document runs or builds on (for the image-facts feature). */
  images: readonly ImageQuery[];
}

export interface AnalyserOptions {
  budget?: Partial<AnalysisBudget>;
  /** Warm the analysis code up, on both threads, before the first document. */
  warmUp: boolean;
  /** The language messages are written in (the setting, or the client's locale). */
  language(): Language;
  /** What applies to a document (its configuration file, its folder's settings), read at the start of each analysis. */
  configure(document: TextDocument): Promise<DocumentConfiguration>;
}

/** How one document is analysed. */
export interface DocumentConfiguration {
  /** The findings to publish instead of an analysis: a configuration file's own problems, none for an ignored file. */
  instead?: Finding[];
  /** The configuration's settings, then the editor's (`disabledRules`, `minimumSeverity`), which win. */
  options: Omit<AnalysisRequestOptions, 'path' | 'kind'>;
}

export class DocumentAnalyser {
  private readonly pool: AnalysisPool;
  /** Analyses scheduled but not started, by document: how to call each off. */
  private readonly pending = new Map<string, () => void>();
  /** Documents being analysed now, and whether a newer version is waiting for that analysis to end. */
  private readonly running = new Map<string, { again: boolean }>();
  private readonly listeners: ((analysed: AnalysedVersion) => void)[] = [];
  /** The registry facts a document's analyses get (the image-facts feature sets it; none by default). */
  imageFactsFor: (uri: string) => ImageFacts[] | undefined = () => undefined;
  /** What applied to each open document when it was last analysed. */
  private readonly configurations = new Map<string, DocumentConfiguration>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly options: AnalyserOptions,
  ) {
    this.pool = new AnalysisPool({ budget: options.budget, warmUp: options.warmUp });
  }

  /** Resolves once the workers are ready; ready means warmed up, on both threads (see warm-up.ts). */
  async ready(): Promise<void> {
    const workerReady = this.pool.ready();
    if (this.options.warmUp) warmUpConversions();
    await workerReady;
    if (this.options.warmUp) await this.warmUpPool();
  }

  /**
   * Sends the rules' examples through the pool as documents are sent (a
   * path, a parse cache, the answer parsed here): the first document opened
   * then takes compiled code from its change to its diagnostics.
   */
  private async warmUpPool(): Promise<void> {
    const cacheKey = 'untitled:docker-harden-warm-up';
    for (let round = 0; round < 2; round++) {
      for (const meta of ALL_RULES) {
        const kind = meta.kind === 'dockerfile' ? 'dockerfile' : 'dockercompose';
        await this.pool.analyze({
          text: meta.examples.bad,
          cacheKey,
          options: { path: warmUpPath(meta.kind), kind, language: this.options.language() },
        });
      }
    }
    this.pool.forget(cacheKey);
  }

  /** Calls `listener` with the findings of each analysis that is still current when it finishes. */
  onDidAnalyse(listener: (analysed: AnalysedVersion) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Analyse as soon as the event loop is free: a burst of changes (fast
   * typing, a paste) collapses into one analysis of the latest text, with no
   * fixed delay — except for a document whose last analysis was stopped,
   * which waits for its edits to pause.
   */
  schedule(document: TextDocument): void {
    const { uri } = document;
    this.pending.get(uri)?.();
    const run = (): void => {
      this.pending.delete(uri);
      const inFlight = this.running.get(uri);
      if (inFlight) inFlight.again = true;
      else void this.analyseLatest(uri);
    };
    if (this.store.wasStopped(uri)) {
      const timer = setTimeout(run, STOPPED_DOCUMENT_DELAY_MS);
      this.pending.set(uri, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(run);
      this.pending.set(uri, () => clearImmediate(immediate));
    }
  }

  /** Another analysis reading this path sees `text` instead of the disk (null: the disk again). */
  setOverlay(path: string, text: string | null): void {
    this.pool.setOverlay(path, text);
  }

  /** Calls off a closed document's scheduled analysis and drops its parse caches. */
  forget(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
    this.configurations.delete(uri);
    this.pool.forget(this.store.state(uri).cacheKey);
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }

  /** Analyses the document's latest version, then again while edits arrived during the analysis. */
  private async analyseLatest(uri: string): Promise<void> {
    const state = { again: false };
    this.running.set(uri, state);
    try {
      for (;;) {
        const latest = this.store.get(uri);
        if (!latest) return;
        state.again = false;
        try {
          await this.analyse(latest);
        } catch (error) {
          this.connection.console.error(
            `docker-harden failed on ${uri}: ${error instanceof Error ? error.stack : String(error)}`,
          );
        }
        if (!state.again) return;
      }
    } finally {
      this.running.delete(uri);
    }
  }

  /**
   * How the server analyses a document: its text, its settings, and the key
   * of its parse caches. The configuration is the one its last analysis
   * read (fixes and plans follow an analysis; settings are pulled only then).
   */
  request(document: TextDocument): AnalysisRequest {
    return this.requestWith(document, this.configurations.get(document.uri) ?? { options: {} });
  }

  private requestWith(document: TextDocument, configuration: DocumentConfiguration): AnalysisRequest {
    return {
      text: document.getText(),
      cacheKey: this.store.state(document.uri).cacheKey,
      options: {
        ...configuration.options,
        path: uriToPath(document.uri),
        kind: document.languageId,
        language: this.options.language(),
        imageFacts: this.imageFactsFor(document.uri),
      },
    };
  }

  /** An analysis (or fixing) on the workers, outside the publish cycle: for plans and fix-all. */
  analyze(request: AnalysisRequest): Promise<AnalysisOutcome> {
    return this.pool.analyze(request);
  }

  private async analyse(document: TextDocument): Promise<void> {
    const { uri, version } = document;
    const path = uriToPath(uri);
    const configuration = await this.options.configure(document);
    this.configurations.set(uri, configuration);
    const outcome: Pick<AnalysisOutcome, 'findings' | 'subjects' | 'images' | 'filesRead' | 'stopped' | 'elapsedMs'> =
      configuration.instead !== undefined
        ? { findings: configuration.instead, filesRead: [], elapsedMs: 0 }
        : await this.pool.analyze(this.requestWith(document, configuration));
    // Closed while it was analysed: nothing to keep or publish.
    if (!this.store.get(uri)) return;
    const state = this.store.state(uri);
    state.filesRead = new Set(outcome.filesRead);
    state.stopped = outcome.stopped !== undefined;
    const console = this.connection.console;
    if (outcome.stopped) {
      console.warn(`stopped analysing ${path ?? uri} (${outcome.stopped}) after ${outcome.elapsedMs} ms`);
    } else if (outcome.elapsedMs > 500) {
      console.log(`analysed ${path ?? uri} in ${outcome.elapsedMs} ms`);
    }
    // A newer version is already waiting: its analysis follows at once, and these findings would be stale.
    if (this.running.get(uri)?.again) return;
    state.analysed = { version, findings: outcome.findings, subjects: outcome.subjects };
    const images = outcome.images ?? [];
    for (const listener of this.listeners) listener({ uri, version, findings: outcome.findings, images });
  }
}
