/**
 * Settings: the `dockerHarden` section, read from the initialization options,
 * pulled from the client when it supports `workspace/configuration` and
 * taken from `workspace/didChangeConfiguration` pushes otherwise. A change
 * re-analyses every open document.
 */
import { DidChangeConfigurationNotification, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import { SEVERITY_ORDER, type Severity } from '../core/types';
import type { ServerFeature } from './feature';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type InitializationOptions, type ServerSettings } from './protocol';

export class SettingsFeature implements ServerFeature {
  private settings: ServerSettings = DEFAULT_SETTINGS;
  private canPullConfiguration = false;

  /** `changed` runs when the settings change (not when a pull confirms them). */
  constructor(
    private readonly connection: Connection,
    private readonly changed: () => void,
  ) {
    connection.onDidChangeConfiguration((change) => void this.refresh(change.settings));
  }

  get current(): ServerSettings {
    return this.settings;
  }

  initialize(params: InitializeParams): void {
    this.canPullConfiguration = params.capabilities.workspace?.configuration === true;
    const options = params.initializationOptions as InitializationOptions | undefined;
    this.settings = normaliseSettings(options?.settings ?? options);
  }

  initialized(): void {
    if (!this.canPullConfiguration) return;
    void this.connection.client
      .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
      .catch(() => undefined);
    void this.refresh();
  }

  private async refresh(pushed?: unknown): Promise<void> {
    let raw: unknown = (pushed as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    if (this.canPullConfiguration) {
      try {
        raw = await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch {
        // keep what was pushed
      }
    }
    const next = normaliseSettings(raw);
    // The first pull after start-up usually confirms what initialize said: no reason to analyse everything again.
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return;
    this.settings = next;
    this.changed();
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
