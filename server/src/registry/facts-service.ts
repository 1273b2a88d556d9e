/**
 * Image facts for the adapters (language server, CLI): what is known now
 * (memory, then the disk cache) and lookups in the background, under the
 * safety rules of the feature — only allow-listed registries, at most a
 * few requests at once, one lookup per query however often it is asked for
 * (a burst of edits), a failed query not retried for a while, and failures
 * told once per registry through `log`, never with a credential in them.
 */
import { queryKey, type ImageFacts, type ImageQuery } from '../core/image-facts';
import { FactsCache, DEFAULT_TAG_TTL_MS } from './cache';
import { RegistryClient, RegistryError, type RegistryClientOptions } from './client';
import { dockerConfigCredentials } from './credentials';
import { DEFAULT_REGISTRIES, isAllowed, locate } from './reference';

export interface ImageFactsOptions extends RegistryClientOptions {
  /** Registries that may be asked (default DEFAULT_REGISTRIES). */
  registries?: readonly string[];
  /** The disk cache's folder; none keeps facts in memory only. */
  cacheFolder?: string;
  tagTtlMs?: number;
  /** Lookups running at once at most (default 4). */
  concurrency?: number;
  /** A failed query is not asked again for this long (default 5 minutes). */
  retryAfterMs?: number;
  /** Where the one line per failing registry goes; with the registry and why, for a caller that words it itself. */
  log?: (line: string, failure?: { registry: string; why: string }) => void;
}

export class ImageFactsService {
  private readonly client: RegistryClient;
  private readonly cache: FactsCache;
  private readonly memory = new Map<string, ImageFacts>();
  private readonly inFlight = new Map<string, Promise<ImageFacts | undefined>>();
  private readonly failedAt = new Map<string, number>();
  private readonly toldRegistries = new Set<string>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  /** Lookups that went to a registry (not answered from memory or a fresh cache entry). */
  networkLookups = 0;

  constructor(private readonly options: ImageFactsOptions = {}) {
    this.client = new RegistryClient({ credentials: dockerConfigCredentials(), ...options });
    this.cache = new FactsCache(options.cacheFolder, options.tagTtlMs ?? DEFAULT_TAG_TTL_MS);
  }

  get defaultPlatform(): string {
    return this.client.defaultPlatform;
  }

  /** Whether the query's registry may be asked at all (a valid reference on the allow-list). */
  allows(query: ImageQuery): boolean {
    const location = locate(query.reference);
    return location !== null && isAllowed(location.registry, this.options.registries ?? DEFAULT_REGISTRIES);
  }

  /** The facts known without asking a registry: this session's, else a fresh disk-cache entry's. */
  known(query: ImageQuery): ImageFacts | undefined {
    const key = queryKey(query);
    const inMemory = this.memory.get(key);
    if (inMemory) return inMemory;
    const cached = this.cache.read(query);
    if (cached?.fresh) {
      this.memory.set(key, cached.facts);
      return cached.facts;
    }
    // `nginx:1.27@<digest>` just pinned from `nginx:1.27`: the tag's facts are that digest's.
    const at = query.reference.lastIndexOf('@');
    const tagged =
      at === -1 ? undefined : this.memory.get(queryKey({ ...query, reference: query.reference.slice(0, at) }));
    return tagged?.digest === query.reference.slice(at + 1) ? tagged : undefined;
  }

  /**
   * The facts of a query, looked up when not known; undefined when the
   * registry is not allowed or the lookup fails (the analysis then keeps its
   * built-in knowledge). Never rejects.
   */
  lookup(query: ImageQuery): Promise<ImageFacts | undefined> {
    const known = this.known(query);
    if (known) return Promise.resolve(known);
    const key = queryKey(query);
    const running = this.inFlight.get(key);
    if (running) return running;
    if (!this.allows(query)) return Promise.resolve(undefined);
    const failed = this.failedAt.get(key);
    if (failed !== undefined && Date.now() - failed < (this.options.retryAfterMs ?? 5 * 60 * 1000))
      return Promise.resolve(this.cache.read(query)?.facts);
    const lookup = this.fromRegistry(query).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, lookup);
    return lookup;
  }

  private async fromRegistry(query: ImageQuery): Promise<ImageFacts | undefined> {
    const key = queryKey(query);
    await this.slot();
    try {
      this.networkLookups++;
      const facts = await this.client.imageFacts(query);
      this.memory.set(key, facts);
      this.failedAt.delete(key);
      this.cache.write(facts);
      return facts;
    } catch (error) {
      this.failedAt.set(key, Date.now());
      this.tell(query, error);
      // An expired entry is better than nothing while the registry is away.
      const stale = this.cache.read(query)?.facts;
      if (stale) this.memory.set(key, stale);
      return stale;
    } finally {
      // The slot passes straight to a waiting lookup, so no newcomer slips in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private async slot(): Promise<void> {
    if (this.running < (this.options.concurrency ?? 4)) this.running++;
    else await new Promise<void>((go) => this.waiting.push(go));
  }

  private tell(query: ImageQuery, error: unknown): void {
    const registry = locate(query.reference)?.registry ?? query.reference;
    if (this.toldRegistries.has(registry)) return;
    this.toldRegistries.add(registry);
    const why = error instanceof RegistryError ? error.message : 'unexpected error';
    this.options.log?.(`Image facts: ${registry} could not be asked (${why}); using built-in knowledge.`, {
      registry,
      why,
    });
  }
}
