/** compose-no-memory-limit — neither deploy.resources.limits.memory nor mem_limit: one service can exhaust the host's memory. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import type { ComposeRule } from '../rule';
import { checkLimits } from './resource-limits';

export const noMemoryLimit: ComposeRule = {
  meta: {
    id: 'compose-no-memory-limit',
    concern: concern('cs.limits.memory').id,
    severity: 'warning',
    kind: 'compose',
    title: 'No memory limit',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n',
    },
  },
  check(context) {
    const { deploy, legacy } = context.options.memoryLimit;
    checkLimits(context, {
      deployKey: 'memory',
      legacyKeys: ['mem_limit'],
      values: { memory: deploy, mem_limit: legacy },
      addKey: 'mem_limit',
      missing: (service) => `Service "${quote(service.name)}" has no memory limit`,
      reason:
        "a leak or an attack can take the host's memory and starve every other container (cgroups exist to prevent this)",
    });
  },
};
