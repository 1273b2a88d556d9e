/**
 * The rule registry: every rule of every document kind, plus the ids of the
 * findings the core reports itself (syntax, limits, suppressions), which
 * carry no concern.
 */
import { COMPOSE_RULES } from './compose';
import { DOCKERFILE_RULES } from './dockerfile';
import type { RuleMeta } from './rule';

/** Findings that are not hardening concerns. */
export const BUILTIN_IDS = {
  syntax: 'syntax-error',
  /** A reference Compose cannot follow: a missing `extends` file or service, an `include` cycle. */
  brokenReference: 'broken-reference',
  tooLarge: 'file-too-large',
  unknownSuppression: 'unknown-suppression',
  unusedSuppression: 'unused-suppression',
  internalError: 'internal-error',
  /** The analysis ran out of its time or memory budget and was stopped. */
  analysisStopped: 'analysis-stopped',
  /** A problem in a `.docker-harden.yaml` (YAML error, unknown key or id, wrong type): reported on that file. */
  configError: 'config-error',
  /** A `docker-harden-ignore` without ` -- reason`, when the configuration requires one. */
  suppressionWithoutReason: 'suppression-without-reason',
} as const;

export const ALL_RULES: readonly RuleMeta[] = [
  ...DOCKERFILE_RULES.map((r) => r.meta),
  ...COMPOSE_RULES.map((r) => r.meta),
];

const metaById = new Map(ALL_RULES.map((meta) => [meta.id, meta]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return metaById.get(id);
}

export { COMPOSE_RULES, DOCKERFILE_RULES };
