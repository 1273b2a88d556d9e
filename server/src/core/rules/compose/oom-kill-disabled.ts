/** compose-oom-kill-disabled — `oom_kill_disable: true`; worse without a memory limit. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { setKey } from '../../compose/yaml-edits';
import { composeRule } from '../rule';
import { isTrue, serviceSubject, setting, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';
import { hasLimit } from './resource-limits';

export const oomKillDisabled = composeRule({
  meta: {
    id: 'compose-oom-kill-disabled',
    concern: concern('cs.oom-kill-disabled').id,
    severity: 'warning',
    kind: 'compose',
    title: 'The OOM killer is disabled',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    oom_kill_disable: true\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    mem_limit: 256m\n',
    },
  },
  messages: {
    disabled: (p: { service: string; memoryLimited: boolean }) =>
      `Service "${p.service}" disables the OOM killer` +
      (p.memoryLimited
        ? ''
        : ' and has no memory limit, so it can take all host memory and the kernel will kill other processes instead') +
      '.',
  },
  fixTitles: {
    enable: (p: { anchor: AnchorNote | null }) => `Set oom_kill_disable: false${anchorChangeText(p.anchor)}`,
  },
  ja: {
    messages: {
      disabled: (p) =>
        `サービス "${p.service}" は OOM killer を無効にしています` +
        (p.memoryLimited
          ? ''
          : '。メモリの制限もないため、ホストのメモリを使い尽くし、カーネルは代わりにほかのプロセスを強制終了します') +
        '。',
    },
    fixTitles: {
      enable: (p) => `oom_kill_disable: false に設定${anchorChangeTextJa(p.anchor)}`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const value = setting(model, service, 'oom_kill_disable');
      if (!value || value.unknown || !isTrue(value)) continue;
      const limited = hasLimit(model, service, 'memory', ['mem_limit']);
      const owner = ownerOf(model, service, 'oom_kill_disable');
      report(
        value.range,
        'disabled',
        { service: quote(service.name), memoryLimited: limited },
        {
          subject: serviceSubject(service),
          severity: limited ? 'warning' : 'error',
          fixes: owner
            ? editFix(model, fixTitle('enable', { anchor: owner.anchor }), [
                setKey(model, owner.map, 'oom_kill_disable', false),
              ])
            : [],
        },
      );
    }
  },
});
