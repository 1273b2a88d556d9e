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
}

export interface ServerFeature {
  /** What the feature adds to the server's capabilities. */
  capabilities?: ServerCapabilities;
  /** Reads what the feature needs from the client's `initialize` request. */
  initialize?(params: InitializeParams): void;
  /** Runs once the client confirmed initialisation (dynamic registrations, first pulls). */
  initialized?(): void;
}
