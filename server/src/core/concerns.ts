/**
 * The fixed vocabulary of hardening concerns (a copy of the project's concerns.json).
 * Every finding that is a hardening problem carries exactly one of these ids.
 */
import concernsJson from './concerns.json';
import type { Severity } from './types';

export type ConcernId = string & { readonly __concern?: unique symbol };

export interface Concern {
  id: ConcernId;
  kind: 'dockerfile' | 'compose';
  severity: Severity;
  seed: string;
  what: string;
}

export const CONCERNS: readonly Concern[] = concernsJson.concerns as Concern[];

const byId = new Map(CONCERNS.map((c) => [c.id, c]));

/** Looks a concern up, failing loudly on a typo: a rule must never carry an unknown concern. */
export function concern(id: string): Concern {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown concern id: ${id}`);
  return found;
}
