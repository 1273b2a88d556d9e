/**
 * What a feature module of the language server is given and gives back.
 * Each feature (diagnostics, code actions, hover, settings, cross-file
 * dependencies) registers its own handlers on the connection and the
 * document store when it is created; the server merges the capabilities
 * they announce and calls their `initialize`/`initialized` steps in turn
 * (the connection takes one handler per message, so the server owns those).
 */
import type { Connection, InitializeParams, ServerCapabilities } from 'vscode-languageserver/node';
import type { Language } from '../core/docs';
import type { DocumentAnalyser } from './analysis';
import type { DocumentStore } from './documents';

export interface ServerContext {
  connection: Connection;
  store: DocumentStore;
  analyser: DocumentAnalyser;
  /** The language of the client's locale, known from `initialize` on. */
  language(): Language;
  /** What the client can do, known from `initialize` on. */
  client(): ClientTraits;
  /** Tells the features that read files themselves (the configuration) which files the client's watchers saw change. */
  watchedFilesChanged(paths: readonly string[]): void;
}

/** The client abilities features adapt to. */
export interface ClientTraits {
  /** It applies `documentChanges` (versioned edits, refused on a changed document). */
  versionedEdits: boolean;
  /** It shows change annotations (labels, confirmation) on `documentChanges` edits: a plan's edits say their measure. */
  changeAnnotations: boolean;
  /** It runs the "Harden this service" wizard (`dockerHarden.hardenService`): lenses and light-bulb entries open it. */
  hasWizard: boolean;
  /** It honours `workspace/codeLens/refresh`. */
  refreshesLenses: boolean;
  /** It asks for a code action's edit only when the user picks it (`codeAction/resolve`). */
  resolvesCodeActionEdits: boolean;
}

export function clientTraits(params: InitializeParams): ClientTraits {
  const options = params.initializationOptions as { wizard?: unknown } | undefined;
  return {
    versionedEdits: params.capabilities.workspace?.workspaceEdit?.documentChanges === true,
    changeAnnotations:
      params.capabilities.workspace?.workspaceEdit?.documentChanges === true &&
      params.capabilities.workspace.workspaceEdit.changeAnnotationSupport !== undefined,
    hasWizard: options?.wizard === true,
    refreshesLenses: params.capabilities.workspace?.codeLens?.refreshSupport === true,
    resolvesCodeActionEdits:
      params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
  };
}

export interface ServerFeature {
  /** What the feature adds to the server's capabilities. */
  capabilities?: ServerCapabilities;
  /** Reads what the feature needs from the client's `initialize` request. */
  initialize?(params: InitializeParams): void;
  /** Runs once the client confirmed initialisation (dynamic registrations, first pulls). */
  initialized?(): void;
}
