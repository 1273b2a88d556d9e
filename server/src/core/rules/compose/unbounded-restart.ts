/** compose-unbounded-restart — `restart: always`/`unless-stopped`/`on-failure` without a count, or deploy.restart_policy without max_attempts. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import type { ComposeRule } from '../rule';
import { nestedSetting, quickFix, replaceScalar, serviceSubject, setting } from './helpers';

export const unboundedRestart: ComposeRule = {
  meta: {
    id: 'compose-unbounded-restart',
    concern: concern('cs.restart.unbounded').id,
    severity: 'info',
    kind: 'compose',
    title: 'The restart policy has no bound',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    restart: always\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    restart: on-failure:5\n',
    },
  },
  check({ model, report, options }) {
    for (const service of model.services) {
      const restart = setting(model, service, 'restart');
      // `on-failure` without `:N` retries as often as `always` does.
      const unbounded =
        restart?.text && !restart.unknown
          ? /^(always|unless-stopped|on-failure)$/.exec(restart.text.trim())?.[1]
          : undefined;
      if (restart && unbounded) {
        const how =
          unbounded === 'on-failure'
            ? 'on failure with no retry count'
            : unbounded === 'always'
              ? 'always'
              : 'unless stopped';
        report(
          restart.range,
          `Service "${quote(service.name)}" restarts ${how}: a crash loop becomes endless restarts that burn CPU and fill logs. Prefer on-failure with a retry count.`,
          {
            subject: serviceSubject(service),
            fixes: quickFix(`Use restart: ${options.restartPolicy}`, [
              replaceScalar(model, restart.range, options.restartPolicy),
            ]),
          },
        );
      }
      const condition = nestedSetting(model, service, ['deploy', 'restart_policy', 'condition']);
      const attempts = nestedSetting(model, service, ['deploy', 'restart_policy', 'max_attempts']);
      const policy = service.entries.get('deploy') ? nestedSetting(model, service, ['deploy', 'restart_policy']) : null;
      if (policy && !attempts && condition?.text !== 'none') {
        report(
          policy.entry.keyRange,
          `Service "${quote(service.name)}" has a deploy.restart_policy without max_attempts: it retries forever.`,
          { subject: serviceSubject(service) },
        );
      }
    }
  },
};
