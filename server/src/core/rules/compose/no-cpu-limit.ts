/** compose-no-cpu-limit — neither deploy.resources.limits.cpus nor cpus / cpu_quota. */
import { concern } from '../../concerns';
import type { ComposeRule } from '../rule';
import { addServiceKeys, quickFix } from './helpers';
import { hasLimit } from './resource-limits';

export const noCpuLimit: ComposeRule = {
  meta: {
    id: 'compose-no-cpu-limit', concern: concern('cs.limits.cpu').id, severity: 'warning', kind: 'compose',
    title: 'No CPU limit',
    examples: { bad: 'services:\n  app:\n    image: alpine:3.20\n', good: 'services:\n  app:\n    image: alpine:3.20\n    cpus: 1.0\n' },
  },
  check(model, report) {
    for (const service of model.services) {
      if (hasLimit(model, service, 'cpus', ['cpus', 'cpu_quota'])) continue;
      const add = addServiceKeys(model, service, ["cpus: '1.0'"]);
      report(service.keyRange, `Service "${service.name}" has no CPU limit: a busy or compromised service can take every core from the others.`, {
        fixes: quickFix("Add cpus: '1.0' (adjust to the service)", [add]),
      });
    }
  },
};
