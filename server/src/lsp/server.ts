/**
 * The docker-harden language server: analyses open Dockerfiles and Compose
 * files on open and on every change, publishes diagnostics, serves quick
 * fixes and hovers. Transport-agnostic: `startServer` takes any connection
 * (stdio, IPC, or the in-memory streams of the tests).
 *
 * This module only wires the parts together: the document store
 * (documents.ts), the analyser (analysis.ts) and one module per feature,
 * each registering its own handlers, as microsoft/compose-language-service
 * does.
 */
import type { Connection, InitializeResult, ServerCapabilities } from 'vscode-languageserver/node';
import { languageOf, type Language } from '../core/docs';
import { TOOL_NAME } from '../core/docs/urls';
import type { AnalysisBudget } from '../runtime/analysis-pool';
import { DocumentAnalyser } from './analysis';
import { registerCodeActions } from './code-actions';
import { registerDependencies } from './dependencies';
import { registerDiagnostics } from './diagnostics';
import { DocumentStore } from './documents';
import { clientTraits, type ClientTraits, type ServerContext, type ServerFeature } from './feature';
import { registerPlanCommands } from './fixing';
import { registerHardenLenses } from './harden-lens';
import { registerHover } from './hover';
import { registerImageFacts } from './image-facts';
import { SettingsFeature } from './settings';
import { ConfigurationFeature } from './configuration';

export const SERVER_VERSION = '0.1.0';

export interface ServerOptions {
  /** The time and memory one document's analysis may take before it is stopped (defaults: DEFAULT_BUDGET). */
  budget?: Partial<AnalysisBudget>;
  /** Warm the analysis code up before answering `initialize` (default true; tests that start many servers skip it). */
  warmUp?: boolean;
}

export function startServer(connection: Connection, options: ServerOptions = {}): { dispose(): Promise<void> } {
  const store = new DocumentStore();
  // The client's locale; the dockerHarden.language setting overrides it.
  let clientLanguage: Language = 'en';
  const language = (): Language => (settings.current.language === 'auto' ? clientLanguage : settings.current.language);
  const reanalyseAll = (): void => store.all().forEach((d) => analyser.schedule(d));
  const settings = new SettingsFeature(connection, reanalyseAll, () => clientLanguage);
  const configuration = new ConfigurationFeature(connection, store, settings, reanalyseAll, language);
  const analyser = new DocumentAnalyser(connection, store, {
    budget: options.budget,
    warmUp: options.warmUp ?? true,
    configure: (document) => configuration.configure(document),
    language,
  });
  let client: ClientTraits = {
    versionedEdits: false,
    changeAnnotations: false,
    hasWizard: false,
    refreshesLenses: false,
    resolvesCodeActionEdits: false,
  };
  const context: ServerContext = {
    connection,
    store,
    analyser,
    language,
    client: () => client,
    watchedFilesChanged: (paths) => configuration.watchedFilesChanged(paths),
  };
  const imageFacts = registerImageFacts(context);
  // Listeners of one document event run in this order: a change is scheduled for analysis before its dependents.
  const features: ServerFeature[] = [
    settings,
    configuration,
    registerDiagnostics(context),
    registerDependencies(context),
    registerCodeActions(context),
    registerHover(context, [(document, position) => imageFacts.hoverSection(document, position)]),
    registerPlanCommands(context),
    registerHardenLenses(context),
    imageFacts,
  ];

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    clientLanguage = languageOf(params.locale);
    client = clientTraits(params);
    for (const feature of features) feature.initialize?.(params);
    await analyser.ready();
    const capabilities: ServerCapabilities = {};
    for (const feature of features) Object.assign(capabilities, feature.capabilities);
    return { capabilities, serverInfo: { name: TOOL_NAME, version: SERVER_VERSION } };
  });

  connection.onInitialized(() => {
    connection.console.log(
      `docker-harden ${SERVER_VERSION} language server ready (node ${process.version}, ` +
        `messages in ${language() === 'ja' ? 'Japanese' : 'English'})`,
    );
    for (const feature of features) feature.initialized?.();
  });

  connection.onShutdown(() => analyser.dispose());

  store.documents.listen(connection);
  connection.listen();
  return { dispose: () => analyser.dispose() };
}
