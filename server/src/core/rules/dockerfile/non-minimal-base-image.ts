/**
 * non-minimal-base-image — the final stage runs on a full OS or toolchain
 * image where a slim, alpine, distroless or hardened variant would shrink
 * the attack surface. Builder stages may be as big as they like.
 */
import { concern } from '../../concerns';
import { quote, quoteAs } from '../../knowledge/secrets';
import { rootBase } from '../../dockerfile/model';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf } from '../rule';
import { stageSubject } from './helpers';
import { wholeReferenceRange } from './base-image-range';

export const nonMinimalBaseImage = dockerfileRule({
  meta: {
    id: 'non-minimal-base-image',
    concern: concern('df.base.not-minimal').id,
    severity: 'info',
    title: 'The final stage uses a full base image',
    kind: 'dockerfile',
    examples: {
      bad: 'FROM python:3.12\nUSER 65532\nCMD ["python", "-m", "app"]\n',
      good: 'FROM python:3.12-slim\nUSER 65532\nCMD ["python", "-m", "app"]\n',
    },
  },
  messages: {
    /** `smaller`: the minimal tag and hardened images to use instead (may be empty). */
    fullImage: (p: { image: string; smaller: string[] }) =>
      `${p.image} is a full image for the final stage; a smaller one ships fewer packages to patch and exploit` +
      `${p.smaller.length ? `: ${p.smaller.join(', ')}` : ''}. ` +
      'Build in a full image, copy the result into a minimal one.',
  },
  fixTitles: {
    useTag: (p: { repository: string; tag: string }) => `Use ${p.repository}:${p.tag}`,
  },
  check({ model, report, fixTitle }) {
    const stage = model.finalStage;
    if (!stage) return;
    const { base } = rootBase(stage);
    const facts = base?.facts;
    const image = base?.image;
    if (!base || !image || !facts || facts.minimal || facts.defaultUser === 'unknown') return;
    if (facts.defaultUser === 'non-root' && facts.hardenedAlternatives.length === 0 && !facts.minimalTag) return;
    const fixes: Fix[] = [];
    if (facts.minimalTag && base.literal && image.tagStart !== null && image.tag !== null) {
      const start = base.startOffset + image.tagStart;
      const title = fixTitle('useTag', { repository: quoteAs(image.repository, image.text), tag: facts.minimalTag });
      const range = model.lines.rangeOf(start, start + image.tag.length);
      fixes.push(fixOf(title, [{ range, newText: facts.minimalTag }], true));
    }
    const smaller = [
      facts.minimalTag ? `${quote(image.text.split(/[:@]/)[0])}:${facts.minimalTag}` : null,
      ...facts.hardenedAlternatives,
    ].filter((option): option is string => Boolean(option));
    report(
      wholeReferenceRange(model, base),
      'fullImage',
      { image: quote(image.text), smaller },
      { subject: stageSubject(model, stage), fixes },
    );
  },
});
