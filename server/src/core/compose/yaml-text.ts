/**
 * Where things are in a YAML document's text, for the edits of
 * yaml-edits.ts: where a node's content ends, the lines an entry or item
 * takes, the indentation of a collection, and the text edits that add or
 * remove whole lines in the document's own line break.
 */
import { isCollection, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';
import type { ComposeModel } from './model';

/**
 * What the edits read: the text as parsed (a lone CR read as a line feed,
 * same offsets), its line index (whose `eol` is the line break to insert),
 * and which nodes are written in this document. A ComposeModel is one.
 */
export type YamlDocumentText = Pick<ComposeModel, 'text' | 'lines' | 'isLocal' | 'entriesOf'>;

export type KeyPair = Pair<Node, Node | null>;

/** Offset just after a node's last character: `yaml` ends block collections after their line break. */
export function contentEnd(doc: YamlDocumentText, node: Node): number {
  const [start, end] = node.range!;
  let at = end;
  while (at > start && /\s/.test(doc.text[at - 1])) at -= 1;
  return at;
}

/** Like contentEnd, but a block collection ends with its last item (the comment on that line is not its content). */
export function valueEnd(doc: YamlDocumentText, node: Node): number {
  if (!isCollection(node) || node.flow || node.items.length === 0) return contentEnd(doc, node);
  const last = node.items[node.items.length - 1] as Node | KeyPair;
  const tail = isPair(last) ? pairTail(last as KeyPair) : (last as Node);
  return tail?.range ? valueEnd(doc, tail) : contentEnd(doc, node);
}

export function lineOf(doc: YamlDocumentText, offset: number): number {
  return doc.lines.positionAt(offset).line;
}

/** The node whose end is a pair's end: its value, or its key when the value is empty. */
export function pairTail(pair: KeyPair): Node {
  return pair.value?.range ? pair.value : pair.key;
}

export function pairEnd(doc: YamlDocumentText, pair: KeyPair): number {
  return contentEnd(doc, pairTail(pair));
}

export function edit(lines: LineIndex, start: number, end: number, newText: string): TextEdit {
  return { range: lines.rangeOf(start, end), newText };
}

/** Inserts whole lines after `line` (after its line break; with one before them when it is the last line). */
export function insertLinesAfter(doc: YamlDocumentText, line: number, newLines: string[]): TextEdit {
  const { lines } = doc;
  const eol = lines.eol;
  if (line + 1 < lines.lineCount) {
    const at = lines.lineStart(line + 1);
    return edit(lines, at, at, newLines.map((text) => text + eol).join(''));
  }
  return edit(lines, doc.text.length, doc.text.length, eol + newLines.join(eol));
}

/** Removes lines `first`..`last` with their line breaks (the one before them when `last` is the last line). */
export function removeLines(doc: YamlDocumentText, first: number, last: number): TextEdit {
  const { lines } = doc;
  if (last + 1 < lines.lineCount) return edit(lines, lines.lineStart(first), lines.lineStart(last + 1), '');
  const start = first > 0 ? lines.lineEnd(first - 1) : 0;
  return edit(lines, start, doc.text.length, '');
}

/** The text of a line before a column. */
export function linePrefix(doc: YamlDocumentText, offset: number): string {
  const { line, character } = doc.lines.positionAt(offset);
  return doc.lines.lineText(line).slice(0, character);
}

/** Column of a block collection's entries: its first key's, or its first dash's. */
export function columnOf(doc: YamlDocumentText, offset: number): number {
  return doc.lines.positionAt(offset).character;
}

/**
 * The document's indentation step, for new nested levels: how much deeper
 * the first indented line sits than the line it belongs to; two spaces when
 * nothing is indented yet.
 */
export function indentUnit(doc: Pick<YamlDocumentText, 'lines'>): string {
  const { lines } = doc;
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const indent = /^ */.exec(text)![0].length;
    if (indent > 0 && indent < text.length && text[indent] !== '#') return ' '.repeat(Math.min(indent, 8));
  }
  return '  ';
}

/** The pair of `key` written in the mapping itself (not merged in by `<<`). */
export function ownPair(map: YAMLMap, key: string): KeyPair | undefined {
  return (map.items as KeyPair[]).find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

/** Whether a `<<` merge key of the mapping brings in `key` (hidden or not by the mapping's own pair). */
export function mergeProvides(doc: YamlDocumentText, map: YAMLMap, key: string): boolean {
  const merge = ownPair(map, '<<');
  if (!merge) return false;
  const sources = isSeq(merge.value) ? (merge.value.items as Node[]) : [merge.value];
  return sources.some((source) => doc.entriesOf(source ?? null).has(key));
}

/** Whether the mapping gets `key` from a `<<` merge key rather than its own pair. */
export function mergedIn(doc: YamlDocumentText, map: YAMLMap, key: string): boolean {
  return !ownPair(map, key) && mergeProvides(doc, map, key);
}

/** True for an empty value (`key:` alone, `key: ~`, `key: null`). */
export function isEmptyValue(node: Node | null): boolean {
  return node === null || (isScalar(node) && (node.value === null || node.value === undefined));
}

/**
 * Removes the flow items at `removed` (indexes into spans, in order) with one
 * separating comma each: a run of removed items after a kept one takes the
 * comma before it, a leading run the comma after it. Runs never overlap.
 */
export function removeFlowItems(
  doc: YamlDocumentText,
  spans: readonly { start: number; end: number }[],
  removed: ReadonlySet<number>,
): TextEdit[] {
  const edits: TextEdit[] = [];
  // Over the removed indexes only: one item of a 17,000-item list is removed in constant time.
  for (const [i, j] of runsOf(removed)) {
    if (i > 0) edits.push(edit(doc.lines, spans[i - 1].end, spans[j].end, ''));
    else if (j + 1 < spans.length) edits.push(edit(doc.lines, spans[0].start, spans[j + 1].start, ''));
    else edits.push(edit(doc.lines, spans[0].start, spans[j].end, ''));
  }
  return edits;
}

/** Runs of consecutive indexes, first and last of each, in order. */
export function runsOf(indexes: ReadonlySet<number>): [number, number][] {
  const runs: [number, number][] = [];
  for (const index of [...indexes].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  }
  return runs;
}

const FLOW_SPANS = new WeakMap<YAMLMap | YAMLSeq, { start: number; end: number }[]>();

/** Start and end of each item of a flow sequence, or each pair of a flow mapping. */
export function flowSpans(doc: YamlDocumentText, collection: YAMLMap | YAMLSeq): { start: number; end: number }[] {
  // Remembered per collection (its text never changes): a fix per item must not measure every item each time.
  let spans = FLOW_SPANS.get(collection);
  if (!spans) {
    spans = (collection.items as unknown[]).map((item) => {
      const pair = item as Partial<KeyPair>;
      if (pair.key !== undefined) return { start: pair.key.range![0], end: pairEnd(doc, pair as KeyPair) };
      const node = item as Node;
      return { start: node.range![0], end: contentEnd(doc, node) };
    });
    FLOW_SPANS.set(collection, spans);
  }
  return spans;
}
