/**
 * Finding and reading `.docker-harden.yaml` files, for both adapters (the
 * CLI and the language server), so they read the same file the same way:
 * the nearest one walking up from an analysed file, or the one the CLI's
 * `--config` names. Parsing and validation are the core's (core/config);
 * this module only reads text, through the `read` function the adapter
 * gives (the disk, or an editor's unsaved text first), and caches.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig, type ParsedConfig } from './core/config/validate';
import { settingsFor, type FileSettings } from './core/config/resolve';
import type { Finding } from './core/types';
import type { Language } from './core/l10n';

/** The names a configuration file has, in the order they are looked for in one folder. */
export const CONFIG_FILE_NAMES = ['.docker-harden.yaml', '.docker-harden.yml'] as const;

/** A glob for watchers (the client's file system watcher, the server's registration). */
export const CONFIG_FILE_GLOB = '**/.docker-harden.{yaml,yml}';

export function isConfigFile(filePath: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(filePath));
}

/** What applies to one analysed file. */
export interface ResolvedFile extends FileSettings {
  /** The configuration file used, if any. */
  configPath?: string;
  /** Its problems: when there are any, `settings` are the defaults. */
  problems: readonly Finding[];
}

/** Returns a file's text, or undefined when it does not exist or cannot be read. */
export type ReadText = (filePath: string) => string | undefined;

/**
 * A configuration file's text on disk, undefined when there is none. Most
 * folders walked up from a file have none: a stat says so without the cost
 * of an exception (a dozen folders per document opened).
 */
export function readDiskText(filePath: string): string | undefined {
  if (!fs.statSync(filePath, { throwIfNoEntry: false })?.isFile()) return undefined;
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
}

export class ConfigFiles {
  private readonly nearest = new Map<string, string | null>();
  private readonly parsed = new Map<string, ParsedConfig | null>();
  /** The language the cached problems are written in: another one parses again. */
  private parsedIn: Language | undefined;

  constructor(
    private readonly read: ReadText,
    /** The language of problems; asked at each use, as an editor's language may change. */
    private readonly language: () => Language = () => 'en',
  ) {}

  /** The configuration file nearest to `filePath` (in its folder or above), if there is one. */
  locate(filePath: string): string | undefined {
    return this.locateFrom(path.dirname(path.resolve(filePath))) ?? undefined;
  }

  private locateFrom(directory: string): string | null {
    const known = this.nearest.get(directory);
    if (known !== undefined) return known;
    let found: string | null = null;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(directory, name);
      if (this.load(candidate)) {
        found = candidate;
        break;
      }
    }
    const parent = path.dirname(directory);
    if (found === null && parent !== directory) found = this.locateFrom(parent);
    this.nearest.set(directory, found);
    return found;
  }

  /** The parsed configuration file at `configPath`; undefined when it cannot be read. */
  load(configPath: string): ParsedConfig | undefined {
    const language = this.language();
    if (language !== this.parsedIn) {
      this.parsed.clear();
      this.parsedIn = language;
    }
    let parsed = this.parsed.get(configPath);
    if (parsed === undefined) {
      const text = this.read(configPath);
      parsed = text === undefined ? null : parseConfig(text, language);
      this.parsed.set(configPath, parsed);
    }
    return parsed ?? undefined;
  }

  /**
   * What applies to `filePath`: the configuration `explicit` names (the CLI's
   * `--config`), else the nearest one; none: the defaults.
   */
  forFile(filePath: string, explicit?: string): ResolvedFile {
    const configPath = explicit ?? this.locate(filePath);
    const parsed = configPath === undefined ? undefined : this.load(configPath);
    if (configPath === undefined || !parsed) return { ignored: false, settings: {}, problems: [] };
    if (!parsed.config) return { configPath, ignored: false, settings: {}, problems: parsed.problems };
    const relative = path.relative(path.dirname(configPath), path.resolve(filePath)).split(path.sep).join('/');
    return { configPath, problems: [], ...settingsFor(parsed.config, relative) };
  }

  /** Forgets what was read: after a configuration file was created, changed or deleted. */
  invalidate(): void {
    this.nearest.clear();
    this.parsed.clear();
  }
}

/** `file:line:column: message` for each problem, as the CLI prints them (1-based, like compilers). */
export function describeProblems(displayPath: string, problems: readonly Finding[]): string[] {
  return problems.map(
    (problem) =>
      `${displayPath}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.message}`,
  );
}
