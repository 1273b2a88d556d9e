/**
 * root-base-image — the final image is built on an image that runs as root
 * by default and the Dockerfile never switches user; hardened variants exist.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { lineageHas, rootBase } from '../../dockerfile/model';
import type { Fix } from '../../types';
import { dockerfileRule } from '../rule';
import { stageSubject } from './helpers';
import { wholeReferenceRange } from './base-image-range';
import { defaultUserOf } from '../../image-facts';
import { rootImageFacts } from '../image-queries';
import { chooseUser, nonRootVariantFix, userFix, userFixTitles, userFixTitlesJa } from './user-fix';

export const rootBaseImage = dockerfileRule({
  meta: {
    id: 'root-base-image',
    concern: concern('df.base.root-image').id,
    severity: 'info',
    title: 'The final base image runs as root by default',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
      good: 'FROM nginxinc/nginx-unprivileged:1.27\nCOPY site/ /usr/share/nginx/html/\n',
    },
  },
  messages: {
    /** `alternatives`: non-root or hardened images to use instead, from the base-image knowledge. */
    rootByDefault: (p: { image: string; builtInUser: string | null; alternatives: readonly string[] }) =>
      `${p.image} runs as root by default.` +
      `${p.builtInUser !== null ? ` It already has the unprivileged user "${p.builtInUser}".` : ''}` +
      `${p.alternatives.length ? ` Non-root or hardened alternatives: ${p.alternatives.join(', ')}.` : ''}`,
  },
  fixTitles: userFixTitles,
  ja: {
    messages: {
      rootByDefault: (p) =>
        `${p.image} は既定で root として動きます。` +
        `${p.builtInUser !== null ? `特権のないユーザー "${p.builtInUser}" がすでにあります。` : ''}` +
        `${p.alternatives.length ? `root 以外で動く、または堅牢化された代替: ${p.alternatives.join(', ')}。` : ''}`,
    },
    fixTitles: userFixTitlesJa,
  },
  check({ model, report, options, fixTitle, images }) {
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    const { base } = rootBase(stage);
    const facts = base?.facts;
    if (!base || !base.image || !facts || defaultUserOf(facts, rootImageFacts(images, stage)) !== 'root') return;
    if (lineageHas(model, 'USER')) return;
    // The same software built to run unprivileged first; else the image's own user, or one created for it. The
    // user fix is missing-user's preferred one already (it reports every stage this rule does): not preferred
    // here, or fix-all would add the same lines twice.
    const variant = nonRootVariantFix(model, stage, fixTitle);
    const user = facts.userAloneBreaks ? null : chooseUser(model, stage, options);
    const fixes = [variant, user && userFix(model, stage, user, fixTitle, false)].filter((fix): fix is Fix =>
      Boolean(fix),
    );
    report(
      wholeReferenceRange(model, base),
      'rootByDefault',
      {
        image: quote(base.image.text),
        builtInUser: facts.builtInUser || null,
        alternatives: facts.hardenedAlternatives,
      },
      { subject: stageSubject(model, stage), fixes },
    );
  },
});
