/**
 * Resource limits, shared by the memory, CPU and process-count rules: a
 * limit may be written in deploy.resources.limits or in the service-level
 * legacy keys, and `-1`/`0` mean no limit where Docker reads them so.
 *
 * A fix adds a missing limit in the form the service already uses, so the
 * three limits never end up split over both forms: inside deploy (its
 * resources.limits) when the service has a deploy section, as legacy keys
 * when it already has one, and otherwise in deploy.resources.limits —
 * the form both `docker compose` and `docker stack deploy` read (Swarm
 * ignores mem_limit, cpus and pids_limit) — except in a version 2.x file,
 * whose format (docker-compose v1) has no deploy section.
 */
import { isScalar } from 'yaml';
import { isFragment, type ComposeModel, type ComposeService, type ComposeValue } from '../../compose/model';
import { replaceScalar, setKey } from '../../compose/yaml-edits';
import { quote } from '../../knowledge/secrets';
import type { Fix } from '../../types';
import type { MessageTable, RuleContext, TranslatedTable } from '../rule';
import { nestedSetting, serviceSubject, setting, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, sharedKeyFixes, anchorChangeTextJa } from './fixes';

export interface LimitSpec {
  /** The key under deploy.resources.limits, and the service-level keys that set the same limit. */
  deployKey: string;
  legacyKeys: string[];
  /** An effective value to write, per key (`mem_limit: 512m`, `memory: 512M`...). */
  values: Record<string, string>;
  /** The legacy key added to a service that writes its limits that way. */
  addKey: string;
}

/** The service-level keys that set a limit deploy.resources.limits also sets. */
const LEGACY_LIMIT_KEYS = ['mem_limit', 'cpus', 'cpu_quota', 'pids_limit'];

/** Where a new limit goes: see the module comment. */
function limitForm(model: ComposeModel, service: ComposeService): 'deploy' | 'legacy' {
  if (nestedSetting(model, service, ['deploy', 'resources', 'limits'])) return 'deploy';
  if (LEGACY_LIMIT_KEYS.some((key) => service.entries.has(key))) return 'legacy';
  if (service.entries.has('deploy')) return 'deploy';
  const version = model.topLevel('version')?.value;
  return isScalar(version) && /^2(\.|$)/.test(String(version.value).trim()) ? 'legacy' : 'deploy';
}

/** A numeric limit as a YAML number (`pids_limit: 200`), anything else as a string (`512M`). */
function limitValue(value: string): string | number {
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** The messages each limit rule's table has: a limit that reads as none, and no limit at all. */
export interface LimitMessages extends MessageTable {
  /** `setting`: the key as written (`mem_limit`, `deploy.resources.limits.memory`); `value` as written. */
  unlimited: (p: { service: string; setting: string; value: string }) => string;
  missing: (p: { service: string }) => string;
}

/** The fix titles of the limit rules, shared. */
export const LIMIT_FIX_TITLES = {
  set: (p: { setting: string; value: string; anchor: AnchorNote | null }) =>
    `Set ${p.setting}: ${p.value}${anchorChangeText(p.anchor)} (adjust to the service)`,
  add: (p: { setting: string; value: string; anchor: AnchorNote | null }) =>
    `Add ${p.setting}: ${p.value}${anchorChangeText(p.anchor)} (adjust to the service)`,
};

/** LIMIT_FIX_TITLES in Japanese. */
export const LIMIT_FIX_TITLES_JA: TranslatedTable<typeof LIMIT_FIX_TITLES> = {
  set: (p) => `${p.setting}: ${p.value} に設定${anchorChangeTextJa(p.anchor)}(サービスに合わせて調整してください)`,
  add: (p) => `${p.setting}: ${p.value} を追加${anchorChangeTextJa(p.anchor)}(サービスに合わせて調整してください)`,
};

const UNLIMITED = /^(-1|0|0\.0*)$/;

interface LimitSetting extends ComposeValue {
  /** The key as written: `mem_limit`, `deploy.resources.limits.memory`. */
  label: string;
  key: string;
}

function limitSettings(
  model: ComposeModel,
  service: ComposeService,
  deployKey: string,
  legacyKeys: string[],
): LimitSetting[] {
  const deploy = nestedSetting(model, service, ['deploy', 'resources', 'limits', deployKey]);
  const settings: LimitSetting[] = deploy
    ? [{ ...deploy, label: `deploy.resources.limits.${deployKey}`, key: deployKey }]
    : [];
  for (const key of legacyKeys) {
    const value = setting(model, service, key);
    if (value) settings.push({ ...value, label: key, key });
  }
  return settings;
}

/** Whether a service has a limit (or one whose value is unknown). */
export function hasLimit(
  model: ComposeModel,
  service: ComposeService,
  deployKey: string,
  legacyKeys: string[],
): boolean {
  return limitSettings(model, service, deployKey, legacyKeys).some(
    (v) => v.unknown || (v.text !== null && !UNLIMITED.test(v.text.trim())),
  );
}

/**
 * Reports each service without an effective limit: at a setting that reads
 * as no limit (`pids_limit: -1`), offering to replace its value, or at the
 * service key, offering to add one. A second key beside the first would make
 * the YAML invalid, and a deploy limit beside a different legacy one makes
 * Compose refuse the file.
 */
export function checkLimits(
  { model, report, fixTitle }: RuleContext<ComposeModel, LimitMessages, typeof LIMIT_FIX_TITLES>,
  spec: LimitSpec,
): void {
  for (const service of model.services) {
    if (hasLimit(model, service, spec.deployKey, spec.legacyKeys)) continue;
    const subject = serviceSubject(service);
    const unlimited = limitSettings(model, service, spec.deployKey, spec.legacyKeys).find((v) => v.text !== null);
    if (unlimited) {
      const value = limitValue(spec.values[unlimited.key]);
      const owner = ownerOf(model, service, unlimited.label.startsWith('deploy.') ? 'deploy' : unlimited.key);
      const title = { setting: unlimited.label, value: String(value), anchor: owner?.anchor ?? null };
      report(
        unlimited.range,
        'unlimited',
        { service: quote(service.name), setting: unlimited.label, value: quote(unlimited.text) },
        {
          subject,
          fixes: owner ? editFix(model, fixTitle('set', title), [replaceScalar(model, unlimited.node, value)]) : [],
        },
      );
      continue;
    }
    // A fragment (no image, no build) is completed elsewhere: the limit may be set there.
    if (isFragment(service)) continue;
    const deploy = limitForm(model, service) === 'deploy';
    const key = deploy ? spec.deployKey : spec.addKey;
    const value = limitValue(spec.values[key]);
    const owner = ownerOf(model, service, deploy ? 'deploy' : key);
    const path = deploy ? ['deploy', 'resources', 'limits', key] : [key];
    // The three limits may each create `deploy:`; legacy keys are each their own.
    const addLimit = deploy ? sharedKeyFixes : (_: ComposeModel, fixes: Fix[]) => fixes;
    const title = { setting: path.join('.'), value: String(value), anchor: owner?.anchor ?? null };
    report(
      service.keyRange,
      'missing',
      { service: quote(service.name) },
      {
        subject,
        fixes: owner
          ? addLimit(model, editFix(model, fixTitle('add', title), [setKey(model, owner.map, path, value)]))
          : [],
      },
    );
  }
}
