/**
 * The fixer API for YAML (Compose) documents: minimal text edits over the
 * `yaml` package's nodes that set, replace and remove keys and append and
 * remove sequence items, keeping everything they do not touch — comments on
 * other lines, anchors, quoting, block or flow style, indentation and the
 * document's line break.
 *
 * Each operation returns the edits (LSP positions through the document's
 * LineIndex), `[]` when the document already says what was asked (so an
 * operation applied twice is applied once), or null when the edit cannot be
 * made in this document:
 * - the node is not written here (a `ComposeModel` copies other files'
 *   content: override files, `extends` targets, `include`s);
 * - a value on the way is an alias (`deploy: *limits`): editing it would
 *   edit the anchor, which the caller must choose explicitly (and name the
 *   services it changes);
 * - a mapping on the way, a list to append to, or a key to remove comes from
 *   a `<<` merge key: an own `deploy:` would hide the merged one's other
 *   settings, and without its own key a mapping shows the merged value.
 *   (A scalar leaf merged in may be set: the service's own key overrides
 *   the anchor's for that service only.)
 * - a layout these edits do not rewrite safely (a comment between a key and
 *   its block value replaced by a scalar, a sequence item sharing its dash's
 *   line with another dash).
 * An anchored node (`x-common: &common`) is edited in place: every alias of
 * it sees the change.
 *
 * Removing the last item of a sequence, or the last key of a nested
 * mapping, removes its key too (an empty `cap_add:` is null, which Compose
 * rejects); the mapping the caller starts from is never emptied in block
 * style (null: remove its own key instead).
 */
import { isAlias, isMap, isNode, isScalar, isSeq, Scalar, type Node, type YAMLMap } from 'yaml';
import type { TextEdit } from '../types';
import type { ComposeModel } from './model';
import {
  columnOf,
  contentEnd,
  edit,
  flowSpans,
  indentUnit,
  insertLinesAfter,
  isEmptyValue,
  lineOf,
  linePrefix,
  mergedIn,
  mergeProvides,
  ownPair,
  pairEnd,
  removeFlowItems,
  removeLines,
  runsOf,
  valueEnd,
  type KeyPair,
  type YamlDocumentText,
} from './yaml-text';
import {
  holdsValue,
  isInline,
  renderBlockBody,
  renderBlockEntry,
  renderBlockItem,
  renderFlow,
  renderScalar,
  renderScalarLike,
  type YamlScalar,
  type YamlValue,
} from './yaml-render';

export type { YamlDocumentText } from './yaml-text';
export type { YamlScalar, YamlValue } from './yaml-render';

/** A key, or the keys of nested mappings (`['deploy', 'resources', 'limits', 'memory']`). */
export type KeyPath = string | readonly string[];

/** Where a key path stops in the written mappings. */
interface Walk {
  /** The mappings walked through, from the caller's; `pairs[i]` is the pair of `keys[i]` in `maps[i]`. */
  maps: YAMLMap[];
  pairs: KeyPair[];
  /** The key looked up last: missing from `maps[depth]`, or found (the leaf, or an empty value on the way). */
  depth: number;
  found: boolean;
  /** True when the missing key comes from a `<<` merge key. */
  merged: boolean;
}

function keysOf(path: KeyPath): readonly string[] {
  return typeof path === 'string' ? [path] : path;
}

function walk(doc: YamlDocumentText, start: Node | null | undefined, keys: readonly string[]): Walk | null {
  const maps: YAMLMap[] = [];
  const pairs: KeyPair[] = [];
  let current: Node | null | undefined = start;
  for (let depth = 0; depth < keys.length; depth++) {
    if (!isMap(current) || !doc.isLocal(current)) return null;
    maps.push(current);
    const pair = ownPair(current, keys[depth]);
    if (!pair) {
      const merged = mergedIn(doc, current, keys[depth]);
      return merged && depth < keys.length - 1 ? null : { maps, pairs, depth, found: false, merged };
    }
    pairs.push(pair);
    if (depth === keys.length - 1 || isEmptyValue(pair.value))
      return { maps, pairs, depth, found: true, merged: false };
    current = pair.value;
  }
  return null;
}

/** `{a: {b: value}}` for the keys still missing. */
function nest(keys: readonly string[], value: YamlValue): YamlValue {
  return keys.reduceRight<YamlValue>((inner, key) => ({ [key]: inner }), value);
}

/**
 * Sets `path` under a mapping to `value`: replaces the value when the key
 * exists, or adds the key at the end of the innermost mapping that exists
 * (after its last entry: before trailing blank lines and the comment above
 * the next key), with the mappings still missing, in that mapping's style.
 */
