/**
 * What the Compose rules' fixes share on top of the YAML fixer API
 * (compose/yaml-edits.ts): which written mapping holds a service's setting
 * (the service's own, or an anchor it merges in, whose other users the fix
 * changes too), the title note naming those users, appending several list
 * items and removing one, and a fix made of edit lists any of which may be
 * impossible here (null: no fix). The shape of the edits also decides what
 * fix-all may apply together in one round (see editFix, removeFrom and
 * sharedKeyFixes): its result must not depend on which fixes meet.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ComposeEntry, ComposeModel, ComposeService } from '../../compose/model';
import { appendItem, removeItem, removeKey, setKey, type YamlValue } from '../../compose/yaml-edits';
import { isEmptyValue, mergedIn, ownPair, type KeyPair } from '../../compose/yaml-text';
import type { Fix, Range, TextEdit } from '../../types';
import { fixOf, type FixTitle } from '../rule';
import { anchorNote, type AnchorNote } from './helpers';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Merge keys followed at most this deep (`<<: *a` where a merges b...): far beyond real files. */
const MAX_MERGE_DEPTH = 16;

/** The written mapping a fix edits for one of a service's settings, and the anchor note when it is an anchor's. */
export interface Owner {
  map: YAMLMap;
  /** Set when the setting comes from an anchor merged in with `<<`: every service using it changes. */
  anchor: AnchorNote | null;
}

/**
 * Where a service's `key` is written: the service's own mapping, or the
 * anchored mapping it merges the key from. A key the service does not set
 * goes into its own mapping. Null when neither is written in this document
 * (an override file, `extends`, an `include` sets it).
 */
export function ownerOf(model: ComposeModel, service: ComposeService, key: string): Owner | null {
  if (!service.node || !model.isLocal(service.node)) return null;
  const entry = service.entries.get(key);
  if (!entry) return { map: service.node, anchor: null };
  const map = writtenIn(model, service.node, key, entry, 0);
  return map ? { map, anchor: map === service.node ? null : anchorNote(model, entry) } : null;
}

function sameStart(a: Range | null, b: Range): boolean {
  return a !== null && a.start.line === b.start.line && a.start.character === b.start.character;
}

/**
 * The mapping whose own pair is the entry: its key at the entry's place and
 * its value the entry's very node — not a value an override file merges
 * into it (the fix would change only part of what the service gets).
 */
function writtenIn(model: ComposeModel, map: YAMLMap, key: string, entry: ComposeEntry, depth: number): YAMLMap | null {
  const own = ownPair(map, key);
  // A key written twice (YAML rejects it): which one an edit should change is anyone's guess.
  const written = (map.items as KeyPair[]).filter((pair) => isScalar(pair.key) && String(pair.key.value) === key);
  if (own)
    return written.length === 1 && own.value === entry.value && sameStart(model.rangeOf(own.key), entry.keyRange)
      ? map
      : null;
  const merge = ownPair(map, '<<');
  if (!merge || depth >= MAX_MERGE_DEPTH) return null;
  const sources = isSeq(merge.value) ? (merge.value.items as Node[]) : [merge.value];
  for (const source of sources) {
    const resolved = model.value(source ?? null, ZERO).node;
    if (!isMap(resolved) || !model.isLocal(resolved)) continue;
    const found = writtenIn(model, resolved, key, entry, depth + 1);
    if (found) return found;
  }
  return null;
}

/** ` (in anchor &base: changes "web", "api")`: what a title adds when the fix edits an anchor. */
export function anchorChangeText(note: AnchorNote | null): string {
  if (!note) return '';
  const shown = note.users.map((name) => `"${name}"`).join(', ');
  return ` (in anchor &${note.anchor}: changes ${shown}${note.more > 0 ? ` and ${note.more} more` : ''})`;
}

/** `anchorChangeText` in Japanese. */
export function anchorChangeTextJa(note: AnchorNote | null): string {
  if (!note) return '';
  const shown = note.users.map((name) => `"${name}"`).join('、');
  return `(アンカー &${note.anchor} 内: ${shown}${note.more > 0 ? ` ほか ${note.more} 件` : ''} が変わります)`;
}

/**
 * A quick fix from lists of edits; none when one of them cannot be made
 * here or nothing is left to change.
 *
 * Fix-all applies whole-line inserts at one place together, as
 * independent, in the order of the findings: right for new keys of a
 * service (each its own key), wrong for anything deeper — an item appended
 * to the service's last list, a key added to its last mapping — which would
 * land after another fix's new key and join its value. Those are inserted
 * at the end of the line before instead (same text): ahead of every new
 * key, and one per round where two of them meet.
 */
