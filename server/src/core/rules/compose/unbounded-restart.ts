/**
 * compose-unbounded-restart — `restart:
 * always`/`unless-stopped`/`on-failure` without a count, or
 * deploy.restart_policy without max_attempts.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { setKey } from '../../compose/yaml-edits';
import { composeRule } from '../rule';
import { nestedSetting, serviceSubject, setting, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';

/** How each unbounded policy restarts, for the message. */
const RESTARTS = {
  always: 'always',
  'unless-stopped': 'unless stopped',
  'on-failure': 'on failure with no retry count',
};

/** RESTARTS in Japanese: how each unbounded policy restarts. */
const RESTARTS_JA = {
  always: '常に',
  'unless-stopped': '停止されない限り',
  'on-failure': '失敗のたびに回数の上限なく',
};

export const unboundedRestart = composeRule({
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
  messages: {
    unbounded: (p: { service: string; policy: 'always' | 'unless-stopped' | 'on-failure' }) =>
      `Service "${p.service}" restarts ${RESTARTS[p.policy]}: ` +
      'a crash loop becomes endless restarts that burn CPU and fill logs. Prefer on-failure with a retry count.',
    noMaxAttempts: (p: { service: string }) =>
      `Service "${p.service}" has a deploy.restart_policy without max_attempts: it retries forever.`,
  },
  fixTitles: {
    bounded: (p: { policy: string; anchor: AnchorNote | null }) =>
      `Use restart: ${p.policy}${anchorChangeText(p.anchor)} (a crash loop ends instead of restarting forever)`,
    maxAttempts: (p: { attempts: number; anchor: AnchorNote | null }) =>
      `Add max_attempts: ${p.attempts} to deploy.restart_policy${anchorChangeText(p.anchor)}`,
  },
  ja: {
    messages: {
      unbounded: (p) =>
        `サービス "${p.service}" は${RESTARTS_JA[p.policy]}再起動します。` +
        'クラッシュが繰り返されると再起動が終わらず、CPU を消費しログを埋めます。回数を指定した on-failure にしてください。',
      noMaxAttempts: (p) =>
        `サービス "${p.service}" の deploy.restart_policy には max_attempts がないため、いつまでも再試行します。`,
    },
    fixTitles: {
      bounded: (p) =>
        `restart: ${p.policy} を使う${anchorChangeTextJa(p.anchor)}(クラッシュの繰り返しが無限の再起動にならず止まります)`,
      maxAttempts: (p) => `deploy.restart_policy に max_attempts: ${p.attempts} を追加${anchorChangeTextJa(p.anchor)}`,
    },
  },
  check({ model, report, options, fixTitle }) {
    for (const service of model.services) {
      const restart = setting(model, service, 'restart');
      // `on-failure` without `:N` retries as often as `always` does.
      const unbounded =
        restart?.text && !restart.unknown
          ? /^(always|unless-stopped|on-failure)$/.exec(restart.text.trim())?.[1]
          : undefined;
      if (restart && unbounded) {
        const owner = ownerOf(model, service, 'restart');
        report(
          restart.range,
          'unbounded',
          { service: quote(service.name), policy: unbounded as keyof typeof RESTARTS },
          {
            subject: serviceSubject(service),
            fixes: owner
              ? editFix(model, fixTitle('bounded', { policy: options.restartPolicy, anchor: owner.anchor }), [
                  setKey(model, owner.map, 'restart', options.restartPolicy),
                ])
              : [],
          },
        );
      }
      const condition = nestedSetting(model, service, ['deploy', 'restart_policy', 'condition']);
      const attempts = nestedSetting(model, service, ['deploy', 'restart_policy', 'max_attempts']);
      const policy = service.entries.get('deploy') ? nestedSetting(model, service, ['deploy', 'restart_policy']) : null;
      if (policy && !attempts && condition?.text !== 'none') {
        // The configured policy's retry count (`on-failure:5`), as deploy's max_attempts.
        const count = /:(\d+)$/.exec(options.restartPolicy.trim())?.[1];
        const owner = ownerOf(model, service, 'deploy');
        const fixes =
          owner && count
            ? editFix(model, fixTitle('maxAttempts', { attempts: Number(count), anchor: owner.anchor }), [
                setKey(model, owner.map, ['deploy', 'restart_policy', 'max_attempts'], Number(count)),
              ])
            : [];
        report(
          policy.entry.keyRange,
          'noMaxAttempts',
          { service: quote(service.name) },
          { subject: serviceSubject(service), fixes },
        );
      }
    }
  },
});