export function setKey(doc: YamlDocumentText, map: Node | null, path: KeyPath, value: YamlValue): TextEdit[] | null {
  const keys = keysOf(path);
  const at = walk(doc, map, keys);
  if (!at) return null;
  const rest = nest(keys.slice(at.depth + 1), value);
  if (!at.found) return addEntry(doc, at.maps[at.depth], keys[at.depth], rest);
  return replacePairValue(doc, at.pairs[at.depth], at.maps[at.depth].flow === true, rest);
}

/** Replaces the whole value of an existing key; null when the key is not written there. */
export function replaceValue(
  doc: YamlDocumentText,
  map: Node | null,
  path: KeyPath,
  value: YamlValue,
): TextEdit[] | null {
  const keys = keysOf(path);
  const at = walk(doc, map, keys);
  if (!at || !at.found || at.depth !== keys.length - 1) return null;
  return replacePairValue(doc, at.pairs[at.depth], at.maps[at.depth].flow === true, value);
}

/**
 * Replaces a scalar's value in its quoting style (plain stays plain unless
 * the new value needs quotes); a block scalar (`|`) becomes a one-line one.
 */
export function replaceScalar(doc: YamlDocumentText, node: Node | null, value: YamlScalar): TextEdit[] | null {
  return replaceScalarIn(doc, node, value, true);
}

/** `inFlow`: whether the scalar sits in a flow collection (unknown: quote as if it did). */
function replaceScalarIn(doc: YamlDocumentText, node: Node | null, value: YamlScalar, inFlow: boolean) {
  if (!isScalar(node) || !doc.isLocal(node)) return null;
  if (holdsValue(node, value)) return [];
  const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
  const text = block ? renderScalar(value, false) : renderScalarLike(node.type, value, inFlow);
  return [edit(doc.lines, node.range![0], contentEnd(doc, node), text)];
}

/** Adds a key after a mapping's last entry, at the mapping's indentation or in its flow braces. */
function addEntry(doc: YamlDocumentText, map: YAMLMap, key: string, value: YamlValue): TextEdit[] {
  const items = map.items as KeyPair[];
  if (map.flow) {
    const text = `${renderScalar(key, true)}: ${renderFlow(value)}`;
    if (items.length === 0) return [edit(doc.lines, map.range![0] + 1, map.range![0] + 1, text)];
    const at = pairEnd(doc, items[items.length - 1]);
    return [edit(doc.lines, at, at, `, ${text}`)];
  }
  const indent = ' '.repeat(columnOf(doc, items[0].key.range![0]));
  const lines = renderBlockEntry(key, value, indent, indentUnit(doc));
  return [insertLinesAfter(doc, lineOf(doc, pairEnd(doc, items[items.length - 1])), lines)];
}

/** Offset just after the `:` that follows a block pair's key. */
function afterColon(doc: YamlDocumentText, pair: KeyPair): number {
  const colon = doc.text.indexOf(':', contentEnd(doc, pair.key));
  return colon === -1 ? contentEnd(doc, pair.key) : colon + 1;
}

function replacePairValue(doc: YamlDocumentText, pair: KeyPair, inFlow: boolean, value: YamlValue) {
  const node = pair.value;
  if (isAlias(node) || (node && !doc.isLocal(node))) return null;
  if (holdsValue(node, value)) return [];
  const scalarValue = value === null || typeof value !== 'object';
  if (isScalar(node) && !isEmptyValue(node) && scalarValue) return replaceScalarIn(doc, node, value, inFlow);
  if (isEmptyValue(node)) return fillEmptyValue(doc, pair, inFlow, value);
  const existing = node!;
  const end = valueEnd(doc, existing);
  // Same line as the key: a scalar or a flow collection, in a flow or block parent.
  if (inFlow || isScalar(existing) || (existing as YAMLMap).flow) {
    const text = inFlow || (existing as YAMLMap).flow || isInline(value) ? renderFlow(value) : null;
    if (text !== null) return [edit(doc.lines, existing.range![0], end, text)];
    return replaceWithBlock(doc, pair, existing.range![0], end, value);
  }
  // A block collection: keep anchor and tag after the colon; its lines give way to the new value.
  const start = afterColon(doc, pair);
  const between = doc.text.slice(start, existing.range![0]);
  if (between.includes('#')) return null;
  if (isInline(value)) {
    const properties = between.trim();
    return [edit(doc.lines, start, end, ` ${properties ? `${properties} ` : ''}${renderFlow(value)}`)];
  }
  if (!/^\s*$/.test(linePrefix(doc, existing.range![0]))) return null;
  const indent = ' '.repeat(columnOf(doc, existing.range![0]));
  const lines = renderBlockBody(value, indent, indentUnit(doc));
  return [edit(doc.lines, doc.lines.lineStart(lineOf(doc, existing.range![0])), end, lines.join(doc.lines.eol))];
}

