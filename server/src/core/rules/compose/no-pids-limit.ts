/**
 * compose-no-pids-limit — no pids_limit / deploy.resources.limits.pids: a
 * fork bomb can exhaust the host's process table.
 */
import { concern } from '../../concerns';
import { composeRule } from '../rule';
import { checkLimits, LIMIT_FIX_TITLES, LIMIT_FIX_TITLES_JA } from './resource-limits';

/** Why a limit matters, in both messages. */
const WHY = "a fork bomb inside it can exhaust the host's process table";

const WHY_JA = 'コンテナ内の fork 爆弾がホストのプロセステーブルを使い果たせます';

export const noPidsLimit = composeRule({
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
  messages: {
    unlimited: (p: { service: string; setting: string; value: string }) =>
      `Service "${p.service}" sets ${p.setting}: ${p.value}, which means no limit: ${WHY}.`,
    missing: (p: { service: string }) => `Service "${p.service}" has no pids_limit: ${WHY}.`,
  },
  fixTitles: LIMIT_FIX_TITLES,
  ja: {
    messages: {
      unlimited: (p) =>
        `サービス "${p.service}" は ${p.setting}: ${p.value} を指定しており、これは無制限を意味します。${WHY_JA}。`,
      missing: (p) => `サービス "${p.service}" には pids_limit がありません。${WHY_JA}。`,
    },
    fixTitles: LIMIT_FIX_TITLES_JA,
  },
  check(context) {
    checkLimits(context, {
      deployKey: 'pids',
      legacyKeys: ['pids_limit'],
      values: { pids: context.options.pidsLimit, pids_limit: context.options.pidsLimit },
      addKey: 'pids_limit',
    });
  },
});
