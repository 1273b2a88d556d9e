/** compose-seccomp-unconfined — `security_opt: seccomp:unconfined` (or `=`) turns off the system-call filter. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, removeFrom, anchorChangeTextJa } from './fixes';
import { securityOptions } from './security-options';

export const seccompUnconfined = composeRule({
  meta: {
    id: 'compose-seccomp-unconfined',
    concern: concern('cs.seccomp.unconfined').id,
    severity: 'error',
    kind: 'compose',
    title: 'seccomp is disabled',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - seccomp:unconfined\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - seccomp:./seccomp-profile.json\n',
    },
  },
  messages: {
    unconfined: (p: { service: string }) =>
      `Service "${p.service}" disables seccomp: the container can make every system call, ` +
      "including the 40-50 that Docker's default profile blocks to shrink the kernel attack surface.",
  },
  fixTitles: {
    remove: (p: { option: string; anchor: AnchorNote | null }) =>
      `Remove ${p.option}${anchorChangeText(p.anchor)} (Docker's default seccomp profile applies again)`,
  },
  ja: {
    messages: {
      unconfined: (p) =>
        `サービス "${p.service}" は seccomp を無効にしています。コンテナはあらゆるシステムコールを呼べるようになり、` +
        'Docker の既定プロファイルがカーネルの攻撃対象領域を縮めるために禁止している 40〜50 個も含まれます。',
    },
    fixTitles: {
      remove: (p) =>
        `${p.option} を削除${anchorChangeTextJa(p.anchor)}(Docker の既定の seccomp プロファイルが再び適用されます)`,
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const owner = ownerOf(model, service, 'security_opt');
      for (const option of securityOptions(model, service)) {
        if (option.name !== 'seccomp' || option.value.toLowerCase() !== 'unconfined') continue;
        report(
          option.range,
          'unconfined',
          { service: quote(service.name) },
          {
            subject: serviceSubject(service),
            fixes: owner
              ? editFix(model, fixTitle('remove', { option: quote(option.text), anchor: owner.anchor }), [
                  removeFrom(model, owner.map, 'security_opt', option),
                ])
              : [],
          },
        );
      }
    }
  },
});
