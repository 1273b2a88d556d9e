/**
 * `network_mode: service:x`, `pid: service:x`, `ipc: service:x`: a service
 * joins another service's namespace, which may itself join a third one's.
 * The chains are followed with a loop and every service's answer is kept
 * for the whole analysis, so chains of thousands of services cost time in
 * their length, once, and never overflow the stack.
 *
 * Compose sets no depth limit. docker-harden follows at most
 * MAX_SERVICE_CHAIN links (real projects use one); a longer chain is
 * reported once, where it crosses the limit, and a cycle once, at the
 * reference that closes it, both as broken references (Compose cannot start
 * such a project).
 */
import { inEveryLanguage } from '../l10n';
import { COMPOSE_PROBLEM_TEXTS } from './problem-messages';
import { quote } from '../knowledge/secrets';
import type { ComposeModel, ComposeService } from './model';
import type { Range } from '../types';

/** `service:` links followed from one service before giving up. */
export const MAX_SERVICE_CHAIN = 64;

export interface JoinedNamespace {
  /** The service at the end of the chain whose own value is `host`, or null when the chain ends elsewhere. */
  hostOwner: string | null;
}

interface Resolved {
  hostOwner: string | null;
  /** Links below this service (Infinity: into a cycle). */
  depth: number;
}

/** One service's value for the key, as the chain reads it. */
type Link = { kind: 'host' } | { kind: 'service'; name: string; range: Range; local: boolean } | { kind: 'other' };

/** Per analysis: the model passed to the rules is copied per service, its list of services is not. */
const RESOLVED = new WeakMap<readonly ComposeService[], Map<string, Map<string, Resolved>>>();

/** The name a `service:x` value joins, or null. */
export function joinedService(text: string): string | null {
  return text.startsWith('service:') ? text.slice('service:'.length).trim() || null : null;
}

/**
 * Where the `key` namespace of service `name` leads: to a service that uses
 * the host's (`hostOwner`: the service itself when its own value is `host`),
 * or not (also when the chain is longer than the limit). Cycles and over-long chains are reported
 * through `model.reportReference` the first time they are met.
 */
export function namespaceOf(model: ComposeModel, key: string, name: string): JoinedNamespace {
  let byKey = RESOLVED.get(model.allServices);
  if (!byKey) RESOLVED.set(model.allServices, (byKey = new Map()));
  let resolved = byKey.get(key);
  if (!resolved) byKey.set(key, (resolved = new Map()));
  const known = resolved.get(name);
  if (known) return { hostOwner: known.hostOwner };

  const path: Step[] = [];
  const onPath = new Map<string, number>();
  let below: Resolved | null = null;
  for (let current: string | null = name; current !== null;) {
    const memo = resolved.get(current);
    if (memo) {
      below = memo;
      break;
    }
    const cycleStart = onPath.get(current);
    if (cycleStart !== undefined) {
      reportCycle(model, key, path.slice(cycleStart), path[path.length - 1]);
      below = { hostOwner: null, depth: Infinity };
      break;
    }
    const link = linkOf(model, key, current);
    onPath.set(current, path.length);
    path.push({ name: current, link });
    current = link.kind === 'service' ? link.name : null;
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const { name: service, link } = path[i];
    let result: Resolved;
    if (link.kind === 'host') result = { hostOwner: service, depth: 0 };
    else if (link.kind === 'other') result = { hostOwner: null, depth: 0 };
    else {
      const depth = (below?.depth ?? 0) + 1;
      if (depth === MAX_SERVICE_CHAIN + 1 && link.local) {
        const next = quote(link.name);
        model.reportReference(
          inEveryLanguage(COMPOSE_PROBLEM_TEXTS, (t) =>
            t.serviceChainTooLong({ key, service: quote(service), next, limit: MAX_SERVICE_CHAIN }),
          ),
          link.range,
        );
      }
      result = { hostOwner: depth > MAX_SERVICE_CHAIN ? null : (below?.hostOwner ?? null), depth };
    }
    resolved.set(service, result);
    below = result;
  }
  return { hostOwner: resolved.get(name)?.hostOwner ?? null };
}

function linkOf(model: ComposeModel, key: string, name: string): Link {
  const service = model.service(name);
  const entry = service?.entries.get(key);
  if (!entry) return { kind: 'other' };
  const value = model.value(entry.value, entry.keyRange);
  if (!value.text || value.unknown) return { kind: 'other' };
  if (value.text.toLowerCase() === 'host') return { kind: 'host' };
  const joined = joinedService(value.text);
  if (!joined) return { kind: 'other' };
  return { kind: 'service', name: joined, range: value.range, local: model.isLocal(value.node) };
}

interface Step {
  name: string;
  link: Link;
}

function reportCycle(model: ComposeModel, key: string, cycle: Step[], closing: Step): void {
  if (closing.link.kind !== 'service' || !closing.link.local) return;
  // Read from the service whose reference closes the cycle, round to it again.
  const names = [closing, ...cycle].map((step) => quote(step.name));
  const message = inEveryLanguage(COMPOSE_PROBLEM_TEXTS, (t) =>
    t.joinsOwnNamespace({ key, service: quote(closing.name), names, count: cycle.length }),
  );
  model.reportReference(message, closing.link.range);
}
