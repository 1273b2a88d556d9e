/**
 * Helpers the Compose rules share: reading a service setting, booleans as
 * YAML and Compose spell them, and the minimal edits fixes are made of
 * (add a key to a service, remove a list item, replace a value). An edit is
 * null where it cannot be made in the analysed document: text another file
 * contributes, a flow-style service.
 */
import type { ComposeEntry, ComposeModel, ComposeService, ComposeValue } from '../../compose/model';
import { quote } from '../../knowledge/secrets';
import type { FindingSubject, Fix, Range, TextEdit } from '../../types';
import { fixOf, type FixTitle } from '../rule';

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

/** Adds `key: value` lines as the service's first keys, at its indentation; null for flow-style services. */
export function addServiceKeys(model: ComposeModel, service: ComposeService, lines: string[]): TextEdit | null {
  if (service.childIndent === null || !service.node?.items.length) return null;
  const firstLine = service.keyRange.start.line + 1;
  const eol = model.lines.eol;
  // Insert before the first child key's line (comments right under the service key stay where they are).
  const firstKey = (service.node.items[0] as { key?: { range?: [number, number, number] } }).key;
  const line = firstKey?.range ? model.lines.positionAt(firstKey.range[0]).line : firstLine;
  const at = { line, character: 0 };
  const nested = (text: string): string => text.replace(/^(\s*)/, (_m, spaces: string) => service.childIndent + spaces);
  return { range: { start: at, end: at }, newText: lines.map((l) => nested(l) + eol).join('') };
}

/** A quick fix, or none when one of its edits cannot be made here. */
export function quickFix(title: FixTitle, edits: (TextEdit | null)[], preferred = false): Fix[] {
  if (edits.length === 0 || edits.some((edit) => edit === null)) return [];
  return [fixOf(title, edits as TextEdit[], preferred)];
}

/** Removes a block-sequence item's whole line (`  - SYS_ADMIN`); null when the item shares its line. */
export function removeLineOf(model: ComposeModel, range: Range): TextEdit | null {
  if (model.placeOf(range)) return null;
  const line = range.start.line;
  const text = model.lines.lineText(line);
  if (range.end.line !== line) return null;
  const before = text.slice(0, range.start.character).trim();
  const after = text.slice(range.end.character).trim();
  if ((before !== '-' && before !== '') || (after !== '' && !after.startsWith('#'))) return null;
  const start = model.lines.lineStart(line);
  const end = line + 1 < model.lines.lineCount ? model.lines.lineStart(line + 1) : model.text.length;
  return { range: model.lines.rangeOf(start, end), newText: '' };
}

/** Replaces a scalar, keeping the surrounding quotes if there were any. */
export function replaceScalar(model: ComposeModel, range: Range, newText: string): TextEdit | null {
  if (model.placeOf(range)) return null;
  const start = model.lines.offsetAt(range.start);
  const end = model.lines.offsetAt(range.end);
  const quote = /['"]/.test(model.text[start]) && model.text[end - 1] === model.text[start] ? model.text[start] : '';
  return { range: model.lines.rangeOf(start + quote.length, end - quote.length), newText };
}

/** Inserts text at the start of a scalar, inside its quotes. */
export function prefixScalar(model: ComposeModel, range: Range, prefix: string): TextEdit | null {
  if (model.placeOf(range)) return null;
  const start = model.lines.offsetAt(range.start);
  const at = model.lines.positionAt(start + (/['"]/.test(model.text[start]) ? 1 : 0));
  return { range: { start: at, end: at }, newText: prefix };
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
