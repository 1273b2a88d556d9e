/**
 * unpinned-base-image — FROM without a tag or with :latest: a mutable
 * reference, so every build may get different bytes. Stage references and
 * scratch are not images; ARG defaults are resolved first.
 */
import { concern } from '../../concerns';
import { quote } from '../../knowledge/secrets';
import { unpinnedTag } from '../../dockerfile/image-reference';
import type { DockerfileRule } from '../rule';
import { stageSubject } from './helpers';
import { tagOrRepositoryRange } from './base-image-range';

export const unpinnedBaseImage: DockerfileRule = {
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
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = stage.base?.image;
      if (!stage.base || !image || image.digest) continue;
      const from = stage.base.literal
        ? ''
        : ` (resolved from "${quote(model.text.slice(stage.base.startOffset, stage.base.endOffset))}")`;
      const unpinned = unpinnedTag(image);
      if (unpinned === 'untagged') {
        report(
          tagOrRepositoryRange(model, stage.base),
          `${quote(image.text)}${from} has no tag, so it means :latest, which changes under you. Pin a version tag (and ideally a digest).`,
          { subject: stageSubject(model, stage) },
        );
      } else if (unpinned) {
        report(
          tagOrRepositoryRange(model, stage.base),
          `${quote(image.text)}${from} uses :${quote(unpinned)}, a tag that moves, so every build may get different bytes. Pin a version tag (and ideally a digest).`,
          { subject: stageSubject(model, stage) },
        );
      }
    }
  },
};
