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

function resolvedFromTextJa(written: string | null): string {
  return written === null ? '' : `("${written}" から解決)`;
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
  ja: {
    messages: {
      untagged: (p) =>
        `${p.image}${resolvedFromTextJa(p.resolvedFrom)} にはタグがなく :latest を意味するため、知らないうちに変わります。` +
        'バージョンタグ(できればダイジェストも)で固定してください。',
      movingTag: (p) =>
        `${p.image}${resolvedFromTextJa(p.resolvedFrom)} は動くタグ :${p.tag} を使っているため、` +
        'ビルドのたびに中身が変わり得ます。バージョンタグ(できればダイジェストも)で固定してください。',
    },
    fixTitles: {},
  },
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
