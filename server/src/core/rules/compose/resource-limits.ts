/**
 * Resource limits, shared by the memory, CPU and process-count rules: a
 * limit may be written in deploy.resources.limits or in the service-level
 * legacy keys, and `-1`/`0` mean no limit where Docker reads them so.
 */
import type { ComposeModel, ComposeService, ComposeValue } from '../../compose/model';
import { quote } from '../../knowledge/secrets';
import type { MessageTable, RuleContext } from '../rule';
import { addServiceKeys, nestedSetting, quickFix, replaceScalar, serviceSubject, setting } from './helpers';

export interface LimitSpec {
  /** The key under deploy.resources.limits, and the service-level keys that set the same limit. */
  deployKey: string;
  legacyKeys: string[];
  /** An effective value to write, per key (`mem_limit: 512m`, `memory: 512M`...). */
  values: Record<string, string>;
  /** The key added to a service that sets none. */
  addKey: string;
}

/** The messages each limit rule's table has: a limit that reads as none, and no limit at all. */
export interface LimitMessages extends MessageTable {
  /** `setting`: the key as written (`mem_limit`, `deploy.resources.limits.memory`); `value` as written. */
  unlimited: (p: { service: string; setting: string; value: string }) => string;
  missing: (p: { service: string }) => string;
}

/** The fix titles of the limit rules, shared. */
export const LIMIT_FIX_TITLES = {
  set: (p: { setting: string; value: string }) => `Set ${p.setting}: ${p.value} (adjust to the service)`,
  add: (p: { setting: string; value: string }) => `Add ${p.setting}: ${p.value} (adjust to the service)`,
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
      const value = spec.values[unlimited.key];
      report(
        unlimited.range,
        'unlimited',
        { service: quote(service.name), setting: unlimited.label, value: quote(unlimited.text) },
        {
          subject,
          fixes: quickFix(fixTitle('set', { setting: unlimited.label, value }), [
            replaceScalar(model, unlimited.range, value),
          ]),
        },
      );
      continue;
    }
    const value = spec.values[spec.addKey];
    report(
      service.keyRange,
      'missing',
      { service: quote(service.name) },
      {
        subject,
        fixes: quickFix(fixTitle('add', { setting: spec.addKey, value }), [
          addServiceKeys(model, service, [`${spec.addKey}: ${value}`]),
        ]),
      },
    );
  }
}
