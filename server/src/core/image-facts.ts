/**
 * What a registry says about an image (its config's default user, exposed
 * ports and healthcheck, the digest its tag points to), as plain data handed
 * to the analysis — the core never asks a registry itself, as it never reads
 * a file: the adapters look images up (server/src/registry) and pass the
 * facts they have in `AnalyzeOptions.imageFacts`. Without facts the rules
 * use the built-in knowledge, as before.
 */

/** One image an analysis wants to know about: the reference after variable substitution, and the platform. */
export interface ImageQuery {
  /** As resolved from the document (`nginx:1.27`, `ghcr.io/org/app:v1@sha256:…`). */
  reference: string;
  /** `os/arch[/variant]` from `FROM --platform` or the Compose `platform:`; null for the adapter's default. */
  platform: string | null;
}

/** The facts of one image for one platform, read from its registry. JSON-safe (crosses thread boundaries). */
export interface ImageFacts {
  /** The query these facts answer. */
  query: ImageQuery;
  /** The platform the facts were read for (`linux/amd64`). */
  platform: string;
  /** What the reference resolves to: the index's digest for a multi-platform tag, else the manifest's. */
  digest: string;
  /** The chosen platform's manifest digest (equal to `digest` for a single-platform image). */
  manifestDigest: string;
  /** The config's `User`; '' when it sets none, so the container runs as root. */
  user: string;
  /** The config's `ExposedPorts` keys (`80/tcp`). */
  exposedPorts: string[];
  /** The config's `Healthcheck.Test`; null when the image defines none. `["NONE"]` disables an inherited one. */
  healthcheck: string[] | null;
  /** The config's `created` date, as written (RFC 3339), or null. */
  created: string | null;
}

/** Looks facts up by query; undefined when the adapter has none (feature off, not looked up yet, lookup failed). */
export interface ImageFactsLookup {
  factsFor(query: ImageQuery): ImageFacts | undefined;
}

/** The key one query is stored under: facts for the default platform answer only queries without a platform. */
export function queryKey(query: ImageQuery): string {
  return `${query.reference}|${query.platform ?? ''}`;
}

/**
 * A lookup over a list of facts (what an adapter passes across a thread
 * boundary). The facts of `nginx:1.27` also answer `nginx:1.27@<digest>` when
 * that tag resolved to that digest: what a pinned reference means is known
 * (so the analysis after "Pin to digest" keeps the facts it had).
 */
export function imageFactsFrom(list: readonly ImageFacts[]): ImageFactsLookup {
  const byKey = new Map(list.map((facts) => [queryKey(facts.query), facts]));
  return {
    factsFor(query) {
      const exact = byKey.get(queryKey(query));
      if (exact) return exact;
      const at = query.reference.lastIndexOf('@');
      if (at === -1) return undefined;
      const tagged = byKey.get(queryKey({ reference: query.reference.slice(0, at), platform: query.platform }));
      return tagged?.digest === query.reference.slice(at + 1) ? tagged : undefined;
    },
  };
}

/** Whether the config's user is root: no `User` at all, `root`, or UID 0 (with or without a group). */
export function runsAsRoot(facts: ImageFacts): boolean {
  const user = facts.user.trim().split(':')[0];
  return user === '' || user === 'root' || user === '0';
}

/** Who the image runs as by default: what its registry config says when known, else the built-in knowledge. */
export function defaultUserOf(
  knowledge: { defaultUser: 'root' | 'non-root' | 'unknown' } | null | undefined,
  facts: ImageFacts | undefined,
): 'root' | 'non-root' | 'unknown' {
  if (facts) return runsAsRoot(facts) ? 'root' : 'non-root';
  return knowledge?.defaultUser ?? 'unknown';
}

/** Whether the image defines a healthcheck that runs (not `NONE`). */
export function hasHealthcheck(facts: ImageFacts): boolean {
  return facts.healthcheck !== null && facts.healthcheck.length > 0 && facts.healthcheck[0].toUpperCase() !== 'NONE';
}

/** The exposed port numbers (`22/tcp` → 22), for the sensitive-port rules. */
export function exposedPortNumbers(facts: ImageFacts): number[] {
  return facts.exposedPorts.map((spec) => Number(spec.split('/')[0])).filter((port) => Number.isInteger(port));
}

/** Platform values the core cannot know (build arguments such as `$BUILDPLATFORM`) leave the choice to the adapter. */
export function platformOf(written: string | null | undefined): string | null {
  const value = written?.trim().toLowerCase();
  return value && /^[a-z0-9_.-]+\/[a-z0-9_.-]+(\/[a-z0-9_.-]+)?$/.test(value) ? value : null;
}
