/** compose-no-pids-limit — no pids_limit / deploy.resources.limits.pids: a fork bomb can exhaust the host's process table. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import type { ComposeRule } from '../rule';
import { checkLimits } from './resource-limits';

export const noPidsLimit: ComposeRule = {
  meta: {
    id: 'compose-no-pids-limit',
    concern: concern('cs.limits.pids').id,
    severity: 'info',
    kind: 'compose',
    title: 'No process-count limit',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    pids_limit: 200\n',
    },
  },
  check(context) {
    checkLimits(context, {
      deployKey: 'pids',
      legacyKeys: ['pids_limit'],
      values: { pids: context.options.pidsLimit, pids_limit: context.options.pidsLimit },
      addKey: 'pids_limit',
      missing: (service) => `Service "${quote(service.name)}" has no pids_limit`,
      reason: "a fork bomb inside it can exhaust the host's process table",
    });
  },
};
