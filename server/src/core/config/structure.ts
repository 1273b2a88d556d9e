/**
 * What a `.docker-harden.yaml` may hold, described once: the validator
 * (validate.ts) walks a file against this description and the JSON Schema
 * (schema.ts, shipped as schemas/docker-harden.schema.json) is generated
 * from it, so the two cannot disagree about a key.
 */
import { CONCERNS } from '../concerns';
import { ALL_RULES, BUILTIN_IDS } from '../rules';

/** The kind of value a key takes. */
export type ValueShape =
  | { type: 'string'; pattern?: string; example: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'integer'; minimum: number; maximum: number }
  | { type: 'boolean' }
  | { type: 'list'; items: ValueShape; minItems?: number }
  | { type: 'object'; properties: Readonly<Record<string, KeyShape>> }
  /** A mapping from rule or concern ids to severities (`rules:`). */
  | { type: 'severities' }
  /** A list of `{ files, rules, options }` entries (`overrides:`). */
  | { type: 'overrides' };

export interface KeyShape {
  shape: ValueShape;
  description: string;
  /** The override entry's `files` must be given. */
  required?: boolean;
}

export const PROFILES = ['recommended', 'strict'] as const;
export type Profile = (typeof PROFILES)[number];

export const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/**
 * Ids `rules:` accepts: every rule id, the core's own finding ids (a team
 * may turn `unused-suppression` off) and every concern id.
 */
export const CONFIGURABLE_IDS: readonly string[] = [
  ...ALL_RULES.map((meta) => meta.id),
  ...Object.values(BUILTIN_IDS).filter((id) => id !== BUILTIN_IDS.configError),
  ...CONCERNS.map((concern) => concern.id as string),
];

const CAPABILITY = { type: 'string', pattern: '^(CAP_)?[A-Za-z_]+$', example: 'NET_BIND_SERVICE' } as const;
/** Compose byte values: a number with an optional b, k, m or g unit (either case). */
const BYTES = '^[0-9]+(\\.[0-9]+)?[bkmgBKMG]?$';
/** Compose and Dockerfile durations: `1m30s`, `500ms`. */
const DURATION = '^([0-9]+(\\.[0-9]+)?(us|ms|s|m|h))+$';

/** The rule options a configuration can set (server/src/core/rules/options.ts), by their configuration names. */
export const OPTION_KEYS: Readonly<Record<string, KeyShape>> = {
  suggestedUser: {
    shape: {
      type: 'string',
      pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$',
      example: '10001:10001',
    },
    description: 'The unprivileged user (user or user:group) a fix switches to when the image has none of its own.',
  },
  memoryLimit: {
    shape: { type: 'string', pattern: BYTES, example: '512M' },
    description: 'The memory limit a fix adds (deploy.resources.limits.memory, mem_limit).',
  },
  cpuLimit: {
    shape: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$', example: '1.0' },
    description: 'The CPU limit a fix adds, in CPUs (cpus, deploy.resources.limits.cpus; cpu_quota is derived).',
  },
  pidsLimit: {
    shape: { type: 'integer', minimum: 1, maximum: 4194304 },
    description: 'The process-count limit a fix adds (pids_limit, deploy.resources.limits.pids).',
  },
  restartPolicy: {
    shape: { type: 'string', pattern: '^(no|on-failure:[1-9][0-9]*)$', example: 'on-failure:5' },
    description: 'The bounded restart policy a fix writes instead of always, unless-stopped or on-failure.',
  },
  keepCapabilities: {
    shape: { type: 'list', items: CAPABILITY },
    description: 'Capabilities a cap_drop: [ALL] fix adds back (cap_add), beyond those a service is seen to need.',
  },
  allowedCapabilities: {
    shape: { type: 'list', items: CAPABILITY },
    description: 'Capabilities the team allows in cap_add: compose-dangerous-capability does not report them.',
  },
  writablePaths: {
    shape: { type: 'list', items: { type: 'string', pattern: '^/', example: '/tmp' } },
    description: 'Paths a read-only service still writes to: a read_only fix gives each a tmpfs.',
  },
  hostAddress: {
    shape: { type: 'string', pattern: '^([0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[?[0-9A-Fa-f:]+\\]?)$', example: '127.0.0.1' },
    description: 'The host address a fix publishes ports on instead of every interface.',
  },
  healthcheckCommand: {
    shape: { type: 'string', example: 'curl -fsS http://localhost:8080/health || exit 1' },
    description: 'The health check command (shell form) a fix adds; unset: the probe known for the image, if any.',
  },
  healthcheck: {
    shape: {
      type: 'object',
      properties: {
        interval: { shape: { type: 'string', pattern: DURATION, example: '30s' }, description: 'Time between checks.' },
        timeout: {
          shape: { type: 'string', pattern: DURATION, example: '5s' },
          description: 'Time one check may take.',
        },
        startPeriod: {
          shape: { type: 'string', pattern: DURATION, example: '10s' },
          description: 'Start-up time during which failures do not count.',
        },
        retries: {
          shape: { type: 'integer', minimum: 1, maximum: 100 },
          description: 'Failures in a row before the container is unhealthy.',
        },
      },
    },
    description: 'Timings of the health check a fix adds.',
  },
  trustedRegistries: {
    shape: {
      type: 'list',
      items: { type: 'string', pattern: '^[A-Za-z0-9.-]+(:[0-9]+)?$', example: 'registry.example.com' },
    },
    description:
      'Registries the team trusts to serve what a tag names (an internal registry that pins and scans its images): ' +
      'images from them are not reported for lacking a digest. docker.io stands for Docker Hub.',
  },
};

