/** compose-no-cpu-limit — neither deploy.resources.limits.cpus nor cpus / cpu_quota. */
import { concern } from '../../concerns';
import { composeRule } from '../rule';
import { checkLimits, LIMIT_FIX_TITLES, LIMIT_FIX_TITLES_JA } from './resource-limits';

/** Why a limit matters, in both messages. */
const WHY = 'a busy or compromised service can take every core from the others';

const WHY_JA = '忙しいサービスや侵害されたサービスが、ほかのサービスからすべてのコアを奪えます';

export const noCpuLimit = composeRule({
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
  messages: {
    unlimited: (p: { service: string; setting: string; value: string }) =>
      `Service "${p.service}" sets ${p.setting}: ${p.value}, which means no limit: ${WHY}.`,
    missing: (p: { service: string }) => `Service "${p.service}" has no CPU limit: ${WHY}.`,
  },
  fixTitles: LIMIT_FIX_TITLES,
  ja: {
    messages: {
      unlimited: (p) =>
        `サービス "${p.service}" は ${p.setting}: ${p.value} を指定しており、これは無制限を意味します。${WHY_JA}。`,
      missing: (p) => `サービス "${p.service}" には CPU の制限がありません。${WHY_JA}。`,
    },
    fixTitles: LIMIT_FIX_TITLES_JA,
  },
  check(context) {
    const { cpus, cpuQuota } = context.options.cpuLimit;
    checkLimits(context, {
      deployKey: 'cpus',
      legacyKeys: ['cpus', 'cpu_quota'],
      values: { cpus, cpu_quota: cpuQuota },
      addKey: 'cpus',
    });
  },
});
