/**
 * Settings: the `dockerHarden` section. Read per workspace folder from
 * clients that support `workspace/configuration` (so each folder of a
 * multi-root workspace has its own), else from the initialization options
 * and `workspace/didChangeConfiguration` pushes. A folder's settings are
 * pulled as soon as the client is initialized, so opening a document does
 * not wait for a round trip to the client; a document outside every folder
 * is asked for with itself as `scopeUri`. A change re-analyses every open
 * document. Unknown rule ids in `disabledRules` are reported once each, in
 * a warning and the output.
 */
import { DidChangeConfigurationNotification, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import { CONFIGURABLE_IDS } from '../core/config/structure';
import { didYouMeanText } from '../core/did-you-mean';
import { CONFIG_TEXTS } from '../core/config/messages';
import type { Language } from '../core/l10n';
import { SEVERITY_ORDER, type Severity } from '../core/types';
import type { ServerFeature } from './feature';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type InitializationOptions, type ServerSettings } from './protocol';

const KNOWN_IDS = new Set(CONFIGURABLE_IDS);

export class SettingsFeature implements ServerFeature {
  private settings: ServerSettings = DEFAULT_SETTINGS;
  private canPullConfiguration = false;
  /** Settings pulled per scope (a workspace folder's URI, or a document's outside every folder), until the next change. */
  private readonly byScope = new Map<string, Promise<ServerSettings>>();
  /** The workspace folders: the URI the client gave and its prefix (ending in `/`), nested folders first. */
  private folders: { uri: string; prefix: string }[] = [];
  private readonly warned = new Set<string>();

  /** `changed` runs when the settings change (not when a pull confirms them). */
  constructor(
    private readonly connection: Connection,
    private readonly changed: () => void,
    /** The client's locale's language: the warnings' language when the language setting is `auto`. */
    private readonly clientLanguage: () => Language = () => 'en',
  ) {
    connection.onDidChangeConfiguration((change) => void this.refresh(change.settings));
  }

  /** The settings without a document: from the initialization options or the last push. */
  get current(): ServerSettings {
    return this.settings;
  }

  /** The settings for one document (its folder's, in a multi-root workspace). */
  forResource(uri: string): Promise<ServerSettings> {
    if (!this.canPullConfiguration) return Promise.resolve(this.settings);
    return this.pulled(this.folders.find((folder) => uri.startsWith(folder.prefix))?.uri ?? uri);
  }

  /**
   * Forgets a closed document's settings (a folder's stay). Settings are
   * resource-scoped: the client resolves them per folder, so the folder's
   * URI asks for what any document in it would get.
   */
  forget(uri: string): void {
    if (!this.folders.some((folder) => folder.uri === uri)) this.byScope.delete(uri);
  }

  initialize(params: InitializeParams): void {
    this.canPullConfiguration = params.capabilities.workspace?.configuration === true;
    const options = params.initializationOptions as InitializationOptions | undefined;
    this.settings = this.normalise(options?.settings ?? options);
    this.folders = (params.workspaceFolders ?? [])
      .map(({ uri }) => ({ uri, prefix: uri.endsWith('/') ? uri : `${uri}/` }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  initialized(): void {
    if (!this.canPullConfiguration) return;
    void this.connection.client
      .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
      .catch(() => undefined);
    this.prefetch();
  }

  /** Pulls every folder's settings now, before a document of it opens. */
  private prefetch(): void {
    for (const folder of this.folders) void this.pulled(folder.uri);
  }

  private pulled(scopeUri: string): Promise<ServerSettings> {
    let pulled = this.byScope.get(scopeUri);
    if (!pulled) {
      pulled = this.connection.workspace
        .getConfiguration({ scopeUri, section: SETTINGS_SECTION })
        .then((raw: unknown) => this.normalise(raw))
        .catch(() => this.settings);
      this.byScope.set(scopeUri, pulled);
    }
    return pulled;
  }

  private refresh(pushed?: unknown): void {
    if (this.canPullConfiguration) {
      // What changed, and for which folders, is only known by pulling again: every document is, and the
      // settings without a document (the language of messages) too.
      this.byScope.clear();
      this.prefetch();
      void this.connection.workspace
        .getConfiguration(SETTINGS_SECTION)
        .then((raw: unknown) => (this.settings = this.normalise(raw)))
        .catch(() => undefined)
        .finally(() => this.changed());
      return;
    }
    const next = this.normalise((pushed as Record<string, unknown> | undefined)?.[SETTINGS_SECTION]);
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return;
    this.settings = next;
    this.changed();
  }

  private normalise(raw: unknown): ServerSettings {
    const settings = normaliseSettings(raw);
    for (const id of settings.disabledRules) {
      if (KNOWN_IDS.has(id) || this.warned.has(id)) continue;
      this.warned.add(id);
      const language = settings.language === 'auto' ? this.clientLanguage() : settings.language;
      const hint = didYouMeanText(id, CONFIGURABLE_IDS, language);
      const message = CONFIG_TEXTS[language].unknownDisabledSetting({ id, hint });
      this.connection.console.warn(message);
      void this.connection.window.showWarningMessage(message);
    }
    return settings;
  }
}

/** Settings from whatever the client sent: unknown or mistyped values fall back to the defaults. */
export function normaliseSettings(raw: unknown): ServerSettings {
  const value = (raw ?? {}) as Partial<Record<keyof ServerSettings, unknown>>;
  const minimum =
    typeof value.minimumSeverity === 'string' && value.minimumSeverity in SEVERITY_ORDER
      ? (value.minimumSeverity as Severity)
      : DEFAULT_SETTINGS.minimumSeverity;
  const disabled = Array.isArray(value.disabledRules)
    ? value.disabledRules.filter((r): r is string => typeof r === 'string')
    : [];
  const language = value.language === 'en' || value.language === 'ja' ? value.language : DEFAULT_SETTINGS.language;
  return { minimumSeverity: minimum, disabledRules: disabled, language };
}
