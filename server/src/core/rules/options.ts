/**
 * The values rules write into their fixes, in one place: the user a fix
 * switches to, the limits it adds, the restart policy and healthcheck
 * timings it proposes. Rules read them from their context, so configuration
 * (`.docker-harden.yaml` `options:`, core/config) sets them; unset ones keep
 * the defaults below.
 */

export interface RuleOptions {
  /**
   * The unprivileged user (`user:group`) a fix switches to when the image
   * has no unprivileged user of its own.
   */
  readonly suggestedUser: string;
  /** Memory limit a fix writes: in `deploy.resources.limits.memory` and in the legacy `mem_limit`. */
  readonly memoryLimit: { readonly deploy: string; readonly legacy: string };
  /** CPU limit a fix writes: in `cpus` (and `deploy.resources.limits.cpus`), and as `cpu_quota` microseconds. */
  readonly cpuLimit: { readonly cpus: string; readonly cpuQuota: string };
  /** Process-count limit a fix writes (`pids_limit`, `deploy.resources.limits.pids`). */
  readonly pidsLimit: string;
  /** The bounded restart policy a fix writes for `always`/`unless-stopped`/`on-failure`. */
  readonly restartPolicy: string;
  /** Capabilities a `cap_drop: [ALL]` fix keeps (`cap_add`), beyond those the service demonstrably needs. */
  readonly keepCapabilities: readonly string[];
  /** Capabilities the team allows in `cap_add` (bare upper-case names): not reported as dangerous. */
  readonly allowedCapabilities: readonly string[];
  /**
   * Registries (lower-case host names; `docker.io` for Docker Hub) trusted to
   * serve what a tag names: their images are not reported for lacking a digest.
   */
  readonly trustedRegistries: readonly string[];
  /** Paths a read-only service writes to: each gets a tmpfs. */
  readonly writablePaths: readonly string[];
  /** The host address a fix publishes ports on instead of every interface. */
  readonly hostAddress: string;
  /** A health check command given by the user (shell form); empty: the probe known for the image, if any. */
  readonly healthcheckCommand: string;
  /** The sha256 a fix pins an `ADD <url>` download to; empty: the fix leaves a placeholder to fill in. */
  readonly checksum: string;
  /** Timings of the HEALTHCHECK a fix adds to a Dockerfile. */
  readonly healthcheck: {
    readonly interval: string;
    readonly timeout: string;
    readonly startPeriod: string;
    readonly retries: number;
  };
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = {
  // 65532 is distroless' `nonroot` (and Chainguard's): a UID no base image gives to a real account.
  suggestedUser: '65532:65532',
  // Compose reads `512M` in deploy limits and `512m` in mem_limit; both are 512 MiB.
  memoryLimit: { deploy: '512M', legacy: '512m' },
  // One CPU: cpu_quota is microseconds per the default 100,000 µs CFS period.
  cpuLimit: { cpus: '1.0', cpuQuota: '100000' },
  // Room for a busy application server's threads, far below what a fork bomb reaches.
  pidsLimit: '200',
  restartPolicy: 'on-failure:5',
  keepCapabilities: [],
  allowedCapabilities: [],
  trustedRegistries: [],
  writablePaths: ['/tmp'],
  hostAddress: '127.0.0.1',
  healthcheckCommand: '',
  checksum: '',
  // Docker's defaults are 30s/30s/0s/3; a shorter timeout and a start period suit an HTTP probe.
  healthcheck: { interval: '30s', timeout: '5s', startPeriod: '10s', retries: 3 },
};

/** Whether an image's registry (null: Docker Hub) is one the options trust. */
export function fromTrustedRegistry(registry: string | null, options: RuleOptions): boolean {
  if (options.trustedRegistries.length === 0) return false;
  const host = (registry ?? 'docker.io').toLowerCase();
  const hub = host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
  return options.trustedRegistries.includes(hub);
}
