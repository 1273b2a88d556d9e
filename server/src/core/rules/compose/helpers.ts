/**
 * Helpers the Compose rules share: reading a service setting and the ports
 * it listens on, booleans as YAML and Compose spell them, a finding's
 * subject, and the note naming the services an anchor's setting reaches.
 * (What fixes share is in fixes.ts.)
 */
import type { ComposeEntry, ComposeModel, ComposeService, ComposeValue } from '../../compose/model';
import { listItems, publishedPorts } from '../../compose/normalize';
import { quote } from '../../knowledge/secrets';
import type { FindingSubject } from '../../types';

export function setting(
  model: ComposeModel,
  service: ComposeService,
  key: string,
): (ComposeValue & { entry: ComposeEntry }) | null {
  const entry = service.entries.get(key);
  return entry ? { ...model.value(entry.value, entry.keyRange), entry } : null;
}

export function isTrue(value: ComposeValue | null | undefined): boolean {
  return value?.text !== undefined && value.text !== null && /^(true|yes|on|1)$/i.test(value.text);
}

/**
 * The container ports a service listens on, as far as the file tells: the
 * targets of `ports` and the `expose` list (a range by its first port), in
 * that order, each once.
 */
export function containerPorts(model: ComposeModel, service: ComposeService): number[] {
  const specs = [
    ...publishedPorts(model, service)
      .filter((p) => !p.unknown)
      .map((p) => p.target),
    ...listItems(model, service, 'expose')
      .filter((e) => !e.unknown)
      .map((e) => e.text),
  ];
  const ports = specs.map((spec) => /^\s*(\d+)/.exec(spec)?.[1]).filter((port): port is string => port !== undefined);
  return [...new Set(ports.map(Number))];
}

/** A nested setting such as deploy.resources.limits.memory. */
export function nestedSetting(
  model: ComposeModel,
  service: ComposeService,
  path: string[],
): (ComposeValue & { entry: ComposeEntry }) | null {
  let entries = service.entries;
  for (let i = 0; i < path.length; i++) {
    const entry = entries.get(path[i]);
    if (!entry) return null;
    if (i === path.length - 1) return { ...model.value(entry.value, entry.keyRange), entry };
    entries = model.entriesOf(entry.value);
  }
  return null;
}

/** What a finding about a service is about: the service, anchored at its key. */
export function serviceSubject(service: ComposeService): FindingSubject {
  return { kind: 'service', name: service.name, range: service.keyRange };
}

/** An anchor-provided entry, for messages: the anchor, the first services using it (quoted), how many more. */
export interface AnchorNote {
  anchor: string;
  users: string[];
  more: number;
}

export function anchorNote(model: ComposeModel, entry: ComposeEntry): AnchorNote | null {
  if (!entry.anchor) return null;
  const users = anchorUsers(model).get(anchorPlace(entry)) ?? [];
  return {
    anchor: quote(entry.anchor),
    users: namedAnchorUsers(model, entry).map((name) => quote(name)),
    more: Math.max(0, users.length - MAX_NAMED_USERS),
  };
}

/** ` (set by anchor &base, used by "web", "api")`, or nothing for an entry of the service's own. */
export function anchorNoteText(note: AnchorNote | null): string {
  if (!note) return '';
  const shown = note.users.map((name) => `"${name}"`).join(', ');
  return ` (set by anchor &${note.anchor}, used by ${shown}${note.more > 0 ? ` and ${note.more} more` : ''})`;
}

/** `anchorNoteText` in Japanese. */
export function anchorNoteTextJa(note: AnchorNote | null): string {
  if (!note) return '';
  const shown = note.users.map((name) => `"${name}"`).join('、');
  return `(アンカー &${note.anchor} で設定。${shown}${note.more > 0 ? ` ほか ${note.more} 件` : ''} が使用)`;
}

/** The services an anchor note names (the first few users of the anchor); none for an entry of the service's own. */
export function namedAnchorUsers(model: ComposeModel, entry: ComposeEntry): string[] {
  if (!entry.anchor) return [];
  return (anchorUsers(model).get(anchorPlace(entry)) ?? []).slice(0, MAX_NAMED_USERS);
}

/** Services named in an anchor note; the rest are counted (a note per finding naming thousands was quadratic). */
const MAX_NAMED_USERS = 10;

const ANCHOR_USERS = new WeakMap<readonly ComposeService[], Map<string, string[]>>();

function anchorPlace(entry: ComposeEntry): string {
  return `${entry.anchor}\u0000${entry.keyRange.start.line}:${entry.keyRange.start.character}`;
}

/**
 * For each anchored entry (anchor and place), the services that use it, in
 * order: found in one pass over the services per analysis, rather than one
 * pass per finding (5,000 services merging one anchor took minutes).
 */
function anchorUsers(model: ComposeModel): Map<string, string[]> {
  let users = ANCHOR_USERS.get(model.allServices);
  if (!users) {
    users = new Map();
    for (const service of model.allServices) {
      for (const entry of service.entries.values()) {
        if (!entry.anchor) continue;
        const place = anchorPlace(entry);
        const names = users.get(place) ?? [];
        if (names[names.length - 1] !== service.name) names.push(service.name);
        users.set(place, names);
      }
    }
    ANCHOR_USERS.set(model.allServices, users);
  }
  return users;
}
