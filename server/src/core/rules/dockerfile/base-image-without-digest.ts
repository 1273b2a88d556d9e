/**
 * base-image-without-digest — FROM is not pinned by @sha256 digest, so the
 * bytes behind the same tag can change (re-tagged, or a compromised registry).
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { fromTrustedRegistry } from '../options';
import { dockerfileRule } from '../rule';
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
  fixTitles: {},
  ja: {
    messages: {
      noDigest: (p) =>
        `${p.image} はダイジェストで固定されていないため、タグの指す中身が変わり得ます。` +
        `@sha256:<digest> を付け(docker buildx imagetools inspect ${p.image})、` +
        '更新は Renovate などのボットに任せてください。',
    },
    fixTitles: {},
  },
  check({ model, report, options }) {
    for (const stage of model.stages) {
      const image = stage.base?.image;
      if (!stage.base || !image || image.digest || fromTrustedRegistry(image.registry, options)) continue;
      report(
        wholeReferenceRange(model, stage.base),
        'noDigest',
        { image: quote(image.text) },
        { subject: stageSubject(model, stage) },
      );
    }
  },
});