const RULES_KEY: KeyShape = {
  shape: { type: 'severities' },
  description: 'Severity by rule id or concern id: off, info, warning or error. A rule id wins over its concern id.',
};

const OPTIONS_KEY: KeyShape = {
  shape: { type: 'object', properties: OPTION_KEYS },
  description: 'Values the rules and their fixes use.',
};

const GLOBS: ValueShape = { type: 'list', items: { type: 'string', example: 'vendor/**' } };

/** An `overrides:` entry's keys. */
export const OVERRIDE_KEYS: Readonly<Record<string, KeyShape>> = {
  files: {
    shape: { ...GLOBS, minItems: 1 },
    description: 'Globs (.gitignore syntax, relative to the configuration file) of the files this entry applies to.',
    required: true,
  },
  rules: RULES_KEY,
  options: OPTIONS_KEY,
};

/** The top-level keys. */
export const TOP_LEVEL_KEYS: Readonly<Record<string, KeyShape>> = {
  extends: {
    shape: { type: 'enum', values: PROFILES },
    description:
      'The profile: recommended (the default severities) or strict (findings of a missing setting one level higher).',
  },
  rules: RULES_KEY,
  options: OPTIONS_KEY,
  suppressions: {
    shape: {
      type: 'object',
      properties: {
        requireReason: {
          shape: { type: 'boolean' },
          description: 'Report every docker-harden-ignore comment that gives no reason after " -- ".',
        },
      },
    },
    description: 'How docker-harden-ignore comments are checked.',
  },
  ignore: {
    shape: GLOBS,
    description: 'Globs (.gitignore syntax, relative to the configuration file) of files not analysed.',
  },
  overrides: {
    shape: { type: 'overrides' },
    description: 'Rules and options for the files matching globs; later entries win over earlier ones.',
  },
};

/** Rules whose findings are about a setting that is missing: the strict profile raises them one level. */
export const STRICT_RAISED_RULES: readonly string[] = [
  'missing-user',
  'missing-healthcheck',
  'base-image-without-digest',
  'compose-capabilities-not-dropped',
  'compose-no-new-privileges',
  'compose-writable-root-filesystem',
  'compose-no-memory-limit',
  'compose-no-cpu-limit',
  'compose-no-pids-limit',
  'compose-missing-healthcheck',
  'compose-image-without-digest',
  'compose-unencrypted-overlay',
];
