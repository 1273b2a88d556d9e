/**
 * missing-user — the final image never switches away from root.
 * Only the final stage and the stages it is built FROM decide the runtime
 * user; a USER in a builder stage that is merely copied from does not count.
 */
import { concern } from '../../concerns';
import { repositoryUserFacts } from '../../knowledge/base-images';
import { quote } from '../../knowledge/secrets';
import { lineageHas, rootBase } from '../../dockerfile/model';
import type { Fix } from '../../types';
import { dockerfileRule } from '../rule';
import { finalFromRange, stageSubject } from './helpers';
import { defaultUserOf } from '../../image-facts';
import { rootImageFacts } from '../image-queries';
import { chooseUser, nonRootVariantFix, userFix, userFixTitles, userFixTitlesJa } from './user-fix';

const ADD_USER = 'Add a USER with an unprivileged account.';

const ADD_USER_JA = '特権のないアカウントで USER を追加してください。';

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
  fixTitles: userFixTitles,
  ja: {
    messages: {
      scratch: () =>
        '最終ステージで USER が設定されていません。scratch イメージにはユーザーデータベースがないため、' +
        `プロセスは UID 0 で動きます。${ADD_USER_JA}`,
      rootImage: (p) =>
        `最終ステージで USER が設定されていません。${p.image} は既定で root として動きます。${ADD_USER_JA}`,
      unknownImage: (p) =>
        `最終ステージで USER が設定されていません。${p.image} が root 以外のユーザーを設定していない限り、` +
        `コンテナは root で動きます。${ADD_USER_JA}`,
    },
    fixTitles: userFixTitlesJa,
  },
  check({ model, report, options, fixTitle, images }) {
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    if (lineageHas(model, 'USER')) return;
    const { base, isScratch } = rootBase(stage);
    const written = base ? model.text.slice(base.startOffset, base.endOffset) : '';
    // `FROM postgres:${PG_VERSION}`: the version is unknown, the family (and the user it starts as) is not.
    const family = base && !base.image ? repositoryUserFacts(written) : null;
    if ((base?.unresolved || (base && !base.image)) && family?.defaultUser !== 'root') return;
    const facts = base?.facts;
    // The image's own config, when its registry was asked, says more than the built-in table.
    const defaultUser = defaultUserOf(facts ?? family, rootImageFacts(images, stage));
    if (defaultUser === 'non-root') return;
    const image = { image: quote(base?.image?.text ?? written) };
    const fixes: Fix[] = [];
    // The same software built to run unprivileged is the fix where it exists (nginx breaks under a USER line
    // alone); root-base-image offers the same edit, which fix-all then applies once.
    const variant = nonRootVariantFix(model, stage, fixTitle);
    if (variant) fixes.push(variant);
    if (!facts?.userAloneBreaks) {
      const user = userFix(model, stage, chooseUser(model, stage, options), fixTitle, !variant);
      if (user) fixes.push(user);
    }
    const found = { subject: stageSubject(model, stage), fixes };
    const range = finalFromRange(model, stage);
    if (isScratch) report(range, 'scratch', {}, found);
    else if (defaultUser === 'root') report(range, 'rootImage', image, found);
    else report(range, 'unknownImage', image, found);
  },
});
