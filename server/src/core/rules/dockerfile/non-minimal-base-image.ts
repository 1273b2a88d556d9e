/**
 * non-minimal-base-image — the final stage runs on a full OS or toolchain
 * image where a slim, alpine, distroless or hardened variant would shrink
 * the attack surface. Builder stages may be as big as they like.
 */
import { concern } from '../../concerns';
import { quote, quoteAs } from '../../knowledge/secrets';
import { commandsOf } from '../../dockerfile/commands';
import { finalLineage, rootBase, type DockerfileModel } from '../../dockerfile/model';
import { programArguments, programName } from '../../dockerfile/shell';
import { COMPILING_INSTALLERS, FULL_IMAGE_ONLY_PROGRAMS } from '../../knowledge/base-images';
import { INSTALLERS } from '../../knowledge/package-managers';
import type { Fix } from '../../types';
import { dockerfileRule, fixOf } from '../rule';
import { runsOf, stageSubject } from './helpers';
import { wholeReferenceRange } from './base-image-range';

/** Debian packages that bring a program the full image has (build-essential brings the compilers and make). */
const PACKAGES_OF: Record<string, string[]> = {
  gcc: ['build-essential'],
  'g++': ['build-essential'],
  cc: ['build-essential', 'gcc'],
  'c++': ['build-essential', 'g++'],
  make: ['build-essential'],
  ssh: ['openssh-client'],
  scp: ['openssh-client'],
  hg: ['mercurial'],
  svn: ['subversion'],
  ps: ['procps'],
  gpg: ['gnupg'],
  xz: ['xz-utils'],
  convert: ['imagemagick'],
};

/**
 * Programs the final image's RUN steps use that the slim variant lacks and
 * the Dockerfile does not install itself; package installers that may
 * compile (pip, npm...) count unless the compilers are installed.
 */
function missingFromSlim(model: DockerfileModel): string[] {
  const commands = runsOf(finalLineage(model)).flatMap((run) => commandsOf(run));
  const installed = new Set(
    commands
      .filter((c) => INSTALLERS[programName(c)]?.some((verb) => programArguments(c).some((w) => w.value === verb)))
      .flatMap((c) => programArguments(c).map((w) => w.value.split(/[=:]/)[0])),
  );
  const has = (program: string): boolean =>
    installed.has(program) || (PACKAGES_OF[program] ?? []).some((name) => installed.has(name));
  const missing = new Set<string>();
  for (const command of commands) {
    const program = programName(command);
    if (FULL_IMAGE_ONLY_PROGRAMS.has(program) && !has(program)) missing.add(program);
    const verb = programArguments(command).find((w) => !w.value.startsWith('-'))?.value;
    if (COMPILING_INSTALLERS.has(program) && ['install', 'i', 'ci', 'add'].includes(verb ?? '') && !has('gcc'))
      missing.add(`compilers (for ${program})`);
  }
  return [...missing];
}

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
    /** `missing`: programs the RUN steps use that the smaller image lacks. */
    useSlimTag: (p: { repository: string; tag: string; missing: string[] }) =>
      `Use ${p.repository}:${p.tag} (check the build first: the slim image has no ${p.missing.join(', ')}, ` +
      'which the RUN steps use)',
    useAlpineTag: (p: { repository: string; tag: string }) =>
      `Use ${p.repository}:${p.tag} (check the build and the binaries first: Alpine has musl instead of glibc ` +
      'and apk instead of apt)',
  },
  ja: {
    messages: {
      fullImage: (p) =>
        `${p.image} は最終ステージ用としてはフルイメージです。小さなイメージならパッチを当てるべきパッケージも` +
        `悪用され得るパッケージも減ります${p.smaller.length ? `: ${p.smaller.join(', ')}` : ''}。` +
        'フルイメージでビルドし、成果物を最小イメージにコピーしてください。',
    },
    fixTitles: {
      useTag: (p) => `${p.repository}:${p.tag} を使う`,
      useSlimTag: (p) =>
        `${p.repository}:${p.tag} を使う(先にビルドを確認してください。slim イメージには RUN で使っている ` +
        `${p.missing.join(', ')} がありません)`,
      useAlpineTag: (p) =>
        `${p.repository}:${p.tag} を使う(先にビルドとバイナリを確認してください。Alpine は glibc ではなく musl、` +
        'apt ではなく apk を使います)',
    },
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
    // A digest names the full image whatever the tag says: changing the tag alone would change nothing.
    if (facts.minimalTag && base.literal && image.tagStart !== null && image.tag !== null && image.digest === null) {
      const start = base.startOffset + image.tagStart;
      const names = { repository: quoteAs(image.repository, image.text), tag: facts.minimalTag };
      const range = model.lines.rangeOf(start, start + image.tag.length);
      const edit = [{ range, newText: facts.minimalTag }];
      // Debian's slim tags drop documentation only; the language images' slim tags drop buildpack-deps' tools.
      const missing =
        facts.minimalTagKind === 'slim-distro' || facts.minimalTagKind === 'distro-slim' ? missingFromSlim(model) : [];
      if (facts.minimalTagKind === 'alpine') fixes.push(fixOf(fixTitle('useAlpineTag', names), edit));
      else if (missing.length > 0) fixes.push(fixOf(fixTitle('useSlimTag', { ...names, missing }), edit));
      else fixes.push(fixOf(fixTitle('useTag', names), edit, true));
    }
    const smaller = [
      facts.minimalTag ? `${quote(image.text.split(/[:@]/)[0])}:${facts.minimalTag}` : null,
      ...(facts.smallerAlternatives ?? []),
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