/** Replaces [start, end) on the key's line with nothing and puts the block value on the lines below. */
function replaceWithBlock(doc: YamlDocumentText, pair: KeyPair, start: number, end: number, value: YamlValue) {
  let from = start;
  while (from > 0 && (doc.text[from - 1] === ' ' || doc.text[from - 1] === '\t')) from -= 1;
  const line = lineOf(doc, end);
  const indent = ' '.repeat(columnOf(doc, pair.key.range![0])) + indentUnit(doc);
  const lines = renderBlockBody(value, indent, indentUnit(doc));
  const lineEnd = doc.lines.lineEnd(line);
  // Nothing after the value on its line: one edit; otherwise (a comment) the comment stays on the key's line.
  if (doc.text.slice(end, lineEnd).trim() === '')
    return [edit(doc.lines, from, lineEnd, doc.lines.eol + lines.join(doc.lines.eol))];
  return [edit(doc.lines, from, end, ''), insertLinesAfter(doc, line, lines)];
}

/** `key:`, `key: ~` or `key: null` given a value. */
function fillEmptyValue(doc: YamlDocumentText, pair: KeyPair, inFlow: boolean, value: YamlValue) {
  const node = pair.value;
  const written = node?.range && node.range[1] > node.range[0] ? node : null;
  if (written) {
    if (inFlow || isInline(value))
      return [edit(doc.lines, written.range![0], contentEnd(doc, written), renderFlow(value))];
    return replaceWithBlock(doc, pair, written.range![0], contentEnd(doc, written), value);
  }
  if (inFlow) return null;
  const at = node?.range ? node.range[0] : afterColon(doc, pair);
  if (isInline(value)) {
    const space = doc.text[at - 1] === ' ' || doc.text[at - 1] === '\t' ? '' : ' ';
    return [edit(doc.lines, at, at, space + renderFlow(value))];
  }
  const indent = ' '.repeat(columnOf(doc, pair.key.range![0])) + indentUnit(doc);
  return [insertLinesAfter(doc, lineOf(doc, at), renderBlockBody(value, indent, indentUnit(doc)))];
}

/**
 * Removes a key: its whole lines in block style (with its nested block and
 * the comment on its last line; comments on other lines stay), or the pair
 * and one separating comma in flow style. A nested mapping left empty goes
 * too.
 */
export function removeKey(doc: YamlDocumentText, map: Node | null, path: KeyPath): TextEdit[] | null {
  const keys = keysOf(path);
  const at = walk(doc, map, keys);
  if (!at) return null;
  if (!at.found) return at.merged ? null : [];
  if (at.depth !== keys.length - 1) return [];
  // Without the own key, the merged-in value would show through.
  if (mergeProvides(doc, at.maps[at.depth], keys[at.depth])) return null;
  // The outermost mapping on the way that keeps another key loses its pair; the ones inside would be empty.
  let level = at.depth;
  while (level > 0 && at.maps[level].items.length === 1) level -= 1;
  return removePair(doc, at.maps[level], at.pairs[level]);
}

function removePair(doc: YamlDocumentText, map: YAMLMap, pair: KeyPair): TextEdit[] | null {
  const items = map.items as KeyPair[];
  const index = items.indexOf(pair);
  if (map.flow) return removeFlowItems(doc, flowSpans(doc, map), new Set([index]));
  if (items.length === 1) return null;
  const keyStart = pair.key.range![0];
  if (!/^\s*$/.test(linePrefix(doc, keyStart))) {
    // `- target: 80`: the first key of a sequence item's mapping shares the dash's line; the next key moves up.
    if (index !== 0) return null;
    return [edit(doc.lines, keyStart, items[1].key.range![0], '')];
  }
  return [removeLines(doc, lineOf(doc, keyStart), lineOf(doc, pairEnd(doc, pair)))];
}

/**
 * Appends an item to the sequence at `path`, creating the key (and missing
 * mappings) when absent: a block list at the mapping's indentation, or
 * `[item]` in a flow mapping. Never adds an item the sequence already holds.
 */
