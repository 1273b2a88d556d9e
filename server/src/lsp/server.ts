/**
 * The docker-harden language server: analyses open Dockerfiles and Compose
 * files on open and on every change, publishes diagnostics, serves quick
 * fixes and hovers. Transport-agnostic: `startServer` takes any connection
 * (stdio, IPC, or the in-memory streams of the tests).
 */
import * as fs from 'fs';
import { fileURLToPath } from 'url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, AnalysisCache } from '../core/analyze';
import { languageOf, type Language } from '../core/docs';
import { TOOL_NAME } from '../core/docs/urls';
import { SEVERITY_ORDER, type FileReader, type Finding, type Severity } from '../core/types';
import { codeActions } from './code-actions';
import { toDiagnostic } from './convert';
import { hover } from './hover';

export interface ServerSettings {
  minimumSeverity: Severity;
  disabledRules: string[];
}

const DEFAULT_SETTINGS: ServerSettings = { minimumSeverity: 'info', disabledRules: [] };

export const SERVER_VERSION = '0.1.0';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const findingsByUri = new Map<string, { version: number; findings: Finding[] }>();
  const pending = new Map<string, NodeJS.Immediate>();
  const caches = new Map<string, AnalysisCache>();
  /** Files each open document's last analysis read (.env, built Dockerfiles, env_file...), found or not. */
  const dependencies = new Map<string, Set<string>>();
  let canWatchFiles = false;
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let language: Language = 'en';
  let canPullConfiguration = false;

  /** Open documents first, then the file system: cross-file analysis sees unsaved edits. */
  const readerFor = (uri: string): FileReader => {
    const read = new Set<string>();
    dependencies.set(uri, read);
    return {
      read(path) {
        read.add(path);
        return files.read(path);
      },
    };
  };
  const files: FileReader = {
    read(path) {
      const open = documents.all().find((d) => uriToPath(d.uri) === path);
      if (open) return open.getText();
      try {
        return fs.readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };

  const validate = (document: TextDocument): void => {
    const path = uriToPath(document.uri);
    const started = Date.now();
    let cache = caches.get(document.uri);
    if (!cache) caches.set(document.uri, (cache = new AnalysisCache()));
    const { findings } = analyze(document.getText(), {
      cache,
      path,
      kind: document.languageId,
      disabledRules: settings.disabledRules,
      minimumSeverity: settings.minimumSeverity,
      files: readerFor(document.uri),
    });
    findingsByUri.set(document.uri, { version: document.version, findings });
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map((finding, index) => toDiagnostic(finding, document.version, index)) });
    const elapsed = Date.now() - started;
    if (elapsed > 500) connection.console.log(`analysed ${path ?? document.uri} in ${elapsed} ms`);
  };

  /**
   * Analyse as soon as the event loop is free: a burst of changes (fast
   * typing, a paste) collapses into one analysis of the latest text, with no
   * fixed delay.
   */
  const schedule = (document: TextDocument): void => {
    const existing = pending.get(document.uri);
    if (existing) clearImmediate(existing);
    pending.set(
      document.uri,
      setImmediate(() => {
        pending.delete(document.uri);
        const latest = documents.get(document.uri);
        if (!latest) return;
        try {
          validate(latest);
        } catch (error) {
          connection.console.error(`docker-harden failed on ${latest.uri}: ${error instanceof Error ? error.stack : String(error)}`);
        }
      }),
    );
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
    settings = normaliseSettings(raw);
    documents.all().forEach(schedule);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    language = languageOf(params.locale);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    settings = normaliseSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        hoverProvider: true,
      },
      serverInfo: { name: TOOL_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (canWatchFiles) {
      // The files a Compose file can depend on (.env and env files, built Dockerfiles, override files,
      // extends and include targets of any name); changes re-analyse the open documents that read them.
      const globs = ['**/.env', '**/*.env', '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}', '**/*.{yml,yaml}'];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) }).catch(() => undefined);
    }
    connection.console.log(`docker-harden ${SERVER_VERSION} language server ready (node ${process.version}, messages in ${language === 'ja' ? 'Japanese' : 'English'})`);
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerHarden' }).catch(() => undefined);
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
    schedule(event.document);
    const path = uriToPath(event.document.uri);
    if (path) revalidateDependents([path], event.document.uri);
  });
  connection.onDidChangeWatchedFiles((change) => {
    revalidateDependents(change.changes.map((c) => uriToPath(c.uri)).filter((p): p is string => Boolean(p)));
  });
  documents.onDidClose((event) => {
    const timer = pending.get(event.document.uri);
    if (timer) clearImmediate(timer);
    pending.delete(event.document.uri);
    findingsByUri.delete(event.document.uri);
    caches.delete(event.document.uri);
    dependencies.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? codeActions(document, params, findingsByUri.get(params.textDocument.uri)) : [];
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    const cached = findingsByUri.get(params.textDocument.uri);
    if (!document) return null;
    return hover(document, params.position, cached?.findings ?? [], language);
  });

  documents.listen(connection);
  connection.listen();
}

function normaliseSettings(raw: unknown): ServerSettings {
  const value = (raw ?? {}) as Partial<Record<keyof ServerSettings, unknown>>;
  const minimum = typeof value.minimumSeverity === 'string' && value.minimumSeverity in SEVERITY_ORDER ? (value.minimumSeverity as Severity) : DEFAULT_SETTINGS.minimumSeverity;
  const disabled = Array.isArray(value.disabledRules) ? value.disabledRules.filter((r): r is string => typeof r === 'string') : [];
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
