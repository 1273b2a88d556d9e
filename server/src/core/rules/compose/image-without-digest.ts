/** compose-image-without-digest — `image:` is not pinned by @sha256 digest. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { fromTrustedRegistry } from '../options';
import { composeRule } from '../rule';
import { serviceSubject } from './helpers';
import { serviceImage } from './image-reference';

export const imageWithoutDigest = composeRule({
  meta: {
    id: 'compose-image-without-digest',
    concern: concern('cs.image.no-digest').id,
    severity: 'info',
    kind: 'compose',
    title: 'The image is not pinned by digest',
    examples: {
      bad: 'services:\n  app:\n    image: nginx:1.27\n',
      good:
        'services:\n  app:\n' +
        '    image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000\n',
    },
  },
  messages: {
    noDigest: (p: { service: string; image: string }) =>
      `Service "${p.service}": ${p.image} is not pinned by digest, so the bytes behind the tag can change. ` +
      'Append @sha256:<digest> and let a bot keep it current.',
  },
  fixTitles: {},
  ja: {
    messages: {
      noDigest: (p) =>
        `サービス "${p.service}": ${p.image} はダイジェストで固定されていないため、タグの指す中身が変わり得ます。` +
        '@sha256:<digest> を付け、更新はボットに任せてください。',
    },
    fixTitles: {},
  },
  check({ model, report, options }) {
    for (const service of model.services) {
      if (service.entries.has('build')) continue;
      const image = serviceImage(model, service);
      if (!image || image.reference.digest || fromTrustedRegistry(image.reference.registry, options)) continue;
      report(
        image.range,
        'noDigest',
        { service: quote(service.name), image: quote(image.text) },
        { subject: serviceSubject(service) },
      );
    }
  },
});