export function appendItem(doc: YamlDocumentText, map: Node | null, path: KeyPath, item: YamlValue): TextEdit[] | null {
  const keys = keysOf(path);
  const at = walk(doc, map, keys);
  if (!at) return null;
  const rest = nest(keys.slice(at.depth + 1), [item]);
  if (!at.found) return at.merged ? null : addEntry(doc, at.maps[at.depth], keys[at.depth], rest);
  const pair = at.pairs[at.depth];
  if (isEmptyValue(pair.value)) return replacePairValue(doc, pair, at.maps[at.depth].flow === true, rest);
  const seq = pair.value;
  if (!isSeq(seq)) return null;
  const items = seq.items as Node[];
  if (items.some((existing) => holdsValue(existing, item))) return [];
  if (seq.flow) {
    if (items.length === 0) return [edit(doc.lines, seq.range![0] + 1, seq.range![0] + 1, renderFlow(item))];
    const end = contentEnd(doc, items[items.length - 1]);
    return [edit(doc.lines, end, end, `, ${renderFlow(item)}`)];
  }
  const indent = linePrefix(doc, seq.range![0]);
  if (!/^ *$/.test(indent)) return null;
  const lines = renderBlockItem(item, indent, indentUnit(doc));
  return [insertLinesAfter(doc, lineOf(doc, contentEnd(doc, items[items.length - 1])), lines)];
}

/**
 * Removes the items of the sequence at `path` that are `item` (the node
 * itself, or every scalar item with that value): whole lines in block style,
 * the item and one comma in flow style. Removing every item removes the key.
 */
export function removeItem(
  doc: YamlDocumentText,
  map: Node | null,
  path: KeyPath,
  item: Node | YamlScalar,
): TextEdit[] | null {
  const keys = keysOf(path);
  const at = walk(doc, map, keys);
  if (!at) return null;
  if (!at.found) return at.merged ? null : [];
  const seq = at.pairs[at.depth].value;
  if (at.depth !== keys.length - 1 || isEmptyValue(seq)) return [];
  if (!isSeq(seq)) return null;
  const items = seq.items as Node[];
  const removed = new Set<number>();
  // A node is found by identity (natively: rules remove one item per finding, of lists of any length).
  if (isNode(item)) {
    const at = items.indexOf(item);
    if (at !== -1) removed.add(at);
  } else
    items.forEach((existing, i) => {
      if (holdsValue(existing, item)) removed.add(i);
    });
  if (removed.size === 0) return [];
  if (removed.size === items.length) return removeKey(doc, map, keys);
  if (seq.flow) return removeFlowItems(doc, flowSpans(doc, seq), removed);
  const edits: TextEdit[] = [];
  for (const [i, j] of runsOf(removed)) {
    for (let k = i; k <= j; k++) if (!/^ *- +$/.test(linePrefix(doc, items[k].range![0]))) return null;
    edits.push(removeLines(doc, lineOf(doc, items[i].range![0]), lineOf(doc, contentEnd(doc, items[j]))));
  }
  return edits;
}

/** What a top-level edit reads besides the text: the document's own top-level pairs (a ComposeModel is one). */
export type YamlRootText = YamlDocumentText & Pick<ComposeModel, 'topLevel'>;

/**
 * Sets `path` from the document's top level (`['secrets', 'db_password',
 * 'environment']`): inside the existing top-level key, or as a new one after
 * the document's last line. Null for a document written as one flow mapping.
 */
export function setRootKey(doc: YamlRootText, path: KeyPath, value: YamlValue): TextEdit[] | null {
  const keys = keysOf(path);
  if (isFlowDocument(doc)) return null;
  const pair = doc.topLevel(keys[0]);
  const rest = keys.slice(1);
  if (!pair) {
    const lines = renderBlockEntry(keys[0], nest(rest, value), '', indentUnit(doc));
    let last = doc.lines.lineCount - 1;
    while (last >= 0 && doc.lines.lineText(last).trim() === '') last -= 1;
    if (last < 0) return [edit(doc.lines, 0, 0, lines.map((line) => line + doc.lines.eol).join(''))];
    return [insertLinesAfter(doc, last, lines)];
  }
  if (rest.length === 0 || isEmptyValue(pair.value)) return replacePairValue(doc, pair, false, nest(rest, value));
  return setKey(doc, pair.value, rest, value);
}

/**
 * Whether the document is one flow mapping: its first line that is not
 * blank or a comment opens a brace. Read from the top only (a fix per
 * finding must not scan the whole document each time).
 */
function isFlowDocument(doc: YamlDocumentText): boolean {
  for (let line = 0; line < doc.lines.lineCount; line++) {
    const text = doc.lines.lineText(line).trim();
    if (text !== '' && !text.startsWith('#')) return text.startsWith('{');
  }
  return false;
}
