/**
 * The project configuration in the language server: each document's
 * nearest `.docker-harden.yaml` (read as the CLI reads it, through
 * config-files.ts, an open editor's unsaved text first), merged with the
 * editor settings for the document's folder, which win. A configuration
 * file's problems are published on it (open or not) and its documents are
 * analysed with the defaults; a change to one (typed, saved, created,
 * deleted) re-analyses every open document.
 */
import { pathToFileURL } from 'url';
import { DidChangeWatchedFilesNotification, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_GLOB, ConfigFiles, isConfigFile, readDiskText } from '../config-files';
import type { Finding } from '../core/types';
import type { Language } from '../core/l10n';
import type { DocumentConfiguration } from './analysis';
import { toDiagnostic } from './convert';
import type { DocumentStore } from './documents';
import type { ServerFeature } from './feature';
import { uriToPath } from './paths';
import type { SettingsFeature } from './settings';

export class ConfigurationFeature implements ServerFeature {
  private readonly files: ConfigFiles;
  private canWatchFiles = false;
  /** What was last published for each configuration file with problems (a key of the problems). */
  private readonly published = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly settings: SettingsFeature,
    /** Re-analyses every open document. */
    private readonly changed: () => void,
    /** The language of a configuration file's problems. */
    language: () => Language = () => 'en',
  ) {
    this.files = new ConfigFiles((path) => this.read(path), language);
    const onConfigDocument = (document: TextDocument): void => {
      const path = uriToPath(document.uri);
      if (path && isConfigFile(path)) this.filesChanged();
    };
    store.documents.onDidChangeContent((event) => onConfigDocument(event.document));
    store.documents.onDidClose((event) => {
      const path = uriToPath(event.document.uri);
      // Its diagnostics were cleared with the document: published again if the file on disk has problems.
      if (path) this.published.delete(path);
      this.settings.forget(event.document.uri);
      onConfigDocument(event.document);
    });
  }

  initialize(params: InitializeParams): void {
    this.canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  }

  initialized(): void {
    if (!this.canWatchFiles) return;
    const watchers = [{ globPattern: CONFIG_FILE_GLOB }];
    void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  }

  /** Files changed on disk (from the client's watchers): configuration files among them re-configure everything. */
  watchedFilesChanged(paths: readonly string[]): void {
    if (paths.some(isConfigFile)) this.filesChanged();
  }

  /** What applies to a document: its configuration file's settings under its folder's editor settings. */
  async configure(document: TextDocument): Promise<DocumentConfiguration> {
    const path = uriToPath(document.uri);
    if (path && document.uri.startsWith('file:') && isConfigFile(path)) {
      const problems = this.files.load(path)?.problems ?? [];
      return { instead: [...problems], options: {} };
    }
    const editor = await this.settings.forResource(document.uri);
    const resolved = path && document.uri.startsWith('file:') ? this.files.forFile(path) : undefined;
    if (resolved?.configPath) this.publish(resolved.configPath, resolved.problems);
    return {
      ...(resolved?.ignored ? { instead: [] } : {}),
      options: {
        ...resolved?.settings,
        disabledRules: editor.disabledRules,
        minimumSeverity: editor.minimumSeverity,
      },
    };
  }

  private filesChanged(): void {
    this.files.invalidate();
    // Configuration files that had problems: published again, fixed or not (deleted ones lose their diagnostics).
    for (const path of [...this.published.keys()]) this.publish(path, this.files.load(path)?.problems ?? []);
    this.changed();
  }

  /** Publishes a configuration file's problems on it, when they changed (an open one gets them from its analysis). */
  private publish(configPath: string, problems: readonly Finding[]): void {
    const key = JSON.stringify(problems.map((p) => [p.range, p.message]));
    if ((this.published.get(configPath) ?? '[]') === key) return;
    if (problems.length > 0) this.published.set(configPath, key);
    else this.published.delete(configPath);
    const uri = pathToFileURL(configPath).toString();
    const open = this.store.get(uri);
    if (open) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: problems.map((p, index) => toDiagnostic(p, -1, index)) });
    if (problems.length > 0)
      this.connection.console.warn(`${configPath} has problems: analysing with the defaults until they are fixed`);
  }

  /** An open configuration document's unsaved text, else the file on disk. */
  private read(path: string): string | undefined {
    const open = this.store.all().find((document) => uriToPath(document.uri) === path);
    return open ? open.getText() : readDiskText(path);
  }
}
