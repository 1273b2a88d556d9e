/** Whether a service has a limit, in deploy.resources.limits or the service-level legacy keys. */
import type { ComposeModel, ComposeService } from '../../compose/model';
import { nestedSetting, setting } from './helpers';

/** 'set' when a limit is present (or unknown), 'missing' otherwise; `-1`/`0` count as unlimited where Docker reads them so. */
export function hasLimit(model: ComposeModel, service: ComposeService, deployKey: string, legacyKeys: string[]): boolean {
  const values = [nestedSetting(model, service, ['deploy', 'resources', 'limits', deployKey]), ...legacyKeys.map((k) => setting(model, service, k))];
  return values.some((v) => v !== null && (v.unknown || (v.text !== null && !/^(-1|0|0\.0*)$/.test(v.text.trim()))));
}
