/**
 * The texts of a Compose file's own problems (limits of what docker-harden
 * reads, references Compose cannot follow: a file that cannot be read, a
 * service that is not there, cycles, chains too long) in every language.
 * The model is built once for every language, so a problem keeps its text
 * in each (`inEveryLanguage`) and the analysis picks one. Values are
 * already quoted (masked) by the caller; `via` is how the file is named
 * (`extends`, `include`, or nothing for an override file).
 */
import type { Localized } from '../l10n';

type Via = 'extends' | 'include' | null;

export interface ComposeProblemTexts {
  nestedTooDeeply(p: { levels: number }): string;
  aliasBomb(p: { limit: number }): string;
  tooManyNodes(p: { limit: number }): string;
  cannotRead(p: { via: Via; name: string }): string;
  fileTooLarge(p: { via: Via; name: string; size: string; limit: number }): string;
  fileNestsTooDeeply(p: { via: Via; name: string }): string;
  noSuchService(p: { service: string; file: string | null }): string;
  /** `names`: the services round the cycle, from the closing one back to it; `count`: the services in it. */
  extendsCycle(p: { service: string; names: string[]; count: number }): string;
  extendsTooDeep(p: { top: string; next: string; limit: number }): string;
  includesItself(p: { path: string }): string;
  includeConflict(p: { service: string; paths: string }): string;
  serviceChainTooLong(p: { key: string; service: string; next: string; limit: number }): string;
  joinsOwnNamespace(p: { key: string; service: string; names: string[]; count: number }): string;
}

/** A cycle's services as `"a" -> "b" -> "a"`, its middle left out past 8 names. */
function chain(names: string[], inAll: string): string {
  const quoted = names.map((name) => `"${name}"`);
  return (quoted.length > 8 ? [...quoted.slice(0, 4), inAll, ...quoted.slice(-2)] : quoted).join(' -> ');
}

/** The key a message starts with, as the user wrote it (`extends: `), or nothing for an override file. */
const prefix = (via: Via): string => (via ? `${via}: ` : '');

export const COMPOSE_PROBLEM_TEXTS: Localized<ComposeProblemTexts> = {
  en: {
    nestedTooDeeply: (p) =>
      `YAML: collections nested more than ${p.levels} levels deep here; docker-harden does not` +
      ' read a file nested this deeply, so nothing else in it is checked.',
    aliasBomb: (p) =>
      `More than ${p.limit} alias expansions: this looks like an alias bomb, so the rest is not analysed.`,
    tooManyNodes: (p) =>
      `The files this one pulls in (overrides, extends, includes) hold more than ${p.limit} YAML nodes; ` +
      'the rest of them is not analysed.',
    cannotRead: (p) => `${prefix(p.via)}cannot read ${p.name}; docker compose would stop here.`,
    fileTooLarge: (p) =>
      `${prefix(p.via)}${p.name} is ${p.size} MiB, larger than the ${p.limit} MiB docker-harden reads; ` +
      'what it sets is left out.',
    fileNestsTooDeeply: (p) =>
      `${prefix(p.via)}${p.name} nests deeper than docker-harden reads; what it sets is left out.`,
    noSuchService: (p) =>
      `extends: there is no service "${p.service}"${p.file ? ` in ${p.file}` : ''}; docker compose would stop here.`,
    extendsCycle: (p) =>
      `extends: service "${p.service}" extends itself through ` +
      `${chain(p.names, `... (${p.count} services in all)`)}; docker compose would stop here.`,
    extendsTooDeep: (p) =>
      `extends: the chain from service "${p.top}" ("${p.top}" -> "${p.next}" -> ...) is more than ${p.limit} ` +
      `levels deep; docker-harden merges at most ${p.limit} levels, so "${p.top}" and the services extending it ` +
      'are checked with their own settings only.',
    includesItself: (p) =>
      `include: ${p.path} includes itself (directly or through other files); docker compose would stop here.`,
    includeConflict: (p) =>
      `include: service "${p.service}" from ${p.paths} is also defined elsewhere in this project; ` +
      'docker compose refuses such a conflict.',
    serviceChainTooLong: (p) =>
      `${p.key}: the chain of service: references from "${p.service}" ("${p.service}" -> "${p.next}" -> ...) ` +
      `is more than ${p.limit} services long; docker-harden follows at most ${p.limit}, so where it ends ` +
      `is not checked for "${p.service}" and the services joining it.`,
    joinsOwnNamespace: (p) =>
      `${p.key}: service "${p.service}" joins its own namespace through ` +
      `${chain(p.names, `... (${p.count} services in all)`)}; docker compose cannot start these services.`,
  },
  ja: {
    nestedTooDeeply: (p) =>
      `YAML: ここでコレクションが ${p.levels} 段より深く入れ子になっています。` +
      'docker-harden はこれほど深い入れ子のファイルを読まないため、このファイルのほかの部分も検査しません。',
    aliasBomb: (p) =>
      `エイリアスの展開が ${p.limit} 回を超えました。エイリアス爆弾と見られるため、残りは解析しません。`,
    tooManyNodes: (p) =>
      `このファイルが取り込むファイル(オーバーライド、extends、include)の YAML ノードが ${p.limit} 個を超えています。` +
      '超えた分は解析しません。',
    cannotRead: (p) => `${prefix(p.via)}${p.name} を読み取れません。docker compose はここで停止します。`,
    fileTooLarge: (p) =>
      `${prefix(p.via)}${p.name} は ${p.size} MiB あり、docker-harden が読む ${p.limit} MiB を超えています。` +
      'このファイルの設定は含めずに解析します。',
    fileNestsTooDeeply: (p) =>
      `${prefix(p.via)}${p.name} は docker-harden が読めるより深く入れ子になっています。` +
      'このファイルの設定は含めずに解析します。',
    noSuchService: (p) =>
      `extends: ${p.file ? `${p.file} に` : ''}サービス "${p.service}" がありません。docker compose はここで停止します。`,
    extendsCycle: (p) =>
      `extends: サービス "${p.service}" が ${chain(p.names, `...(全 ${p.count} サービス)`)} を通じて` +
      '自分自身を extends しています。docker compose はここで停止します。',
    extendsTooDeep: (p) =>
      `extends: サービス "${p.top}" からの連鎖("${p.top}" -> "${p.next}" -> ...)が ${p.limit} 段を超えています。` +
      `docker-harden がマージするのは ${p.limit} 段までのため、"${p.top}" とそれを extends するサービスは` +
      '自身の設定だけで検査します。',
    includesItself: (p) =>
      `include: ${p.path} が(直接またはほかのファイルを通じて)自分自身を include しています。` +
      'docker compose はここで停止します。',
    includeConflict: (p) =>
      `include: ${p.paths} のサービス "${p.service}" は、このプロジェクトのほかの場所でも定義されています。` +
      'docker compose はこのような衝突を受け付けません。',
    serviceChainTooLong: (p) =>
      `${p.key}: "${p.service}" からの service: 参照の連鎖("${p.service}" -> "${p.next}" -> ...)が ` +
      `${p.limit} サービスを超えています。docker-harden がたどるのは ${p.limit} サービスまでのため、` +
      `"${p.service}" とそれに加わるサービスについては、連鎖の行き着く先を検査しません。`,
    joinsOwnNamespace: (p) =>
      `${p.key}: サービス "${p.service}" が ${chain(p.names, `...(全 ${p.count} サービス)`)} を通じて` +
      '自分自身の名前空間に加わっています。docker compose はこれらのサービスを起動できません。',
  },
};
