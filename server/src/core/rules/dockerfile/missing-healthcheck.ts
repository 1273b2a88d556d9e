/**
 * missing-healthcheck — the final image has no HEALTHCHECK, so Docker
 * cannot tell a hung process from a healthy one. Not reported for scratch
 * or distroless-style images, which have no shell or tools to run a check.
 */
import { concern } from '../../concerns';
import { finalLineage, lineageHas, rootBase } from '../../dockerfile/model';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf } from '../rule';
import type { RuleOptions } from '../options';
import { finalFromRange, insertInstructionEdit, stageSubject } from './helpers';
import { SENSITIVE_PORTS } from '../../knowledge/ports';

function healthcheckTimings({ healthcheck }: RuleOptions): string {
  return (
    `--interval=${healthcheck.interval} --timeout=${healthcheck.timeout} ` +
    `--start-period=${healthcheck.startPeriod} --retries=${healthcheck.retries}`
  );
}

export const missingHealthcheck = dockerfileRule({
  meta: {
    id: 'missing-healthcheck',
    concern: concern('df.healthcheck.missing').id,
    severity: 'info',
    title: 'The final image has no HEALTHCHECK',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM nginx:1.27-alpine\nUSER 101\n',
      good:
        'FROM nginx:1.27-alpine\nUSER 101\n' +
        'HEALTHCHECK --interval=30s --timeout=5s CMD wget -qO- http://127.0.0.1:8080/ || exit 1\n',
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
    probePort: (p: { port: string }) =>
      `Add a HEALTHCHECK probing port ${p.port} (adjust the path; needs wget or curl in the image)`,
  },
  check({ model, report, options, fixTitle }) {
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    const lineage = finalLineage(model);
    if (lineageHas(model, 'HEALTHCHECK')) return;
    // Images without a shell (scratch, distroless) are still reported: an exec-form check such as
    // HEALTHCHECK CMD ["/app", "health"] runs without one.
    const { base, isScratch } = rootBase(stage);
    const shellless = isScratch || base?.facts?.shellless === true;
    const exposed = lineage
      .flatMap((s) => s.instructions.filter((i) => i.keyword === 'EXPOSE'))
      .flatMap((i) => i.node.getArguments().map((a) => /^(\d+)(\/tcp)?$/.exec(a.getValue())?.[1]))
      .find((port): port is string => Boolean(port) && !SENSITIVE_PORTS.has(Number(port)));
    const fixes: Fix[] =
      exposed && !shellless
        ? [
            fixOf(fixTitle('probePort', { port: exposed }), [
              insertInstructionEdit(
                model,
                stage,
                `HEALTHCHECK ${healthcheckTimings(options)} CMD wget -qO- http://127.0.0.1:${exposed}/ || exit 1`,
                stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'),
              ),
            ]),
          ]
        : [];
    report(finalFromRange(model, stage), 'missing', { shellless }, { subject: stageSubject(model, stage), fixes });
  },
});
