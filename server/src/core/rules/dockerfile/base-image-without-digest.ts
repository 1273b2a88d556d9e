/**
 * base-image-without-digest — FROM is not pinned by @sha256 digest, so the
 * bytes behind the same tag can change (re-tagged, or a compromised registry).
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { fromTrustedRegistry } from '../options';
import { dockerfileRule, fixOf } from '../rule';
import { pinEdit, stageQuery } from '../image-queries';
import { stageSubject } from './helpers';
import { wholeReferenceRange } from './base-image-range';

export const baseImageWithoutDigest = dockerfileRule({
  meta: {
    id: 'base-image-without-digest',
    concern: concern('df.base.no-digest').id,
    severity: 'info',
    title: 'Base image is not pinned by digest',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:3.20\nUSER 65532\n',
      good: 'FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\nUSER 65532\n',
    },
  },
  messages: {
    noDigest: (p: { image: string }) =>
      `${p.image} is not pinned by digest: the bytes behind a tag can change. ` +
      `Append @sha256:<digest> (docker buildx imagetools inspect ${p.image}) ` +
      'and let a bot such as Renovate keep it current.',
  },
  fixTitles: {
    /** `digest`: what the registry serves for the tag (the index's digest for a multi-platform image). */
    pin: (p: { image: string; digest: string }) => `Pin to digest: ${p.image}@${p.digest}`,
  },
  ja: {
    messages: {
      noDigest: (p) =>
        `${p.image} はダイジェストで固定されていないため、タグの指す中身が変わり得ます。` +
        `@sha256:<digest> を付け(docker buildx imagetools inspect ${p.image})、` +
        '更新は Renovate などのボットに任せてください。',
    },
    fixTitles: {
      pin: (p) => `ダイジェストで固定: ${p.image}@${p.digest}`,
    },
  },
  check({ model, report, fixTitle, options, images }) {
    for (const stage of model.stages) {
      const image = stage.base?.image;
      if (!stage.base || !image || image.digest || fromTrustedRegistry(image.registry, options)) continue;
      // With the registry's answer, the tag's digest is appended: the tag stays for people and bots to read.
      const query = stageQuery(stage);
      const digest = query && stage.base.literal ? images?.factsFor(query)?.digest : undefined;
      const end = model.lines.positionAt(stage.base.endOffset);
      const fixes = digest
        ? [fixOf(fixTitle('pin', { image: quote(image.text), digest }), [pinEdit(end, digest)], true)]
        : [];
      report(
        wholeReferenceRange(model, stage.base),
        'noDigest',
        { image: quote(image.text) },
        { subject: stageSubject(model, stage), fixes },
      );
    }
  },
});
