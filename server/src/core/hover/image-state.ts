/**
 * What is known of an image for a hover on `FROM` or `image:`: its default
 * user, whether it is minimal, whether it is pinned, and the non-root,
 * smaller and hardened images that can replace it (knowledge/base-images.ts).
 */
import { parseImageReference, unpinnedTag } from '../dockerfile/image-reference';
import { describeBaseImage } from '../knowledge/base-images';
import type { Language } from '../l10n';
import { listIn, sayIn } from './say';

export function imageState(written: string, language: Language): string[] {
  const say = sayIn(language);
  const ref = parseImageReference(written);
  if (!ref)
    return [
      say(`${written}: not an image reference docker-harden can read.`, `${written}: 読み取れないイメージ参照です。`),
    ];
  const facts = describeBaseImage(ref);
  const lines: string[] = [];
  const moving = unpinnedTag(ref);
  if (ref.digest) lines.push(say(`${ref.text} is pinned by digest.`, `${ref.text} はダイジェストで固定されています。`));
  else if (moving === 'untagged')
    lines.push(
      say(
        `${ref.text} has no tag, which means :latest: the image can change on the next pull.`,
        `${ref.text} にはタグがなく :latest を意味します。次の pull でイメージが変わり得ます。`,
      ),
    );
  else if (moving !== null)
    lines.push(
      say(
        `${ref.text} uses the moving tag :${moving} and no digest: the image can change on the next pull.`,
        `${ref.text} は動くタグ :${moving} を使い、ダイジェストがありません。次の pull でイメージが変わり得ます。`,
      ),
    );
  else
    lines.push(
      say(`${ref.text} has a tag but no digest.`, `${ref.text} にはタグがありますが、ダイジェストがありません。`),
    );
  if (facts.defaultUser === 'root') lines.push(say('It runs as root by default.', '既定で root として動きます。'));
  else if (facts.defaultUser === 'non-root')
    lines.push(say('It runs as a non-root user by default.', '既定で root 以外のユーザーとして動きます。'));
  else lines.push(say('Its default user is not known.', '既定のユーザーは分かりません。'));
  if (facts.builtInUser)
    lines.push(
      say(
        `It has the unprivileged user "${facts.builtInUser}".`,
        `特権のないユーザー "${facts.builtInUser}" があります。`,
      ),
    );
  if (facts.minimal)
    lines.push(
      say(
        `It is a minimal image${facts.shellless ? ' without a shell' : ''}.`,
        `最小構成のイメージです${facts.shellless ? '(シェルなし)' : ''}。`,
      ),
    );
  if (facts.nonRootVariant)
    lines.push(
      say(
        `Non-root variant: ${facts.nonRootVariant.image} (runs as ${facts.nonRootVariant.user}).`,
        `root 以外で動く版: ${facts.nonRootVariant.image}(${facts.nonRootVariant.user} として動作)。`,
      ),
    );
  if (facts.minimalTag)
    lines.push(
      say(
        `Smaller tag: ${ref.repository}:${facts.minimalTag}.`,
        `より小さなタグ: ${ref.repository}:${facts.minimalTag}。`,
      ),
    );
  if (facts.smallerAlternatives?.length)
    lines.push(
      say(
        `Smaller (still root) images: ${listIn(language, facts.smallerAlternatives)}.`,
        `より小さな(root で動く)イメージ: ${listIn(language, facts.smallerAlternatives)}。`,
      ),
    );
  if (facts.hardenedAlternatives.length)
    lines.push(
      say(
        `Non-root or hardened alternatives: ${listIn(language, facts.hardenedAlternatives)}.`,
        `root 以外で動く、または堅牢化された代替: ${listIn(language, facts.hardenedAlternatives)}。`,
      ),
    );
  return lines;
}
