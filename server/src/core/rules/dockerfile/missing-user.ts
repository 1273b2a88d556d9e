/**
 * missing-user — the final image never switches away from root.
 * Only the final stage and the stages it is built FROM decide the runtime
 * user; a USER in a builder stage that is merely copied from does not count.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { lineageHas, rootBase, type DockerfileModel, type Stage } from '../../dockerfile/model';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf, type FixTitle } from '../rule';
import type { RuleOptions } from '../options';
import { finalFromRange, insertInstructionEdit, stageSubject } from './helpers';

/** The title of the fix that adds a USER, in the tables of every rule that offers it. */
export const addUserTitle = (p: { user: string }): string => `Add "USER ${p.user}" to the final stage`;

/** Where a USER line belongs: before the final stage's CMD/ENTRYPOINT, else at its end. */
export function addUserFix(model: DockerfileModel, stage: Stage, user: string, title: FixTitle): Fix {
  const before = stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  return fixOf(title, [insertInstructionEdit(model, stage, `USER ${user}`, before)], true);
}

/** The unprivileged user to suggest: one the base image already has, else the configured one. */
export function suggestedUser(stage: Stage, options: RuleOptions): string {
  return rootBase(stage).base?.facts?.builtInUser ?? options.suggestedUser;
}

const ADD_USER = 'Add a USER with an unprivileged account.';

export const missingUser = dockerfileRule({
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
  messages: {
    scratch: () =>
      'The final stage never sets USER: a scratch image has no user database, so the process runs as UID 0. ' +
      ADD_USER,
    rootImage: (p: { image: string }) =>
      `The final stage never sets USER: ${p.image} runs as root by default. ${ADD_USER}`,
    unknownImage: (p: { image: string }) =>
      `The final stage never sets USER: unless ${p.image} sets a non-root user, the container runs as root. ` +
      ADD_USER,
  },
  fixTitles: {
    addUser: addUserTitle,
  },
  check({ model, report, options, fixTitle }) {
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    if (lineageHas(model, 'USER')) return;
    const { base, isScratch } = rootBase(stage);
    if (base?.unresolved || (base && !base.image)) return;
    const facts = base?.facts;
    if (facts?.defaultUser === 'non-root') return;
    const image = { image: quote(base?.image?.text) };
    const user = suggestedUser(stage, options);
    const found = {
      subject: stageSubject(model, stage),
      fixes: [addUserFix(model, stage, user, fixTitle('addUser', { user }))],
    };
    const range = finalFromRange(model, stage);
    if (isScratch) report(range, 'scratch', {}, found);
    else if (facts?.defaultUser === 'root') report(range, 'rootImage', image, found);
    else report(range, 'unknownImage', image, found);
  },
});