export function editFix(
  model: ComposeModel,
  title: FixTitle,
  edits: readonly (TextEdit[] | null)[],
  preferred = true,
): Fix[] {
  if (edits.some((list) => list === null)) return [];
  const all = joinInserts((edits as TextEdit[][]).flat()).map((edit) => {
    if (!insertsLines(model, edit)) return edit;
    const serviceKey = /^( *)[^\s#-][^:]*:/.exec(edit.newText);
    const service = serviceBefore(model, edit.range.start.line);
    return serviceKey && service?.childIndent === serviceKey[1] ? edit : lineEndInsert(model, edit);
  });
  return all.length === 0 ? [] : [fixOf(title, all, preferred)];
}

const SERVICES_BY_LINE = new WeakMap<readonly ComposeService[], ComposeService[]>();

/**
 * The checked service whose key comes last before `line`: the one an
 * insert there adds to, if any. From the services of this run only, so a
 * service's fixes do not depend on the others (its findings are reused
 * while they change).
 */
function serviceBefore(model: ComposeModel, line: number): ComposeService | null {
  let sorted = SERVICES_BY_LINE.get(model.services);
  if (!sorted) {
    sorted = [...model.services].sort((a, b) => a.keyRange.start.line - b.keyRange.start.line);
    SERVICES_BY_LINE.set(model.services, sorted);
  }
  let low = 0;
  let high = sorted.length - 1;
  let found: ComposeService | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].keyRange.start.line < line) {
      found = sorted[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * Removes an item from the list at `key` of `map` (the last one takes the
 * key along), or with `name`, the entry `name` of the mapping at `key`;
 * and rewrites the key as it is: two fixes removing from one list then
 * overlap, so fix-all applies them in two rounds — together, in one, they
 * could empty the list, which Compose rejects; in the second the remaining
 * item is the last and takes the key.
 */
export function removeFrom(
  model: ComposeModel,
  map: YAMLMap,
  key: string,
  item: { node: Node } | { name: string },
): TextEdit[] | null {
  const edits = 'node' in item ? removeItem(model, map, key, item.node) : removeKey(model, map, [key, item.name]);
  const keyNode = ownPair(map, key)?.key;
  if (!edits?.length || !keyNode?.range) return edits;
  const [start, end] = keyNode.range;
  const covers = edits.some(
    (e) => model.lines.offsetAt(e.range.start) <= start && model.lines.offsetAt(e.range.end) >= end,
  );
  if (covers) return edits;
  return [...edits, { range: model.lines.rangeOf(start, end), newText: model.text.slice(start, end) }];
}

/**
 * The same fixes with every whole-line insert made at the end of the line
 * before (see editFix), new service keys too: for fixes that may create a
 * key another fix creates at the same place (`deploy:` for each limit, the
 * `secrets:` of two secrets), which fix-all then applies one per round —
 * the next one finds the key and adds under it instead of writing it
 * twice. An insert right after lines the fix removes becomes their
 * replacement instead (the line before is gone).
 */
export function sharedKeyFixes(model: ComposeModel, fixes: Fix[]): Fix[] {
  return fixes.map((fix) => {
    const edits = fix.edits.map((edit) => ({ ...edit }));
    const kept: TextEdit[] = [];
    for (const edit of edits) {
      if (!insertsLines(model, edit)) {
        kept.push(edit);
        continue;
      }
      const removed = edits.find((other) => other !== edit && !isInsert(other) && samePlace(other, edit));
      if (removed) removed.newText += edit.newText;
      else kept.push(lineEndInsert(model, edit));
    }
    return { ...fix, edits: kept };
  });
}

function isInsert(edit: TextEdit): boolean {
  return edit.range.start.line === edit.range.end.line && edit.range.start.character === edit.range.end.character;
}

/** Whether `removal` ends where `insert` inserts. */
function samePlace(removal: TextEdit, insert: TextEdit): boolean {
  return (
    removal.range.end.line === insert.range.start.line && removal.range.end.character === insert.range.start.character
  );
}

function insertsLines(model: ComposeModel, edit: TextEdit): boolean {
  return isInsert(edit) && edit.range.start.character === 0 && edit.newText.endsWith(model.lines.eol);
}

function lineEndInsert(model: ComposeModel, edit: TextEdit): TextEdit {
  const eol = model.lines.eol;
  if (edit.range.start.line === 0) return edit;
  const at = model.lines.positionAt(model.lines.lineEnd(edit.range.start.line - 1));
  return { range: { start: at, end: at }, newText: eol + edit.newText.slice(0, -eol.length) };
}

/** Inserts at one position, joined in order into one edit: an editor applying them may order them otherwise. */
function joinInserts(edits: TextEdit[]): TextEdit[] {
  const joined: TextEdit[] = [];
  for (const edit of edits) {
    const same = joined.find(
      (e) =>
        isInsert(e) &&
        isInsert(edit) &&
        e.range.start.line === edit.range.start.line &&
        e.range.start.character === edit.range.start.character,
    );
    if (same) same.newText += edit.newText;
    else joined.push({ ...edit });
  }
  return joined;
}

/**
 * Appends items to the list at `key` (missing ones only): a new key gets
 * them all as one list; an existing list gets each after its last item.
 */
export function appendItems(model: ComposeModel, map: YAMLMap, key: string, items: readonly string[]) {
  if (items.length === 0) return [];
  if (mergedIn(model, map, key)) return null;
  const pair = ownPair(map, key);
  if (!pair || isEmptyValue(pair.value)) return setKey(model, map, key, items as YamlValue);
  const edits: TextEdit[] = [];
  for (const item of items) {
    const added = appendItem(model, map, key, item);
    if (added === null) return null;
    edits.push(...added);
  }
  return edits;
}
