/**
 * missing-healthcheck — the final image has no HEALTHCHECK, so Docker
 * cannot tell a hung process from a healthy one. Not reported for scratch
 * or distroless-style images, which have no shell or tools to run a check.
 */
import { concern } from '../../concerns';
import { finalLineage, lineageHas, rootBase } from '../../dockerfile/model';
import { healthProbeFor } from '../../knowledge/healthchecks';
import { quote } from '../../knowledge/secrets';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf, type FixTitle } from '../rule';
import type { RuleOptions } from '../options';
import { finalFromRange, insertInstructionEdit, stageSubject } from './helpers';
import { SENSITIVE_PORTS } from '../../knowledge/ports';
import { hasHealthcheck } from '../../image-facts';
import { rootImageFacts } from '../image-queries';
import { probeBasisJa } from '../../knowledge/japanese-phrases';

function healthcheckTimings({ healthcheck }: RuleOptions): string {
  return (
    `--interval=${healthcheck.interval} --timeout=${healthcheck.timeout} ` +
    `--start-period=${healthcheck.startPeriod} --retries=${healthcheck.retries}`
  );
}

/** Exec form, so no shell is needed to run the probe: `["curl", "-fsS", "http://127.0.0.1:8080/"]`. */
function execForm(words: readonly string[]): string {
  return `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
}

/**
 * The user's command: in exec form when it is plain words, as written (shell
 * form, run by /bin/sh) when it needs the shell's quoting, pipes or `||`.
 */
function commandForm(command: string): string {
  return /^[\w@%+=:,./-]+(?: [\w@%+=:,./-]+)*$/.test(command) ? execForm(command.split(' ')) : command;
}

/** Stands for the command to write: exec fails on it, so the check reports unhealthy until it is replaced. */
const TEMPLATE_COMMAND = '<command that exits 0 when the application is healthy>';

export const missingHealthcheck = dockerfileRule({
  meta: {
    id: 'missing-healthcheck',
    concern: concern('df.healthcheck.missing').id,
    severity: 'info',
    title: 'The final image has no HEALTHCHECK',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\n',
      good:
        'FROM nginxinc/nginx-unprivileged:1.27-alpine\nCOPY site/ /usr/share/nginx/html/\n' +
        'HEALTHCHECK --interval=30s --timeout=5s CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/"]\n',
    },
  },
  messages: {
    missing: (p: { shellless: boolean }) =>
      'The final image has no HEALTHCHECK: Docker and orchestrators cannot tell a hung service from a healthy one.' +
      (p.shellless
        ? ' This image has no shell: use the exec form, e.g. HEALTHCHECK CMD ["/app", "healthcheck"].'
        : ' Add one that exercises the application.'),
  },
  fixTitles: {
    /** `basis`: what the probe uses, from the health-check knowledge (`curl on port 8080`, `pg_isready`). */
    probe: (p: { basis: string; path: string | null }) =>
      `Add a HEALTHCHECK with ${p.basis}` +
      (p.path !== null ? ` (expects ${p.path} to answer 2xx or 3xx: adjust the path if it does not)` : ''),
    command: (p: { command: string }) => `Add a HEALTHCHECK running ${p.command}`,
    template: () =>
      'Add a HEALTHCHECK template: replace its command with one that checks the application ' +
      '(until then the container reports unhealthy)',
  },
  ja: {
    messages: {
      missing: (p) =>
        '最終イメージに HEALTHCHECK がありません。Docker もオーケストレーターも、応答しなくなったサービスと' +
        '正常なサービスを区別できません。' +
        (p.shellless
          ? 'このイメージにはシェルがないため、exec 形式を使ってください(例: HEALTHCHECK CMD ["/app", "healthcheck"])。'
          : 'アプリケーションを実際に動かして確かめるものを追加してください。'),
    },
    fixTitles: {
      probe: (p) =>
        `${probeBasisJa(p.basis)} による HEALTHCHECK を追加` +
        (p.path !== null ? `(${p.path} が 2xx か 3xx を返す前提です。そうでなければパスを直してください)` : ''),
      command: (p) => `${p.command} を実行する HEALTHCHECK を追加`,
      template: () =>
        'HEALTHCHECK のひな形を追加(コマンドをアプリケーションを確かめるものに書き換えてください。' +
        'それまではコンテナが unhealthy と報告されます)',
    },
  },
  check({ model, report, options, fixTitle, images }) {
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    const lineage = finalLineage(model);
    if (lineageHas(model, 'HEALTHCHECK')) return;
    // A HEALTHCHECK in the base image's config is inherited (its registry says so when it was asked).
    const registry = rootImageFacts(images, stage);
    if (registry && hasHealthcheck(registry)) return;
    // Images without a shell (scratch, distroless) are still reported: an exec-form check such as
    // HEALTHCHECK CMD ["/app", "health"] runs without one.
    const { base, isScratch } = rootBase(stage);
    // The base image's own HEALTHCHECK is inherited (kong, vaultwarden...: image-defaults.ts).
    if (base?.facts?.ownHealthcheck) return;
    const shellless = isScratch || base?.facts?.shellless === true;
    const exposed = lineage
      .flatMap((s) => s.instructions.filter((i) => i.keyword === 'EXPOSE'))
      .flatMap((i) => i.node.getArguments().map((a) => /^(\d+)(\/tcp)?$/.exec(a.getValue())?.[1]))
      .find(
        (port): port is string =>
          Boolean(port) && Number(port) >= 1 && Number(port) <= 65535 && !SENSITIVE_PORTS.has(Number(port)),
      );
    const command = options.healthcheckCommand.trim();
    // A shell-form command needs /bin/sh, which a shell-less image does not have.
    const usable = command !== '' && !(shellless && !commandForm(command).startsWith('['));
    const port = exposed ? Number(exposed) : undefined;
    const known = usable || isScratch ? null : healthProbeFor(base?.image ?? null, port);
    // A CMD-SHELL probe needs /bin/sh.
    const probe = known && !(shellless && known.test[0] === 'CMD-SHELL') ? known : null;
    const add = (written: string, title: FixTitle, preferred: boolean): Fix =>
      fixOf(
        title,
        [
          insertInstructionEdit(
            model,
            stage,
            `HEALTHCHECK ${healthcheckTimings(options)} CMD ${written}`,
            stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'),
          ),
        ],
        preferred,
      );
    let fix: Fix;
    if (usable) fix = add(commandForm(command), fixTitle('command', { command: quote(command) }), true);
    else if (probe) {
      // CMD-SHELL: the command as written, run by /bin/sh (HEALTHCHECK's shell form); CMD: exec form.
      const written = probe.test[0] === 'CMD-SHELL' ? probe.test[1] : execForm(probe.test.slice(1));
      fix = add(written, fixTitle('probe', { basis: probe.basis, path: probe.path ?? null }), true);
    } else fix = add(execForm([TEMPLATE_COMMAND]), fixTitle('template', {}), false);
    report(
      finalFromRange(model, stage),
      'missing',
      { shellless },
      { subject: stageSubject(model, stage), fixes: [fix] },
    );
  },
});
