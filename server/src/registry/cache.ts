/**
 * The disk cache of image facts: one small JSON file per query in a folder
 * of the adapter's choosing (the extension's global storage, the CLI's
 * XDG cache folder). Facts of a tag expire after a time to live (tags move);
 * facts of a digest never do (its content cannot change). An expired entry
 * is still handed out when the registry cannot be reached.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { queryKey, type ImageFacts, type ImageQuery } from '../core/image-facts';

/** Six hours: a day-old tag may well have moved; a few hours keep lookups rare while typing. */
export const DEFAULT_TAG_TTL_MS = 6 * 60 * 60 * 1000;

interface CacheEntry {
  key: string;
  storedAt: number;
  facts: ImageFacts;
}

export interface CachedFacts {
  facts: ImageFacts;
  /** False once a tag's time to live has passed: look it up again, and use this only if that fails. */
  fresh: boolean;
}

/** The CLI's default cache folder: `$XDG_CACHE_HOME/docker-harden/images`, else `~/.cache/docker-harden/images`. */
export function defaultCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'docker-harden', 'images');
}

export class FactsCache {
  constructor(
    private readonly folder: string | undefined,
    private readonly tagTtlMs = DEFAULT_TAG_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  read(query: ImageQuery): CachedFacts | undefined {
    if (!this.folder) return undefined;
    let entry: CacheEntry;
    try {
      entry = JSON.parse(fs.readFileSync(this.fileOf(query), 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
    if (entry.key !== queryKey(query) || !entry.facts || typeof entry.facts.digest !== 'string') return undefined;
    const pinned = query.reference.includes('@sha256:');
    return { facts: entry.facts, fresh: pinned || this.now() - entry.storedAt < this.tagTtlMs };
  }

  /** Stores facts; a cache that cannot be written (read-only home, full disk) only costs the next lookup. */
  write(facts: ImageFacts): void {
    if (!this.folder) return;
    const entry: CacheEntry = { key: queryKey(facts.query), storedAt: this.now(), facts };
    const file = this.fileOf(facts.query);
    try {
      fs.mkdirSync(this.folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(entry));
      fs.renameSync(temporary, file);
    } catch {
      // Not worth a message: the facts are still in memory for this session.
    }
  }

  private fileOf(query: ImageQuery): string {
    const name = createHash('sha256').update(queryKey(query)).digest('hex').slice(0, 40);
    return path.join(this.folder!, `${name}.json`);
  }
}
