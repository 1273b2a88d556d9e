/** compose-no-cpu-limit — neither deploy.resources.limits.cpus nor cpus / cpu_quota. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import type { ComposeRule } from '../rule';
import { checkLimits } from './resource-limits';

export const noCpuLimit: ComposeRule = {
  meta: {
    id: 'compose-no-cpu-limit',
    concern: concern('cs.limits.cpu').id,
    severity: 'warning',
    kind: 'compose',
    title: 'No CPU limit',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    cpus: 1.0\n',
    },
  },
  check(context) {
    const { cpus, cpuQuota } = context.options.cpuLimit;
    checkLimits(context, {
      deployKey: 'cpus',
      legacyKeys: ['cpus', 'cpu_quota'],
      values: { cpus, cpu_quota: cpuQuota },
      addKey: 'cpus',
      missing: (service) => `Service "${quote(service.name)}" has no CPU limit`,
      reason: 'a busy or compromised service can take every core from the others',
    });
  },
};
