/**
 * The current state of a Dockerfile instruction, for a hover: whether a
 * USER is the one the image runs as, what a FROM's image is known to be,
 * whether an ADD downloads unverified, which RUN mounts a step has.
 */
import type { DockerInstruction, DockerfileModel } from '../dockerfile/model';
import { sensitivePortsIn } from '../knowledge/ports';
import { isSecretName, quote } from '../knowledge/secrets';
import type { Language } from '../l10n';
import type { SettingDocId } from '../docs/setting-ids';
import { imageState } from './image-state';
import { listIn, sayIn, type Say } from './say';

const words = (instruction: DockerInstruction): string[] =>
  instruction.flatText.slice(instruction.argumentsOffset).trim().split(/\s+/).filter(Boolean);

type StateOf = (model: DockerfileModel, instruction: DockerInstruction, say: Say, language: Language) => string[];

function isFinal(model: DockerfileModel, instruction: DockerInstruction): boolean {
  return instruction.stage !== null && instruction.stage === model.finalStage;
}

const STATES: Partial<Record<SettingDocId, StateOf>> = {
  USER: (model, instruction, say) => {
    const user = quote(words(instruction)[0] ?? '');
    const root = /^(root|0+)(:|$)/.test(user);
    const users = model.finalStage?.instructions.filter((i) => i.keyword === 'USER') ?? [];
    const last = users[users.length - 1] === instruction;
    return [
      root
        ? say(`Sets the user to ${user}: root.`, `ユーザーを ${user} に設定します: root です。`)
        : say(`Sets the user to ${user}.`, `ユーザーを ${user} に設定します。`),
      last
        ? say(
            `It is the final stage's last USER: the image runs as ${user}.`,
            `最終ステージの最後の USER です。イメージは ${user} として動きます。`,
          )
        : isFinal(model, instruction)
          ? say(
              'A later USER of the final stage decides who the image runs as.',
              'イメージを実行するユーザーは、最終ステージの後の USER で決まります。',
            )
          : say(
              'It is in a build stage: it does not decide who the image runs as.',
              'ビルド用のステージにあるため、イメージを実行するユーザーは決めません。',
            ),
    ];
  },
  FROM: (model, instruction, say, language) => {
    const stage = instruction.stage;
    const where = isFinal(model, instruction)
      ? say(
          'The final stage: this base is what the image ships.',
          '最終ステージです。このベースがイメージとして出荷されます。',
        )
      : say(
          'A build stage: only what is copied from it ships.',
          'ビルド用のステージです。ここからコピーしたものだけが出荷されます。',
        );
    if (!stage?.base?.image)
      return [
        where,
        ...(stage?.isScratch
          ? [
              say(
                'scratch: an empty image, no user database.',
                'scratch: 空のイメージで、ユーザーデータベースもありません。',
              ),
            ]
          : []),
      ];
    return [where, ...imageState(quote(stage.base.image.text), language)];
  },
  ADD: (_model, instruction, say) => {
    const args = words(instruction);
    const urls = args.filter((word) => /^(https?|git):\/\/|\.git(#|$)/.test(word));
    const checksum = args.some((word) => word.startsWith('--checksum='));
    if (urls.length === 0)
      return [
        say(
          'Copies local files: COPY does the same, without surprises.',
          'ローカルのファイルをコピーしています。COPY なら同じことを意外な動作なしで行えます。',
        ),
      ];
    return [
      checksum
        ? say(
            'Downloads with --checksum: the download is verified.',
            '--checksum 付きでダウンロードしており、検証されます。',
          )
        : say(
            'Downloads without --checksum: nothing verifies what arrives.',
            '--checksum なしでダウンロードしており、届いたものは検証されません。',
          ),
    ];
  },
  COPY: (_model, instruction, say) => {
    const from = words(instruction).find((word) => word.startsWith('--from='));
    return from
      ? [say(`Copies from ${quote(from.slice(7))}.`, `${quote(from.slice(7))} からコピーします。`)]
      : [say('Copies from the build context.', 'ビルドコンテキストからコピーします。')];
  },
  HEALTHCHECK: (_model, instruction, say) => [
    /^none$/i.test(words(instruction)[0] ?? '')
      ? say(
          "HEALTHCHECK NONE: the base image's check is off.",
          'HEALTHCHECK NONE: ベースイメージのチェックを無効にしています。',
        )
      : say('The image has a health check.', 'イメージにはヘルスチェックがあります。'),
  ],
  EXPOSE: (_model, instruction, say, language) => {
    const ports = words(instruction).map(quote);
    const sensitive = ports.filter((port) => sensitivePortsIn(port).length > 0);
    return [
      say(`Ports: ${ports.join(', ')}.`, `ポート: ${listIn(language, ports)}。`),
      ...(sensitive.length
        ? [say(`Remote administration: ${sensitive.join(', ')}.`, `リモート管理用: ${listIn(language, sensitive)}。`)]
        : []),
    ];
  },
  ARG_ENV: (_model, instruction, say, language) => {
    const names = words(instruction)
      .map((word) => word.split('=')[0])
      .filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
    const secretLike = names.filter(isSecretName).map(quote);
    return secretLike.length
      ? [say(`Named like secrets: ${secretLike.join(', ')}.`, `秘密情報らしい名前: ${listIn(language, secretLike)}。`)]
      : [];
  },
  RUN_MOUNT: (_model, instruction, say, language) => {
    const types = words(instruction)
      .filter((word) => word.startsWith('--mount='))
      .map((word) => quote(/(?:^|,)type=([a-z]+)/.exec(word.slice(8))?.[1] ?? 'bind'));
    return types.length ? [say(`Mounts: ${types.join(', ')}.`, `マウント: ${listIn(language, types)}。`)] : [];
  },
};

/** What `instruction` (documented as `doc`) does in this Dockerfile, in `language`. */
export function dockerfileState(
  model: DockerfileModel,
  instruction: DockerInstruction,
  doc: SettingDocId,
  language: Language,
): string[] {
  return STATES[doc]?.(model, instruction, sayIn(language), language) ?? [];
}
