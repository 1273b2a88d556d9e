/** compose-image-without-digest — `image:` is not pinned by @sha256 digest. */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import type { ComposeModel } from '../../compose/model';
import type { Position, Range } from '../../types';
import { fromTrustedRegistry } from '../options';
import { composeRule, fixOf } from '../rule';
import { pinEdit, serviceQuery } from '../image-queries';
import { ownerOf } from './fixes';
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
  fixTitles: {
    /** `digest`: what the registry serves for the tag (the index's digest for a multi-platform image). */
    pin: (p: { image: string; digest: string }) => `Pin to digest: ${p.image}@${p.digest}`,
  },
  ja: {
    messages: {
      noDigest: (p) =>
        `サービス "${p.service}": ${p.image} はダイジェストで固定されていないため、タグの指す中身が変わり得ます。` +
        '@sha256:<digest> を付け、更新はボットに任せてください。',
    },
    fixTitles: {
      pin: (p) => `ダイジェストで固定: ${p.image}@${p.digest}`,
    },
  },
  check({ model, report, fixTitle, options, images }) {
    for (const service of model.services) {
      if (service.entries.has('build')) continue;
      const image = serviceImage(model, service);
      if (!image || image.reference.digest || fromTrustedRegistry(image.reference.registry, options)) continue;
      const query = serviceQuery(model, service);
      const digest = query ? images?.factsFor(query)?.digest : undefined;
      const end = digest && ownerOf(model, service, 'image') ? literalEnd(model, image.range, image.text) : null;
      const fixes =
        digest && end
          ? [fixOf(fixTitle('pin', { image: quote(image.text), digest }), [pinEdit(end, digest)], true)]
          : [];
      report(
        image.range,
        'noDigest',
        { service: quote(service.name), image: quote(image.text) },
        { subject: serviceSubject(service), fixes },
      );
    }
  },
});

/**
 * Where the reference ends inside its scalar, when the scalar is written as
 * the reference itself (plain, or in quotes); null when interpolation or a
 * folded scalar made it, where an insert would not land after the tag.
 */
function literalEnd(model: ComposeModel, range: Range, reference: string): Position | null {
  const start = model.lines.offsetAt(range.start);
  const written = model.lines.text.slice(start, model.lines.offsetAt(range.end));
  if (written === reference) return range.end;
  const quoted = /^(["'])(.*)\1$/.exec(written);
  return quoted && quoted[2] === reference ? model.lines.positionAt(start + written.length - 1) : null;
}
