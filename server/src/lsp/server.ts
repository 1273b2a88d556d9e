/**
 * The docker-harden language server: analyses open Dockerfiles and Compose
 * files on open and on every change, publishes diagnostics, serves quick
 * fixes and hovers. Transport-agnostic: `startServer` takes any connection
 * (stdio, IPC, or the in-memory streams of the tests).
 */
import { fileURLToPath } from 'url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOf, type Language } from '../core/docs';
import { TOOL_NAME } from '../core/docs/urls';
import { SEVERITY_ORDER, type Severity } from '../core/types';
import { AnalysisPool, type AnalysisBudget, type AnalysisRequest } from '../runtime/analysis-pool';
import { codeActions, findingOf } from './code-actions';
import { hardenActions, hardenLenses, type AnalysedDocument } from './harden-lens';
import {
  APPLY_PLAN_COMMAND,
  applyPlanCommand,
  FIX_ALL_KIND,
  fixAllAction,
  fixRuleActions,
  plan,
  PLAN_COMMAND,
  wantsKind,
  type FixingContext,
} from './fixing';
import { toDiagnostic } from './convert';
import { hover } from './hover';
import { warmUpConversions } from './warm-up';

export interface ServerSettings {
  minimumSeverity: Severity;
  disabledRules: string[];
}

const DEFAULT_SETTINGS: ServerSettings = { minimumSeverity: 'info', disabledRules: [] };

export const SERVER_VERSION = '0.1.0';

export interface ServerOptions {
  /** The time and memory one document's analysis may take before it is stopped (defaults: DEFAULT_BUDGET). */
  budget?: Partial<AnalysisBudget>;
  /** Warm the analysis code up before answering `initialize` (default true; tests that start many servers skip it). */
  warmUp?: boolean;
}

/** A document whose last analysis was stopped is analysed again only once its edits pause this long. */
const STOPPED_DOCUMENT_DELAY_MS = 1500;

