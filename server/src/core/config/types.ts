/**
 * The configuration as the core uses it: a validated `.docker-harden.yaml`
 * (ProjectConfig), and what it comes to for one file (RuleSettings), plain
 * data that crosses the analysis workers' thread boundary unchanged.
 */
import type { Severity } from '../types';
import type { Profile, SeveritySetting } from './structure';

/** The `options:` of a configuration, by their configuration names (structure.ts OPTION_KEYS). */
export interface ConfigOptions {
  suggestedUser?: string;
  memoryLimit?: string;
  cpuLimit?: string;
  pidsLimit?: number;
  restartPolicy?: string;
  keepCapabilities?: string[];
  allowedCapabilities?: string[];
  writablePaths?: string[];
  hostAddress?: string;
  healthcheckCommand?: string;
  healthcheck?: { interval?: string; timeout?: string; startPeriod?: string; retries?: number };
  trustedRegistries?: string[];
}

export interface ConfigOverride {
  files: string[];
  rules: Readonly<Record<string, SeveritySetting>>;
  options: ConfigOptions;
}

/** A valid configuration file's content. */
export interface ProjectConfig {
  profile: Profile;
  rules: Readonly<Record<string, SeveritySetting>>;
  options: ConfigOptions;
  requireReason: boolean;
  ignore: string[];
  overrides: ConfigOverride[];
}

/** How the rules run for one file: what a configuration (and the adapters' flags) come to. */
export interface RuleSettings {
  /** `strict` raises the findings of a missing setting one level (STRICT_RAISED_RULES). */
  profile?: Profile;
  /**
   * Severity (or `off`) by rule id or concern id, applied after the profile;
   * a rule id wins over its concern id.
   */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  /** Options in the configuration's names; the core maps them onto RuleOptions. */
  options?: ConfigOptions;
  /** Report suppressions that give no reason. */
  requireSuppressionReason?: boolean;
}
