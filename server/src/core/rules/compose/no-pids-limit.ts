/** compose-no-pids-limit — no pids_limit / deploy.resources.limits.pids: a fork bomb can exhaust the host's process table. */
import { concern } from '../../concerns';
import type { ComposeRule } from '../rule';
import { addServiceKeys, quickFix } from './helpers';
import { hasLimit } from './resource-limits';

export const noPidsLimit: ComposeRule = {
  meta: {
    id: 'compose-no-pids-limit', concern: concern('cs.limits.pids').id, severity: 'info', kind: 'compose',
    title: 'No process-count limit',
    examples: { bad: 'services:\n  app:\n    image: alpine:3.20\n', good: 'services:\n  app:\n    image: alpine:3.20\n    pids_limit: 200\n' },
  },
  check(model, report) {
    for (const service of model.services) {
      if (hasLimit(model, service, 'pids', ['pids_limit'])) continue;
      const add = addServiceKeys(model, service, ['pids_limit: 200']);
      report(service.keyRange, `Service "${service.name}" has no pids_limit: a fork bomb inside it can exhaust the host's process table.`, {
        fixes: quickFix('Add pids_limit: 200 (adjust to the service)', [add]),
      });
    }
  },
};