export function startServer(connection: Connection, options: ServerOptions = {}): { dispose(): Promise<void> } {
  const documents = new TextDocuments(TextDocument);
  const findingsByUri = new Map<string, AnalysedDocument>();
  /** Analyses scheduled but not started, by document: how to call each off. */
  const pending = new Map<string, () => void>();
  /** Documents being analysed now, and whether a newer version is waiting for that analysis to end. */
  const running = new Map<string, { again: boolean }>();
  /** Documents whose last analysis the budget stopped. */
  const stopped = new Set<string>();
  /** Files each open document's last analysis read (.env, built Dockerfiles, env_file...), found or not. */
  const dependencies = new Map<string, Set<string>>();
  // Analyses run in worker threads under a budget, so no document can take the server down or stall the others.
  const pool = new AnalysisPool({ budget: options.budget, warmUp: options.warmUp ?? true });
  let canWatchFiles = false;
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let language: Language = 'en';
  let canPullConfiguration = false;

  let versionedEdits = false;
  /** The client runs the wizard (`dockerHarden.hardenService`): code lenses and light-bulb entries open it. */
  let hasWizard = false;
  let canRefreshLenses = false;

  /** How the server analyses a document: its text, its settings, and its URI as the key of its parse cache. */
  const analysisRequest = (document: TextDocument): AnalysisRequest => ({
    text: document.getText(),
    cacheKey: document.uri,
    options: {
      path: uriToPath(document.uri),
      kind: document.languageId,
      disabledRules: settings.disabledRules,
      minimumSeverity: settings.minimumSeverity,
    },
  });

  const fixing: FixingContext = {
    document: (uri) => documents.get(uri),
    request: analysisRequest,
    pool,
    versionedEdits: () => versionedEdits,
  };

  const validate = async (document: TextDocument): Promise<void> => {
    const { uri, version } = document;
    const path = uriToPath(uri);
    const outcome = await pool.analyze(analysisRequest(document));
    if (!documents.get(uri)) return;
    dependencies.set(uri, new Set(outcome.filesRead));
    if (outcome.stopped) {
      stopped.add(uri);
      connection.console.warn(`stopped analysing ${path ?? uri} (${outcome.stopped}) after ${outcome.elapsedMs} ms`);
    } else {
      stopped.delete(uri);
      if (outcome.elapsedMs > 500) connection.console.log(`analysed ${path ?? uri} in ${outcome.elapsedMs} ms`);
    }
    // A newer version is already waiting: its analysis follows at once, and these findings would be stale.
    if (running.get(uri)?.again) return;
    findingsByUri.set(uri, { version, findings: outcome.findings, subjects: outcome.subjects });
    void connection.sendDiagnostics({
      uri,
      version,
      diagnostics: outcome.findings.map((finding, index) => toDiagnostic(finding, version, index)),
    });
    // The lenses' scores come from this analysis: have the client ask for them again.
    if (hasWizard && canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  /** Analyses the document's latest version, then again while edits arrived during the analysis. */
  const analyseLatest = async (uri: string): Promise<void> => {
    const state = { again: false };
    running.set(uri, state);
    try {
      for (;;) {
        const latest = documents.get(uri);
        if (!latest) return;
        state.again = false;
        try {
          await validate(latest);
        } catch (error) {
          connection.console.error(
            `docker-harden failed on ${uri}: ${error instanceof Error ? error.stack : String(error)}`,
          );
        }
        if (!state.again) return;
      }
    } finally {
      running.delete(uri);
    }
  };

  /**
   * Analyse as soon as the event loop is free: a burst of changes (fast
   * typing, a paste) collapses into one analysis of the latest text, with no
   * fixed delay — except for a document whose last analysis was stopped,
   * which waits for its edits to pause.
   */
  const schedule = (document: TextDocument): void => {
    const { uri } = document;
    pending.get(uri)?.();
    const run = (): void => {
      pending.delete(uri);
      const inFlight = running.get(uri);
      if (inFlight) inFlight.again = true;
      else void analyseLatest(uri);
    };
    if (stopped.has(uri)) {
      const timer = setTimeout(run, STOPPED_DOCUMENT_DELAY_MS);
      pending.set(uri, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(run);
      pending.set(uri, () => clearImmediate(immediate));
    }
  };

  const refreshSettings = async (pushed?: unknown): Promise<void> => {
    let raw: unknown = (pushed as { dockerHarden?: unknown } | undefined)?.dockerHarden;
    if (canPullConfiguration) {
      try {
        raw = await connection.workspace.getConfiguration('dockerHarden');
      } catch {
        // keep what was pushed
      }
    }
    const next = normaliseSettings(raw);
    // The first pull after start-up usually confirms what initialize said: no reason to analyse everything again.
    if (JSON.stringify(next) === JSON.stringify(settings)) return;
    settings = next;
    documents.all().forEach(schedule);
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    language = languageOf(params.locale);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    hasWizard = (params.initializationOptions as { wizard?: unknown } | undefined)?.wizard === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    settings = normaliseSettings(
      (params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions,
    );
    // Ready means warmed up, on both threads: the first document opened is analysed about as fast as an edit.
    const workerReady = pool.ready();
    if (options.warmUp ?? true) warmUpConversions();
    await workerReady;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
          resolveProvider: false,
        },
        executeCommandProvider: { commands: [PLAN_COMMAND, APPLY_PLAN_COMMAND] },
        ...(hasWizard ? { codeLensProvider: { resolveProvider: false } } : {}),
        hoverProvider: true,
      },
      serverInfo: { name: TOOL_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (canWatchFiles) {
      // The files a Compose file can depend on (.env and env files, built Dockerfiles, override files,
      // extends and include targets of any name); changes re-analyse the open documents that read them.
      const globs = [
        '**/.env',
        '**/*.env',
        '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}',
        '**/*.{yml,yaml}',
      ];
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) })
        .catch(() => undefined);
    }
    connection.console.log(
      `docker-harden ${SERVER_VERSION} language server ready (node ${process.version}, messages in ${language === 'ja' ? 'Japanese' : 'English'})`,
    );
    if (canPullConfiguration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'dockerHarden' })
        .catch(() => undefined);
      void refreshSettings();
    }
  });

  connection.onDidChangeConfiguration((change) => void refreshSettings(change.settings));

  documents.onDidOpen((event) => {
    connection.console.log(`analysing ${event.document.uri} (${event.document.languageId})`);
    schedule(event.document);
  });
  /** Re-analyses the open documents whose last analysis read one of these paths. */
  const revalidateDependents = (paths: string[], except?: string): void => {
    for (const document of documents.all()) {
      if (document.uri === except) continue;
      const read = dependencies.get(document.uri);
      if (read && paths.some((path) => read.has(path))) schedule(document);
    }
  };

  documents.onDidChangeContent((event) => {
    const path = uriToPath(event.document.uri);
    if (path) pool.setOverlay(path, event.document.getText());
    schedule(event.document);
    if (path) revalidateDependents([path], event.document.uri);
  });
  connection.onDidChangeWatchedFiles((change) => {
    revalidateDependents(change.changes.map((c) => uriToPath(c.uri)).filter((p): p is string => Boolean(p)));
  });
  documents.onDidClose((event) => {
    const { uri } = event.document;
    pending.get(uri)?.();
    pending.delete(uri);
    findingsByUri.delete(uri);
    dependencies.delete(uri);
    stopped.delete(uri);
    pool.forget(uri);
    const path = uriToPath(uri);
    if (path) pool.setOverlay(path, null);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    if (wantsKind(params, FIX_ALL_KIND)) return fixAllAction(fixing, document);
    const analysed = findingsByUri.get(params.textDocument.uri);
    const actions = codeActions(document, params, analysed);
    if (!analysed || analysed.version !== document.version || actions.length === 0) return actions;
    const ours = params.context.diagnostics.filter((d) => d.source === TOOL_NAME);
    const rules = ours.map((d) => String(d.code));
    const wizard = hasWizard
      ? hardenActions(
          ours.map((d) => findingOf(d, analysed)),
          ours,
        )
      : [];
    return [...actions, ...(await fixRuleActions(fixing, document, analysed.findings, rules)), ...wizard];
  });

  connection.onCodeLens((params) => {
    const analysed = findingsByUri.get(params.textDocument.uri);
    const document = documents.get(params.textDocument.uri);
    if (!hasWizard || !analysed || !document || analysed.version !== document.version) return [];
    return hardenLenses(analysed);
  });

  connection.onExecuteCommand(async (params) => {
    const [argument] = params.arguments ?? [];
    if (params.command === PLAN_COMMAND) return plan(fixing, argument);
    if (params.command === APPLY_PLAN_COMMAND) return applyPlanCommand(fixing, argument);
    throw new ResponseError(ErrorCodes.MethodNotFound, `unknown command ${params.command}`);
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    const cached = findingsByUri.get(params.textDocument.uri);
    if (!document) return null;
    return hover(document, params.position, cached?.findings ?? [], language);
  });

  connection.onShutdown(() => pool.dispose());

  documents.listen(connection);
  connection.listen();
  return { dispose: () => pool.dispose() };
}

function normaliseSettings(raw: unknown): ServerSettings {
  const value = (raw ?? {}) as Partial<Record<keyof ServerSettings, unknown>>;
  const minimum =
    typeof value.minimumSeverity === 'string' && value.minimumSeverity in SEVERITY_ORDER
      ? (value.minimumSeverity as Severity)
      : DEFAULT_SETTINGS.minimumSeverity;
  const disabled = Array.isArray(value.disabledRules)
    ? value.disabledRules.filter((r): r is string => typeof r === 'string')
    : [];
  return { minimumSeverity: minimum, disabledRules: disabled };
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) {
    // untitled:Untitled-1 and other schemes: keep the last path segment for kind detection.
    return uri.replace(/^[a-z-]+:/i, '');
  }
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
