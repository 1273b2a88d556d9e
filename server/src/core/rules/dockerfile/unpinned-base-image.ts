/**
 * unpinned-base-image — FROM without a tag or with :latest: a mutable
 * reference, so every build may get different bytes. Stage references and
 * scratch are not images; ARG defaults are resolved first.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { unpinnedTag } from '../../dockerfile/image-reference';
import { dockerfileRule } from '../rule';
import { stageSubject } from './helpers';
import { tagOrRepositoryRange } from './base-image-range';

function resolvedFromText(written: string | null): string {
  return written === null ? '' : ` (resolved from "${written}")`;
}

export const unpinnedBaseImage = dockerfileRule({
  meta: {
    id: 'unpinned-base-image',
    concern: concern('df.base.unpinned').id,
    severity: 'warning',
    title: 'Base image has no tag or uses :latest',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM alpine:latest\nUSER 65532\n',
      good: 'FROM alpine:3.20\nUSER 65532\n',
    },
  },
  messages: {
    /** `resolvedFrom`: the reference as written, when ARGs made it the image. */
    untagged: (p: { image: string; resolvedFrom: string | null }) =>
      `${p.image}${resolvedFromText(p.resolvedFrom)} has no tag, so it means :latest, which changes under you. ` +
      'Pin a version tag (and ideally a digest).',
    movingTag: (p: { image: string; resolvedFrom: string | null; tag: string }) =>
      `${p.image}${resolvedFromText(p.resolvedFrom)} uses :${p.tag}, a tag that moves, ` +
      'so every build may get different bytes. Pin a version tag (and ideally a digest).',
  },
  fixTitles: {},
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = stage.base?.image;
      if (!stage.base || !image || image.digest) continue;
      const resolvedFrom = stage.base.literal
        ? null
        : quote(model.text.slice(stage.base.startOffset, stage.base.endOffset));
      const unpinned = unpinnedTag(image);
      if (unpinned === 'untagged') {
        report(
          tagOrRepositoryRange(model, stage.base),
          'untagged',
          { image: quote(image.text), resolvedFrom },
          { subject: stageSubject(model, stage) },
        );
      } else if (unpinned) {
        report(
          tagOrRepositoryRange(model, stage.base),
          'movingTag',
          { image: quote(image.text), resolvedFrom, tag: quote(unpinned) },
          { subject: stageSubject(model, stage) },
        );
      }
    }
  },
});
