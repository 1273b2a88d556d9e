/** compose-unbounded-restart — `restart: always`/`unless-stopped`, or deploy.restart_policy without max_attempts. */
import { concern } from '../../concerns';
import type { ComposeRule } from '../rule';
import { nestedSetting, replaceScalar, setting } from './helpers';

export const unboundedRestart: ComposeRule = {
  meta: {
    id: 'compose-unbounded-restart', concern: concern('cs.restart.unbounded').id, severity: 'info', kind: 'compose',
    title: 'The restart policy has no bound',
    examples: { bad: 'services:\n  app:\n    image: alpine:3.20\n    restart: always\n', good: 'services:\n  app:\n    image: alpine:3.20\n    restart: on-failure:5\n' },
  },
  check(model, report) {
    for (const service of model.services) {
      const restart = setting(model, service, 'restart');
      if (restart?.text && !restart.unknown && /^(always|unless-stopped)$/.test(restart.text)) {
        report(restart.range, `Service "${service.name}" restarts ${restart.text === 'always' ? 'always' : 'unless stopped'}: a crash loop becomes endless restarts that burn CPU and fill logs. Prefer on-failure with a retry count.`, {
          fixes: [{ title: 'Use restart: on-failure:5', edits: [replaceScalar(model, restart.range, 'on-failure:5')] }],
        });
      }
      const condition = nestedSetting(model, service, ['deploy', 'restart_policy', 'condition']);
      const attempts = nestedSetting(model, service, ['deploy', 'restart_policy', 'max_attempts']);
      const policy = service.entries.get('deploy') ? nestedSetting(model, service, ['deploy', 'restart_policy']) : null;
      if (policy && !attempts && condition?.text !== 'none') {
        report(policy.entry.keyRange, `Service "${service.name}" has a deploy.restart_policy without max_attempts: it retries forever.`);
      }
    }
  },
};
