/**
 * compose-no-memory-limit — neither deploy.resources.limits.memory nor
 * mem_limit: one service can exhaust the host's memory.
 */
import { concern } from '../../concerns';
import { composeRule } from '../rule';
import { checkLimits, LIMIT_FIX_TITLES, LIMIT_FIX_TITLES_JA } from './resource-limits';

/** Why a limit matters, in both messages. */
const WHY =
  "a leak or an attack can take the host's memory and starve every other container (cgroups exist to prevent this)";

const WHY_JA =
  'メモリリークや攻撃でホストのメモリを使い尽くし、ほかのすべてのコンテナを枯渇させ得ます(cgroups はこれを防ぐための仕組みです)';

export const noMemoryLimit = composeRule({
  meta: {
    id: 'compose-no-memory-limit',
    concern: concern('cs.limits.memory').id,
    severity: 'warning',
    kind: 'compose',
    title: 'No memory limit',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n',
      good:
        'services:\n  app:\n    image: alpine:3.20\n    deploy:\n      resources:\n        limits:\n' +
        '          memory: 512M\n',
    },
  },
  messages: {
    unlimited: (p: { service: string; setting: string; value: string }) =>
      `Service "${p.service}" sets ${p.setting}: ${p.value}, which means no limit: ${WHY}.`,
    missing: (p: { service: string }) => `Service "${p.service}" has no memory limit: ${WHY}.`,
  },
  fixTitles: LIMIT_FIX_TITLES,
  ja: {
    messages: {
      unlimited: (p) =>
        `サービス "${p.service}" は ${p.setting}: ${p.value} を指定しており、これは無制限を意味します。${WHY_JA}。`,
      missing: (p) => `サービス "${p.service}" にはメモリの制限がありません。${WHY_JA}。`,
    },
    fixTitles: LIMIT_FIX_TITLES_JA,
  },
  check(context) {
    const { deploy, legacy } = context.options.memoryLimit;
    checkLimits(context, {
      deployKey: 'memory',
      legacyKeys: ['mem_limit'],
      values: { memory: deploy, mem_limit: legacy },
      addKey: 'mem_limit',
    });
  },
});
