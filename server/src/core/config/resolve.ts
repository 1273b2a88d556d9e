/**
 * What a configuration comes to for one file: whether the file is ignored,
 * and its rule settings, the top level merged with every `overrides` entry
 * whose globs match (in order: a later entry wins). Globs are .gitignore
 * patterns, matched against the file's path relative to the configuration
 * file's folder, as the `ignore` package (already the CLI's) reads them.
 */
import ignore from 'ignore';
import { capabilityName } from '../compose/normalize';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../rules/options';
import type { Finding, Severity } from '../types';
import { STRICT_RAISED_RULES } from './structure';
import type { ConfigOptions, ProjectConfig, RuleSettings } from './types';

export interface FileSettings {
  /** The file matches `ignore:`: it is not analysed. */
  ignored: boolean;
  settings: RuleSettings;
}

/**
 * The settings for the file at `relativePath` (forward slashes, relative to
 * the configuration file's folder; a path outside that folder matches no glob).
 */
export function settingsFor(config: ProjectConfig, relativePath: string): FileSettings {
  const inside = relativePath !== '' && !relativePath.startsWith('../') && !/^([A-Za-z]:)?\//.test(relativePath);
  const matches = (globs: readonly string[]): boolean =>
    inside && globs.length > 0 && ignore().add(globs).ignores(relativePath);
  let severities: Record<string, Severity | 'off'> = { ...config.rules };
  let options: ConfigOptions = { ...config.options };
  for (const override of config.overrides) {
    if (!matches(override.files)) continue;
    severities = { ...severities, ...override.rules };
    options = mergeOptions(options, override.options);
  }
  return {
    ignored: matches(config.ignore),
    settings: {
      profile: config.profile,
      severities,
      options,
      requireSuppressionReason: config.requireReason,
    },
  };
}

function mergeOptions(base: ConfigOptions, over: ConfigOptions): ConfigOptions {
  const healthcheck = base.healthcheck || over.healthcheck ? { ...base.healthcheck, ...over.healthcheck } : undefined;
  return { ...base, ...over, ...(healthcheck ? { healthcheck } : {}) };
}

/** The rule options the configuration's options set (unset ones keep the defaults). */
export function ruleOptionsFrom(options: ConfigOptions | undefined): Partial<RuleOptions> {
  if (!options) return {};
  const result: { -readonly [K in keyof RuleOptions]?: RuleOptions[K] } = {};
  if (options.suggestedUser !== undefined) result.suggestedUser = options.suggestedUser;
  // Compose reads a unit in either case; mem_limit is written the way the legacy examples write it.
  if (options.memoryLimit !== undefined)
    result.memoryLimit = { deploy: options.memoryLimit, legacy: options.memoryLimit.toLowerCase() };
  if (options.cpuLimit !== undefined)
    result.cpuLimit = { cpus: options.cpuLimit, cpuQuota: String(Math.round(Number(options.cpuLimit) * 100000)) };
  if (options.pidsLimit !== undefined) result.pidsLimit = String(options.pidsLimit);
  if (options.restartPolicy !== undefined) result.restartPolicy = options.restartPolicy;
  if (options.keepCapabilities !== undefined) result.keepCapabilities = options.keepCapabilities.map(capabilityName);
  if (options.allowedCapabilities !== undefined)
    result.allowedCapabilities = options.allowedCapabilities.map(capabilityName);
  if (options.writablePaths !== undefined) result.writablePaths = options.writablePaths;
  if (options.hostAddress !== undefined) result.hostAddress = options.hostAddress;
  if (options.healthcheckCommand !== undefined) result.healthcheckCommand = options.healthcheckCommand;
  if (options.healthcheck !== undefined)
    result.healthcheck = { ...DEFAULT_RULE_OPTIONS.healthcheck, ...options.healthcheck };
  if (options.trustedRegistries !== undefined)
    result.trustedRegistries = options.trustedRegistries.map((registry) => registry.toLowerCase());
  return result;
}

const RAISED = new Set(STRICT_RAISED_RULES);
const ONE_UP: Record<Severity, Severity> = { info: 'warning', warning: 'error', error: 'error' };

/** A finding's severity under the settings, or `off` when it is not reported. */
export function severityUnder(
  finding: Pick<Finding, 'ruleId' | 'concern' | 'severity'>,
  settings: RuleSettings,
): Severity | 'off' {
  const configured =
    settings.severities?.[finding.ruleId] ?? (finding.concern ? settings.severities?.[finding.concern] : undefined);
  if (configured !== undefined) return configured;
  return settings.profile === 'strict' && RAISED.has(finding.ruleId) ? ONE_UP[finding.severity] : finding.severity;
}
