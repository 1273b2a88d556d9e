/** compose-unpinned-image — `image:` without a tag or with :latest (and no build:). */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import type { ComposeRule } from '../rule';
import { serviceSubject } from './helpers';
import { unpinnedTag } from '../../dockerfile/image-reference';
import { serviceImage } from './image-reference';

export const unpinnedImage: ComposeRule = {
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
  check({ model, report }) {
    for (const service of model.services) {
      if (service.entries.has('build')) continue;
      const image = serviceImage(model, service);
      const unpinned = image ? unpinnedTag(image.reference) : null;
      if (!image || !unpinned) continue;
      report(
        image.range,
        `Service "${quote(service.name)}" uses ${quote(image.text)}${unpinned === 'untagged' ? ' with no tag, which means :latest' : `, and :${quote(unpinned)} is a tag that moves`}: the image can change under you on the next pull. Pin a version tag (and a digest).`,
        { subject: serviceSubject(service) },
      );
    }
  },
};
