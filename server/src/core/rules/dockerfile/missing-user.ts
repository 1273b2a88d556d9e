/**
 * missing-user — the final image never switches away from root.
 * Only the final stage and the stages it is built FROM decide the runtime
 * user; a USER in a builder stage that is merely copied from does not count.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { lineageHas, rootBase, type DockerfileModel, type Stage } from '../../dockerfile/model';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import type { RuleOptions } from '../options';
import { finalFromRange, insertInstructionEdit, stageSubject } from './helpers';

/** Where a USER line belongs: before the final stage's CMD/ENTRYPOINT, else at its end. */
export function addUserFix(model: DockerfileModel, stage: Stage, user: string): Fix {
  const before = stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  return {
    title: `Add "USER ${user}" to the final stage`,
    edits: [insertInstructionEdit(model, stage, `USER ${user}`, before)],
    preferred: true,
  };
}

/** The unprivileged user to suggest: one the base image already has, else the configured one. */
export function suggestedUser(stage: Stage, options: RuleOptions): string {
  return rootBase(stage).base?.facts?.builtInUser ?? options.suggestedUser;
}

export const missingUser: DockerfileRule = {
  meta: {
    id: 'missing-user',
    concern: concern('df.user.missing').id,
    severity: 'warning',
    title: 'The final stage never sets a non-root USER',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM node:20-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
      good: 'FROM node:20-slim\nCOPY . /app\nUSER node\nCMD ["node", "/app/server.js"]\n',
    },
  },
  check({ model, report, options }) {
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    if (lineageHas(model, 'USER')) return;
    const { base, isScratch } = rootBase(stage);
    if (base?.unresolved || (base && !base.image)) return;
    const facts = base?.facts;
    if (facts?.defaultUser === 'non-root') return;
    const image = base?.image?.text;
    const why = isScratch
      ? 'a scratch image has no user database, so the process runs as UID 0'
      : facts?.defaultUser === 'root'
        ? `${quote(image)} runs as root by default`
        : `unless ${quote(image)} sets a non-root user, the container runs as root`;
    report(
      finalFromRange(model, stage),
      `The final stage never sets USER: ${why}. Add a USER with an unprivileged account.`,
      { subject: stageSubject(model, stage), fixes: [addUserFix(model, stage, suggestedUser(stage, options))] },
    );
  },
};
