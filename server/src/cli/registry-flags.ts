/**
 * The CLI's image-facts flags (`--registry`, `--registry-cache DIR`,
 * `--registry-platform OS/ARCH`, `--registry-allow HOST,...`), read off the
 * argument list before the other options are parsed, and the look-ups they
 * call for: each file is analysed once to learn its images, the images are
 * looked up (in parallel, deduplicated, through the disk cache), and the
 * real run (report or `--fix`) gets the facts. Off by default: without
 * `--registry` nothing here runs and no connection is made.
 */
import type { ImageFacts, ImageQuery } from '../core/image-facts';
import { platformOf } from '../core/image-facts';
import type { AnalysisPool } from '../runtime/analysis-pool';
import { defaultCacheFolder } from '../registry/cache';
import { ImageFactsService } from '../registry/facts-service';
import { DEFAULT_REGISTRIES } from '../registry/reference';
import { usageError } from './options';
import { CLI_TEXTS } from './messages';
import type { Language } from '../core/l10n';

export interface RegistryFlags {
  enabled: boolean;
  cacheFolder: string;
  platform?: string;
  /** Registries allowed besides the defaults. */
  alsoAllowed: string[];
}

export const REGISTRY_USAGE = `image facts (off unless --registry; only image names and tags are sent):
  --registry                  ask the images' registries for their default user, healthcheck, ports and
                              digest (the allow-listed ones: ${DEFAULT_REGISTRIES.slice(0, 4).join(', ')}... and loopback);
                              with --fix, pins FROM and image: to the digest
  --registry-cache DIR        cache folder (default: $XDG_CACHE_HOME/docker-harden/images)
  --registry-platform OS/ARCH platform of images whose FROM or service names none (default: linux/amd64)
  --registry-allow HOST[,...] also ask these registries (private ones; credentials from ~/.docker/config.json)`;

/** REGISTRY_USAGE in Japanese: the same flags, in the same order. */
export const REGISTRY_USAGE_JA = `イメージの情報(--registry を付けたときだけ。送るのはイメージ名とタグだけです):
  --registry                  イメージのレジストリに既定のユーザー、ヘルスチェック、ポート、ダイジェストを
                              問い合わせる(許可リストのもの: ${DEFAULT_REGISTRIES.slice(0, 4).join(', ')}... とループバック)。
                              --fix と併用すると FROM と image: をダイジェストで固定する
  --registry-cache DIR        キャッシュフォルダー(既定: $XDG_CACHE_HOME/docker-harden/images)
  --registry-platform OS/ARCH FROM やサービスがプラットフォームを指定しないイメージのプラットフォーム(既定: linux/amd64)
  --registry-allow HOST[,...] これらのレジストリにも問い合わせる(プライベートなもの。認証情報は ~/.docker/config.json から)`;

/** The registry flags' usage text in a language. */
export function registryUsageText(language: Language): string {
  return language === 'ja' ? REGISTRY_USAGE_JA : REGISTRY_USAGE;
}

/** The registry flags and the arguments left for the other options. */
export function extractRegistryFlags(argv: readonly string[]): { rest: string[]; flags: RegistryFlags } {
  const flags: RegistryFlags = { enabled: false, cacheFolder: defaultCacheFolder(), alsoAllowed: [] };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq !== -1 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const given = inline ?? argv[++i];
      if (given === undefined || given.trim() === '') throw usageError((t) => t.takesValue({ flag }));
      return given;
    };
    if (flag === '--registry') {
      if (inline !== undefined) throw usageError((t) => t.takesNoValue({ flag }));
      flags.enabled = true;
    } else if (flag === '--registry-cache') flags.cacheFolder = value();
    else if (flag === '--registry-platform') {
      const platform = platformOf(value());
      if (!platform) throw usageError((t) => t.takesPlatform({ flag }));
      flags.platform = platform;
    } else if (flag === '--registry-allow')
      flags.alsoAllowed.push(
        ...value()
          .split(',')
          .map((host) => host.trim())
          .filter(Boolean),
      );
    else rest.push(arg);
  }
  return { rest, flags };
}

/** A file to learn the images of: its text and absolute path. */
export interface FileToLookUp {
  text: string;
  path: string;
}

/**
 * The facts of each file's images (by absolute path): every file analysed
 * once to list its images, every image looked up once. A failing registry
 * is told once on standard error and its images keep built-in knowledge.
 */
export async function imageFactsOfFiles(
  pool: AnalysisPool,
  files: readonly FileToLookUp[],
  flags: RegistryFlags,
  stderr: (text: string) => void,
  language: Language = 'en',
): Promise<Map<string, ImageFacts[]>> {
  let told = false;
  const service = new ImageFactsService({
    registries: [...DEFAULT_REGISTRIES, ...flags.alsoAllowed],
    cacheFolder: flags.cacheFolder,
    defaultPlatform: flags.platform,
    log: (line, failure) => {
      if (!told) stderr(`docker-harden: ${failure ? CLI_TEXTS[language].registryUnreachable(failure) : line}\n`);
      told = true;
    },
  });
  const listed = await Promise.all(
    files.map((file) => pool.analyze({ text: file.text, options: { path: file.path } }).then((o) => o.images ?? [])),
  );
  const lookups = new Map<ImageQuery, Promise<ImageFacts | undefined>>();
  for (const images of listed) for (const query of images) lookups.set(query, service.lookup(query));
  const byPath = new Map<string, ImageFacts[]>();
  for (const [index, images] of listed.entries()) {
    const facts = await Promise.all(images.map((query) => lookups.get(query)!));
    byPath.set(
      files[index].path,
      facts.filter((found) => found !== undefined),
    );
  }
  return byPath;
}
