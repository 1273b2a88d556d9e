/** compose-no-new-privileges — `no-new-privileges:true` is not set, so setuid binaries can still raise privileges. */
import { isFragment } from '../../compose/model';
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { appendItem, replaceScalar } from '../../compose/yaml-edits';
import { composeRule } from '../rule';
import { serviceSubject, type AnchorNote } from './helpers';
import { anchorChangeText, editFix, ownerOf, anchorChangeTextJa } from './fixes';
import { securityOptions } from './security-options';

export const noNewPrivileges = composeRule({
  meta: {
    id: 'compose-no-new-privileges',
    concern: concern('cs.no-new-privileges.missing').id,
    severity: 'warning',
    kind: 'compose',
    title: 'no-new-privileges is not set',
    examples: {
      bad: 'services:\n  app:\n    image: alpine:3.20\n',
      good: 'services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n',
    },
  },
  messages: {
    notTrue: (p: { service: string; value: string }) =>
      `Service "${p.service}" sets no-new-privileges to ${p.value}: ` +
      'setuid programs in the container can still gain privileges.',
    missing: (p: { service: string }) =>
      `Service "${p.service}" does not set no-new-privileges:true: ` +
      "setuid and setgid programs (su, sudo, ping...) can raise a compromised process's privileges.",
  },
  fixTitles: {
    setTrue: (p: { anchor: AnchorNote | null }) => `Set no-new-privileges:true${anchorChangeText(p.anchor)}`,
    /** `existing`: whether the service has a security_opt list the option is added to. */
    add: (p: { existing: boolean; anchor: AnchorNote | null }) =>
      p.existing
        ? `Add no-new-privileges:true to security_opt${anchorChangeText(p.anchor)}`
        : 'Add security_opt: [no-new-privileges:true]',
  },
  ja: {
    messages: {
      notTrue: (p) =>
        `サービス "${p.service}" は no-new-privileges を ${p.value} にしています。` +
        'コンテナ内の setuid プログラムは引き続き権限を得られます。',
      missing: (p) =>
        `サービス "${p.service}" は no-new-privileges:true を設定していません。` +
        'setuid/setgid プログラム(su、sudo、ping など)で、侵害されたプロセスが権限を引き上げられます。',
    },
    fixTitles: {
      setTrue: (p) => `no-new-privileges:true に設定${anchorChangeTextJa(p.anchor)}`,
      add: (p) =>
        p.existing
          ? `security_opt に no-new-privileges:true を追加${anchorChangeTextJa(p.anchor)}`
          : 'security_opt: [no-new-privileges:true] を追加',
    },
  },
  check({ model, report, fixTitle }) {
    for (const service of model.services) {
      const owner = ownerOf(model, service, 'security_opt');
      const options = securityOptions(model, service).filter((o) => o.name === 'no-new-privileges');
      const last = options[options.length - 1];
      if (last && (last.unknown || /^(true|1|yes)$/i.test(last.value))) continue;
      if (last) {
        report(
          last.range,
          'notTrue',
          { service: quote(service.name), value: quote(last.value) },
          {
            subject: serviceSubject(service),
            // The separator as written: `no-new-privileges=false` becomes `no-new-privileges=true`.
            fixes: owner
              ? editFix(model, fixTitle('setTrue', { anchor: owner.anchor }), [
                  replaceScalar(
                    model,
                    last.node,
                    last.text.replace(/[:=][^:=]*$/, (m) => `${m[0]}true`),
                  ),
                ])
              : [],
          },
        );
        continue;
      }
      if (isFragment(service)) continue;
      const existing = service.entries.get('security_opt');
      report(
        existing?.keyRange ?? service.keyRange,
        'missing',
        { service: quote(service.name) },
        {
          subject: serviceSubject(service),
          fixes: owner
            ? editFix(model, fixTitle('add', { existing: existing !== undefined, anchor: owner.anchor }), [
                appendItem(model, owner.map, 'security_opt', 'no-new-privileges:true'),
              ])
            : [],
        },
      );
    }
  },
});
