/** compose-unpinned-image — `image:` without a tag or with :latest (and no build:). */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { composeRule } from '../rule';
import { serviceSubject } from './helpers';
import { unpinnedTag } from '../../dockerfile/image-reference';
import { serviceImage } from './image-reference';

const CHANGES = 'the image can change under you on the next pull. Pin a version tag (and a digest).';

const CHANGES_JA =
  '次の pull でイメージが知らないうちに変わり得ます。バージョンタグ(とダイジェスト)で固定してください。';

export const unpinnedImage = composeRule({
  meta: {
    id: 'compose-unpinned-image',
    concern: concern('cs.image.unpinned').id,
    severity: 'warning',
    kind: 'compose',
    title: 'The image has no tag or uses :latest',
    examples: {
      bad: 'services:\n  app:\n    image: nginx:latest\n',
      good: 'services:\n  app:\n    image: nginx:1.27-alpine\n',
    },
  },
  messages: {
    untagged: (p: { service: string; image: string }) =>
      `Service "${p.service}" uses ${p.image} with no tag, which means :latest: ${CHANGES}`,
    movingTag: (p: { service: string; image: string; tag: string }) =>
      `Service "${p.service}" uses ${p.image}, and :${p.tag} is a tag that moves: ${CHANGES}`,
  },
  fixTitles: {},
  ja: {
    messages: {
      untagged: (p) =>
        `サービス "${p.service}" はタグのない ${p.image} を使っており、これは :latest を意味します。${CHANGES_JA}`,
      movingTag: (p) => `サービス "${p.service}" は ${p.image} を使っており、:${p.tag} は動くタグです。${CHANGES_JA}`,
    },
    fixTitles: {},
  },
  check({ model, report }) {
    for (const service of model.services) {
      if (service.entries.has('build')) continue;
      const image = serviceImage(model, service);
      const unpinned = image ? unpinnedTag(image.reference) : null;
      if (!image || !unpinned) continue;
      const names = { service: quote(service.name), image: quote(image.text) };
      const subject = serviceSubject(service);
      if (unpinned === 'untagged') report(image.range, 'untagged', names, { subject });
      else report(image.range, 'movingTag', { ...names, tag: quote(unpinned) }, { subject });
    }
  },
});
